package io.github.geminiimage.wire.batch;

import io.github.geminiimage.domain.batch.KeyedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes a batch job's input as JSONL, one {@code {"key":"...","request":{GenerateContentRequest}}}
 * per line (docs/wire-format.md, "Batch Mode"), each request written by the given {@link RequestJsonWriter}
 * straight into the stream: a job of any size is never held in memory. Counts the lines and bytes
 * written. Not thread-safe.
 */
public final class BatchInputWriter {

    private static final byte[] KEY = "{\"key\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REQUEST = ",\"request\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "}\n".getBytes(StandardCharsets.US_ASCII);

    private final Counting out;
    private final RequestJsonWriter requests;
    private long lines;

    /** A writer into {@code out} (not closed by it), requests encoded by {@code requests}. */
    public BatchInputWriter(OutputStream out, RequestJsonWriter requests) {
        this.out = new Counting(Objects.requireNonNull(out, "out"));
        this.requests = Objects.requireNonNull(requests, "requests");
    }

    /** Writes one line. */
    public void write(KeyedRequest request) throws IOException {
        out.write(KEY);
        out.write(quote(request.key()).getBytes(StandardCharsets.UTF_8));
        out.write(REQUEST);
        requests.write(request.request(), out);
        out.write(END);
        lines++;
    }

    /** Flushes the stream. */
    public void flush() throws IOException {
        out.flush();
    }

    /** Lines written. */
    public long lines() {
        return lines;
    }

    /** Bytes written. */
    public long bytes() {
        return out.count;
    }

    /** {@code text} as a JSON string, quotes included; non-ASCII kept as UTF-8, control characters escaped. */
    public static String quote(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    private static final class Counting extends OutputStream {
        private final OutputStream out;
        private long count;

        Counting(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
