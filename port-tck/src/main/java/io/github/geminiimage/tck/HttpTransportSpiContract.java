package io.github.geminiimage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.HttpRequest;
import io.github.geminiimage.http.HttpResponse;
import io.github.geminiimage.http.HttpTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link HttpTransport} must do, checked on the SPI itself against a raw loopback
 * server, so that a failure names the transport rather than the core: the exact bytes and
 * {@code Content-Length} of a streamed body, a 3xx returned rather than followed, timeouts that
 * cover the reply body, interrupts and cancellation that abort, and {@link HttpTransport#close()}.
 * Subclasses provide {@link #createTransport(HttpOptions)}; the transport is closed after each test,
 * and after the suite no thread the transport started may be left alive.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
public abstract class HttpTransportSpiContract {

    /** A sentinel key: it must never show up in an exception message. */
    protected static final String SENTINEL_KEY = "AIzaTCK-SENTINEL-KEY-0123456789abcdefghi";

    private Set<Long> threadsBefore;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    /**
     * A new transport configured with {@code options} (connect and inactivity timeouts; the caps are
     * the core's business), owning what it creates.
     */
    protected abstract HttpTransport createTransport(HttpOptions options);

    /** Threads of the suite's environment to ignore in the leak check, beside {@link ThreadLeaks#SHARED}. */
    protected boolean isIgnoredThread(Thread thread) {
        return false;
    }

    /** An extra check after each test that the transport released everything (e.g. leased connections). */
    protected void assertReleased(HttpTransport transport) {
    }

    @BeforeAll
    void snapshotThreads() {
        threadsBefore = ThreadLeaks.snapshot();
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        toClose.clear();
    }

    @AfterAll
    void noThreadOutlivesTheTransports() throws InterruptedException {
        assertThat(ThreadLeaks.leakedSince(threadsBefore, Duration.ofSeconds(15), this::isIgnoredThread))
                .as("threads left alive after every transport was closed").isEmpty();
    }

    private HttpTransport transport(Duration inactivity) {
        HttpTransport transport = createTransport(HttpOptions.builder().connectTimeout(Duration.ofSeconds(2))
                .inactivityTimeout(inactivity).build());
        toClose.add(() -> {
            transport.close();
            assertReleased(transport);
        });
        return transport;
    }

    private RawHttpServer server(RawHttpServer.Handler handler) throws IOException {
        RawHttpServer server = RawHttpServer.start(handler);
        toClose.add(0, server);
        return server;
    }

    /** A server that reads the request, says so, and never answers until the client hangs up. */
    private RawHttpServer serverHoldingTheRequest(CountDownLatch requestArrived) throws IOException {
        return server(c -> {
            c.readRequest();
            requestArrived.countDown();
            c.awaitPeerClose(10_000);
        });
    }

    private static HttpRequest post(URI base, io.github.geminiimage.http.RequestBody body, Duration deadline) {
        return new HttpRequest(base.resolve("/v1beta/models/m:generateContent"),
                List.of(Map.entry("Content-Type", "application/json"), Map.entry("x-goog-api-key", SENTINEL_KEY),
                        Map.entry("User-Agent", "tck")),
                body, Instant.now().plus(deadline));
    }

    private static HttpRequest post(URI base, Duration deadline) {
        return post(base, new PatternBody(100), deadline);
    }

    private static void replyOk(RawHttpServer.Connection c) throws IOException {
        while (c.readRequest().isPresent()) {
            c.reply(200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void sendsTheExactBytesWithTheirContentLength() throws Exception {
        RawHttpServer server = server(HttpTransportSpiContract::replyOk);
        PatternBody body = new PatternBody(21_000_003);
        try (HttpResponse response = transport(Duration.ofSeconds(10)).send(post(server.baseUri(), body, Duration.ofSeconds(15)))) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body().readAllBytes()).asString().isEqualTo("{}");
        }
        RawHttpServer.ReceivedRequest received = server.requests().get(0);
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.target()).isEqualTo("/v1beta/models/m:generateContent");
        assertThat(received.header("content-length")).contains("21000003");
        assertThat(received.header("transfer-encoding")).isEmpty();
        assertThat(received.header("x-goog-api-key")).contains(SENTINEL_KEY);
        assertThat(received.header("content-type")).contains("application/json");
        assertThat(received.bodySha256()).isEqualTo(body.sha256());
    }

    @Test
    void streamsTheBodyInsteadOfBufferingItWhole() throws Exception {
        CountDownLatch serverGotTheFirstMegabyte = new CountDownLatch(1);
        RawHttpServer server = server(c -> {
            c.readRequestHead();
            // Reads part of the body, then lets the writer go on: a transport that buffered the body
            // whole would never send these bytes while writeTo is held back.
            byte[] first = c.readN(1024 * 1024);
            serverGotTheFirstMegabyte.countDown();
            c.readN(3 * 1024 * 1024);
            c.reply(200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        });
        PatternBody body = new PatternBody(4 * 1024 * 1024) {
            @Override
            protected void beforeSlice(long offset) throws IOException {
                if (offset == 2L * 1024 * 1024) {
                    try {
                        if (!serverGotTheFirstMegabyte.await(10, TimeUnit.SECONDS)) {
                            throw new IOException("the server never saw the first megabyte: the body was buffered");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException();
                    }
                }
            }
        };
        try (HttpResponse response = transport(Duration.ofSeconds(15)).send(post(server.baseUri(), body, Duration.ofSeconds(15)))) {
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aFailingBodyFailsTheExchange() throws Exception {
        RawHttpServer server = server(HttpTransportSpiContract::replyOk);
        PatternBody body = new PatternBody(1024 * 1024) {
            @Override
            protected void beforeSlice(long offset) throws IOException {
                if (offset >= 512 * 1024) {
                    throw new IOException("the image file changed since the request was built");
                }
            }
        };
        HttpTransport transport = transport(Duration.ofSeconds(5));
        assertThatThrownBy(() -> transport.send(post(server.baseUri(), body, Duration.ofSeconds(5))).close())
                .isInstanceOf(IOException.class);
        assertThat(server.requests()).as("no request may arrive complete").isEmpty();
    }

    @Test
    void returnsARedirectInsteadOfFollowingIt() throws Exception {
        RawHttpServer elsewhere = server(HttpTransportSpiContract::replyOk);
        RawHttpServer server = server(c -> {
            while (c.readRequest().isPresent()) {
                c.write("HTTP/1.1 307 Temporary Redirect\r\nLocation: " + elsewhere.baseUri()
                        + "/v1beta/models/m:generateContent\r\nContent-Length: 0\r\n\r\n");
            }
        });
        try (HttpResponse response = transport(Duration.ofSeconds(5)).send(post(server.baseUri(), Duration.ofSeconds(5)))) {
            assertThat(response.statusCode()).isEqualTo(307);
            assertThat(response.header("location")).isPresent();
        }
        assertThat(elsewhere.connectionCount()).isZero();
    }

    @Test
    void handsBackHeadersAndBodyOfAnErrorStatus() throws Exception {
        RawHttpServer server = server(c -> {
            while (c.readRequest().isPresent()) {
                c.write("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 7\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 2\r\n\r\n{}");
            }
        });
        try (HttpResponse response = transport(Duration.ofSeconds(5)).send(post(server.baseUri(), Duration.ofSeconds(5)))) {
            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.header("retry-after")).contains("7");
            assertThat(response.header("RETRY-AFTER")).contains("7");
            assertThat(response.contentLength()).hasValue(2);
            assertThat(response.body().readAllBytes()).hasSize(2);
        }
    }

    @Test
    void aRefusedConnectionIsAConnectException() throws Exception {
        URI closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        HttpTransport transport = transport(Duration.ofSeconds(5));
        assertThatThrownBy(() -> transport.send(post(closedPort, Duration.ofSeconds(5))))
                .isInstanceOf(ConnectException.class)
                .satisfies(e -> assertThat(String.valueOf(e.getMessage())).doesNotContain(SENTINEL_KEY));
    }

    @Test
    void noReplyWithinTheInactivityTimeoutIsATimeout() throws Exception {
        RawHttpServer server = server(c -> {
            c.readRequest();
            c.awaitPeerClose(10_000);
        });
        HttpTransport transport = transport(Duration.ofMillis(300));
        assertThatThrownBy(() -> transport.send(post(server.baseUri(), Duration.ofSeconds(10))))
                .isInstanceOf(InterruptedIOException.class);
        assertThat(server.nextConnection(1000).orElseThrow().peerClosedWithin(5000)).as("connection closed").isTrue();
    }

    @Test
    void noReplyBeforeTheDeadlineIsATimeout() throws Exception {
        RawHttpServer server = server(c -> {
            c.readRequest();
            c.awaitPeerClose(10_000);
        });
        // Inactivity beyond the test's own timeout: only the deadline can end this.
        HttpTransport transport = transport(Duration.ofSeconds(60));
        assertThatThrownBy(() -> transport.send(post(server.baseUri(), Duration.ofMillis(400))))
                .isInstanceOf(InterruptedIOException.class);
    }

    @Test
    void aBodyThatStallsAfterTheHeadersTimesOutAtTheDeadline() throws Exception {
        RawHttpServer server = server(c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"candidates\":");
            c.awaitPeerClose(10_000);
        });
        HttpTransport transport = transport(Duration.ofSeconds(60));
        try (HttpResponse response = transport.send(post(server.baseUri(), Duration.ofMillis(600)))) {
            InputStream body = response.body();
            assertThatThrownBy(body::readAllBytes).isInstanceOf(InterruptedIOException.class);
        }
    }

    @Test
    void aBodyThatStallsAfterTheHeadersTimesOutWhenInactive() throws Exception {
        RawHttpServer server = server(c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"candidates\":");
            c.awaitPeerClose(10_000);
        });
        HttpTransport transport = transport(Duration.ofMillis(300));
        try (HttpResponse response = transport.send(post(server.baseUri(), Duration.ofSeconds(10)))) {
            assertThatThrownBy(response.body()::readAllBytes).isInstanceOf(InterruptedIOException.class);
        }
    }

    @Test
    void aSlowDribbleIsStoppedByTheDeadline() throws Exception {
        RawHttpServer server = server(c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n");
            // One byte well within the inactivity timeout, again and again: only the deadline can stop it.
            for (int i = 0; i < 100_000 && !c.awaitPeerClose(50); i++) {
                c.write(new byte[] {' '});
            }
        });
        HttpTransport transport = transport(Duration.ofMillis(500));
        try (HttpResponse response = transport.send(post(server.baseUri(), Duration.ofMillis(1200)))) {
            assertThatThrownBy(response.body()::readAllBytes).isInstanceOf(InterruptedIOException.class);
        }
    }

    @Test
    void aBodyCutShortIsAnErrorNotAnEnd() throws Exception {
        RawHttpServer server = server(c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"candidates\":[");
            c.close();
        });
        // The close may reach the client before it hands the response over: failing send() itself
        // is as good as failing the read; only a clean end of the body would be wrong.
        assertThatThrownBy(() -> {
            try (HttpResponse response = transport(Duration.ofSeconds(5)).send(post(server.baseUri(), Duration.ofSeconds(5)))) {
                response.body().readAllBytes();
            }
        }).isInstanceOf(IOException.class);
    }

    @Test
    void aResetInTheMiddleOfTheBodyIsAnError() throws Exception {
        RawHttpServer server = server(c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n");
            c.write(new byte[50_000]);
            c.reset();
        });
        try (HttpResponse response = transport(Duration.ofSeconds(5)).send(post(server.baseUri(), Duration.ofSeconds(5)))) {
            assertThatThrownBy(response.body()::readAllBytes).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aMalformedChunkIsAnError() throws Exception {
        RawHttpServer server = server(c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\n{\"a\":\r\nZZZ-not-hex\r\nxx\r\n");
            c.awaitPeerClose(10_000);
        });
        HttpTransport transport = transport(Duration.ofSeconds(5));
        assertThatThrownBy(() -> {
            try (HttpResponse response = transport.send(post(server.baseUri(), Duration.ofSeconds(5)))) {
                response.body().readAllBytes();
            }
        }).isInstanceOf(IOException.class);
    }

    @Test
    void closingAResponseEarlyDiscardsItsConnection() throws Exception {
        RawHttpServer server = server(c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n");
            c.write(new byte[100_000]);
            c.awaitPeerClose(10_000);
        });
        HttpTransport transport = transport(Duration.ofSeconds(5));
        try (HttpResponse response = transport.send(post(server.baseUri(), Duration.ofSeconds(5)))) {
            assertThat(response.body().readNBytes(10)).hasSize(10);
        }
        assertThat(server.nextConnection(1000).orElseThrow().peerClosedWithin(5000)).isTrue();
    }

    @Test
    void interruptingSendAbortsTheExchangeAndKeepsTheFlag() throws Exception {
        CountDownLatch requestArrived = new CountDownLatch(1);
        RawHttpServer server = serverHoldingTheRequest(requestArrived);
        HttpTransport transport = transport(Duration.ofSeconds(10));
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            try {
                if (requestArrived.await(10, TimeUnit.SECONDS)) {
                    caller.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tck-interrupter");
        interrupter.start();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        boolean flag;
        try {
            transport.send(post(server.baseUri(), Duration.ofSeconds(10))).close();
        } catch (IOException e) {
            thrown.set(e);
        } finally {
            flag = Thread.interrupted();
            interrupter.join();
        }
        assertThat(thrown.get()).isInstanceOf(InterruptedIOException.class);
        assertThat(flag).as("interrupt flag kept").isTrue();
        assertThat(server.nextConnection(1000).orElseThrow().peerClosedWithin(5000)).as("connection closed").isTrue();
    }

    @Test
    void cancellingTheFutureAbortsTheExchange() throws Exception {
        CountDownLatch requestArrived = new CountDownLatch(1);
        RawHttpServer server = serverHoldingTheRequest(requestArrived);
        HttpTransport transport = transport(Duration.ofSeconds(10));
        CompletableFuture<HttpResponse> future = transport.sendAsync(post(server.baseUri(), Duration.ofSeconds(10)));
        assertThat(requestArrived.await(10, TimeUnit.SECONDS)).isTrue();
        future.cancel(true);
        assertThat(future).isCancelled();
        assertThat(server.nextConnection(1000).orElseThrow().peerClosedWithin(5000)).as("connection closed").isTrue();
    }

    @Test
    void closeFailsTheExchangesInFlightAndIsIdempotent() throws Exception {
        CountDownLatch requestArrived = new CountDownLatch(1);
        RawHttpServer server = serverHoldingTheRequest(requestArrived);
        HttpTransport transport = transport(Duration.ofSeconds(10));
        CompletableFuture<HttpResponse> future = transport.sendAsync(post(server.baseUri(), Duration.ofSeconds(10)));
        assertThat(requestArrived.await(10, TimeUnit.SECONDS)).isTrue();
        transport.close();
        transport.close();
        assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IOException.class);
        assertThatThrownBy(() -> transport.send(post(server.baseUri(), Duration.ofSeconds(1))))
                .isInstanceOf(IOException.class);
    }

    @Test
    void servesConcurrentExchanges() throws Exception {
        RawHttpServer server = server(HttpTransportSpiContract::replyOk);
        HttpTransport transport = transport(Duration.ofSeconds(10));
        List<CompletableFuture<HttpResponse>> futures = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            futures.add(transport.sendAsync(post(server.baseUri(), new PatternBody(200_000), Duration.ofSeconds(15))));
        }
        for (CompletableFuture<HttpResponse> future : futures) {
            try (HttpResponse response = future.get(15, TimeUnit.SECONDS)) {
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body().readAllBytes()).asString().isEqualTo("{}");
            }
        }
        assertThat(server.requests()).hasSize(32);
    }

    @Test
    void exceptionsNeverCarryHeaderValues() throws Exception {
        RawHttpServer server = server(c -> {
            c.readRequest();
            c.write("garbage\r\n\r\n");
            c.close();
        });
        HttpTransport transport = transport(Duration.ofSeconds(5));
        assertThatThrownBy(() -> transport.send(post(server.baseUri(), Duration.ofSeconds(5))).close())
                .isInstanceOf(IOException.class)
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(SENTINEL_KEY);
                    }
                });
        assertThat(transport.toString()).doesNotContain(SENTINEL_KEY);
    }
}
