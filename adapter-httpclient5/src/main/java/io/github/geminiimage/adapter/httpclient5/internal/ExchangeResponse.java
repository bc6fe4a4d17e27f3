package io.github.geminiimage.adapter.httpclient5.internal;

import io.github.geminiimage.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

/**
 * A reply whose body is HttpClient's entity stream, read as it arrives. Closing it before the end
 * of the body aborts the exchange, so the connection is closed rather than drained or pooled.
 */
final class ExchangeResponse implements HttpResponse {

    private static final Set<String> STALE_WHEN_DECODED = Set.of("content-length", "content-encoding", "content-md5");

    private final ClassicHttpResponse response;
    private final Exchange exchange;
    private final int statusCode;
    private final Map<String, List<String>> headers;
    private final Body body;
    private final AtomicBoolean closed = new AtomicBoolean();

    ExchangeResponse(ClassicHttpResponse response, Exchange exchange) throws IOException {
        this.response = response;
        this.exchange = exchange;
        this.statusCode = response.getCode();
        HttpEntity entity = response.getEntity();
        this.headers = headersOf(response, decoded(response, entity));
        this.body = new Body(entity == null ? null : entity.getContent());
    }

    /**
     * Whether HttpClient inflated the body: the reply names a coding that the entity no longer has.
     * Its Content-Length then counts compressed bytes, which the body no longer yields.
     */
    private static boolean decoded(ClassicHttpResponse response, HttpEntity entity) {
        Header coding = response.getFirstHeader("Content-Encoding");
        return entity != null && coding != null && !coding.getValue().isBlank()
                && !coding.getValue().trim().equalsIgnoreCase("identity") && entity.getContentEncoding() == null;
    }

    private static Map<String, List<String>> headersOf(ClassicHttpResponse response, boolean decoded) {
        // Grouped case-insensitively under the first spelling received, in arrival order.
        Map<String, String> spelling = new LinkedHashMap<>();
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            if (decoded && STALE_WHEN_DECODED.contains(header.getName().toLowerCase(Locale.ROOT))) {
                continue;
            }
            String name = spelling.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), k -> header.getName());
            grouped.computeIfAbsent(name, k -> new ArrayList<>()).add(header.getValue());
        }
        grouped.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(grouped);
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
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (!body.atEnd) {
            // Closing HttpClient's stream would read the rest of the body to reuse the connection.
            exchange.abort(Exchange.Abort.RESPONSE_CLOSED);
        }
        try {
            response.close();
        } catch (IOException | RuntimeException ignored) {
            // Already aborted or fully read: the connection is discarded or back in the pool.
        } finally {
            exchange.finish();
        }
    }

    /** The body; an abort turns a read's failure, or an early end, into the abort's exception. */
    private final class Body extends InputStream {
        private final InputStream in;
        private volatile boolean atEnd;

        Body(InputStream in) {
            this.in = in;
            this.atEnd = in == null;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed.get() && !atEnd) {
                throw new IOException("the response was closed");
            }
            if (in == null) {
                return -1;
            }
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                throw exchange.translate(e);
            }
            if (n < 0) {
                if (exchange.aborted()) {
                    // A body delimited by the connection's end looks complete when the abort closed it.
                    throw exchange.translate(new IOException("the body ended when the exchange was aborted"));
                }
                atEnd = true;
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            if (in == null || closed.get()) {
                return 0;
            }
            try {
                return in.available();
            } catch (IOException e) {
                throw exchange.translate(e);
            }
        }

        @Override
        public void close() {
            ExchangeResponse.this.close();
        }
    }
}
