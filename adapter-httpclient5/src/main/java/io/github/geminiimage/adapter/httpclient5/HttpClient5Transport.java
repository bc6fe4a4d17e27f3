package io.github.geminiimage.adapter.httpclient5;

import io.github.geminiimage.adapter.httpclient5.internal.Exchange;
import io.github.geminiimage.adapter.httpclient5.internal.NamedDaemonThreads;
import io.github.geminiimage.adapter.httpclient5.internal.RequestBodyEntity;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.HttpRequest;
import io.github.geminiimage.http.HttpResponse;
import io.github.geminiimage.http.HttpTransport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.Configurable;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * An {@link HttpTransport} over Apache HttpClient 5 (classic API). Thread-safe; meets the SPI's
 * contract:
 * <ul>
 *   <li>HttpClient's automatic retries and redirect handling are off (on a client the caller lends
 *       it, the request entity tells HttpClient it cannot be sent twice, and each request disables
 *       redirects), so a 3xx, 429 or 503 comes back as it is, after one request.</li>
 *   <li>The body streams from {@link io.github.geminiimage.http.RequestBody#writeTo} with its exact
 *       {@code Content-Length}, never chunked, never buffered whole.</li>
 *   <li>Connect, pool-lease and inactivity timeouts come from the options; the request's deadline is
 *       enforced by a watchdog that aborts the exchange, also while the body is read, so the read
 *       fails with a {@link java.net.SocketTimeoutException}.</li>
 *   <li>The exchange runs on a bounded pool of daemon threads named {@code gemini-hc5-N-worker-M}, so
 *       interrupting {@link #send} or cancelling the future of {@link #sendAsync} aborts it
 *       (blocking socket reads do not answer interrupts).</li>
 *   <li>A response closed before the end of its body closes its connection instead of draining it.
 *       Content decompression is on: {@link HttpResponse#body()} yields the inflated bytes, which is
 *       what the core's size cap counts.</li>
 *   <li>{@link #close()} aborts exchanges in flight and releases the threads, and the client and its
 *       pool when the transport built them; a client passed to {@link Builder#httpClient} stays
 *       open.</li>
 * </ul>
 * Header values of {@code x-goog-api-key}, {@code Authorization} and the like are marked sensitive,
 * so HttpClient treats them as credentials. Note that HttpClient's own DEBUG logging
 * ({@code org.apache.hc.client5.http.wire}) prints request bodies.
 */
public final class HttpClient5Transport implements HttpTransport {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** The default size of the pool and of the worker pool. */
    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    /** The default most pooled connections to one host (or {@code maxConnections} when smaller). */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ROUTE = 32;

    private static final Set<String> SENSITIVE_HEADERS = Set.of("x-goog-api-key", "authorization",
            "proxy-authorization", "cookie", "x-api-key", "api-key");
    // The entity supplies both; a second copy makes HttpClient refuse the request.
    private static final Set<String> ENTITY_HEADERS = Set.of("content-length", "transfer-encoding");

    private final String name;
    private final CloseableHttpClient client;
    private final boolean ownsClient;
    private final Duration connectTimeout;
    private final Duration connectionRequestTimeout;
    private final Duration inactivityTimeout;
    private final RequestConfig baseConfig;
    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor watchdogs;
    private final Set<Exchange> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    private HttpClient5Transport(Builder b) {
        this.name = "gemini-hc5-" + INSTANCES.incrementAndGet();
        this.connectTimeout = b.options.connectTimeout();
        this.inactivityTimeout = b.options.inactivityTimeout();
        this.connectionRequestTimeout = b.connectionRequestTimeout.orElse(connectTimeout);
        if (b.httpClient != null) {
            this.client = b.httpClient;
            this.ownsClient = false;
            // Keep what the caller configured (proxy, cookies, ...) and override only what the contract fixes.
            this.baseConfig = b.httpClient instanceof Configurable c && c.getConfig() != null ? c.getConfig()
                    : RequestConfig.DEFAULT;
        } else {
            this.client = newClient(b);
            this.ownsClient = true;
            this.baseConfig = RequestConfig.DEFAULT;
        }
        this.workers = NamedDaemonThreads.boundedPool(name + "-worker", b.maxConnections, 60);
        this.watchdogs = new ScheduledThreadPoolExecutor(1, new NamedDaemonThreads(name + "-timer"));
        this.watchdogs.setRemoveOnCancelPolicy(true);
        // An idle transport holds no thread.
        this.watchdogs.setKeepAliveTime(60, TimeUnit.SECONDS);
        this.watchdogs.allowCoreThreadTimeOut(true);
    }

    private static CloseableHttpClient newClient(Builder b) {
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(b.maxConnections)
                .setMaxConnPerRoute(b.maxConnectionsPerRoute > 0 ? b.maxConnectionsPerRoute
                        : Math.min(DEFAULT_MAX_CONNECTIONS_PER_ROUTE, b.maxConnections))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(timeout(b.options.connectTimeout()))
                        .setSocketTimeout(timeout(b.options.inactivityTimeout()))
                        // A pooled connection idle this long is checked before reuse: load balancers drop them silently.
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .build();
        return HttpClients.custom()
                .setConnectionManager(pool)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /** A transport with its own client, pool and threads, timeouts from {@code options}. */
    public static HttpClient5Transport create(HttpOptions options) {
        return builder().options(options).build();
    }

    /**
     * A transport over a client the caller built and keeps owning: {@link #close()} leaves it open.
     * Timeouts from {@code options} are applied per request.
     */
    public static HttpClient5Transport using(CloseableHttpClient client, HttpOptions options) {
        return builder().httpClient(client).options(options).build();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IOException also when the transport was closed, like an exchange that close() aborted
     */
    @Override
    public HttpResponse send(HttpRequest request) throws IOException {
        Exchange exchange = start(request);
        if (exchange == null) {
            throw closedException();
        }
        try {
            return exchange.future().get();
        } catch (InterruptedException e) {
            exchange.abort(Exchange.Abort.INTERRUPTED);
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting for the response");
            interrupted.initCause(e);
            throw interrupted;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
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
        Exchange exchange = start(request);
        return exchange == null ? CompletableFuture.failedFuture(closedException()) : exchange.future();
    }

    private static IOException closedException() {
        return new IOException("the transport was closed");
    }

    /** Starts an exchange, or returns {@code null} when the transport is closed. */
    private Exchange start(HttpRequest request) {
        Objects.requireNonNull(request, "request");
        if (closed.get()) {
            return null;
        }
        List<String> secrets = new ArrayList<>();
        HttpPost post = toHttpPost(request, secrets);
        Exchange exchange = new Exchange(post, request.deadline(), secrets, inFlight::remove);
        inFlight.add(exchange);
        if (closed.get()) {
            // close() ran between the check above and add(): it may not have seen this exchange.
            exchange.abort(Exchange.Abort.TRANSPORT_CLOSED);
            return null;
        }
        exchange.armDeadline(watchdogs);
        try {
            workers.execute(() -> exchange.execute(client));
        } catch (RejectedExecutionException e) {
            // Only after close() shut the workers down.
            exchange.abort(Exchange.Abort.TRANSPORT_CLOSED);
        }
        return exchange;
    }

    private HttpPost toHttpPost(HttpRequest request, List<String> secrets) {
        HttpPost post = new HttpPost(request.uri());
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (ENTITY_HEADERS.contains(name)) {
                continue;
            }
            boolean sensitive = SENSITIVE_HEADERS.contains(name);
            if (sensitive) {
                secrets.add(header.getValue());
            }
            post.addHeader(new BasicHeader(header.getKey(), header.getValue(), sensitive));
        }
        String query = request.uri().getRawQuery();
        if (query != null && !query.isEmpty()) {
            // The key may ride in the query (AuthScheme.QUERY_PARAMETER): keep the URI out of messages too.
            secrets.add(query);
        }
        post.setEntity(new RequestBodyEntity(request.body().orElseThrow(), ownsClient));
        post.setConfig(requestConfig(request.deadline()));
        return post;
    }

    @SuppressWarnings("deprecation") // The per-request connect timeout is the one way to apply it to a lent client.
    private RequestConfig requestConfig(Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        return RequestConfig.copy(baseConfig)
                .setRedirectsEnabled(false)
                .setConnectTimeout(timeout(min(connectTimeout, left)))
                .setConnectionRequestTimeout(timeout(min(connectionRequestTimeout, left)))
                .setResponseTimeout(timeout(inactivityTimeout))
                .build();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Timeout timeout(Duration d) {
        // At least 1 ms: HttpClient reads 0 as "no timeout".
        return Timeout.ofMilliseconds(Math.max(1, d.toMillis()));
    }

    /**
     * Aborts the exchanges in flight, stops the transport's threads, and closes the client and its
     * pool if the transport built them. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (Exchange exchange : List.copyOf(inFlight)) {
            exchange.abort(Exchange.Abort.TRANSPORT_CLOSED);
        }
        workers.shutdownNow();
        watchdogs.shutdownNow();
        if (ownsClient) {
            client.close(CloseMode.IMMEDIATE);
        }
        try {
            // Aborted exchanges end at once; wait so no thread outlives close().
            workers.awaitTermination(5, TimeUnit.SECONDS);
            watchdogs.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The prefix of the names of the threads this instance starts, e.g. {@code gemini-hc5-3}. */
    public String threadNamePrefix() {
        return name;
    }

    /**
     * How many exchanges are in flight or have handed back a response that is neither closed nor
     * past its deadline. Zero once every response was closed; useful to find a leak.
     */
    public int activeExchanges() {
        return inFlight.size();
    }

    @Override
    public String toString() {
        return "HttpClient5Transport[" + name + ", ownsClient=" + ownsClient + ", connectTimeout=" + connectTimeout
                + ", inactivityTimeout=" + inactivityTimeout + ", closed=" + closed.get() + "]";
    }

    /** Builds an {@link HttpClient5Transport}. Not thread-safe. */
    public static final class Builder {
        private HttpOptions options = HttpOptions.defaults();
        private Optional<Duration> connectionRequestTimeout = Optional.empty();
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxConnectionsPerRoute = -1;
        private CloseableHttpClient httpClient;

        private Builder() {
        }

        /** The options whose connect and inactivity timeouts the transport applies (default {@link HttpOptions#defaults()}). */
        public Builder options(HttpOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** The most time to wait for a pooled connection (default: the connect timeout). */
        public Builder connectionRequestTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "connectionRequestTimeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("connectionRequestTimeout must be positive; got " + timeout);
            }
            this.connectionRequestTimeout = Optional.of(timeout);
            return this;
        }

        /**
         * The most connections in the pool, and of exchanges waiting for their response headers at
         * once (default 64). With a lent client, only the latter: its pool is the caller's.
         */
        public Builder maxConnections(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1; got " + max);
            }
            this.maxConnections = max;
            return this;
        }

        /** The most pooled connections to one host (default 32, or maxConnections when smaller); ignored with a lent client. */
        public Builder maxConnectionsPerRoute(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConnectionsPerRoute must be at least 1; got " + max);
            }
            this.maxConnectionsPerRoute = max;
            return this;
        }

        /**
         * A client the caller built and owns: the transport uses it and never closes it. Build it with
         * {@code disableAutomaticRetries()}; the transport disables redirects per request and keeps
         * HttpClient from resending a body anyway.
         */
        public Builder httpClient(CloseableHttpClient client) {
            this.httpClient = Objects.requireNonNull(client, "httpClient");
            return this;
        }

        /**
         * Builds the transport.
         *
         * @throws IllegalArgumentException if maxConnectionsPerRoute exceeds maxConnections
         */
        public HttpClient5Transport build() {
            if (maxConnectionsPerRoute > 0 && maxConnectionsPerRoute > maxConnections) {
                throw new IllegalArgumentException("maxConnectionsPerRoute (" + maxConnectionsPerRoute
                        + ") must not exceed maxConnections (" + maxConnections + ")");
            }
            return new HttpClient5Transport(this);
        }
    }
}
