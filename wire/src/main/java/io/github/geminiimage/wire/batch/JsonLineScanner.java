package io.github.geminiimage.wire.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * A small pull reader of JSON structure over a stream of JSON lines (JSONL), for the batch line
 * formats: member names, short strings and numbers are read as values; any other value can be
 * skipped or handed on as a stream of its raw bytes ({@link #valueStream()}), so a result line's
 * {@code response} with megabytes of base64 goes straight to a streaming decoder and is never held
 * here. Strict about syntax (an error names the line), not a general JSON library: it keeps no tree.
 * Not thread-safe; one per stream.
 */
public final class JsonLineScanner {

    /** A JSON syntax error, naming the line. */
    public static final class SyntaxException extends IOException {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message) {
            super(message);
        }
    }

    private static final int BUFFER = 16 * 1024;

    private final InputStream in;
    private final int maxStringChars;
    private final byte[] buffer = new byte[BUFFER];
    private final Deque<Boolean> firstMember = new ArrayDeque<>();
    private int position;
    private int limit;
    private long line = 1;
    private boolean eof;
    private ValueStream open;

    /**
     * A scanner reading {@code in} (which it does not close).
     *
     * @param maxStringChars the longest string {@link #readString()} returns; a longer one is a syntax error
     */
    public JsonLineScanner(InputStream in, int maxStringChars) {
        this.in = Objects.requireNonNull(in, "in");
        this.maxStringChars = maxStringChars;
    }

    /** The line of the next byte to read, from 1. */
    public long line() {
        return line;
    }

    /** Skips whitespace (newlines included) and tells whether the stream has ended. */
    public boolean atEnd() throws IOException {
        return peek() < 0;
    }

    /** Reads the <code>&#123;</code> that starts an object. */
    public void beginObject() throws IOException {
        expect('{');
        firstMember.push(Boolean.TRUE);
    }

    /**
     * The name of the object's next member, having read its {@code :}; {@code null} once the
     * object's <code>&#125;</code> was read.
     */
    public String nextName() throws IOException {
        if (firstMember.isEmpty()) {
            throw error("a member name outside an object");
        }
        int c = peek();
        if (c == '}') {
            position++;
            firstMember.pop();
            return null;
        }
        if (!firstMember.peek()) {
            expect(',');
        } else {
            firstMember.pop();
            firstMember.push(Boolean.FALSE);
        }
        String name = readString();
        expect(':');
        return name;
    }

    /** Reads the {@code [} that starts an array. */
    public void beginArray() throws IOException {
        expect('[');
        firstMember.push(Boolean.TRUE);
    }

    /**
     * Whether the array has another element (then positioned at it, its {@code ,} read); false once
     * the array's {@code ]} was read.
     */
    public boolean nextElement() throws IOException {
        int c = peek();
        if (c == ']') {
            position++;
            firstMember.pop();
            return false;
        }
        if (!firstMember.peek()) {
            expect(',');
        } else {
            firstMember.pop();
            firstMember.push(Boolean.FALSE);
        }
        return true;
    }

    /** The kind of the next value: <code>'&#123;'</code>, {@code '['}, {@code '"'}, {@code 'n'} (null), {@code 't'}/{@code 'f'}, or {@code '0'} for a number. */
    public char peekKind() throws IOException {
        int c = peek();
        if (c < 0) {
            throw error("the line ended where a value was expected");
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return '0';
        }
        return (char) c;
    }

    /** Reads a string value, unescaped. */
    public String readString() throws IOException {
        expect('"');
        StringBuilder text = new StringBuilder();
        ByteCollector utf8 = new ByteCollector();
        while (true) {
            int c = next();
            if (c < 0) {
                throw error("a string is not closed");
            }
            if (c == '"') {
                utf8.flushTo(text);
                return text.toString();
            }
            if (c < 0x20) {
                throw error("a raw control character in a string");
            }
            if (c == '\\') {
                utf8.flushTo(text);
                text.append(escape());
            } else {
                utf8.add((byte) c);
            }
            if (text.length() + utf8.size > maxStringChars) {
                throw error("a string longer than " + maxStringChars + " characters");
            }
        }
    }

    /** Reads a number value as its text. */
    public String readNumber() throws IOException {
        StringBuilder number = new StringBuilder();
        int c = peek();
        while (c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' || (c >= '0' && c <= '9')) {
            number.append((char) c);
            position++;
            if (number.length() > 64) {
                throw error("a number longer than 64 characters");
            }
            c = peekRaw();
        }
        if (number.length() == 0) {
            throw error("a number was expected");
        }
        return number.toString();
    }

    /** Reads {@code null}, {@code true} or {@code false}. */
    public String readLiteral() throws IOException {
        int c = peek();
        String word = c == 'n' ? "null" : c == 't' ? "true" : c == 'f' ? "false" : null;
        if (word == null) {
            throw error("a value was expected, found " + show(c));
        }
        for (int i = 0; i < word.length(); i++) {
            if (next() != word.charAt(i)) {
                throw error("a misspelt " + word);
            }
        }
        return word;
    }

    /** Skips the next value, whatever it is, without keeping it. */
    public void skipValue() throws IOException {
        valueStream().close();
    }

    /**
     * The next value's raw bytes as a stream that ends with the value; reading it moves this scanner
     * past the value. Read it to its end (or close it, which skips the rest) before using the scanner
     * again.
     */
    public InputStream valueStream() throws IOException {
        if (open != null) {
            throw new IllegalStateException("the previous value stream was not read to its end");
        }
        char kind = peekKind();
        if (kind != '{' && kind != '[' && kind != '"') {
            String scalar = kind == '0' ? readNumber() : readLiteral();
            return new java.io.ByteArrayInputStream(scalar.getBytes(StandardCharsets.US_ASCII));
        }
        open = new ValueStream();
        return open;
    }

    private char escape() throws IOException {
        int c = next();
        switch (c) {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                int value = 0;
                for (int i = 0; i < 4; i++) {
                    int h = Character.digit(next(), 16);
                    if (h < 0) {
                        throw error("a bad \\u escape");
                    }
                    value = value * 16 + h;
                }
                return (char) value;
            default:
                throw error("a bad escape \\" + show(c));
        }
    }

    private void expect(char wanted) throws IOException {
        int c = peek();
        if (c != wanted) {
            throw error("expected '" + wanted + "' but found " + show(c));
        }
        position++;
    }

    /** The next byte that is not whitespace, not consumed; -1 at the end. Counts newlines. */
    private int peek() throws IOException {
        while (true) {
            int c = peekRaw();
            if (c == ' ' || c == '\t' || c == '\r') {
                position++;
            } else if (c == '\n') {
                position++;
                line++;
            } else {
                return c;
            }
        }
    }

    private int peekRaw() throws IOException {
        if (open != null) {
            throw new IllegalStateException("the previous value stream was not read to its end");
        }
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position] & 0xFF;
    }

    private int next() throws IOException {
        int c = peekRaw();
        if (c >= 0) {
            position++;
        }
        return c;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            eof = n < 0;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    private SyntaxException error(String what) {
        return new SyntaxException("line " + line + ": not valid JSON: " + what);
    }

    private static String show(int c) {
        return c < 0 ? "the end of the input" : c < 0x20 || c > 0x7E ? String.format("byte 0x%02x", c) : "'" + (char) c + "'";
    }

    /** UTF-8 bytes of a string between escapes, decoded in one go. */
    private static final class ByteCollector {
        private byte[] bytes = new byte[64];
        private int size;

        void add(byte b) {
            if (size == bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, size * 2);
            }
            bytes[size++] = b;
        }

        void flushTo(StringBuilder text) {
            text.append(new String(bytes, 0, size, StandardCharsets.UTF_8));
            size = 0;
        }
    }

    /** The raw bytes of one object, array or string, ending where the value ends. */
    private final class ValueStream extends InputStream {
        private int depth;
        private boolean inString;
        private boolean escaped;
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] out, int offset, int length) throws IOException {
            if (done) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            if (position == limit && !fill()) {
                throw error(inString ? "a string is not closed" : "a value is not closed");
            }
            int start = position;
            int end = Math.min(limit, position + length);
            int i = start;
            while (i < end && !done) {
                int c = buffer[i++] & 0xFF;
                if (inString) {
                    if (escaped) {
                        escaped = false;
                    } else if (c == '\\') {
                        escaped = true;
                    } else if (c == '"') {
                        inString = false;
                        done = depth == 0;
                    } else if (c < 0x20) {
                        throw error("a raw control character in a string");
                    }
                } else if (c == '"') {
                    inString = true;
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    depth--;
                    done = depth == 0;
                } else if (c == '\n') {
                    line++;
                }
            }
            int n = i - start;
            System.arraycopy(buffer, start, out, offset, n);
            position = i;
            if (done) {
                open = null;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            byte[] scratch = new byte[BUFFER];
            while (!done && read(scratch, 0, scratch.length) >= 0) {
                // skip the rest of the value so the scanner can go on
            }
        }
    }
}
