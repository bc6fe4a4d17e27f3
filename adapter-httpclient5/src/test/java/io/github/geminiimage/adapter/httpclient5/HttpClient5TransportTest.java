package io.github.geminiimage.adapter.httpclient5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.HttpRequest;
import io.github.geminiimage.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.http.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The transport against a raw loopback server: bytes on the wire, timeouts, aborts and resources. */
@Timeout(60)
class HttpClient5TransportTest {

    private static final String KEY = "AIzaSyTESTSENTINEL0123456789abcdefghijklm";
    private static final Duration LONG = Duration.ofMinutes(1);

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private LoopbackServer server(LoopbackServer.Handler handler) throws IOException {
        LoopbackServer server = new LoopbackServer(handler);
        toClose.add(server);
        return server;
    }

    private HttpClient5Transport transport(Duration inactivity) {
        HttpClient5Transport transport = HttpClient5Transport.builder()
                .options(HttpOptions.builder().inactivityTimeout(inactivity).connectTimeout(Duration.ofSeconds(10)).build())
                .build();
        toClose.add(transport);
        return transport;
    }

    private HttpClient5Transport transport() {
        return transport(LONG);
    }

    private static HttpRequest post(URI uri, byte[] body, Duration deadlineIn) {
        return new HttpRequest(uri, List.of(Map.entry("Content-Type", "application/json"),
                Map.entry("x-goog-api-key", KEY), Map.entry("User-Agent", "test")),
                new BytesBody(body), Instant.now().plus(deadlineIn));
    }

    private static HttpRequest post(URI uri) {
        return post(uri, "{}".getBytes(StandardCharsets.UTF_8), LONG);
    }

