package io.github.geminiimage.adapter.httpclient5;

import io.github.geminiimage.http.RequestBody;
import io.github.geminiimage.adapter.httpclient5.internal.ExchangeRunner;
import io.github.geminiimage.http.HttpRequest;
import io.github.geminiimage.http.HttpResponse;
import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.TransportSettings;
import io.github.geminiimage.http.support.TransportSupport;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.Configurable;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.entity.EntityTemplate;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * An {@link HttpTransport} over Apache HttpClient 5 (classic API). HttpClient's retries, redirects
 * and decompression are off (on a lent client too), so a reply comes back as sent after one request;
 * a body streams with its exact {@code Content-Length}; the request's deadline is enforced by a
 * watchdog that aborts the exchange, while the body is read too; exchanges run on bounded, named
 * daemon threads, so an interrupt or a cancel aborts them. A malformed reply head (on the clients it
 * builds also a line over {@value #MAX_HEAD_LINE_LENGTH} bytes or over {@value #MAX_HEADER_COUNT}
 * header lines) fails and closes its connection, as does a body closed before its end: the choice for
 * untrusted proxies. {@link #close()} aborts the exchanges in flight and releases what this transport
 * built; a client lent with {@link #using} stays open. Sensitive headers are marked as such;
 * HttpClient's own DEBUG wire logging prints request bodies. Thread-safe.
 */
public final class HttpClient5Transport implements HttpTransport {

    /** The longest status or header line read, in bytes: a longer one fails the exchange. */
    public static final int MAX_HEAD_LINE_LENGTH = 8 * 1024;
    /** The most header lines read in a reply: more fail the exchange. */
    public static final int MAX_HEADER_COUNT = 256;

    private static final AtomicInteger INSTANCES = new AtomicInteger();
    // The entity supplies both; a second copy makes HttpClient refuse the request.
    private static final Set<String> ENTITY_HEADERS = Set.of("content-length", "transfer-encoding");
    private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private final String name;
    private final CloseableHttpClient client;
    private final boolean ownsClient;
    private final TransportSettings settings;
    private final RequestConfig baseConfig;
    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor watchdogs;
    private final Set<ExchangeRunner> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    private HttpClient5Transport(CloseableHttpClient lent, TransportSettings settings) {
        this.name = "gemini-hc5-" + INSTANCES.incrementAndGet();
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ownsClient = lent == null;
        this.client = ownsClient ? newClient(settings) : lent;
        // Keep what the caller configured (proxy, cookies, ...) and override only what the contract fixes.
        this.baseConfig = !ownsClient && client instanceof Configurable c && c.getConfig() != null ? c.getConfig()
                : RequestConfig.DEFAULT;
        this.workers = TransportSupport.boundedPool(name + "-worker", settings.maxConnectionsPerHost(), 60);
        this.watchdogs = TransportSupport.timer(name + "-timer", 60);
    }

    private static CloseableHttpClient newClient(TransportSettings settings) {
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                // Explicit, not HttpCore's defaults: before 5.4 those are unbounded, and an endless reply
                // head was read until the deadline (a Spring Boot BOM still brings HttpCore 5.3).
                .setConnectionFactory(ManagedHttpClientConnectionFactory.builder().http1Config(Http1Config.custom()
                        .setMaxLineLength(MAX_HEAD_LINE_LENGTH)
                        .setMaxHeaderCount(MAX_HEADER_COUNT)
                        .build()).build())
                .setMaxConnTotal(settings.maxConnectionsPerHost())
                .setMaxConnPerRoute(settings.maxConnectionsPerHost())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(timeout(settings.connectTimeout()))
                        .setSocketTimeout(timeout(settings.inactivityTimeout()))
                        // A pooled connection idle this long is checked before reuse: load balancers drop them silently.
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .build();
        return HttpClients.custom()
                .setConnectionManager(pool)
                // HttpClient ignores the JVM's proxy settings unless asked; null: ProxySelector.getDefault() per request.
                .setRoutePlanner(new SystemDefaultRoutePlanner(settings.proxySelector().orElse(null)))
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /**
     * A transport with its own client, pool and threads: the timeouts of {@code settings}, and its
     * per-host bound for the pool and for the exchanges waiting for their response headers at once.
     */
    public static HttpClient5Transport create(TransportSettings settings) {
        return new HttpClient5Transport(null, settings);
    }

    /**
     * A transport over a client the caller built (proxy, TLS, pool) and keeps owning: {@link #close()}
     * leaves it open. The timeouts of {@code settings} are applied per request, its bound to the
     * exchanges waiting for headers; its proxy selector does not apply (the client's route planner
     * does). Build the client with {@code disableAutomaticRetries()}: the transport disables
     * redirects and decompression per request, and marks a body as not repeatable, but HttpClient's
     * retry strategy would still resend a request without a body.
     */
    public static HttpClient5Transport using(CloseableHttpClient client, TransportSettings settings) {
        return new HttpClient5Transport(Objects.requireNonNull(client, "client"), settings);
    }

    @Override
    public CompletableFuture<HttpResponse> sendAsync(HttpRequest request) {
        Objects.requireNonNull(request, "request");
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IOException("the transport was closed"));
        }
        ExchangeRunner exchange = new ExchangeRunner(toHttpClient(request), request.deadline(), inFlight::remove);
        inFlight.add(exchange);
        if (closed.get()) {
            // close() ran between the check above and add(): it may not have seen this exchange.
            exchange.abort(ExchangeRunner.Abort.TRANSPORT_CLOSED);
            return exchange.future();
        }
        exchange.armDeadline(watchdogs);
        try {
            workers.execute(() -> exchange.execute(client));
        } catch (RejectedExecutionException e) {
            // Only after close() shut the workers down.
            exchange.abort(ExchangeRunner.Abort.TRANSPORT_CLOSED);
        }
        return exchange.future();
    }

    private HttpUriRequestBase toHttpClient(HttpRequest request) {
        HttpUriRequestBase out = new HttpUriRequestBase(request.method(), request.uri());
        for (Map.Entry<String, String> header : request.headers()) {
            if (!ENTITY_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                out.addHeader(new BasicHeader(header.getKey(), header.getValue(), request.isSensitive(header.getKey())));
            }
        }
        if (request.body().isPresent() || METHODS_WITH_BODY.contains(request.method())) {
            // Streamed with its exact length (a POST without a body says Content-Length: 0); not
            // repeatable on a lent client, so that none of its layers (retry, auth replay) sends it twice.
            out.setEntity(new HttpEntityWrapper(new EntityTemplate(request.contentLength(), null, null,
                    stream -> {
                        if (request.body().isPresent()) {
                            RequestBody.writeExactly(request.body().get(), stream);
                        }
                    })) {
                @Override
                public boolean isRepeatable() {
                    return ownsClient;
                }
            });
        }
        out.setConfig(requestConfig(request.deadline()));
        return out;
    }

    @SuppressWarnings("deprecation") // The per-request connect timeout is the one way to apply it to a lent client.
    private RequestConfig requestConfig(Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        return RequestConfig.copy(baseConfig)
                .setRedirectsEnabled(false)
                .setContentCompressionEnabled(false)
                .setConnectTimeout(timeout(min(settings.connectTimeout(), left)))
                // Waiting for a pooled connection is part of connecting.
                .setConnectionRequestTimeout(timeout(min(settings.connectTimeout(), left)))
                .setResponseTimeout(timeout(settings.inactivityTimeout()))
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
        for (ExchangeRunner exchange : List.copyOf(inFlight)) {
            exchange.abort(ExchangeRunner.Abort.TRANSPORT_CLOSED);
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
        return "HttpClient5Transport[" + name + ", ownsClient=" + ownsClient + ", " + settings + ", closed="
                + closed.get() + "]";
    }
}
