package io.github.geminiimage.http.internal.cassette;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Turns a body spooled to a file into a {@link StoredBody} in two sequential passes, so memory
 * stays small whatever the body's size: the first checks it is UTF-8 and finds the JSON string
 * values of the payload fields ({@code data}, ...) that are long canonical base64 (re-encoding their
 * bytes gives the same text, so replay is byte-exact); the second cuts the text into lines (each
 * with its line ending) and streams each payload's decoded bytes to a {@link PayloadSink}. A body
 * that is not UTF-8 goes to the sink whole. Not thread-safe; one body at a time.
 */
final class BodyScanner {

    private static final int BUFFER = 64 * 1024;
    private static final int MAX_KEY_BYTES = 64;

    private final Set<String> payloadFields;
    private final int minPayloadChars;

    /**
     * A scanner.
     *
     * @param payloadFields the JSON member names whose string values may be stored out of line
     * @param minPayloadChars the shortest base64 value stored out of line
     */
    BodyScanner(Set<String> payloadFields, int minPayloadChars) {
        this.payloadFields = Set.copyOf(payloadFields);
        this.minPayloadChars = minPayloadChars;
    }

    /** Where the decoded bytes of payloads and binary bodies go. */
    interface PayloadSink {
        /** A stream for one payload; {@link PayloadOut#finish()} names it by its SHA-256. */
        PayloadOut open() throws IOException;
    }

    /** One payload being written. */
    abstract static class PayloadOut extends OutputStream {
        /** Ends the payload and returns its SHA-256 (hex). */
        abstract String finish() throws IOException;

        /** Gives up the payload (after a failure). */
        abstract void discard();
    }

    /** A sink that only hashes: what a request being matched needs. */
    static PayloadSink hashOnly() {
        return () -> new PayloadOut() {
            private final java.security.MessageDigest digest = Hashes.sha256();

            @Override
            public void write(int b) {
                digest.update((byte) b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                digest.update(b, off, len);
            }

            @Override
            String finish() {
                return Hashes.hex(digest);
            }

            @Override
            void discard() {
                // nothing held
            }
        };
    }

    /** A body position and length that holds a payload's base64 text. */
    private record Span(long start, long length, boolean urlSafe) {
    }

    private record Scan(boolean utf8, List<Span> spans, long size) {
    }

    /**
     * The stored form of the body in {@code file}, literal text passed through {@code redact}.
     *
     * @throws IOException if the file cannot be read or a payload not written
     */
    StoredBody store(Path file, PayloadSink sink, UnaryOperator<String> redact) throws IOException {
        Scan scan;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
            scan = scan(in);
        }
        if (scan.size() == 0) {
            return new StoredBody.Empty();
        }
        if (!scan.utf8()) {
            PayloadOut out = sink.open();
            try (InputStream in = Files.newInputStream(file)) {
                in.transferTo(out);
                return new StoredBody.Binary(out.finish(), scan.size());
            } catch (IOException | RuntimeException e) {
                out.discard();
                throw e;
            }
        }
        try (InputStream in = Files.newInputStream(file)) {
            return cut(new ByteReader(in), scan.spans(), sink, redact);
        }
    }

    private Scan scan(InputStream in) throws IOException {
        Scanning scanning = new Scanning();
        byte[] buffer = new byte[BUFFER];
        int filled;
        while ((filled = in.read(buffer)) >= 0) {
            for (int i = 0; i < filled; i++) {
                scanning.accept(buffer[i] & 0xFF);
            }
        }
        return scanning.finish();
    }

    /** The first pass's state: where it is in the JSON, and the shape of the string value being read. */
    private final class Scanning {
        private final Utf8.Validator utf8 = new Utf8.Validator();
        private final List<Span> spans = new ArrayList<>();
        private final byte[] key = new byte[MAX_KEY_BYTES];
        private int keyLength = -1; // -1: the last string cannot be a key
        private String pendingKey; // the last string, while only ':' and blanks followed it
        private boolean afterColon;
        private boolean inString;
        private boolean escaped;
        private boolean candidate;
        private long start;
        private long position;
        private boolean standard;
        private boolean url;
        private int pads;
        private int lastSextet;
        private boolean shapeOk = true;

        void accept(int b) {
            utf8.accept(b);
            if (inString) {
                inString(b);
            } else if (b == '"') {
                inString = true;
                start = position + 1;
                candidate = afterColon && pendingKey != null && payloadFields.contains(pendingKey);
                keyLength = 0;
                standard = false;
                url = false;
                pads = 0;
                shapeOk = true;
            } else if (b == ':') {
                afterColon = pendingKey != null;
            } else if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                pendingKey = null;
                afterColon = false;
            }
            position++;
        }

