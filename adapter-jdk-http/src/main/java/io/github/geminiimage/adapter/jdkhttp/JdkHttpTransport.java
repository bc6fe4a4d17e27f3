package io.github.geminiimage.adapter.jdkhttp;

import io.github.geminiimage.adapter.jdkhttp.internal.Exchange;
import io.github.geminiimage.adapter.jdkhttp.internal.JdkHttpResponse;
import io.github.geminiimage.adapter.jdkhttp.internal.NamedThreads;
import io.github.geminiimage.adapter.jdkhttp.internal.ResponseBodyStream;
import io.github.geminiimage.adapter.jdkhttp.internal.StreamingBodyPublisher;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.HttpRequest;
import io.github.geminiimage.http.HttpResponse;
import io.github.geminiimage.http.HttpTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link HttpTransport} over {@code java.net.http.HttpClient} (Java 17 API). Thread-safe; one
 * instance serves any number of concurrent exchanges and should live as long as the application.
 *
 * <p>What it adds to the JDK client, and why:
 * <ul>
 *   <li><b>Streaming upload with the exact length.</b> The body is published with
 *       {@code BodyPublishers.fromPublisher(publisher, contentLength)}, produced by
 *       {@code RequestBody.writeTo} on an upload thread in 64 KiB chunks as the client asks for
 *       them: a 28 MB request is never held whole, and {@code Content-Length} is exact (no chunking).
 *       Over cleartext HTTP/1.1 the
 *       chunks the client has written out are filled again, so the upload allocates a few chunks
 *       whatever its size; over TLS and HTTP/2 the client keeps or slices chunks after consuming
 *       them, so each chunk is new there. A failing {@code writeTo} fails the exchange.</li>
 *   <li><b>Timeouts that cover the body.</b> On Java 17 {@code HttpRequest.timeout} stops at the
 *       reply headers (JDK-8258397). Here, until the headers arrive a timer aborts the exchange when
 *       no bytes moved for the inactivity timeout or when the request's deadline passes; afterwards
 *       every read of the body waits at most as long and checks the deadline even while bytes keep
 *       dribbling in. Either way the failure is a {@link SocketTimeoutException}.</li>
 *   <li><b>Cancellation and interrupts that abort.</b> Cancelling the future of {@link #sendAsync}
 *       cancels the client's exchange and closes the body; interrupting {@link #send} or a read of
 *       the body does the same and keeps the interrupt flag (the JDK's own body stream ignores
 *       interrupts).</li>
 *   <li><b>No redirects, no retries.</b> {@code Redirect.NEVER}: a 3xx comes back as a response (a
 *       redirect would carry the key elsewhere). The JDK never resends a {@code POST} by itself.</li>
 *   <li><b>HTTP/1.1.</b> Pinned on the clients this class builds. Over cleartext {@code http://}
 *       a client asking for HTTP/2 sends the whole upload as an HTTP/1.1 request with
 *       {@code Upgrade: h2c}; measured on loopback (see {@code JdkHttpTransportTest}), Jetty declines
 *       to upgrade a request that has a body and serves the 21 MB upload as HTTP/1.1 anyway, so the
 *       attempt gains nothing. Over TLS, HTTP/2 multiplexes calls on one connection: one reset or
 *       {@code GOAWAY} fails every call in flight (which Java 17 does not retry), and a large upload
 *       competes with other streams for the connection's flow-control window. Image calls are few,
 *       long and large: one connection per call is the simpler, sturdier choice. A caller who wants
 *       HTTP/2 can lend a client built for it; the request then follows the client's version.</li>
 *   <li><b>Bounded, named threads it owns.</b> The client it builds runs on a bounded pool of
 *       daemon threads named {@code gemini-jdk-http-N-worker-M} (instead of the JDK's unbounded
 *       cached pool); request bodies are written by {@code gemini-jdk-http-N-upload-M} threads and
 *       timeouts watched by {@code gemini-jdk-http-N-timer-M}. Idle threads die after 10 s.</li>
 * </ul>
 *
 * <p>{@link #close()} aborts the exchanges in flight and stops the threads this instance created.
 * Java 17's {@code HttpClient} has no {@code close()}: the client built here is then dropped, and its
 * selector thread ({@code HttpClient-N-SelectorManager}) ends within seconds once it is garbage
 * collected; on Java 21 and later its {@code shutdownNow()} is called. A client lent with
 * {@link #using(HttpClient, HttpOptions)} is never closed, nor its executor: its owner keeps it.
 *
 * <p>A reply with {@code Content-Encoding: gzip} (never asked for: no {@code Accept-Encoding} is
 * sent) is inflated before it is handed on, so size caps apply to the decoded bytes. Beware that
 * {@code -Djdk.httpclient.HttpClient.log=headers} makes the JDK print every header, the key
 * included.
 */
public final class JdkHttpTransport implements HttpTransport {

    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** Headers the JDK refuses to take from the caller; it sets them itself. */
    private static final Set<String> CLIENT_SET_HEADERS = Set.of("content-length", "host", "connection",
            "expect", "upgrade");

    private final String name;
    private volatile HttpClient client;
    private final boolean ownsClient;
    private final ThreadPoolExecutor clientExecutor;
    private final ThreadPoolExecutor uploadExecutor;
    private final ScheduledThreadPoolExecutor timer;
    private final Duration inactivityTimeout;
    private final Set<Exchange> active = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    private JdkHttpTransport(HttpClient lent, HttpOptions options) {
        this.name = "gemini-jdk-http-" + INSTANCES.incrementAndGet();
        this.inactivityTimeout = options.inactivityTimeout();
        this.uploadExecutor = NamedThreads.boundedPool(name + "-upload", 64);
        this.timer = NamedThreads.timer(name + "-timer");
        if (lent == null) {
            int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
            this.clientExecutor = NamedThreads.boundedPool(name + "-worker", workers);
            this.client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(options.connectTimeout())
                    .executor(clientExecutor)
                    .build();
            this.ownsClient = true;
        } else {
            this.clientExecutor = null;
            this.client = lent;
            this.ownsClient = false;
        }
    }

    /**
     * A transport over a new HTTP/1.1 client that it owns: connect timeout and inactivity timeout
     * from {@code options}, no redirects, its own bounded threads.
     */
    public static JdkHttpTransport create(HttpOptions options) {
        Objects.requireNonNull(options, "options");
        return new JdkHttpTransport(null, options);
    }

    /**
     * A transport over a client the caller configured and keeps owning: {@link #close()} leaves it
     * (and its executor) alone. Its own connect timeout, proxy, TLS and version settings apply; the
     * inactivity timeout comes from {@code options}.
     *
     * @throws IllegalArgumentException if the client follows redirects: a redirect would carry the
     *     API key to another host
     */
    public static JdkHttpTransport using(HttpClient client, HttpOptions options) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(options, "options");
        if (client.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the HttpClient follows redirects (" + client.followRedirects()
                    + "); build it with followRedirects(Redirect.NEVER), a redirect would carry the API key elsewhere");
        }
        return new JdkHttpTransport(client, options);
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
    public HttpResponse send(HttpRequest request) throws IOException {
        CompletableFuture<HttpResponse> future = sendAsync(request);
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the reply");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw Exchange.copyOf(io);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException("the exchange failed", cause);
        }
    }

    @Override
    public CompletableFuture<HttpResponse> sendAsync(HttpRequest request) {
        Objects.requireNonNull(request, "request");
        HttpClient current = client;
        if (closed.get() || current == null) {
            return CompletableFuture.failedFuture(new IOException("the transport was closed"));
        }
        Exchange exchange = new Exchange(request.deadline(), inactivityTimeout, timer);
        if (exchange.waitBudgetNanos() <= 0) {
            return CompletableFuture.failedFuture(exchange.timeoutException());
        }
        java.net.http.HttpRequest jdkRequest = toJdkRequest(request, exchange, current);
        active.add(exchange);
        exchange.onFinish(() -> active.remove(exchange));
        if (closed.get()) {
            // close() ran between the check above and the registration: it may have missed this one.
            exchange.finish();
            return CompletableFuture.failedFuture(new IOException("the transport was closed"));
        }

        CompletableFuture<java.net.http.HttpResponse<InputStream>> jdkFuture;
        try {
            jdkFuture = current.sendAsync(jdkRequest, info -> {
                ResponseBodyStream stream = new ResponseBodyStream(exchange);
                exchange.onAbort(stream::abort);
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
            if (failure != null) {
                exchange.finish();
                result.completeExceptionally(mapFailure(failure, exchange));
                return;
            }
            JdkHttpResponse wrapped = new JdkHttpResponse(response.statusCode(), response.headers().map(),
                    (ResponseBodyStream) response.body(), exchange);
            if (!result.complete(wrapped) || exchange.abortReason().isPresent()) {
                // Cancelled or aborted while the headers were on their way: nobody will close it.
                wrapped.close();
            }
        });
        result.whenComplete((response, failure) -> {
            if (result.isCancelled()) {
                exchange.abort(new InterruptedIOException("the exchange was cancelled"));
                exchange.finish();
            }
        });
        return result;
    }

    private java.net.http.HttpRequest toJdkRequest(HttpRequest request, Exchange exchange, HttpClient current) {
        // No per-request version: the client's applies (HTTP/1.1 on the clients built here).
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(request.uri())
                .expectContinue(false);
        for (Map.Entry<String, String> header : request.headers()) {
            if (CLIENT_SET_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header " + header.getKey() + " is set by the HTTP client itself");
            }
            builder.header(header.getKey(), header.getValue());
        }
        // Only cleartext HTTP/1.1 writes each chunk as it is and drops it once written: there chunks are recycled.
        boolean recycleChunks = "http".equalsIgnoreCase(request.uri().getScheme())
                && current.version() == HttpClient.Version.HTTP_1_1;
        StreamingBodyPublisher publisher = new StreamingBodyPublisher(request.body().orElseThrow(), uploadExecutor, exchange, recycleChunks);
        return builder.POST(BodyPublishers.fromPublisher(publisher, request.body().orElseThrow().contentLength())).build();
    }

    private static IOException mapFailure(Throwable failure, Exchange exchange) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (exchange.abortReason().isPresent()) {
            return Exchange.copyOf(exchange.abortReason().get());
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return (IOException) new SocketTimeoutException("connect timed out").initCause(cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return (IOException) new SocketTimeoutException("no reply in time").initCause(cause);
        }
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof CancellationException) {
            return new InterruptedIOException("the exchange was cancelled");
        }
        return new IOException("the exchange failed: " + cause, cause);
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
        for (Exchange exchange : active) {
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

    /** Java 21 added {@code HttpClient.shutdownNow()}; on 17 the selector thread ends once the client is collected. */
    private static void shutdownNowIfAvailable(HttpClient built) {
        try {
            Method shutdownNow = HttpClient.class.getMethod("shutdownNow");
            shutdownNow.invoke(built);
        } catch (NoSuchMethodException e) {
            // Java 17 to 20: nothing to call.
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Best effort: the client is dropped either way.
        }
    }

    @Override
    public String toString() {
        return "JdkHttpTransport[" + name + (ownsClient ? "" : ", lent client") + (closed.get() ? ", closed" : "") + "]";
    }
}
