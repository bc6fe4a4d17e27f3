package io.github.geminiimage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.http.HttpRequest;
import io.github.geminiimage.http.HttpResponse;
import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.TransportSettings;
import java.io.ByteArrayOutputStream;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link HttpTransport} must do, checked on the SPI itself against {@link RawHttpServer}
 * on loopback, so that a failure names the transport rather than the core: bodies and headers sent
 * exactly, a 3xx returned rather than followed, raw bodies, strict framing, timeouts, interrupts,
 * cancellation and {@link HttpTransport#close()}. Retrying, error mapping and decoding are the
 * core's and are tested once, in the http module. Subclasses provide
 * {@link #createTransport(TransportSettings)}; after each test every response must be closed and
 * the transport released ({@link #assertReleased}), and after the suite no thread it started may
 * be alive.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
public abstract class HttpTransportSpiContract {

    private Set<Long> threadsBefore;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<CountingTransport> counted = new ArrayList<>();

    /** A new transport configured with {@code settings}, owning what it creates. */
    protected abstract HttpTransport createTransport(TransportSettings settings);

    /**
     * Whether the transport closes the connection of a reply whose head is malformed (invalid status
     * line, a {@code Content-Length} that is not a number, an oversized head). True unless the client
     * it wraps cannot: then the suite checks that the limitation still holds, so its documentation
     * stays true.
     */
    protected boolean closesTheConnectionOfAMalformedHead() {
        return true;
    }

    /**
     * Whether the transport closes the connection of a reply whose head never ends (endless header
     * section, header line or status line) once the head passes the transport's limit. True unless
     * the client it wraps cannot: then the suite checks that the limitation still holds, so its
     * documentation stays true. Either way the exchange must fail at the limit, not at a timeout.
     */
    protected boolean closesTheConnectionOfAnEndlessHead() {
        return true;
    }

    /** Threads of the suite's environment to ignore in the leak check, beside {@link ThreadLeaks#SHARED}. */
    protected boolean isIgnoredThread(Thread thread) {
        return false;
    }

    /**
     * An extra check after each test that the transport released everything (e.g. leased
     * connections), called once every response the transport handed out was found closed (counted
     * through {@link CountingTransport}) and the transport was closed.
     */
    protected void assertReleased(HttpTransport transport) {
    }

    @BeforeAll
    void snapshotThreads() {
        threadsBefore = ThreadLeaks.snapshot();
    }

    @AfterEach
    void closeEverythingAndCheckForLeaks() throws Exception {
        try {
            for (CountingTransport transport : counted) {
                assertThat(transport.openResponses()).as("responses left open by the test").isZero();
            }
        } finally {
            Throwable first = null;
            for (AutoCloseable closeable : toClose) {
                try {
                    closeable.close(); // a server whose handler failed throws here, after the others are closed
                } catch (Exception | AssertionError e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            toClose.clear();
            counted.clear();
            if (first instanceof Exception e) {
                throw e;
            }
            if (first != null) {
                throw (AssertionError) first;
            }
        }
    }

    @AfterAll
    void noThreadOutlivesTheTransports() throws InterruptedException {
        assertThat(ThreadLeaks.leakedSince(threadsBefore, Duration.ofSeconds(15), this::isIgnoredThread))
                .as("threads left alive after every transport was closed").isEmpty();
    }

    private HttpTransport transport(Duration inactivity) {
        HttpTransport inner = createTransport(TransportSettings.DEFAULTS.withConnectTimeout(Duration.ofSeconds(2))
                .withInactivityTimeout(inactivity));
        CountingTransport transport = new CountingTransport(inner);
        counted.add(transport);
        toClose.add(() -> {
            transport.close();
            assertReleased(inner);
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
        return request("POST", base.resolve("/upload/v1/files?key=" + TckSecrets.SENTINEL_KEY), Optional.of(body), deadline);
    }

    private static HttpRequest request(String method, URI uri, Optional<io.github.geminiimage.http.RequestBody> body,
            Duration deadline) {
        return new HttpRequest(method, uri, List.of(Map.entry("Content-Type", "application/json"),
                Map.entry("X-Secret-Token", TckSecrets.SENTINEL_KEY), Map.entry("User-Agent", "tck")),
                Set.of("X-Secret-Token"), body, Instant.now().plus(deadline));
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
        assertThat(received.target()).isEqualTo("/upload/v1/files?key=" + TckSecrets.SENTINEL_KEY);
        assertThat(received.header("content-length")).contains("21000003");
        assertThat(received.header("transfer-encoding")).isEmpty();
        assertThat(received.header("x-secret-token")).contains(TckSecrets.SENTINEL_KEY);
        assertThat(received.header("user-agent")).contains("tck");
        assertThat(received.header("accept-encoding")).as("a transport never asks for a coding").isEmpty();
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
                        + "/elsewhere\r\nContent-Length: 0\r\n\r\n");
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
        String hostAndPort = "127.0.0.1:" + closedPort.getPort();
        assertThatThrownBy(() -> transport.send(post(closedPort, Duration.ofSeconds(5))))
                .isInstanceOf(ConnectException.class)
                .satisfies(e -> assertThat(e.getMessage()).as("names the host and port once")
                        .isEqualTo("connection refused (" + hostAndPort + ")"))
                .satisfies(HttpTransportSpiContract::assertNoSecret);
    }

    @Test
    void noReplyWithinTheInactivityTimeoutIsATimeout() throws Exception {
        RawHttpServer server = server(c -> {
            c.readRequest();
            c.awaitPeerClose(10_000);
        });
        HttpTransport transport = transport(Duration.ofMillis(300));
        // A deadline past the test's own timeout: only the inactivity timeout can end this.
        assertThatThrownBy(() -> transport.send(post(server.baseUri(), Duration.ofSeconds(600))))
                .isInstanceOf(InterruptedIOException.class).message().doesNotContain("deadline");
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
        // The head must arrive within the inactivity timeout: a second, not a window a loaded machine can miss.
        HttpTransport transport = transport(Duration.ofSeconds(1));
        try (HttpResponse response = transport.send(post(server.baseUri(), Duration.ofSeconds(600)))) {
            assertThatThrownBy(response.body()::readAllBytes).isInstanceOf(InterruptedIOException.class)
                    .message().doesNotContain("deadline");
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
        // A byte every 50 ms against an inactivity timeout of a second; the message says which timeout
        // ended it, so a stall of the machine cannot pass for the deadline.
        HttpTransport transport = transport(Duration.ofSeconds(1));
        try (HttpResponse response = transport.send(post(server.baseUri(), Duration.ofMillis(2000)))) {
            assertThatThrownBy(response.body()::readAllBytes).isInstanceOf(InterruptedIOException.class)
                    .hasMessageContaining("deadline");
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
                .satisfies(HttpTransportSpiContract::assertNoSecret);
        assertThat(transport.toString()).doesNotContain(TckSecrets.SENTINEL_KEY);
    }

    private static void assertNoSecret(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(TckSecrets.SENTINEL_KEY);
            assertThat(t.toString()).doesNotContain(TckSecrets.SENTINEL_KEY);
        }
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
            out.write(plain);
        }
        return zipped.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "DELETE", "POST", "PUT", "PATCH"})
    void sendsEveryMethodWithOrWithoutABody(String method) throws Exception {
        RawHttpServer server = server(HttpTransportSpiContract::replyOk);
        boolean withBody = method.startsWith("P") && !method.equals("POST");
        Optional<io.github.geminiimage.http.RequestBody> body = withBody ? Optional.of(new PatternBody(300_001))
                : Optional.empty();
        try (HttpResponse response = transport(Duration.ofSeconds(5)).send(
                request(method, server.baseUri().resolve("/v1/things/1"), body, Duration.ofSeconds(10)))) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body().readAllBytes()).asString().isEqualTo("{}");
        }
        RawHttpServer.ReceivedRequest received = server.requests().get(0);
        assertThat(received.method()).isEqualTo(method);
        assertThat(received.target()).isEqualTo("/v1/things/1");
        assertThat(received.header("transfer-encoding")).isEmpty();
        if (withBody) {
            assertThat(received.header("content-length")).contains("300001");
            assertThat(received.bodySha256()).isEqualTo(((PatternBody) body.get()).sha256());
        } else if (method.equals("POST")) {
            assertThat(received.header("content-length")).as("a POST without a body").contains("0");
        } else {
            assertThat(received.header("content-length").orElse("0")).isEqualTo("0");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT"})
    void sendsABodyOfZeroBytesWithContentLengthZero(String method) throws Exception {
        RawHttpServer server = server(HttpTransportSpiContract::replyOk);
        try (HttpResponse response = transport(Duration.ofSeconds(5)).send(request(method, server.baseUri(),
                Optional.of(new PatternBody(0)), Duration.ofSeconds(10)))) {
            assertThat(response.body().readAllBytes()).asString().isEqualTo("{}");
        }
        assertThat(server.requests().get(0).header("content-length")).contains("0");
    }

    @Test
    void sendsTheSameBytesAgainWhenTheRequestIsRepeated() throws Exception {
        RawHttpServer server = server(HttpTransportSpiContract::replyOk);
        PatternBody body = new PatternBody(70_000);
        HttpRequest request = post(server.baseUri(), body, Duration.ofSeconds(10));
        HttpTransport transport = transport(Duration.ofSeconds(5));
        for (int i = 0; i < 2; i++) {
            try (HttpResponse response = transport.send(request)) {
                response.body().readAllBytes();
            }
        }
        assertThat(server.requests()).extracting(RawHttpServer.ReceivedRequest::bodySha256)
                .containsExactly(body.sha256(), body.sha256());
    }

    @Test
    void aBodyLongerThanItsDeclaredLengthFailsTheExchange() throws Exception {
        RawHttpServer server = server(HttpTransportSpiContract::replyOk);
        PatternBody body = new PatternBody(100) {
            @Override
            public long contentLength() {
                return 99;
            }
        };
        HttpTransport transport = transport(Duration.ofSeconds(5));
        assertThatThrownBy(() -> transport.send(post(server.baseUri(), body, Duration.ofSeconds(5))).close())
                .isInstanceOf(IOException.class);
    }

    @Test
    void aRequestWhoseDeadlineHasPassedIsNeverSent() throws Exception {
        RawHttpServer server = server(HttpTransportSpiContract::replyOk);
        HttpTransport transport = transport(Duration.ofSeconds(5));
        assertThatThrownBy(() -> transport.send(post(server.baseUri(), Duration.ofMillis(-1))).close())
                .isInstanceOf(InterruptedIOException.class);
        assertThat(server.connectionCount()).isZero();
    }

    @Test
    void aFullyReadResponseLeavesItsConnectionForTheNextRequest() throws Exception {
        RawHttpServer server = server(HttpTransportSpiContract::replyOk);
        HttpTransport transport = transport(Duration.ofSeconds(5));
        for (int i = 0; i < 3; i++) {
            try (HttpResponse response = transport.send(post(server.baseUri(), Duration.ofSeconds(5)))) {
                response.body().readAllBytes();
            }
        }
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    void aGzipBodyIsHandedBackRawWithItsHeaders() throws Exception {
        byte[] plain = "{\"text\":\"".concat("a".repeat(100_000)).concat("\"}").getBytes(StandardCharsets.US_ASCII);
        byte[] zipped = gzip(plain);
        RawHttpServer server = server(c -> {
            while (c.readRequest().isPresent()) {
                c.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
                        + "Content-Length: " + zipped.length + "\r\n\r\n");
                c.write(zipped);
            }
        });
        try (HttpResponse response = transport(Duration.ofSeconds(5)).send(post(server.baseUri(), Duration.ofSeconds(5)))) {
            assertThat(response.header("content-encoding")).contains("gzip");
            assertThat(response.contentLength()).hasValue(zipped.length);
            assertThat(response.body().readAllBytes()).as("the raw bytes, not inflated").isEqualTo(zipped);
        }
    }

    @Test
    void closingAGzipReplyThatPromisedMoreBytesAbortsItInsteadOfDrainingIt() throws Exception {
        byte[] plain = "{}".getBytes(StandardCharsets.US_ASCII);
        byte[] zipped = gzip(plain);
        RawHttpServer server = server(c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + (zipped.length + 1000)
                    + "\r\n\r\n");
            c.write(zipped);
            c.awaitPeerClose(30_000);
        });
        // Inactivity and deadline beyond the test's own timeout: a close that drained would hang.
        HttpTransport transport = transport(Duration.ofSeconds(60));
        HttpResponse response = transport.send(post(server.baseUri(), Duration.ofSeconds(60)));
        try (GZIPInputStream inflated = new GZIPInputStream(response.body())) {
            assertThat(inflated.readNBytes(10)).isEqualTo(plain);
        } finally {
            response.close();
        }
        assertThat(server.nextConnection(1000).orElseThrow().peerClosedWithin(5000)).as("connection closed").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length: 2\r\nContent-Length: 5", "Content-Length: -1"})
    void aReplyWithConflictingOrNegativeLengthsIsRefusedAtOnce(String lengths) throws Exception {
        RawHttpServer server = server(c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + lengths + "\r\n\r\n{}");
            c.awaitPeerClose(30_000);
        });
        // Inactivity beyond the test's own timeout: reading "until close" would hang.
        HttpTransport transport = transport(Duration.ofSeconds(60));
        assertThatThrownBy(() -> {
            try (HttpResponse response = transport.send(post(server.baseUri(), Duration.ofSeconds(60)))) {
                response.body().readAllBytes();
            }
        }).isInstanceOf(IOException.class);
        assertThat(server.nextConnection(1000).orElseThrow().peerClosedWithin(5000)).as("connection closed").isTrue();
    }

    // HttpClient 5 reads a status line like "HTTP/1.1 2x0 OK" as garbage before the real one and
    // waits for that (until the inactivity timeout), so only the Content-Length case is shared.
    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1 200 OK\r\nContent-Length: abc"})
    void aMalformedHeadFailsTheExchange(String head) throws Exception {
        RawHttpServer server = server(c -> {
            c.readRequest();
            c.write(head + "\r\n\r\n{}");
            c.awaitPeerClose(10_000);
        });
        HttpTransport transport = transport(Duration.ofSeconds(60));
        assertThatThrownBy(() -> {
            try (HttpResponse response = transport.send(post(server.baseUri(), Duration.ofSeconds(60)))) {
                response.body().readAllBytes();
            }
        }).isInstanceOf(IOException.class).satisfies(HttpTransportSpiContract::assertNoSecret);
        RawHttpServer.Connection connection = server.nextConnection(1000).orElseThrow();
        if (closesTheConnectionOfAMalformedHead()) {
            assertThat(connection.peerClosedWithin(5000)).as("connection closed").isTrue();
        } else {
            assertThat(connection.peerClosedWithin(1000))
                    .as("the documented limitation of the wrapped client: if it now closes the socket, "
                            + "return true from closesTheConnectionOfAMalformedHead and update its Javadoc and the README")
                    .isFalse();
        }
    }

    /** The three ways a reply head can go on for ever: a head that starts the reply, and what repeats after it. */
    public enum EndlessHead {
        /** Header after header, each short. */
        HEADER_SECTION("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n", "X-Filler: 0123456789abcdef\r\n"),
        /** One header line that never ends. */
        HEADER_LINE("HTTP/1.1 200 OK\r\nX-Endless: ", "0123456789abcdef"),
        /** A status line that never ends. */
        STATUS_LINE("HTTP/1.1 200 ", "0123456789abcdef");

        private final String start;
        private final String repeated;

        EndlessHead(String start, String repeated) {
            this.start = start;
            this.repeated = repeated;
        }
    }

    @ParameterizedTest
    @EnumSource(EndlessHead.class)
    void aReplyHeadThatNeverEndsFailsTheExchangeAtALimit(EndlessHead head) throws Exception {
        long cap = 64L * 1024 * 1024;
        CompletableFuture<Long> written = new CompletableFuture<>();
        RawHttpServer server = server(c -> {
            c.readRequest();
            c.write(head.start);
            written.complete(c.writeUntilPeerCloses(head.repeated.repeat(4096).getBytes(StandardCharsets.ISO_8859_1), cap));
        });
        // Inactivity and deadline beyond the test's own timeout: only a limit on the head can end this.
        HttpTransport transport = transport(Duration.ofSeconds(60));
        assertThatThrownBy(() -> transport.send(post(server.baseUri(), Duration.ofSeconds(60))).close())
                .isInstanceOf(IOException.class)
                .as("a failure at the limit, not a timeout").isNotInstanceOf(InterruptedIOException.class)
                .satisfies(HttpTransportSpiContract::assertNoSecret);
        RawHttpServer.Connection connection = server.nextConnection(1000).orElseThrow();
        if (closesTheConnectionOfAnEndlessHead()) {
            assertThat(connection.peerClosedWithin(5000)).as("connection closed").isTrue();
            assertThat(written.get(5, TimeUnit.SECONDS)).as("bytes the server sent before the client hung up").isLessThan(cap);
        } else {
            assertThat(connection.peerClosedWithin(1000))
                    .as("the documented limitation of the wrapped client: if it now closes the socket, "
                            + "return true from closesTheConnectionOfAnEndlessHead and update its Javadoc and the README")
                    .isFalse();
        }
    }
}
