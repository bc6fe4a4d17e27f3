package io.github.geminiimage.adapter.jdkhttp.internal;

import io.github.geminiimage.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;

/**
 * A reply of the JDK client as the transport SPI's {@link HttpResponse}. A gzip-encoded body (sent
 * although never asked for) is inflated here, and its {@code Content-Encoding} and
 * {@code Content-Length} headers are dropped, since they no longer describe the bytes handed on.
 */
public final class JdkHttpResponse implements HttpResponse {

    private final int statusCode;
    private final Map<String, List<String>> headers;
    private final ResponseBodyStream raw;
    private final InputStream body;
    private final Exchange exchange;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Wraps a reply whose headers arrived; its body is read through {@code raw}. */
    public JdkHttpResponse(int statusCode, Map<String, List<String>> receivedHeaders, ResponseBodyStream raw,
            Exchange exchange) {
        this.statusCode = statusCode;
        this.raw = raw;
        this.exchange = exchange;
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        receivedHeaders.forEach((name, values) -> {
            // HTTP/2 pseudo-headers (":status") are not headers.
            if (name != null && !name.startsWith(":")) {
                copy.put(name, List.copyOf(values));
            }
        });
        boolean gzip = Optional.ofNullable(copy.get("Content-Encoding")).filter(v -> !v.isEmpty())
                .map(v -> v.get(0).trim().toLowerCase(Locale.ROOT))
                .filter(v -> v.equals("gzip") || v.equals("x-gzip")).isPresent();
        if (gzip) {
            copy.remove("Content-Encoding");
            copy.remove("Content-Length");
        }
        this.headers = Collections.unmodifiableMap(copy);
        this.body = gzip ? new LazyGunzip(raw) : raw;
    }

    @Override
    public int statusCode() {
        return statusCode;
    }

    @Override
    public Map<String, List<String>> headers() {
        return headers;
    }

    @Override
    public InputStream body() {
        return body;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            raw.close();
            exchange.finish();
        }
    }

    @Override
    public String toString() {
        return "JdkHttpResponse[" + statusCode + "]";
    }

    /** Inflates on first read, so that building the response never blocks on the body. */
    private static final class LazyGunzip extends InputStream {
        private final InputStream raw;
        private GZIPInputStream inflater;

        LazyGunzip(InputStream raw) {
            this.raw = raw;
        }

        private InputStream inflater() throws IOException {
            if (inflater == null) {
                inflater = new GZIPInputStream(raw, 16 * 1024);
            }
            return inflater;
        }

        @Override
        public int read() throws IOException {
            return inflater().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return inflater().read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            raw.close();
        }
    }
}