        private void inString(int b) {
            if (escaped) {
                escaped = false;
                shapeOk = false;
                keyLength = -1;
            } else if (b == '\\') {
                escaped = true;
                shapeOk = false;
                keyLength = -1;
            } else if (b == '"') {
                inString = false;
                long length = position - start;
                if (candidate && shapeOk && length >= minPayloadChars && length % 4 == 0 && !(standard && url)
                        && pads <= 2 && (pads == 0 || (lastSextet & (pads == 1 ? 0x3 : 0xF)) == 0)) {
                    spans.add(new Span(start, length, url));
                }
                candidate = false;
                pendingKey = keyLength >= 0 ? new String(key, 0, keyLength, StandardCharsets.UTF_8) : null;
                afterColon = false;
            } else {
                if (keyLength >= 0) {
                    if (keyLength < MAX_KEY_BYTES) {
                        key[keyLength++] = (byte) b;
                    } else {
                        keyLength = -1;
                    }
                }
                if (candidate && shapeOk) {
                    int sextet = sextet(b);
                    if (b == '=') {
                        pads++;
                    } else if (sextet < 0 || pads > 0) {
                        shapeOk = false;
                    } else {
                        standard |= b == '+' || b == '/';
                        url |= b == '-' || b == '_';
                        lastSextet = sextet;
                    }
                }
            }
        }

        Scan finish() {
            if (inString && candidate && shapeOk && !escaped && pads == 0 && !(standard && url)
                    && (position - start) / 4 * 4 >= minPayloadChars) {
                // A body cut off inside a payload (the reader stopped there): its whole quads still go out of line.
                spans.add(new Span(start, (position - start) / 4 * 4, url));
            }
            return new Scan(utf8.valid(), spans, position);
        }
    }

    private static int sextet(int b) {
        if (b >= 'A' && b <= 'Z') {
            return b - 'A';
        }
        if (b >= 'a' && b <= 'z') {
            return b - 'a' + 26;
        }
        if (b >= '0' && b <= '9') {
            return b - '0' + 52;
        }
        if (b == '+' || b == '-') {
            return 62;
        }
        if (b == '/' || b == '_') {
            return 63;
        }
        return -1;
    }

    private static StoredBody cut(ByteReader in, List<Span> spans, PayloadSink sink, UnaryOperator<String> redact)
            throws IOException {
        List<StoredBody.Segment> segments = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long position = 0;
        long bytes = 0;
        int next = 0;
        byte[] buffer = new byte[BUFFER];
        while (true) {
            if (next < spans.size() && spans.get(next).start() == position) {
                bytes += flush(line, segments, redact);
                Span span = spans.get(next++);
                segments.add(payload(in, span, sink, buffer));
                position += span.length();
                bytes += span.length();
                continue;
            }
            int b = in.read();
            if (b < 0) {
                break;
            }
            line.write(b);
            position++;
            if (b == '\n') {
                bytes += flush(line, segments, redact);
            }
        }
        bytes += flush(line, segments, redact);
        return new StoredBody.Text(segments, bytes);
    }

    private static long flush(ByteArrayOutputStream line, List<StoredBody.Segment> segments, UnaryOperator<String> redact) {
        if (line.size() == 0) {
            return 0;
        }
        String text = redact.apply(line.toString(StandardCharsets.UTF_8));
        line.reset();
        segments.add(new StoredBody.Literal(text));
        return Utf8.length(text);
    }

    private static StoredBody.Payload payload(ByteReader in, Span span, PayloadSink sink, byte[] buffer)
            throws IOException {
        Base64.Decoder decoder = span.urlSafe() ? Base64.getUrlDecoder() : Base64.getDecoder();
        PayloadOut out = sink.open();
        try {
            long left = span.length();
            long decoded = 0;
            // Whole quads per chunk, so each decodes on its own; padding only ends the last.
            int chunk = buffer.length / 4 * 4;
            while (left > 0) {
                int want = (int) Math.min(chunk, left);
                int got = in.readFully(buffer, want);
                if (got != want) {
                    throw new IOException("the spooled body ended inside a payload");
                }
                byte[] bytes = decoder.decode(want == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, want));
                out.write(bytes);
                decoded += bytes.length;
                left -= want;
            }
            return new StoredBody.Payload(out.finish(), span.urlSafe(), decoded);
        } catch (IOException | RuntimeException e) {
            out.discard();
            throw e;
        }
    }

    /** Sequential reads one byte at a time without a lock per byte (a {@code BufferedInputStream} takes one). */
    private static final class ByteReader {
        private final InputStream in;
        private final byte[] buffer = new byte[BUFFER];
        private int at;
        private int end;

        ByteReader(InputStream in) {
            this.in = in;
        }

        int read() throws IOException {
            if (at == end) {
                end = in.read(buffer, 0, buffer.length);
                at = 0;
                if (end <= 0) {
                    end = 0;
                    return -1;
                }
            }
            return buffer[at++] & 0xFF;
        }

        /** Reads {@code n} bytes into {@code out} unless the stream ends first; returns how many. */
        int readFully(byte[] out, int n) throws IOException {
            int got = Math.min(n, end - at);
            System.arraycopy(buffer, at, out, 0, got);
            at += got;
            if (got < n) {
                got += in.readNBytes(out, got, n - got);
            }
            return got;
        }
    }
}
