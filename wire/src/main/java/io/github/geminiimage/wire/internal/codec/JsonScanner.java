package io.github.geminiimage.wire.internal.codec;

import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.error.ResponseTooLargeException;
import io.github.geminiimage.wire.internal.codec.JsonSchema.Field;
import io.github.geminiimage.wire.internal.codec.JsonSchema.Node;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The grammar of a JSON reply (or conversation document), read once as it arrives, leaving behind
 * a small compacted copy for JSON-B to bind. On the way it
 * <ul>
 *   <li>checks the JSON strictly, with caps on nesting depth, entries and number length (the size
 *       cap is {@link JsonInput}'s);</li>
 *   <li>renames the known fields to camelCase ({@link JsonSchema});</li>
 *   <li>drops unknown fields, except inside parts, which are kept for replay;</li>
 *   <li>cuts every {@code inlineData.data} out and decodes it in place ({@link Base64Value}), and
 *       every {@code thoughtSignature} out as a string, leaving a placeholder in the copy.</li>
 * </ul>
 * The parts' cut values are kept in {@link PartRecord}s, by position. Not thread-safe; one per reply.
 */
final class JsonScanner {

    /** Containers may nest this deep, the top-level object counting as 1. */
    static final int MAX_DEPTH = 64;
    /** Parts in one reply or document. */
    static final int MAX_PARTS = 10_000;
    /** Entries of any other known array (candidates, ratings, token details). */
    static final int MAX_ENTRIES = 1_000;
    /** Base64 characters decoded by the JDK at a time ({@link Base64Value#CHUNK}). */
    static final int CHUNK = Base64Value.CHUNK;
    /** A {@code GenerateContentResponse}. */
    static final Node RESPONSE = JsonSchema.RESPONSE;
    /** A conversation document: {@code {"contents":[...]}}. */
    static final Node CONVERSATION = JsonSchema.CONVERSATION;
    /** A {@code GenerateContentRequest}, as a server reads it. */
    static final Node REQUEST = JsonSchema.REQUEST;
    private static final byte[] PLACEHOLDER = "true".getBytes(StandardCharsets.US_ASCII);

    private final JsonInput input;
    private final ScanErrors errors;
    private final Base64Value base64;
    private final long declaredLength;
    private final String subject;
    private final JsonTokens tokens;
    private final ByteSink compact = new ByteSink(4096);
    private final ByteSink scratch = new ByteSink(256);
    private final List<List<PartRecord>> parts = new ArrayList<>();
    private PartRecord currentPart;
    private int partCount;

    /**
     * @param in the stream, read once and not closed
     * @param maxBytes reading more than this fails with {@link ResponseTooLargeException}
     * @param declaredLength the length the sender declared, if any: it bounds each image's size
     * @param subject what is read, for messages ("reply")
     */
    JsonScanner(InputStream in, long maxBytes, OptionalLong declaredLength, String subject) {
        this.errors = new ScanErrors();
        this.declaredLength = declaredLength.orElse(-1);
        this.input = new JsonInput(in, maxBytes, this.declaredLength, subject, errors);
        errors.input = input;
        this.subject = subject;
        this.base64 = new Base64Value(input, errors, this.declaredLength);
        this.tokens = new JsonTokens(input, errors);
    }

    /** Reads the whole stream as one object of shape {@code root}, checking it and compacting it. */
    void scan(Node root) throws IOException {
        try {
            int c = input.skipWhitespace();
            if (c < 0) {
                throw errors.malformed("the " + subject + " is empty");
            }
            if (c != '{') {
                throw errors.malformed("the " + subject + " is not a JSON object: it starts with " + ScanErrors.show(c));
            }
            object(root, 1);
            c = input.skipWhitespace();
            if (c >= 0) {
                throw errors.malformed("unexpected " + ScanErrors.show(c) + " after the JSON object at byte " + input.offset());
            }
        } catch (ByteSink.Overflow e) {
            throw errors.tooLarge("the " + subject + " holds a value larger than 2 GB");
        }
    }

    /** Decodes every {@code inlineData.data} met from now on to {@code session} instead of an array. */
    void sendImagesTo(io.github.geminiimage.domain.sink.SinkSession session) {
        base64.sendTo(session);
    }

    /** A {@link MalformedResponseException} for what the bound copy turned out to hold. */
    MalformedResponseException malformed(String message) {
        return errors.malformed(message);
    }

    /** The compacted copy: {@code compactBytes()[0, compactSize())}. */
    byte[] compactBytes() {
        return compact.array();
    }

    int compactSize() {
        return compact.size();
    }

    /** The part records of candidate (or content) {@code outerIndex}, in order. */
    List<PartRecord> parts(int outerIndex) {
        return outerIndex < parts.size() ? parts.get(outerIndex) : List.of();
    }

    /** The JSON text of a part as kept: compacted, its known fields in camelCase, cut values put back. */
    String rawJson(PartRecord record) {
        return record.rawJson(compact.array());
    }

    /** Checks that {@code json} is exactly one JSON object; says what is wrong if not. */
    static Optional<String> objectProblem(String json) {
        JsonScanner scanner = new JsonScanner(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                Long.MAX_VALUE, OptionalLong.empty(), "part");
        try {
            int c = scanner.input.skipWhitespace();
            if (c != '{') {
                return Optional.of(c < 0 ? "it is empty" : "it starts with " + ScanErrors.show(c));
            }
            scanner.any(1, false);
            c = scanner.input.skipWhitespace();
            return c < 0 ? Optional.empty() : Optional.of("unexpected " + ScanErrors.show(c) + " after the object");
        } catch (MalformedResponseException e) {
            return Optional.of(e.getMessage());
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        }
    }

    // ---- structure -------------------------------------------------------------------------

    private void object(Node node, int depth) throws IOException {
        long seen = 0;
        boolean first = true;
        int c = enter(depth, true, '{');
        if (emptyCloses(c, true, '}')) {
            return;
        }
        while (true) {
            if (c != '"') {
                throw errors.unexpected("a field name", c);
            }
            scratch.reset();
            tokens.string(scratch);
            colon(false);
            Field field = JsonSchema.lookup(node, scratch.array(), scratch.size());
            if (field != null) {
                if ((seen & field.bit) != 0) {
                    throw errors.malformed(errors.where() + "the field \"" + field.name + "\" appears twice");
                }
                seen |= field.bit;
                if (!first) {
                    compact.put(',');
                }
                first = false;
                compact.put(field.emitted);
                value(field, depth + 1);
            } else if (node.keepUnknown) {
                if (!first) {
                    compact.put(',');
                }
                first = false;
                compact.put('"');
                compact.put(scratch.array(), 0, scratch.size());
                compact.put('"');
                compact.put(':');
                any(depth + 1, true);
            } else {
                any(depth + 1, false);
            }
            if (closes(true, '}')) {
                return;
            }
            c = input.skipWhitespace();
        }
    }

    private void value(Field field, int depth) throws IOException {
        switch (field.kind) {
            case VALUE -> any(depth, true);
            case OBJECT -> {
                int c = input.skipWhitespace();
                if (c == 'n') {
                    tokens.literal("null", compact);
                } else if (c == '{') {
                    object(field.child, depth);
                } else {
                    throw errors.notA("an object", field.name, c);
                }
            }
            case ARRAY -> array(field, depth);
            case DATA -> data();
            case SIGNATURE -> signature();
            default -> throw new IllegalStateException(field.kind.name());
        }
    }

    private void array(Field field, int depth) throws IOException {
        int c = input.skipWhitespace();
        if (c == 'n') {
            tokens.literal("null", compact);
            return;
        }
        if (c != '[') {
            throw errors.notA("an array", field.name, c);
        }
        int index = 0;
        c = enter(depth, true, '[');
        if (emptyCloses(c, true, ']')) {
            return;
        }
        while (true) {
            if (c != '{') {
                if (c < 0) {
                    throw errors.truncated();
                }
                throw errors.malformed(errors.where() + "entry " + index + " of \"" + field.name + "\" is not an object");
            }
            if (index > 0) {
                compact.put(',');
            }
            element(field, index, depth + 1);
            index++;
            if (closes(true, ']')) {
                return;
            }
            c = input.skipWhitespace();
        }
    }

    private void element(Field field, int index, int depth) throws IOException {
        switch (field.role) {
            case OUTER -> {
                if (index >= MAX_ENTRIES) {
                    throw errors.malformed("more than " + MAX_ENTRIES + " entries in \"" + field.name + "\"");
                }
                errors.outerLabel = field.label;
                errors.outer = index;
                parts.add(new ArrayList<>());
                object(field.child, depth);
                errors.outer = -1;
            }
            case PART -> {
                if (++partCount > MAX_PARTS) {
                    throw errors.malformed(errors.where() + "more than " + MAX_PARTS + " parts in the " + subject);
                }
                errors.part = index;
                PartRecord record = new PartRecord(compact.size());
                currentPart = record;
                object(field.child, depth);
                record.end = compact.size();
                parts.get(errors.outer).add(record);
                currentPart = null;
                errors.part = -1;
            }
            default -> {
                if (index >= MAX_ENTRIES) {
                    throw errors.malformed(errors.where() + "more than " + MAX_ENTRIES + " entries in \"" + field.name + "\"");
                }
                object(field.child, depth);
            }
        }
    }

    /** Any JSON value, copied to the compacted text when {@code emit}; containers open at {@code depth}. */
    private void any(int depth, boolean emit) throws IOException {
        int c = input.skipWhitespace();
        switch (c) {
            case '{' -> anyObject(depth, emit);
            case '[' -> anyArray(depth, emit);
            case '"' -> string(emit);
            case 't' -> tokens.literal("true", emit ? compact : null);
            case 'f' -> tokens.literal("false", emit ? compact : null);
            case 'n' -> tokens.literal("null", emit ? compact : null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    tokens.number(emit ? compact : null);
                } else {
                    throw errors.unexpected("a value", c);
                }
            }
        }
    }

    private void anyObject(int depth, boolean emit) throws IOException {
        int c = enter(depth, emit, '{');
        if (emptyCloses(c, emit, '}')) {
            return;
        }
        while (true) {
            if (c != '"') {
                throw errors.unexpected("a field name", c);
            }
            string(emit);
            colon(emit);
            any(depth + 1, emit);
            if (closes(emit, '}')) {
                return;
            }
            put(emit, ',');
            c = input.skipWhitespace();
        }
    }

    private void anyArray(int depth, boolean emit) throws IOException {
        if (emptyCloses(enter(depth, emit, '['), emit, ']')) {
            return;
        }
        while (true) {
            any(depth + 1, emit);
            if (closes(emit, ']')) {
                return;
            }
            put(emit, ',');
        }
    }

    /**
     * Steps over the opening bracket {@code open} of a container at {@code depth} (copied when
     * {@code emit}); returns the first character inside it.
     */
    private int enter(int depth, boolean emit, char open) throws IOException {
        if (depth > MAX_DEPTH) {
            throw errors.tooDeep();
        }
        input.pos++;
        put(emit, open);
        return input.skipWhitespace();
    }

    /** Whether {@code c}, the first character inside a container, closes it; then steps over it. */
    private boolean emptyCloses(int c, boolean emit, char close) {
        if (c != close) {
            return false;
        }
        input.pos++;
        put(emit, close);
        return true;
    }

    /**
     * After an entry: steps over the comma (not copied: callers copy it when they need it) and
     * answers false, or over the closing bracket {@code close} (copied when {@code emit}) and answers true.
     */
    private boolean closes(boolean emit, char close) throws IOException {
        int c = input.skipWhitespace();
        if (c == ',') {
            input.pos++;
            return false;
        }
        if (c == close) {
            input.pos++;
            put(emit, close);
            return true;
        }
        throw errors.unexpected(close == '}' ? "',' or '}'" : "',' or ']'", c);
    }

    /** Steps over the colon after a field name, copied when {@code emit}. */
    private void colon(boolean emit) throws IOException {
        int c = input.skipWhitespace();
        if (c != ':') {
            throw errors.unexpected("':'", c);
        }
        input.pos++;
        put(emit, ':');
    }

    /** A string (the input at its opening quote), copied with its quotes when {@code emit}. */
    private void string(boolean emit) throws IOException {
        if (emit) {
            compact.put('"');
            tokens.string(compact);
            compact.put('"');
        } else {
            tokens.string(null);
        }
    }

    private void put(boolean emit, char c) {
        if (emit) {
            compact.put(c);
        }
    }

    // ---- scalars ---------------------------------------------------------------------------

    private void signature() throws IOException {
        int c = input.skipWhitespace();
        if (c == 'n') {
            tokens.literal("null", compact);
            return;
        }
        if (c != '"') {
            throw c < 0 ? errors.truncated() : errors.malformed(errors.where() + "thoughtSignature is not a string");
        }
        // Signatures run to megabytes: size the buffer once from what is left of the declared
        // length rather than doubling up to it.
        long left = declaredLength - input.offset();
        scratch.resetWithCapacity(left > 0 ? (int) Math.min(left, Base64Value.MAX_UPFRONT) : 0);
        tokens.string(scratch);
        currentPart.signature = JsonStrings.javaString(scratch.array(), scratch.size());
        int start = compact.size();
        compact.put(PLACEHOLDER);
        currentPart.cuts.add(new PartRecord.Cut(start, compact.size(), false));
    }

    private void data() throws IOException {
        int c = input.skipWhitespace();
        if (c == 'n') {
            tokens.literal("null", compact);
            return;
        }
        if (c != '"') {
            throw c < 0 ? errors.truncated() : errors.malformed(errors.where() + "inlineData.data is not a string");
        }
        input.pos++;
        DecodedBytes bytes = base64.decode();
        currentPart.hasData = true;
        if (bytes.sink() != null) {
            bytes.settle();
            currentPart.written = bytes.sink();
        } else {
            currentPart.data = bytes.settle();
            currentPart.dataLength = bytes.length;
        }
        int start = compact.size();
        compact.put(PLACEHOLDER);
        currentPart.cuts.add(new PartRecord.Cut(start, compact.size(), true));
    }
}
