package io.github.geminiimage.adapter.jdkhttp;

import io.github.geminiimage.adapter.jdkhttp.internal.ExchangeWatch;
import io.github.geminiimage.adapter.jdkhttp.internal.JdkHttpResponse;
import io.github.geminiimage.adapter.jdkhttp.internal.StreamingBodyPublisher;
import io.github.geminiimage.http.HttpRequest;
import io.github.geminiimage.http.HttpResponse;
import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.TransportSettings;
import io.github.geminiimage.http.support.TransportSupport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.channels.UnresolvedAddressException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link HttpTransport} over {@code java.net.http.HttpClient}. On top of the JDK client it
 * streams bodies with their exact length, applies the inactivity timeout and the deadline to the
 * body too (Java 17's timeout stops at the headers, JDK-8258397), aborts the exchange on cancel or
 * interrupt, never redirects, retries or inflates, refuses conflicting or negative
 * {@code Content-Length}s, and runs on bounded, named daemon threads; the clients it builds speak
 * HTTP/1.1 (one HTTP/2 reset would fail every call in flight) and honour forward proxies. Behind a
 * proxy you do not trust prefer the HttpClient 5 adapter (README, "Behind a proxy you do not trust").
 * {@link #close()} aborts the exchanges in flight and stops this instance's threads; a client lent
 * with {@link #using} is never closed. {@code -Djdk.httpclient.HttpClient.log=headers} prints
 * credentials. Thread-safe; one instance for the application's lifetime.
 */
public final class JdkHttpTransport implements HttpTransport {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final String name;
    private volatile HttpClient client;
    private final boolean ownsClient;
    private final ThreadPoolExecutor clientExecutor;
    private final ThreadPoolExecutor uploadExecutor;
    private final ScheduledThreadPoolExecutor timer;
    private final TransportSettings settings;
    private final Set<ExchangeWatch> active = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    private JdkHttpTransport(HttpClient lent, TransportSettings settings) {
        this.name = "gemini-jdk-http-" + INSTANCES.incrementAndGet();
        this.settings = Objects.requireNonNull(settings, "settings");
        this.uploadExecutor = TransportSupport.boundedPool(name + "-upload", settings.maxConnectionsPerHost(), 10);
        this.timer = TransportSupport.timer(name + "-timer", 10);
        this.ownsClient = lent == null;
        this.clientExecutor = ownsClient ? TransportSupport.boundedPool(name + "-worker",
                Math.max(2, Runtime.getRuntime().availableProcessors()), 10) : null;
        this.client = ownsClient ? newClient(settings, clientExecutor) : lent;
    }

    private static HttpClient newClient(TransportSettings settings, ThreadPoolExecutor executor) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.connectTimeout())
                .executor(executor);
        // Without one the JDK client asks ProxySelector.getDefault(): the JVM's proxy settings.
        settings.proxySelector().ifPresent(builder::proxy);
        return builder.build();
    }

    /** A transport over a new HTTP/1.1 client it owns, configured by {@code settings}, with its own threads. */
    public static JdkHttpTransport create(TransportSettings settings) {
        return new JdkHttpTransport(null, settings);
    }

    /**
     * A transport over a client the caller configured (proxy, TLS, executor, version) and keeps
     * owning: {@link #close()} leaves it (and its executor) alone. Its own connect timeout and
     * proxy apply; the inactivity timeout comes from {@code settings}.
     *
     * @throws IllegalArgumentException if the client follows redirects: a redirect would carry the
     *     request's credentials to another host
     */
    public static JdkHttpTransport using(HttpClient client, TransportSettings settings) {
        Objects.requireNonNull(client, "client");
        if (client.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the HttpClient follows redirects (" + client.followRedirects()
                    + "); build it with followRedirects(Redirect.NEVER), a redirect would carry credentials elsewhere");
        }
        return new JdkHttpTransport(client, settings);
    }

    /** The prefix of the names of the threads this instance creates, e.g. {@code gemini-jdk-http-3}. */
    public String threadNamePrefix() {
        return name;
    }

    /**
     * How many exchanges are in flight or have handed back a response not closed yet. Zero once
     * every response was closed; useful to find a leak.
     */
    public int activeExchanges() {
        return active.size();
    }

    @Override
    public CompletableFuture<HttpResponse> sendAsync(HttpRequest request) {
        Objects.requireNonNull(request, "request");
        HttpClient current = client;
        if (closed.get() || current == null) {
            return CompletableFuture.failedFuture(new IOException("the transport was closed"));
        }
        ExchangeWatch exchange = new ExchangeWatch(request.deadline(), settings.inactivityTimeout(), timer, active::remove);
        if (exchange.waitBudgetNanos() <= 0) {
            return CompletableFuture.failedFuture(exchange.timeoutException());
        }
        java.net.http.HttpRequest jdkRequest = toJdkRequest(request, exchange, current);
        active.add(exchange);
        if (closed.get()) {
            // close() ran between the check above and add(): it may have missed this one.
            exchange.finish();
            return CompletableFuture.failedFuture(new IOException("the transport was closed"));
        }

        CompletableFuture<java.net.http.HttpResponse<JdkHttpResponse>> jdkFuture;
        try {
            jdkFuture = current.sendAsync(jdkRequest, info -> {
                JdkHttpResponse stream = new JdkHttpResponse(info, exchange);
                exchange.onAbort(stream::abort);
                // Before any of the body is read: the stream cancels at once, and the client closes the connection.
                TransportSupport.malformedContentLength(info.headers().allValues("Content-Length")).ifPresent(exchange::abort);
                return stream;
            });
        } catch (RuntimeException e) {
            exchange.finish();
            return CompletableFuture.failedFuture(e);
        }
        exchange.onAbort(() -> jdkFuture.cancel(true));
        exchange.startWatch();

        CompletableFuture<HttpResponse> result = new CompletableFuture<>();
        jdkFuture.whenComplete((response, failure) -> {
            exchange.stopWatch();
            if (failure == null && exchange.abortReason().isEmpty() && result.complete(response.body())) {
                return; // an abort from now on (close()) ends the body's reads and the exchange
            }
            if (response != null) {
                // Aborted, or cancelled while the headers were on their way: nobody else will close it.
                response.body().close();
            }
            exchange.finish();
            result.completeExceptionally(mapFailure(failure, exchange, request.uri()));
        });
        result.whenComplete((response, failure) -> {
            if (result.isCancelled()) {
                exchange.abort(new InterruptedIOException("the exchange was cancelled"));
                exchange.finish();
            }
        });
        return result;
    }

    private java.net.http.HttpRequest toJdkRequest(HttpRequest request, ExchangeWatch exchange, HttpClient current) {
        // No per-request version: the client's applies (HTTP/1.1 on the clients built here).
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(request.uri())
                .expectContinue(false);
        // The JDK refuses the headers it sets itself (Host, Content-Length, ...): the core sends none.
        request.headers().forEach(header -> builder.header(header.getKey(), header.getValue()));
        // Only cleartext HTTP/1.1 writes each chunk as it is and drops it once written: there chunks are recycled.
        boolean recycleChunks = "http".equalsIgnoreCase(request.uri().getScheme())
                && current.version() == HttpClient.Version.HTTP_1_1;
        // The JDK refuses a publisher of zero bytes: noBody() sends none, with Content-Length: 0.
        BodyPublisher body = request.body().filter(b -> b.contentLength() > 0).map(b -> BodyPublishers.fromPublisher(
                new StreamingBodyPublisher(b, uploadExecutor, exchange, recycleChunks), b.contentLength()))
                .orElseGet(BodyPublishers::noBody);
        return builder.method(request.method(), body).build();
    }

    private static IOException mapFailure(Throwable failure, ExchangeWatch exchange, URI uri) {
        Optional<IOException> aborted = exchange.abortReason();
        Throwable cause = TransportSupport.unwrap(failure);
        if (aborted.isPresent()) {
            return aborted.get();
        } else if (cause instanceof HttpConnectTimeoutException) {
            // The one HttpTimeoutException possible (no request here has a timeout); the SPI wants an InterruptedIOException.
            return (IOException) new SocketTimeoutException("connect timed out").initCause(cause);
        } else if (cause instanceof ConnectException && cause.getCause() instanceof UnresolvedAddressException) {
            // The JDK's way to say the name does not resolve: an UnknownHostException, never retried.
            return (IOException) new UnknownHostException(uri.getHost()).initCause(cause);
        } else if (cause instanceof ConnectException) {
            // The JDK's has no message.
            return TransportSupport.connectFailure(uri, cause.getCause() != null ? cause.getCause() : cause);
        } else if (cause instanceof IOException io) {
            return io;
        }
        // E.g. the NumberFormatException of a Content-Length that is not a number.
        return new IOException("malformed reply or failed exchange: " + cause, cause);
    }

    /**
     * Aborts the exchanges in flight (they fail with an {@link IOException}), stops the threads this
     * instance created and drops the client it built. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (ExchangeWatch exchange : active) {
            exchange.abort(new IOException("the transport was closed"));
            exchange.finish();
        }
        timer.shutdownNow();
        uploadExecutor.shutdownNow();
        HttpClient built = client;
        client = null;
        if (ownsClient) {
            shutdownNowIfAvailable(built);
            // Graceful: the client may still hand a task or two to its executor while it unwinds.
            clientExecutor.shutdown();
        }
    }

    private static void shutdownNowIfAvailable(HttpClient built) {
        try {
            HttpClient.class.getMethod("shutdownNow").invoke(built);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Java 17 to 20 have none (the selector thread ends once the client is collected).
        }
    }

    @Override
    public String toString() {
        return "JdkHttpTransport[" + name + (ownsClient ? "" : ", lent client") + (closed.get() ? ", closed" : "") + "]";
    }
}
