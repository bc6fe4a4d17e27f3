package io.github.geminiimage.wire.internal.codec;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shapes {@link JsonScanner} knows: the fields of a {@code GenerateContentResponse} and of a
 * conversation document, what each holds (a value kept as is, an object, an array, base64 image
 * data, a thought signature), and the renaming of snake_case keys to camelCase. Immutable.
 */
final class JsonSchema {

    private static final int MAX_KEY = 64;

    private JsonSchema() {
    }

    enum Kind { VALUE, OBJECT, ARRAY, DATA, SIGNATURE }

    enum Role { NONE, OUTER, PART }

    /** A known object: its fields by camelCase name, and whether unknown fields are kept. */
    static final class Node {
        final boolean keepUnknown;
        private final Map<String, Field> fields = new HashMap<>();

        private Node(boolean keepUnknown) {
            this.keepUnknown = keepUnknown;
        }

        private Node field(String name, Kind kind) {
            return field(name, kind, null, Role.NONE, null);
        }

        private Node field(String name, Kind kind, Node child, Role role, String label) {
            fields.put(name, new Field(name, kind, child, role, label, 1L << fields.size()));
            return this;
        }
    }

    static final class Field {
        final String name;
        final byte[] emitted;
        final Kind kind;
        final Node child;
        final Role role;
        final String label;
        final long bit;

        Field(String name, Kind kind, Node child, Role role, String label, long bit) {
            this.name = name;
            this.emitted = ("\"" + name + "\":").getBytes(StandardCharsets.US_ASCII);
            this.kind = kind;
            this.child = child;
            this.role = role;
            this.label = label;
            this.bit = bit;
        }
    }

    /** A {@code GenerateContentResponse}. */
    static final Node RESPONSE;
    /** A conversation document: {@code {"contents":[...]}}. */
    static final Node CONVERSATION;
    /**
     * A {@code GenerateContentRequest}: contents as in a conversation (parts may also hold
     * {@code fileData}), the small objects kept as they are, unknown fields kept so that a server
     * can refuse them.
     */
    static final Node REQUEST;

    static {
        Node inlineData = new Node(true).field("mimeType", Kind.VALUE).field("data", Kind.DATA);
        Node fileData = new Node(true).field("mimeType", Kind.VALUE).field("fileUri", Kind.VALUE);
        Node part = new Node(true).field("text", Kind.VALUE).field("thought", Kind.VALUE)
                .field("inlineData", Kind.OBJECT, inlineData, Role.NONE, null)
                .field("fileData", Kind.OBJECT, fileData, Role.NONE, null)
                .field("thoughtSignature", Kind.SIGNATURE);
        Node content = new Node(false).field("role", Kind.VALUE)
                .field("parts", Kind.ARRAY, part, Role.PART, "part");
        Node rating = new Node(false).field("category", Kind.VALUE).field("probability", Kind.VALUE)
                .field("blocked", Kind.VALUE);
        Node webChunk = new Node(false).field("uri", Kind.VALUE).field("title", Kind.VALUE).field("domain", Kind.VALUE);
        Node imageChunk = new Node(false).field("imageUri", Kind.VALUE).field("sourceUri", Kind.VALUE)
                .field("title", Kind.VALUE).field("domain", Kind.VALUE);
        Node chunk = new Node(false).field("web", Kind.OBJECT, webChunk, Role.NONE, null)
                .field("image", Kind.OBJECT, imageChunk, Role.NONE, null);
        Node grounding = new Node(false).field("webSearchQueries", Kind.VALUE).field("imageSearchQueries", Kind.VALUE)
                .field("groundingChunks", Kind.ARRAY, chunk, Role.NONE, null);
        Node candidate = new Node(false).field("content", Kind.OBJECT, content, Role.NONE, null)
                .field("finishReason", Kind.VALUE).field("finishMessage", Kind.VALUE).field("index", Kind.VALUE)
                .field("continuationToken", Kind.VALUE)
                .field("safetyRatings", Kind.ARRAY, rating, Role.NONE, null)
                .field("groundingMetadata", Kind.OBJECT, grounding, Role.NONE, null);
        Node feedback = new Node(false).field("blockReason", Kind.VALUE).field("blockReasonMessage", Kind.VALUE)
                .field("safetyRatings", Kind.ARRAY, rating, Role.NONE, null);
        Node tokens = new Node(false).field("modality", Kind.VALUE).field("tokenCount", Kind.VALUE);
        Node usage = new Node(false);
        for (String count : List.of("promptTokenCount", "candidatesTokenCount", "totalTokenCount", "thoughtsTokenCount",
                "cachedContentTokenCount", "toolUsePromptTokenCount")) {
            usage.field(count, Kind.VALUE);
        }
        for (String details : List.of("promptTokensDetails", "candidatesTokensDetails", "cacheTokensDetails",
                "toolUsePromptTokensDetails")) {
            usage.field(details, Kind.ARRAY, tokens, Role.NONE, null);
        }
        usage.field("trafficType", Kind.VALUE);
        RESPONSE = new Node(false).field("candidates", Kind.ARRAY, candidate, Role.OUTER, "candidate")
                .field("promptFeedback", Kind.OBJECT, feedback, Role.NONE, null)
                .field("usageMetadata", Kind.OBJECT, usage, Role.NONE, null)
                .field("modelVersion", Kind.VALUE).field("responseId", Kind.VALUE);
        CONVERSATION = new Node(false).field("contents", Kind.ARRAY, content, Role.OUTER, "content");
        // A request's contents have the shape of a reply's (a part may hold fileData either way).
        REQUEST = new Node(true).field("contents", Kind.ARRAY, content, Role.OUTER, "content")
                .field("systemInstruction", Kind.VALUE).field("generationConfig", Kind.VALUE)
                .field("safetySettings", Kind.VALUE).field("labels", Kind.VALUE)
                .field("tools", Kind.VALUE).field("outputConfig", Kind.VALUE)
                .field("serviceTier", Kind.VALUE).field("continuationToken", Kind.VALUE);
    }

    /**
     * The field of {@code node} named by a scanned key (raw JSON string content), under its
     * camelCase name or, as proto3 JSON allows, its snake_case one; null for an unknown field.
     */
    static Field lookup(Node node, byte[] key, int length) {
        if (length > MAX_KEY) {
            return null;
        }
        String name = JsonStrings.javaString(key, length);
        Field field = node.fields.get(name);
        if (field == null && name.indexOf('_') >= 0) {
            // proto3 JSON: the snake_case name of a field is as good as its camelCase name.
            StringBuilder camel = new StringBuilder(name.length());
            boolean upper = false;
            for (int i = 0; i < name.length(); i++) {
                char ch = name.charAt(i);
                if (ch == '_') {
                    upper = true;
                } else {
                    camel.append(upper ? Character.toUpperCase(ch) : ch);
                    upper = false;
                }
            }
            field = node.fields.get(camel.toString());
        }
        return field;
    }
}