    private static String readAll(HttpResponse response) throws IOException {
        try (response) {
            return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void sendsTheExactBodyBytesWithTheirContentLengthAndNoChunking() throws Exception {
        LoopbackServer server = server((request, c) -> {
            c.reply(200, "ok");
            return true;
        });
        byte[] body = new byte[5 * 1024 * 1024 + 7];
        new Random(42).nextBytes(body);

        HttpResponse response = transport().send(post(server.uri("/v1beta/models/m:generateContent"), body, LONG));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(readAll(response)).isEqualTo("ok");
        LoopbackServer.Received received = server.takeRequest();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.target()).isEqualTo("/v1beta/models/m:generateContent");
        assertThat(received.chunked()).isFalse();
        assertThat(received.header("Content-Length")).isEqualTo(Integer.toString(body.length));
        assertThat(received.header("Content-Type")).isEqualTo("application/json");
        assertThat(received.header("x-goog-api-key")).isEqualTo(KEY);
        assertThat(received.headers()).doesNotContainKeys("upgrade", "expect");
        assertThat(Arrays.equals(received.body(), body)).as("body bytes").isTrue();
    }

    @Test
    void sendsTheSameBytesAgainWhenTheCoreRepeatsTheRequest() throws Exception {
        LoopbackServer server = server((request, c) -> {
            c.reply(200, "ok");
            return true;
        });
        byte[] body = "{\"contents\":[]}".getBytes(StandardCharsets.UTF_8);
        HttpRequest request = post(server.uri("/x"), body, LONG);
        HttpClient5Transport transport = transport();

        readAll(transport.send(request));
        readAll(transport.send(request));

        assertThat(server.takeRequest().body()).isEqualTo(body);
        assertThat(server.takeRequest().body()).isEqualTo(body);
        assertThat(((BytesBody) request.body().orElseThrow()).writes).hasValue(2);
    }

    @Test
    void aBodyLongerThanItsDeclaredLengthIsAProgrammingError() throws Exception {
        LoopbackServer server = server((request, c) -> {
            c.reply(200, "ok");
            return true;
        });
        HttpRequest request = new HttpRequest(server.uri("/x"), List.of(), new BytesBody(new byte[11], 10),
                Instant.now().plus(LONG));

        assertThatThrownBy(() -> transport().send(request)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("declared");
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 307, 308})
    void returnsARedirectAsItIsWithoutFollowingIt(int status) throws Exception {
        LoopbackServer server = server((request, c) -> {
            c.reply(status, "moved", "Location: /elsewhere");
            return true;
        });

        HttpResponse response = transport().send(post(server.uri("/x")));

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.header("location")).contains("/elsewhere");
        readAll(response);
        assertThat(server.requests).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 503})
    void returnsARetryableStatusAfterOneRequest(int status) throws Exception {
        LoopbackServer server = server((request, c) -> {
            c.reply(status, "busy", "Retry-After: 0");
            return true;
        });

        HttpResponse response = transport().send(post(server.uri("/x")));

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(readAll(response)).isEqualTo("busy");
        assertThat(server.requests).hasSize(1);
    }

    @Test
    void aLentClientWithHttpClientsDefaultsNeitherRetriesNorFollowsRedirects() throws Exception {
        LoopbackServer server = server((request, c) -> {
            if (request.target().equals("/busy")) {
                c.reply(503, "busy", "Retry-After: 0");
            } else {
                c.reply(302, "moved", "Location: /elsewhere");
            }
            return true;
        });
        CloseableHttpClient lent = HttpClients.createDefault();
        toClose.add(lent);
        HttpClient5Transport transport = HttpClient5Transport.builder().httpClient(lent).build();
        toClose.add(transport);

        HttpResponse busy = transport.send(post(server.uri("/busy")));
        HttpResponse moved = transport.send(post(server.uri("/moved")));

        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(moved.statusCode()).isEqualTo(302);
        readAll(busy);
        readAll(moved);
        assertThat(server.requests).extracting(LoopbackServer.Received::target).containsExactly("/busy", "/moved");
    }

    @Test
    void theDeadlinePassingWhileTheBodyIsReadFailsTheReadWithASocketTimeout() throws Exception {
        LoopbackServer server = server((request, c) -> {
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n" + "x".repeat(100));
            c.stallUntilClientCloses();
            return false;
        });

        HttpResponse response = transport().send(post(server.uri("/x"), new byte[0], Duration.ofSeconds(2)));
        InputStream body = response.body();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThatThrownBy(body::readAllBytes).isInstanceOf(SocketTimeoutException.class);
        assertThat(server.connections.get(0).awaitClosedByClient()).isTrue();
        response.close();
    }

    @Test
    void theDeadlinePassingBeforeTheHeadersFailsSendWithASocketTimeout() throws Exception {
        LoopbackServer server = server((request, c) -> {
            c.stallUntilClientCloses();
            return false;
        });

        assertThatThrownBy(() -> transport().send(post(server.uri("/x"), new byte[0], Duration.ofMillis(300))))
                .isInstanceOf(SocketTimeoutException.class);
        assertThat(server.connections.get(0).awaitClosedByClient()).isTrue();
    }

    @Test
    void aRequestWhoseDeadlineHasPassedIsNeverSent() throws Exception {
        LoopbackServer server = server((request, c) -> {
            c.reply(200, "ok");
            return true;
        });

        assertThatThrownBy(() -> transport().send(post(server.uri("/x"), new byte[0], Duration.ofMillis(-1))))
                .isInstanceOf(SocketTimeoutException.class);
        assertThat(server.connectionCount()).isZero();
    }

    @Test
    void aReplyThatStallsLongerThanTheInactivityTimeoutFailsTheRead() throws Exception {
        LoopbackServer server = server((request, c) -> {
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nxx");
            c.stallUntilClientCloses();
            return false;
        });

        HttpResponse response = transport(Duration.ofMillis(300)).send(post(server.uri("/x")));

        assertThatThrownBy(response.body()::readAllBytes).isInstanceOf(SocketTimeoutException.class);
        response.close();
        assertThat(server.connections.get(0).awaitClosedByClient()).isTrue();
    }

    @Test
    void cancellingTheFutureAbortsTheExchangeAndClosesItsConnection() throws Exception {
        LoopbackServer server = server((request, c) -> {
            c.stallUntilClientCloses();
            return false;
        });

        CompletableFuture<HttpResponse> future = transport().sendAsync(post(server.uri("/x")));
        server.takeRequest();
        future.cancel(true);

        assertThat(future).isCancelled();
        assertThat(server.connections.get(0).awaitClosedByClient()).isTrue();
    }

    @Test
    void interruptingSendAbortsTheExchangeAndKeepsTheInterruptFlag() throws Exception {
        LoopbackServer server = server((request, c) -> {
            c.stallUntilClientCloses();
            return false;
        });
        HttpClient5Transport transport = transport();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flag = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            thrown.set(catchThrowable(() -> transport.send(post(server.uri("/x")))));
            flag.set(Thread.currentThread().isInterrupted());
        });

        caller.start();
        server.takeRequest();
        caller.interrupt();
        caller.join(20_000);

        assertThat(thrown.get()).isInstanceOf(InterruptedIOException.class);
        assertThat(flag).isTrue();
        assertThat(server.connections.get(0).awaitClosedByClient()).isTrue();
    }

    @Test
    void closingAPartlyReadResponseClosesItsConnectionInsteadOfDrainingIt() throws Exception {
        LoopbackServer server = server((request, c) -> {
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 1048576\r\n\r\n");
            c.write(new byte[65536]);
            c.stallUntilClientCloses();
            return false;
        });

        HttpResponse response = transport().send(post(server.uri("/x")));
        assertThat(response.body().readNBytes(10)).hasSize(10);
        response.close();

        assertThat(server.connections.get(0).awaitClosedByClient()).isTrue();
    }

    @Test
    void aFullyReadResponseLeavesItsConnectionForTheNextRequest() throws Exception {
        LoopbackServer server = server((request, c) -> {
            c.reply(200, "ok");
            return true;
        });
        HttpClient5Transport transport = transport();

        readAll(transport.send(post(server.uri("/a"))));
        readAll(transport.send(post(server.uri("/b"))));

        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    void everyPathReleasesItsPooledConnection() throws Exception {
        LoopbackServer server = server((request, c) -> {
            switch (request.target()) {
                case "/ok" -> c.reply(200, "ok");
                case "/busy" -> c.reply(503, "busy");
                case "/partial" -> {
                    c.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nxx");
                    c.stallUntilClientCloses();
                    return false;
                }
                default -> {
                    c.stallUntilClientCloses();
                    return false;
                }
            }
            return true;
        });
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
        CloseableHttpClient lent = HttpClients.custom().setConnectionManager(pool).disableAutomaticRetries().build();
        toClose.add(lent);
        HttpClient5Transport transport = HttpClient5Transport.builder().httpClient(lent).build();
        toClose.add(transport);

        readAll(transport.send(post(server.uri("/ok"))));
        readAll(transport.send(post(server.uri("/busy"))));
        HttpResponse partial = transport.send(post(server.uri("/partial")));
        partial.body().readNBytes(1);
        partial.close();
        HttpResponse timedOut = transport.send(post(server.uri("/partial"), new byte[0], Duration.ofSeconds(2)));
        catchThrowable(timedOut.body()::readAllBytes);
        timedOut.close();
        catchThrowable(() -> transport.send(post(server.uri("/stall"), new byte[0], Duration.ofMillis(200))));
        CompletableFuture<HttpResponse> cancelled = transport.sendAsync(post(server.uri("/stall")));
        while (server.requests.stream().filter(r -> r.target().equals("/stall")).count() < 2) {
            Thread.onSpinWait();
        }
        cancelled.cancel(true);

        assertThat(server.connections.get(server.connections.size() - 1).awaitClosedByClient()).isTrue();
        assertThat(pool.getTotalStats().getLeased()).isZero();
    }

    @Test
    void closingTheTransportClosesPooledConnectionsAndStopsItsThreads() throws Exception {
        LoopbackServer server = server((request, c) -> {
            c.reply(200, "ok");
            return true;
        });
        HttpClient5Transport transport = transport();
        readAll(transport.send(post(server.uri("/x"))));

        transport.close();
        transport.close();

        assertThat(server.connections.get(0).awaitClosedByClient()).isTrue();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(transport.threadNamePrefix() + "-")) {
                thread.join(5_000);
                assertThat(thread.isAlive()).as(thread.getName()).isFalse();
            }
        }
        assertThatThrownBy(() -> transport.send(post(server.uri("/x")))).isInstanceOf(IOException.class);
        assertThat(transport.sendAsync(post(server.uri("/x")))).isCompletedExceptionally();
    }

    @Test
    void closingTheTransportAbortsAnExchangeInFlight() throws Exception {
        LoopbackServer server = server((request, c) -> {
            c.stallUntilClientCloses();
            return false;
        });
        HttpClient5Transport transport = transport();
        CompletableFuture<HttpResponse> future = transport.sendAsync(post(server.uri("/x")));
        server.takeRequest();

        transport.close();

        assertThat(catchThrowable(future::join)).hasCauseInstanceOf(IOException.class);
        assertThat(server.connections.get(0).awaitClosedByClient()).isTrue();
    }

    @Test
    void aLentClientStaysOpenAfterTheTransportCloses() throws Exception {
        LoopbackServer server = server((request, c) -> {
            c.reply(200, "ok");
            return true;
        });
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
        CloseableHttpClient lent = HttpClients.custom().setConnectionManager(pool).disableAutomaticRetries().build();
        toClose.add(lent);

        try (HttpClient5Transport first = HttpClient5Transport.builder().httpClient(lent).build()) {
            readAll(first.send(post(server.uri("/a"))));
        }
        try (HttpClient5Transport second = HttpClient5Transport.builder().httpClient(lent).build()) {
            assertThat(readAll(second.send(post(server.uri("/b"))))).isEqualTo("ok");
        }

        assertThat(pool.isClosed()).isFalse();
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    void theKeyHeaderIsMarkedSensitiveForHttpClient() throws Exception {
        LoopbackServer server = server((request, c) -> {
            c.reply(200, "ok");
            return true;
        });
        List<Header> sent = new CopyOnWriteArrayList<>();
        CloseableHttpClient lent = HttpClients.custom().disableAutomaticRetries()
                .addRequestInterceptorLast((request, entity, context) -> sent.addAll(List.of(request.getHeaders())))
                .build();
        toClose.add(lent);
        HttpClient5Transport transport = HttpClient5Transport.builder().httpClient(lent).build();
        toClose.add(transport);

        readAll(transport.send(post(server.uri("/x"))));

        assertThat(sent).filteredOn(h -> h.getName().equalsIgnoreCase("x-goog-api-key"))
                .singleElement().matches(Header::isSensitive);
        assertThat(sent).filteredOn(h -> h.getName().equalsIgnoreCase("User-Agent"))
                .singleElement().matches(h -> !h.isSensitive());
    }

    @Test
    void theKeyNeverAppearsInAnExceptionMessage() throws Exception {
        LoopbackServer server = server((request, c) -> {
            switch (request.target()) {
                case "/garbage?key=" + KEY -> c.write("NOT HTTP AT ALL " + KEY + "\r\n\r\n");
                case "/reset?key=" + KEY -> c.socket.setSoLinger(true, 0);
                default -> c.stallUntilClientCloses();
            }
            return false;
        });
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        HttpClient5Transport transport = transport();
        List<Throwable> failures = new ArrayList<>();

        Throwable refused = catchThrowable(() -> transport.send(
                post(URI.create("http://127.0.0.1:" + closedPort + "/x?key=" + KEY))));
        failures.add(refused);
        failures.add(catchThrowable(() -> transport.send(post(server.uri("/garbage?key=" + KEY)))));
        failures.add(catchThrowable(() -> transport.send(post(server.uri("/reset?key=" + KEY)))));
        failures.add(catchThrowable(() -> transport.send(
                post(server.uri("/stall?key=" + KEY), new byte[0], Duration.ofMillis(200)))));

        assertThat(refused).isInstanceOf(ConnectException.class);
        assertThat(failures).allSatisfy(failure -> {
            assertThat(failure).isInstanceOf(IOException.class);
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY);
                assertThat(t.toString()).doesNotContain(KEY);
            }
        });
    }

    @Test
    void aGzipReplyIsReadInflatedWithNoStaleLengthHeaders() throws Exception {
        byte[] inflated = "A".repeat(1_000_000).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(gzipped)) {
            gz.write(inflated);
        }
        LoopbackServer server = server((request, c) -> {
            c.reply(200, gzipped.toByteArray(), "Content-Encoding: gzip", "Content-Type: application/json");
            return true;
        });

        HttpResponse response = transport().send(post(server.uri("/x")));

        assertThat(response.contentLength()).satisfiesAnyOf(
                length -> assertThat(length).isEmpty(),
                length -> assertThat(length).hasValue(inflated.length));
        assertThat(response.header("Content-Encoding")).isEmpty();
        try (response) {
            assertThat(response.body().readAllBytes()).isEqualTo(inflated);
        }
    }

    @Test
    void manyExchangesRunAtOnce() throws Exception {
        LoopbackServer server = server((request, c) -> {
            c.reply(200, request.target());
            return true;
        });
        HttpClient5Transport transport = transport();
        List<CompletableFuture<HttpResponse>> futures = new ArrayList<>();

        for (int i = 0; i < 40; i++) {
            futures.add(transport.sendAsync(post(server.uri("/" + i))));
        }

        for (int i = 0; i < 40; i++) {
            assertThat(readAll(futures.get(i).get())).isEqualTo("/" + i);
        }
    }
}
