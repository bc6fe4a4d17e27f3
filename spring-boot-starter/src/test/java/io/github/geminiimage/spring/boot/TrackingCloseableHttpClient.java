package io.github.geminiimage.spring.boot;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;

/** An application's CloseableHttpClient bean: counts executions and remembers whether anyone closed it. */
final class TrackingCloseableHttpClient extends CloseableHttpClient {

    private final CloseableHttpClient delegate = HttpClients.custom().disableAutomaticRetries()
            .disableRedirectHandling().build();
    private final AtomicInteger executions = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    @Override
    protected CloseableHttpResponse doExecute(HttpHost target, ClassicHttpRequest request, HttpContext context)
            throws IOException {
        executions.incrementAndGet();
        return delegate.execute(target, request, context);
    }

    @Override
    public void close() {
        closed.set(true);
    }

    @Override
    public void close(CloseMode closeMode) {
        closed.set(true);
    }

    int executions() {
        return executions.get();
    }

    boolean closed() {
        return closed.get();
    }

    void reallyClose() throws IOException {
        delegate.close();
    }
}
