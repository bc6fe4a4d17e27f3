package io.github.geminiimage.http.internal.codec;

import io.github.geminiimage.domain.ErrorDetails;
import io.github.geminiimage.domain.MalformedResponseException;
import io.github.geminiimage.domain.ResponseTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a JSON reply (or conversation document) once, as it arrives, and leaves behind a small
 * compacted copy for JSON-B to bind. On the way it
 * <ul>
 *   <li>checks the JSON strictly, with caps on size, nesting depth, entries and number length;</li>
 *   <li>renames the known fields to camelCase ({@code inline_data} becomes {@code inlineData});</li>
 *   <li>drops unknown fields, except inside parts, which are kept for replay;</li>
 *   <li>cuts every {@code inlineData.data} out and decodes its base64 in place into one array, and
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
    private static final int MAX_NUMBER = 64;
    private static final int MAX_KEY = 64;
    private static final int BUFFER = 32 * 1024;
    /**
     * Base64 characters handed to the JDK's decoder at a time: a multiple of 4 (whole groups), and
     * small enough that the chunk and its decoded bytes stay in the L1 cache between the read, the
     * decode and the copy into the image (measured: 8 KB beats 32 KB by about a quarter; 4 KB is
     * no better). At most {@link #BUFFER}.
     */
    static final int CHUNK = 8 * 1024;
    private static final int TAIL_CHECK = 16;
    private static final int MAX_BULK_FAILURES = 2;
    private static final int BULK_DECODED = 0;
    private static final int BULK_SKIPPED = 1;
    private static final int BULK_REFUSED = 2;
    private static final int INITIAL_IMAGE = 64 * 1024;
    private static final int MAX_UPFRONT = 64 * 1024 * 1024;
    private static final int EXCERPT_BYTES = 240;
    private static final byte[] PLACEHOLDER = "true".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    /** Sextet of each base64 character (standard and URL-safe alphabets), -1 for anything else. */
    private static final byte[] SEXTET = new byte[256];

    static {
        java.util.Arrays.fill(SEXTET, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < 64; i++) {
            SEXTET[alphabet.charAt(i)] = (byte) i;
        }
        SEXTET['-'] = 62;
        SEXTET['_'] = 63;
    }

    private enum Kind { VALUE, OBJECT, ARRAY, DATA, SIGNATURE }

    private enum Role { NONE, OUTER, PART }

    /** A known object: its fields by camelCase name, and whether unknown fields are kept. */
    static final class Node {
        private final boolean keepUnknown;
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

    private static final class Field {
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

    static {
        Node inlineData = new Node(true).field("mimeType", Kind.VALUE).field("data", Kind.DATA);
        Node part = new Node(true).field("text", Kind.VALUE).field("thought", Kind.VALUE)
                .field("inlineData", Kind.OBJECT, inlineData, Role.NONE, null)
                .field("thoughtSignature", Kind.SIGNATURE);
        Node content = new Node(false).field("role", Kind.VALUE)
                .field("parts", Kind.ARRAY, part, Role.PART, "part");
        Node rating = new Node(false).field("category", Kind.VALUE).field("probability", Kind.VALUE)
                .field("blocked", Kind.VALUE);
        Node candidate = new Node(false).field("content", Kind.OBJECT, content, Role.NONE, null)
                .field("finishReason", Kind.VALUE).field("finishMessage", Kind.VALUE).field("index", Kind.VALUE)
                .field("safetyRatings", Kind.ARRAY, rating, Role.NONE, null);
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
        RESPONSE = new Node(false).field("candidates", Kind.ARRAY, candidate, Role.OUTER, "candidate")
                .field("promptFeedback", Kind.OBJECT, feedback, Role.NONE, null)
                .field("usageMetadata", Kind.OBJECT, usage, Role.NONE, null)
                .field("modelVersion", Kind.VALUE).field("responseId", Kind.VALUE);
        CONVERSATION = new Node(false).field("contents", Kind.ARRAY, content, Role.OUTER, "content");
    }

    /** Where a cut value sat in the compacted copy: {@code [start, end)} holds its placeholder. */
    record Cut(int start, int end, boolean data) {
    }

    /** One part object: where it sits in the compacted copy, and its cut-out values. */
    static final class PartRecord {
        final int start;
        int end;
        boolean hasData;
        byte[] data;
        int dataLength;
        String signature;
        final List<Cut> cuts = new ArrayList<>(2);

        PartRecord(int start) {
            this.start = start;
        }
    }

    private final InputStream in;
    private final long maxBytes;
    private final long declaredLength;
    private final String subject;
    private byte[] buf;
    private byte[] spare;
    private byte[] decodedChunk;
    private int pos;
    private int lim;
    private long total;
    private boolean eof;
    private final byte[] head = new byte[EXCERPT_BYTES];
    private int headLength;
    private final byte[] number = new byte[MAX_NUMBER];
    private final ByteSink compact = new ByteSink(4096);
    private final ByteSink scratch = new ByteSink(256);
    private final List<List<PartRecord>> parts = new ArrayList<>();
    private String outerLabel;
    private int outer = -1;
    private int part = -1;
    private PartRecord currentPart;
    private int partCount;
    /** Bytes of image arrays sized from the declared length so far. */
    private long presized;

    /**
     * @param in the stream, read once and not closed
     * @param maxBytes reading more than this fails with {@link ResponseTooLargeException}
     * @param declaredLength the length the sender declared, if any: it bounds each image's size
     * @param subject what is read, for messages ("reply")
     */
    JsonScanner(InputStream in, long maxBytes, OptionalLong declaredLength, String subject) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.declaredLength = declaredLength.orElse(-1);
        this.subject = subject;
        this.buf = new byte[BUFFER];
    }

    /** Reads the whole stream as one object of shape {@code root}, checking it and compacting it. */
    void scan(Node root) throws IOException {
        try {
            int c = skipWhitespace();
            if (c < 0) {
                throw malformed("the " + subject + " is empty");
            }
            if (c != '{') {
                throw malformed("the " + subject + " is not a JSON object: it starts with " + show(c));
            }
            object(root, 1);
            c = skipWhitespace();
            if (c >= 0) {
                throw malformed("unexpected " + show(c) + " after the JSON object at byte " + offset());
            }
        } catch (ByteSink.Overflow e) {
            throw tooLarge("the " + subject + " holds a value larger than 2 GB");
        }
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

    /**
     * The JSON text of a part as kept: compacted, its known fields in camelCase, cut values put back.
     */
    String rawJson(PartRecord record) {
        ByteSink text = new ByteSink(record.end - record.start + 64);
        int at = record.start;
        for (Cut cut : record.cuts) {
            text.put(compact.array(), at, cut.start() - at);
            text.put('"');
            if (cut.data()) {
                text.put(Base64.getEncoder().encode(java.util.Arrays.copyOf(record.data, record.dataLength)));
            } else {
                putEscaped(text, record.signature);
            }
            text.put('"');
            at = cut.end();
        }
        text.put(compact.array(), at, record.end - at);
        return new String(text.array(), 0, text.size(), StandardCharsets.UTF_8);
    }

    /** Checks that {@code json} is exactly one JSON object; says what is wrong if not. */
    static Optional<String> objectProblem(String json) {
        JsonScanner scanner = new JsonScanner(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                Long.MAX_VALUE, OptionalLong.empty(), "part");
        try {
            int c = scanner.skipWhitespace();
            if (c != '{') {
                return Optional.of(c < 0 ? "it is empty" : "it starts with " + show(c));
            }
            scanner.any(1, false);
            c = scanner.skipWhitespace();
            return c < 0 ? Optional.empty() : Optional.of("unexpected " + show(c) + " after the object");
        } catch (MalformedResponseException e) {
            return Optional.of(e.getMessage());
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        }
    }

    // ---- structure -------------------------------------------------------------------------

    private void object(Node node, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw tooDeep();
        }
        pos++;
        compact.put('{');
        long seen = 0;
        boolean first = true;
        int c = skipWhitespace();
        if (c == '}') {
            pos++;
            compact.put('}');
            return;
        }
        while (true) {
            if (c != '"') {
                throw unexpected("a field name", c);
            }
            scratch.reset();
            string(scratch);
            c = skipWhitespace();
            if (c != ':') {
                throw unexpected("':'", c);
            }
            pos++;
            Field field = lookup(node);
            if (field != null) {
                if ((seen & field.bit) != 0) {
                    throw malformed(where() + "the field \"" + field.name + "\" appears twice");
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
            c = skipWhitespace();
            if (c == ',') {
                pos++;
                c = skipWhitespace();
            } else if (c == '}') {
                pos++;
                compact.put('}');
                return;
            } else {
                throw unexpected("',' or '}'", c);
            }
        }
    }

    private Field lookup(Node node) {
        if (scratch.size() > MAX_KEY) {
            return null;
        }
        String name = javaString(scratch.array(), scratch.size());
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

    private void value(Field field, int depth) throws IOException {
        switch (field.kind) {
            case VALUE -> any(depth, true);
            case OBJECT -> {
                int c = skipWhitespace();
                if (c == 'n') {
                    literal("null", true);
                } else if (c == '{') {
                    object(field.child, depth);
                } else {
                    throw notA("an object", field, c);
                }
            }
            case ARRAY -> array(field, depth);
            case DATA -> data();
            case SIGNATURE -> signature();
            default -> throw new IllegalStateException(field.kind.name());
        }
    }

    private void array(Field field, int depth) throws IOException {
        int c = skipWhitespace();
        if (c == 'n') {
            literal("null", true);
            return;
        }
        if (c != '[') {
            throw notA("an array", field, c);
        }
        if (depth > MAX_DEPTH) {
            throw tooDeep();
        }
        pos++;
        compact.put('[');
        int index = 0;
        c = skipWhitespace();
        if (c == ']') {
            pos++;
            compact.put(']');
            return;
        }
        while (true) {
            if (c != '{') {
                if (c < 0) {
                    throw truncated();
                }
                throw malformed(where() + "entry " + index + " of \"" + field.name + "\" is not an object");
            }
            if (index > 0) {
                compact.put(',');
            }
            element(field, index, depth + 1);
            index++;
            c = skipWhitespace();
            if (c == ',') {
                pos++;
                c = skipWhitespace();
            } else if (c == ']') {
                pos++;
                compact.put(']');
                return;
            } else {
                throw unexpected("',' or ']'", c);
            }
        }
    }

    private void element(Field field, int index, int depth) throws IOException {
        switch (field.role) {
            case OUTER -> {
                if (index >= MAX_ENTRIES) {
                    throw malformed("more than " + MAX_ENTRIES + " entries in \"" + field.name + "\"");
                }
                outerLabel = field.label;
                outer = index;
                parts.add(new ArrayList<>());
                object(field.child, depth);
                outer = -1;
            }
            case PART -> {
                if (++partCount > MAX_PARTS) {
                    throw malformed(where() + "more than " + MAX_PARTS + " parts in the " + subject);
                }
                part = index;
                PartRecord record = new PartRecord(compact.size());
                currentPart = record;
                object(field.child, depth);
                record.end = compact.size();
                parts.get(outer).add(record);
                currentPart = null;
                part = -1;
            }
            default -> {
                if (index >= MAX_ENTRIES) {
                    throw malformed(where() + "more than " + MAX_ENTRIES + " entries in \"" + field.name + "\"");
                }
                object(field.child, depth);
            }
        }
    }

    /** Any JSON value, copied to the compacted text when {@code emit}; containers open at {@code depth}. */
    private void any(int depth, boolean emit) throws IOException {
        int c = skipWhitespace();
        switch (c) {
            case '{' -> anyObject(depth, emit);
            case '[' -> anyArray(depth, emit);
            case '"' -> {
                if (emit) {
                    compact.put('"');
                    string(compact);
                    compact.put('"');
                } else {
                    string(null);
                }
            }
            case 't' -> literal("true", emit);
            case 'f' -> literal("false", emit);
            case 'n' -> literal("null", emit);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    number(emit);
                } else {
                    throw unexpected("a value", c);
                }
            }
        }
    }

    private void anyObject(int depth, boolean emit) throws IOException {
        if (depth > MAX_DEPTH) {
            throw tooDeep();
        }
        pos++;
        put(emit, '{');
        int c = skipWhitespace();
        if (c == '}') {
            pos++;
            put(emit, '}');
            return;
        }
        while (true) {
            if (c != '"') {
                throw unexpected("a field name", c);
            }
            if (emit) {
                compact.put('"');
                string(compact);
                compact.put('"');
            } else {
                string(null);
            }
            c = skipWhitespace();
            if (c != ':') {
                throw unexpected("':'", c);
            }
            pos++;
            put(emit, ':');
            any(depth + 1, emit);
            c = skipWhitespace();
            if (c == ',') {
                pos++;
                put(emit, ',');
                c = skipWhitespace();
            } else if (c == '}') {
                pos++;
                put(emit, '}');
                return;
            } else {
                throw unexpected("',' or '}'", c);
            }
        }
    }

    private void anyArray(int depth, boolean emit) throws IOException {
        if (depth > MAX_DEPTH) {
            throw tooDeep();
        }
        pos++;
        put(emit, '[');
        int c = skipWhitespace();
        if (c == ']') {
            pos++;
            put(emit, ']');
            return;
        }
        while (true) {
            any(depth + 1, emit);
            c = skipWhitespace();
            if (c == ',') {
                pos++;
                put(emit, ',');
            } else if (c == ']') {
                pos++;
                put(emit, ']');
                return;
            } else {
                throw unexpected("',' or ']'", c);
            }
        }
    }

    private void put(boolean emit, char c) {
        if (emit) {
            compact.put(c);
        }
    }

    // ---- scalars ---------------------------------------------------------------------------

    /** A string from its opening quote; its raw content (escapes as written) goes to {@code target}. */
    private void string(ByteSink target) throws IOException {
        pos++;
        while (true) {
            if (pos == lim && !fill()) {
                throw truncated();
            }
            int start = pos;
            byte[] b = buf;
            int p = pos;
            int end = lim;
            while (p < end) {
                int ch = b[p] & 0xFF;
                if (ch == '"' || ch == '\\' || ch < 0x20) {
                    break;
                }
                p++;
            }
            pos = p;
            if (target != null && p > start) {
                target.put(b, start, p - start);
            }
            if (p == end) {
                continue;
            }
            int ch = b[p] & 0xFF;
            if (ch == '"') {
                pos++;
                return;
            }
            if (ch < 0x20) {
                throw malformed(where() + "an unescaped control character (" + show(ch) + ") in a string at byte " + offset());
            }
            pos++;
            int escape = nextByte();
            if (target != null) {
                target.put('\\');
                target.put(escape);
            }
            switch (escape) {
                case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                    // a one-letter escape
                }
                case 'u' -> {
                    for (int k = 0; k < 4; k++) {
                        int h = nextByte();
                        if (hex(h) < 0) {
                            throw malformed(where() + "an invalid \\u escape at byte " + offset());
                        }
                        if (target != null) {
                            target.put(h);
                        }
                    }
                }
                default -> throw malformed(where() + "an invalid escape \\" + (char) escape + " at byte " + offset());
            }
        }
    }

    private void number(boolean emit) throws IOException {
        int n = 0;
        while (pos < lim || fill()) {
            int ch = buf[pos] & 0xFF;
            if ((ch >= '0' && ch <= '9') || ch == '-' || ch == '+' || ch == '.' || ch == 'e' || ch == 'E') {
                if (n == MAX_NUMBER) {
                    throw malformed(where() + "a number longer than " + MAX_NUMBER + " characters at byte " + offset());
                }
                number[n++] = (byte) ch;
                pos++;
            } else {
                break;
            }
        }
        if (!isNumber(number, n)) {
            throw malformed(where() + "an invalid number at byte " + offset());
        }
        if (emit) {
            compact.put(number, 0, n);
        }
    }

    /** RFC 8259: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}. */
    private static boolean isNumber(byte[] s, int n) {
        int i = 0;
        if (i < n && s[i] == '-') {
            i++;
        }
        if (i == n) {
            return false;
        }
        if (s[i] == '0') {
            i++;
        } else if (s[i] >= '1' && s[i] <= '9') {
            while (i < n && s[i] >= '0' && s[i] <= '9') {
                i++;
            }
        } else {
            return false;
        }
        if (i < n && s[i] == '.') {
            i++;
            int digits = i;
            while (i < n && s[i] >= '0' && s[i] <= '9') {
                i++;
            }
            if (i == digits) {
                return false;
            }
        }
        if (i < n && (s[i] == 'e' || s[i] == 'E')) {
            i++;
            if (i < n && (s[i] == '+' || s[i] == '-')) {
                i++;
            }
            int digits = i;
            while (i < n && s[i] >= '0' && s[i] <= '9') {
                i++;
            }
            if (i == digits) {
                return false;
            }
        }
        return i == n;
    }

    private void literal(String word, boolean emit) throws IOException {
        for (int i = 0; i < word.length(); i++) {
            int ch = nextByte();
            if (ch != word.charAt(i)) {
                throw malformed(where() + "an invalid literal (expected " + word + ") at byte " + (offset() - 1));
            }
        }
        if (emit) {
            for (int i = 0; i < word.length(); i++) {
                compact.put(word.charAt(i));
            }
        }
    }

    private void signature() throws IOException {
        int c = skipWhitespace();
        if (c == 'n') {
            literal("null", true);
            return;
        }
        if (c != '"') {
            throw c < 0 ? truncated() : malformed(where() + "thoughtSignature is not a string");
        }
        // Signatures run to megabytes: size the buffer once from what is left of the declared
        // length rather than doubling up to it.
        long left = declaredLength - offset();
        scratch.resetWithCapacity(left > 0 ? (int) Math.min(left, MAX_UPFRONT) : 0);
        string(scratch);
        currentPart.signature = javaString(scratch.array(), scratch.size());
        int start = compact.size();
        compact.put(PLACEHOLDER);
        currentPart.cuts.add(new Cut(start, compact.size(), false));
    }

    private void data() throws IOException {
        int c = skipWhitespace();
        if (c == 'n') {
            literal("null", true);
            return;
        }
        if (c != '"') {
            throw c < 0 ? truncated() : malformed(where() + "inlineData.data is not a string");
        }
        pos++;
        DecodedBytes bytes = base64();
        currentPart.hasData = true;
        currentPart.data = bytes.settle();
        currentPart.dataLength = bytes.length;
        int start = compact.size();
        compact.put(PLACEHOLDER);
        currentPart.cuts.add(new Cut(start, compact.size(), true));
    }

    // ---- base64 ----------------------------------------------------------------------------

    /**
     * Decodes a base64 string value from just after its opening quote to its closing quote.
     * Chunks of {@link #CHUNK} characters go through the JDK's vectorised array decoder, the first
     * ones straight from the buffer the JSON was read into, the others straight from the stream.
     * The scalar loop handles the chunk holding the closing quote, chunks the JDK refuses (escapes
     * such as {@code \/} or {@code \u002F}, escaped line breaks, the URL-safe alphabet) and missing
     * padding; it is also what names an error.
     */
    private DecodedBytes base64() throws IOException {
        DecodedBytes out = new DecodedBytes(initialImageCapacity());
        long stringStart = offset();
        int bits = 0;
        int sextets = 0;
        int pads = 0;
        boolean done = false;
        int bulkFailures = 0;
        // Offset up to which the scalar loop decodes before the JDK is tried again: the chunk
        // ending there was not plain base64.
        long scalarUntil = 0;
        while (true) {
            if (sextets == 0 && !done) {
                boolean bulkAllowed = bulkFailures < MAX_BULK_FAILURES;
                if (bulkAllowed && offset() >= scalarUntil) {
                    int tried = bulk(out);
                    if (tried == BULK_DECODED) {
                        continue;
                    }
                    if (tried == BULK_REFUSED) {
                        bulkFailures++;
                    }
                    scalarUntil = offset() + CHUNK;
                }
                int stop = lim;
                if (bulkAllowed) {
                    stop = (int) Math.min(lim, pos + Math.max(0, scalarUntil - offset()));
                }
                int quads = (stop - pos) >> 2;
                if (quads > 0) {
                    byte[] b = buf;
                    byte[] a = out.array;
                    int w = out.length;
                    int fit = Math.min(quads, (a.length - w) / 3);
                    int p = pos;
                    int end = p + 4 * fit;
                    while (p < end) {
                        int v0 = SEXTET[b[p] & 0xFF];
                        int v1 = SEXTET[b[p + 1] & 0xFF];
                        int v2 = SEXTET[b[p + 2] & 0xFF];
                        int v3 = SEXTET[b[p + 3] & 0xFF];
                        if ((v0 | v1 | v2 | v3) < 0) {
                            break;
                        }
                        int v = v0 << 18 | v1 << 12 | v2 << 6 | v3;
                        a[w] = (byte) (v >> 16);
                        a[w + 1] = (byte) (v >> 8);
                        a[w + 2] = (byte) v;
                        w += 3;
                        p += 4;
                    }
                    out.length = w;
                    pos = p;
                    if (p == end && fit < quads) {
                        out.ensure(3);
                        continue;
                    }
                    if (bulkAllowed && p == end && offset() >= scalarUntil) {
                        // Past the chunk the JDK did not take, on a group boundary: try it again.
                        continue;
                    }
                }
            }
            if (pos == lim && !fill()) {
                throw truncated();
            }
            int ch = buf[pos] & 0xFF;
            pos++;
            if (ch == '"') {
                break;
            }
            if (ch < 0x20) {
                throw malformed(where() + "an unescaped control character (" + show(ch) + ") in a string at byte " + (offset() - 1));
            }
            if (ch == '\\') {
                ch = unescape();
                if (ch == '\n' || ch == '\r') {
                    continue;
                }
            }
            if (ch == '=') {
                if (done || sextets < 2) {
                    throw badBase64("padding in the wrong place", offset() - stringStart - 1);
                }
                pads++;
                if (sextets + pads == 4) {
                    writeFinal(out, bits, sextets);
                    done = true;
                }
                continue;
            }
            int v = ch < 128 ? SEXTET[ch] : -1;
            if (v < 0) {
                throw badBase64("unexpected character " + show(ch), offset() - stringStart - 1);
            }
            if (done || pads > 0) {
                throw badBase64("data after the padding", offset() - stringStart - 1);
            }
            bits = bits << 6 | v;
            if (++sextets == 4) {
                out.ensure(3);
                out.array[out.length] = (byte) (bits >> 16);
                out.array[out.length + 1] = (byte) (bits >> 8);
                out.array[out.length + 2] = (byte) bits;
                out.length += 3;
                bits = 0;
                sextets = 0;
            }
        }
        if (!done) {
            if (pads > 0) {
                throw badBase64("incomplete padding", offset() - stringStart - 1);
            }
            if (sextets == 1) {
                throw badBase64("a final group of one character", offset() - stringStart - 1);
            }
            if (sextets > 1) {
                writeFinal(out, bits, sextets);
            }
        }
        return out;
    }

    /**
     * Decodes the next {@link #CHUNK} characters with the JDK if they are plain base64: from the
     * buffer when it holds a whole chunk, otherwise what it holds followed by bytes read straight
     * from the stream. When they are not (or the stream ends first), they are left in the buffer
     * at {@link #pos} for the scalar loop.
     *
     * @return {@link #BULK_DECODED}, {@link #BULK_SKIPPED} (not tried: too few bytes, or a chunk
     *     that visibly ends in something else, as the one holding the closing quote usually does)
     *     or {@link #BULK_REFUSED} (the JDK found a character it does not decode)
     */
    private int bulk(DecodedBytes out) throws IOException {
        int carried = lim - pos;
        boolean fromBuffer = carried >= CHUNK;
        if (!fromBuffer && eof) {
            return BULK_SKIPPED;
        }
        if (spare == null) {
            spare = new byte[CHUNK];
            decodedChunk = new byte[CHUNK / 4 * 3];
        }
        if (fromBuffer) {
            System.arraycopy(buf, pos, spare, 0, CHUNK);
        } else {
            System.arraycopy(buf, pos, spare, 0, carried);
            pos = lim;
            int n = carried + readUpTo(spare, carried, CHUNK - carried);
            if (n < CHUNK) {
                giveBack(n);
                return BULK_SKIPPED;
            }
        }
        if (!endsInBase64(spare)) {
            if (!fromBuffer) {
                giveBack(CHUNK);
            }
            return BULK_SKIPPED;
        }
        int written;
        try {
            written = DECODER.decode(spare, decodedChunk);
        } catch (IllegalArgumentException e) {
            if (!fromBuffer) {
                giveBack(CHUNK);
            }
            return BULK_REFUSED;
        }
        if (fromBuffer) {
            pos += CHUNK;
        }
        out.append(decodedChunk, written);
        if (written < decodedChunk.length) {
            // The chunk ended with padding: only the closing quote may follow.
            requireQuoteAfterPadding();
        }
        return BULK_DECODED;
    }

    /**
     * Whether the chunk's last characters are base64. A chunk holding the closing quote ends in
     * the JSON that follows it, which is rarely {@link #TAIL_CHECK} base64 letters in a row: this
     * spares the JDK's exception (and its stack trace) for that chunk. It decides nothing about
     * correctness, which the JDK's decoder checks.
     */
    private static boolean endsInBase64(byte[] chunk) {
        for (int i = chunk.length - TAIL_CHECK; i < chunk.length; i++) {
            int ch = chunk[i] & 0xFF;
            if (SEXTET[ch] < 0 && ch != '=') {
                return false;
            }
        }
        return true;
    }

    /** Makes {@code spare[0, n)}, read from the stream after an empty buffer, the buffer again. */
    private void giveBack(int n) {
        System.arraycopy(spare, 0, buf, 0, n);
        pos = 0;
        lim = n;
    }

    private void requireQuoteAfterPadding() throws IOException {
        if (pos == lim && !fill()) {
            throw truncated();
        }
        if (buf[pos] != '"') {
            throw badBase64("data after the padding", -1);
        }
    }

    private static void writeFinal(DecodedBytes out, int bits, int sextets) {
        out.ensure(2);
        if (sextets == 2) {
            out.array[out.length++] = (byte) (bits >> 4);
        } else {
            out.array[out.length++] = (byte) (bits >> 10);
            out.array[out.length++] = (byte) (bits >> 2);
        }
    }

    /** The character an escape stands for, the backslash already read. */
    private int unescape() throws IOException {
        int escape = nextByte();
        switch (escape) {
            case '"', '\\', '/':
                return escape;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                int value = 0;
                for (int k = 0; k < 4; k++) {
                    int h = hex(nextByte());
                    if (h < 0) {
                        throw malformed(where() + "an invalid \\u escape at byte " + offset());
                    }
                    value = value << 4 | h;
                }
                return value;
            default:
                throw malformed(where() + "an invalid escape at byte " + offset());
        }
    }

    private int initialImageCapacity() {
        long consumed = offset();
        // The declared length bounds an image, not every image: a reply of many tiny images that
        // declares a large length would allocate that much for each. Once the arrays sized from it
        // add up to twice what the reply can hold, later images start small and grow.
        boolean presize = declaredLength > consumed && presized <= 2 * (declaredLength / 4 * 3);
        long bound = Long.MAX_VALUE;
        if (presize) {
            // Every remaining byte could be base64 of this image: an upper bound, usually tight.
            bound = (declaredLength - consumed + 3) / 4 * 3;
        }
        if (maxBytes - consumed < Long.MAX_VALUE / 2) {
            bound = Math.min(bound, (maxBytes - consumed + 3) / 4 * 3);
        }
        if (bound == Long.MAX_VALUE || !presize) {
            bound = Math.min(bound, INITIAL_IMAGE);
        }
        int capacity = (int) Math.max(16, Math.min(bound, MAX_UPFRONT));
        if (presize) {
            presized += capacity;
        }
        return capacity;
    }

    // ---- input -----------------------------------------------------------------------------

    private int skipWhitespace() throws IOException {
        while (true) {
            if (pos == lim && !fill()) {
                return -1;
            }
            int ch = buf[pos] & 0xFF;
            if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t') {
                pos++;
            } else {
                return ch;
            }
        }
    }

    private int nextByte() throws IOException {
        if (pos == lim && !fill()) {
            throw truncated();
        }
        return buf[pos++] & 0xFF;
    }

    /** Refills the buffer once it is used up; false at the end of the stream. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = read(buf, 0, buf.length);
        if (n < 0) {
            eof = true;
            pos = lim = 0;
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }

    private int readUpTo(byte[] into, int offset, int length) throws IOException {
        int got = 0;
        while (got < length && !eof) {
            int n = read(into, offset + got, length - got);
            if (n < 0) {
                eof = true;
            } else {
                got += n;
            }
        }
        return got;
    }

    /** One read of at least one byte, or -1 at the end; checks the cap as bytes arrive. */
    private int read(byte[] into, int offset, int length) throws IOException {
        long left = maxBytes - total;
        // One byte past the cap is enough to know the reply is too large.
        int want = left < length ? (int) left + 1 : length;
        int zeroReads = 0;
        while (true) {
            int n = in.read(into, offset, want);
            if (n < 0) {
                return -1;
            }
            if (n == 0) {
                if (++zeroReads == 1000) {
                    throw new IOException("the " + subject + " stream returned no data 1000 times in a row");
                }
                continue;
            }
            if (headLength < head.length) {
                int keep = Math.min(n, head.length - headLength);
                System.arraycopy(into, offset, head, headLength, keep);
                headLength += keep;
            }
            total += n;
            if (total > maxBytes) {
                throw tooLarge("the " + subject + " is larger than the limit of " + maxBytes + " bytes");
            }
            return n;
        }
    }

    /** Bytes of the stream consumed so far. */
    private long offset() {
        return total - (lim - pos);
    }

    // ---- errors ----------------------------------------------------------------------------

    private String where() {
        if (outer < 0) {
            return "";
        }
        return outerLabel + " " + outer + (part >= 0 ? ", part " + part : "") + ": ";
    }

    MalformedResponseException malformed(String message) {
        return new MalformedResponseException(message, details());
    }

    private MalformedResponseException truncated() {
        return malformed(where() + "the " + subject + " ends early (truncated JSON) after " + total + " bytes");
    }

    private MalformedResponseException tooDeep() {
        return malformed(where() + "JSON nested deeper than " + MAX_DEPTH + " levels at byte " + offset());
    }

    private MalformedResponseException unexpected(String expected, int c) {
        if (c < 0) {
            return truncated();
        }
        return malformed(where() + "expected " + expected + " but found " + show(c) + " at byte " + offset());
    }

    private MalformedResponseException notA(String what, Field field, int c) {
        if (c < 0) {
            return truncated();
        }
        return malformed(where() + "\"" + field.name + "\" is not " + what);
    }

    private MalformedResponseException badBase64(String problem, long position) {
        return malformed(where() + "invalid base64 in inlineData.data: " + problem
                + (position >= 0 ? " at character " + position + " of the value" : ""));
    }

    private ResponseTooLargeException tooLarge(String message) {
        return new ResponseTooLargeException(message, details());
    }

    private ErrorDetails details() {
        return new ErrorDetails(200, Optional.empty(), Optional.empty(), 1, excerpt());
    }

    /**
     * The first bytes of the body, for a human to see what came back (an HTML error page, say).
     * Runs of base64-looking characters are elided: no payload goes into an exception.
     */
    private Optional<String> excerpt() {
        if (headLength == 0) {
            return Optional.empty();
        }
        String text = new String(head, 0, headLength, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            boolean base64 = Character.isLetterOrDigit(ch) && ch < 128 || ch == '+' || ch == '/' || ch == '=';
            run = base64 ? run + 1 : 0;
            if (run == 24) {
                out.setLength(out.length() - 23);
                out.append("...");
            } else if (run < 24) {
                out.append(Character.isISOControl(ch) ? ' ' : ch);
            }
        }
        return Optional.of(out.toString().strip());
    }

    private static String show(int c) {
        return c >= 0x21 && c <= 0x7E ? "'" + (char) c + "'" : String.format("byte 0x%02X", c);
    }

    private static int hex(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    // ---- strings ---------------------------------------------------------------------------

    /** The Java string for a JSON string's raw content (already validated). */
    static String javaString(byte[] raw, int length) {
        boolean simple = true;
        for (int i = 0; i < length; i++) {
            if (raw[i] == '\\' || raw[i] < 0) {
                simple = false;
                break;
            }
        }
        if (simple) {
            return new String(raw, 0, length, StandardCharsets.ISO_8859_1);
        }
        StringBuilder out = new StringBuilder(length);
        int i = 0;
        while (i < length) {
            int j = i;
            while (j < length && raw[j] != '\\') {
                j++;
            }
            if (j > i) {
                out.append(new String(raw, i, j - i, StandardCharsets.UTF_8));
            }
            if (j == length) {
                break;
            }
            char escape = (char) raw[j + 1];
            switch (escape) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    int value = 0;
                    for (int k = 0; k < 4; k++) {
                        value = value << 4 | hex(raw[j + 2 + k]);
                    }
                    out.append((char) value);
                    j += 4;
                }
                default -> out.append(escape);
            }
            i = j + 2;
        }
        return out.toString();
    }

    /** Appends {@code text} JSON-escaped (no quotes), lone surrogates as {@code \}u escapes with four hex digits. */
    private static void putEscaped(ByteSink out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"' || ch == '\\') {
                out.put('\\');
                out.put(ch);
            } else if (ch < 0x20 || Character.isSurrogate(ch) && !validPair(text, i)) {
                out.put(String.format("\\u%04X", (int) ch).getBytes(StandardCharsets.US_ASCII));
            } else if (ch < 0x80) {
                out.put(ch);
            } else {
                int end = Character.isHighSurrogate(ch) ? i + 2 : i + 1;
                out.put(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
    }

    private static boolean validPair(String text, int i) {
        char ch = text.charAt(i);
        if (Character.isHighSurrogate(ch)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
