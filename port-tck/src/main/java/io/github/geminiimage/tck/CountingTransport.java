package io.github.geminiimage.tck;

import io.github.geminiimage.http.HttpRequest;
import io.github.geminiimage.http.HttpResponse;
import io.github.geminiimage.http.HttpTransport;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a transport and counts the responses it handed out that were not closed yet, so a suite can
 * check that the core closes every response on every path (the openai-java pattern).
 */
public final class CountingTransport implements HttpTransport {

    private final HttpTransport delegate;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger exchanges = new AtomicInteger();

    /** Wraps {@code delegate}. */
    public CountingTransport(HttpTransport delegate) {
        this.delegate = delegate;
    }

    /** Responses handed out and not closed yet. */
    public int openResponses() {
        return open.get();
    }

    /** Exchanges started. */
    public int exchanges() {
        return exchanges.get();
    }

    @Override
    public HttpResponse send(HttpRequest request) throws IOException {
        exchanges.incrementAndGet();
        return track(delegate.send(request));
    }

    @Override
    public CompletableFuture<HttpResponse> sendAsync(HttpRequest request) {
        exchanges.incrementAndGet();
        CompletableFuture<HttpResponse> inner = delegate.sendAsync(request);
        CompletableFuture<HttpResponse> outer = inner.thenApply(this::track);
        // Cancelling what the core holds must reach the transport's own future.
        outer.whenComplete((r, t) -> {
            if (outer.isCancelled()) {
                inner.cancel(true);
            }
        });
        // A response that arrives after the cancel is nobody's: close it.
        inner.thenAccept(r -> {
            if (outer.isCancelled()) {
                r.close();
            }
        });
        return outer;
    }

    private HttpResponse track(HttpResponse response) {
        open.incrementAndGet();
        AtomicBoolean closed = new AtomicBoolean();
        return new HttpResponse() {
            @Override
            public int statusCode() {
                return response.statusCode();
            }

            @Override
            public Map<String, List<String>> headers() {
                return response.headers();
            }

            @Override
            public InputStream body() {
                return response.body();
            }

            @Override
            public void close() {
                if (closed.compareAndSet(false, true)) {
                    open.decrementAndGet();
                }
                response.close();
            }
        };
    }

    @Override
    public void close() {
        delegate.close();
    }
}
