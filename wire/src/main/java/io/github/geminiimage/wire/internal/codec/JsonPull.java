package io.github.geminiimage.wire.internal.codec;

import io.github.geminiimage.domain.error.MalformedResponseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The pull mode of the scanner family, for documents read value by value instead of bound: the
 * batch JSONL files (one object a line) and batch operations. Names, strings and numbers are read
 * by {@link JsonTokens} from {@link JsonInput}'s buffer, as the reply scanner reads them; any other
 * value is skipped, or handed on as a stream of its raw bytes that ends with it
 * ({@link #valueStream()}), so a result line's {@code response} goes straight to the reply decoder
 * and a line is never held whole. Syntax errors are {@link MalformedResponseException}s; the
 * caller names the line ({@link #line()}). Not thread-safe; one per stream.
 */
public final class JsonPull {

    private final JsonInput input;
    private final ScanErrors errors;
    private final JsonTokens tokens;
    private final ByteSink text;
    private final int maxStringBytes;
    /** Per open container, whether its first member or element is still to come. */
    private final boolean[] first = new boolean[JsonScanner.MAX_DEPTH];
    private int depth;
    private RawValue open;

    /**
     * A reader of {@code in}, which it does not close.
     *
     * @param maxStringBytes the longest string (its JSON text) {@link #readString()} returns
     * @param subject what is read, for messages ("batch results")
     */
    public JsonPull(InputStream in, int maxStringBytes, String subject) {
        this.errors = new ScanErrors();
        this.input = new JsonInput(Objects.requireNonNull(in, "in"), Long.MAX_VALUE, -1, subject, errors);
        errors.input = input;
        this.tokens = new JsonTokens(input, errors);
        this.maxStringBytes = maxStringBytes;
        this.text = new ByteSink(Math.min(256, maxStringBytes), maxStringBytes);
    }

    /** The line of the next byte to read, from 1. */
    public long line() {
        return input.lineBreaks + 1;
    }

    /** Skips whitespace (line breaks included) and tells whether the stream has ended. */
    public boolean atEnd() throws IOException {
        return peek() < 0;
    }

    /** Reads the <code>&#123;</code> that starts an object. */
    public void beginObject() throws IOException {
        open('{', "an object");
    }

    /** Reads the {@code [} that starts an array. */
    public void beginArray() throws IOException {
        open('[', "an array");
    }

    /**
     * The name of the object's next member, having read its {@code :}; {@code null} once the
     * object's <code>&#125;</code> was read.
     */
    public String nextName() throws IOException {
        if (!more('}')) {
            return null;
        }
        String name = readString();
        int c = peek();
        if (c != ':') {
            throw errors.unexpected("':'", c);
        }
        input.pos++;
        return name;
    }

    /**
     * Whether the array has another element (then positioned at it, its {@code ,} read); false once
     * the array's {@code ]} was read.
     */
    public boolean nextElement() throws IOException {
        return more(']');
    }

    /**
     * The kind of the next value: <code>'&#123;'</code>, {@code '['}, {@code '"'}, {@code 'n'} (null),
     * {@code 't'}/{@code 'f'}, or {@code '0'} for a number.
     */
    public char peekKind() throws IOException {
        int c = peek();
        if (c == '{' || c == '[' || c == '"' || c == 'n' || c == 't' || c == 'f') {
            return (char) c;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return '0';
        }
        throw errors.unexpected("a value", c);
    }

    /** Reads a string value, unescaped. */
    public String readString() throws IOException {
        int c = peek();
        if (c != '"') {
            throw errors.unexpected("a string", c);
        }
        text.reset();
        try {
            tokens.string(text);
        } catch (ByteSink.Overflow e) {
            throw errors.malformed("a string longer than " + maxStringBytes + " bytes at byte " + input.offset());
        }
        return JsonStrings.javaString(text.array(), text.size());
    }

    /** Reads a number value as its text. */
    public String readNumber() throws IOException {
        if (peekKind() != '0') {
            throw errors.unexpected("a number", peek());
        }
        text.reset();
        tokens.number(text);
        return new String(text.array(), 0, text.size(), StandardCharsets.US_ASCII);
    }

    /** Skips the next value, whatever it is, checking it and keeping nothing of it. */
    public void skipValue() throws IOException {
        switch (peekKind()) {
            case '{' -> {
                beginObject();
                while (nextName() != null) {
                    skipValue();
                }
            }
            case '[' -> {
                beginArray();
                while (nextElement()) {
                    skipValue();
                }
            }
            case '"' -> tokens.string(null);
            case '0' -> tokens.number(null);
            case 't' -> tokens.literal("true", null);
            case 'f' -> tokens.literal("false", null);
            default -> tokens.literal("null", null);
        }
    }

    /**
     * The next value's raw bytes as a stream that ends with the value; reading it moves this reader
     * past the value. Its strings are checked for raw control characters; the rest of the syntax is
     * left to whoever reads the stream. Read it to its end (or close it, which skips the rest)
     * before using this reader again.
     */
    public InputStream valueStream() throws IOException {
        char kind = peekKind();
        if (kind != '{' && kind != '[' && kind != '"') {
            text.reset();
            if (kind == '0') {
                tokens.number(text);
            } else {
                String word = kind == 't' ? "true" : kind == 'f' ? "false" : "null";
                tokens.literal(word, text);
            }
            return new ByteArrayInputStream(text.array(), 0, text.size());
        }
        open = new RawValue();
        return open;
    }

    private void open(char bracket, String what) throws IOException {
        int c = peek();
        if (c != bracket) {
            throw errors.unexpected(what, c);
        }
        if (depth == first.length) {
            throw errors.tooDeep();
        }
        input.pos++;
        first[depth++] = true;
    }

    /** Past the {@code ,} before the open container's next entry, or its {@code close}: false then. */
    private boolean more(char close) throws IOException {
        if (depth == 0) {
            throw new IllegalStateException("no object or array is open");
        }
        int c = peek();
        if (c == close) {
            input.pos++;
            depth--;
            return false;
        }
        if (first[depth - 1]) {
            first[depth - 1] = false;
        } else if (c == ',') {
            input.pos++;
        } else {
            throw errors.unexpected("',' or '" + close + "'", c);
        }
        return true;
    }

    /** The next byte that is not whitespace, not consumed; -1 at the end. */
    private int peek() throws IOException {
        if (open != null) {
            throw new IllegalStateException("the previous value stream was not read to its end");
        }
        return input.skipWhitespace();
    }

    /**
     * The raw bytes of one object, array or string, ending where the value ends: brackets are
     * counted outside strings, and a string ends at a quote no backslash escapes.
     */
    private final class RawValue extends InputStream {
        private int nesting;
        private boolean inString;
        private boolean escaped;
        private boolean done;

        private final byte[] one = new byte[1];

        @Override
        public int read() throws IOException {
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] out, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, out.length);
            if (done) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            if (input.pos == input.lim && !input.fill()) {
                throw errors.truncated();
            }
            byte[] b = input.buf;
            int start = input.pos;
            int end = Math.min(input.lim, start + length);
            int i = start;
            while (i < end && !done) {
                int c = b[i++] & 0xFF;
                if (inString) {
                    if (escaped) {
                        escaped = false;
                    } else if (c == '\\') {
                        escaped = true;
                    } else if (c == '"') {
                        inString = false;
                        done = nesting == 0;
                    } else if (c < 0x20) {
                        input.pos = i - 1;
                        throw errors.malformed("an unescaped control character (" + ScanErrors.show(c)
                                + ") in a string at byte " + input.offset());
                    }
                } else if (c == '"') {
                    inString = true;
                } else if (c == '{' || c == '[') {
                    nesting++;
                } else if (c == '}' || c == ']') {
                    done = --nesting == 0;
                } else if (c == '\n') {
                    input.lineBreaks++;
                }
            }
            int n = i - start;
            System.arraycopy(b, start, out, offset, n);
            input.pos = i;
            if (done) {
                open = null;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            byte[] scratch = new byte[4096];
            while (!done && read(scratch, 0, scratch.length) >= 0) {
                // skip the rest of the value so the reader can go on
            }
        }
    }
}
