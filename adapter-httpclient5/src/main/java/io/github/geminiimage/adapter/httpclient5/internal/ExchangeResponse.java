package io.github.geminiimage.adapter.httpclient5.internal;

import io.github.geminiimage.http.HttpResponse;
import io.github.geminiimage.http.support.BlockInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

/**
 * A reply whose body is HttpClient's raw entity stream (content decompression is off), read as it
 * arrives. Closing it before the end of the raw body aborts the exchange, so the connection is
 * closed rather than drained: closing HttpClient's stream would read the rest to reuse it.
 */
final class ExchangeResponse extends BlockInputStream implements HttpResponse {

    private final ClassicHttpResponse response;
    private final ExchangeRunner exchange;
    private final Map<String, List<String>> headers;
    private final InputStream in;
    private final long declaredLength;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean ended;
    private volatile long read;

    ExchangeResponse(ClassicHttpResponse response, ExchangeRunner exchange) throws IOException {
        this.response = response;
        this.exchange = exchange;
        // Grouped case-insensitively under the first spelling received, in arrival order.
        Map<String, String> spelling = new LinkedHashMap<>();
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            String name = spelling.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), k -> header.getName());
            grouped.computeIfAbsent(name, k -> new ArrayList<>()).add(header.getValue());
        }
        grouped.replaceAll((name, values) -> List.copyOf(values));
        this.headers = Collections.unmodifiableMap(grouped);
        HttpEntity entity = response.getEntity();
        this.in = entity == null ? null : entity.getContent();
        this.declaredLength = entity == null ? 0 : entity.getContentLength();
        this.ended = in == null;
    }

    @Override
    public int statusCode() {
        return response.getCode();
    }

    @Override
    public Map<String, List<String>> headers() {
        return headers;
    }

    @Override
    public InputStream body() {
        return this;
    }

    /** Whether the end of the framing was seen, or every byte of a declared length was read. */
    private boolean atEnd() {
        return ended || declaredLength >= 0 && read == declaredLength;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed.get() && !atEnd()) {
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
        if (n < 0 && exchange.aborted()) {
            // A body delimited by the connection's end looks complete when the abort closed it.
            throw exchange.translate(new IOException("the body ended when the exchange was aborted"));
        }
        if (n < 0) {
            ended = true;
        } else {
            read += n;
        }
        return n;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (!atEnd()) {
            exchange.abort(ExchangeRunner.Abort.RESPONSE_CLOSED);
        }
        try {
            response.close();
        } catch (IOException | RuntimeException ignored) {
            // Already aborted or fully read: the connection is discarded or back in the pool.
        } finally {
            exchange.finish();
        }
    }
}
