package io.github.geminiimage.tck;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.geminiimage.domain.AuthenticationException;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.GenerationTimeoutException;
import io.github.geminiimage.domain.ImageGenerationException;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.InvalidRequestException;
import io.github.geminiimage.domain.MalformedResponseException;
import io.github.geminiimage.domain.NotFoundException;
import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.domain.PermissionDeniedException;
import io.github.geminiimage.domain.RateLimitedException;
import io.github.geminiimage.domain.ResponseTooLargeException;
import io.github.geminiimage.domain.ServerErrorException;
import io.github.geminiimage.domain.TransportException;
import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.CallObserver;
import io.github.geminiimage.http.HttpImageGeneration;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.port.ImageGenerationPort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every HTTP transport must do, checked through the whole port ({@link HttpImageGeneration}
 * over the transport) against servers on loopback: WireMock for statuses, delays and its faults,
 * and {@link RawHttpServer} for byte-level faults (reliability.md §2). Timeouts, deadlines and
 * retry delays are hundreds of milliseconds, so a suite runs in seconds. After each test every
 * response the transport handed out must be closed and the sentinel key must appear in no
 * exception and no log line; after the suite no thread the adapter started may be alive.
 *
 * <p>Subclasses provide {@link #createTransport(HttpOptions)}; they may override
 * {@link #createPort(String, HttpOptions)} to build the port through their public builder instead
 * (the response count then sees nothing), and {@link #assertReleased(HttpTransport)} for
 * adapter-specific checks (leased connections).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class HttpTransportContract {

    /** The key every call sends: it must never show up in an exception, a toString or a log line. */
    protected static final String SENTINEL_KEY = "AIzaTCK-SENTINEL-9f8e7d6c5b4a3210ZYXWVUTS";
    private static final String PATH = "/v1beta/models/gemini-2.5-flash-image:generateContent";

    private WireMockServer wireMock;
    private WireMockServer elsewhere;
    private Set<Long> threadsBefore;
    private final List<Runnable> cleanups = new ArrayList<>();
    private final List<CountingTransport> transports = new CopyOnWriteArrayList<>();
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final Handler logCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logLines.add(String.valueOf(record.getMessage()) + " " + String.valueOf(record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger libraryLogger = Logger.getLogger("io.github.geminiimage");

    /** A new transport configured with {@code options}, owning what it creates. */
    protected abstract HttpTransport createTransport(HttpOptions options);

    /**
     * The port under test. By default {@link HttpImageGeneration} over {@link #createTransport}, wrapped
     * so that the suite can count unclosed responses.
     */
    protected ImageGenerationPort createPort(String apiKey, HttpOptions options) {
        CountingTransport transport = new CountingTransport(createTransport(options));
        transports.add(transport);
        return HttpImageGeneration.create(transport, ApiKey.of(apiKey), options, true);
    }

    /** An extra check after each test that the transport released everything (e.g. leased connections). */
    protected void assertReleased(HttpTransport transport) {
    }

    /** Threads of the suite's environment to ignore in the leak check. */
    protected boolean isIgnoredThread(Thread thread) {
        return false;
    }

    @BeforeAll
    void startServers() {
        threadsBefore = ThreadLeaks.snapshot();
        wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
                .containerThreads(48));
        wireMock.start();
        elsewhere = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        elsewhere.start();
        libraryLogger.setLevel(Level.ALL);
        libraryLogger.addHandler(logCapture);
    }

    @BeforeEach
    void resetServers() {
        wireMock.resetAll();
        elsewhere.resetAll();
        logLines.clear();
    }

    @AfterEach
    void closeAndCheck() throws InterruptedException {
        for (int i = cleanups.size() - 1; i >= 0; i--) {
            cleanups.get(i).run();
        }
        cleanups.clear();
        for (CountingTransport transport : transports) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (transport.openResponses() > 0 && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(transport.openResponses()).as("responses left open").isZero();
        }
        transports.clear();
        assertThat(logLines).noneMatch(line -> line.contains(SENTINEL_KEY));
    }

    @AfterAll
    void stopServersAndCheckThreads() throws InterruptedException {
        libraryLogger.removeHandler(logCapture);
        wireMock.stop();
        elsewhere.stop();
        assertThat(ThreadLeaks.leakedSince(threadsBefore, Duration.ofSeconds(15), this::isIgnoredThread))
                .as("threads left alive after every port was closed").isEmpty();
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Options for the suite: short timeouts, 3 attempts, retry delays of milliseconds. */
    protected HttpOptions.Builder options(URI baseUri) {
        return HttpOptions.builder().baseUri(baseUri)
                .connectTimeout(Duration.ofSeconds(2))
                .inactivityTimeout(Duration.ofSeconds(2))
                .overallDeadline(Duration.ofSeconds(8))
                .retryPolicy(RetryPolicy.defaults().withMaxAttempts(3)
                        .withBackoff(Duration.ofMillis(5), 2.0, Duration.ofMillis(20))
                        .withMaxServerDelay(Duration.ofSeconds(2)));
    }

    private ImageGenerationPort port(HttpOptions options) {
        ImageGenerationPort port = createPort(SENTINEL_KEY, options);
        cleanups.add(port::close);
        assertThat(port.toString()).doesNotContain(SENTINEL_KEY);
        return port;
    }

    private ImageGenerationPort port() {
        return port(options(URI.create(wireMock.baseUrl())).build());
    }

    private RawHttpServer raw(RawHttpServer.Handler handler) throws IOException {
        RawHttpServer server = RawHttpServer.start(handler);
        cleanups.add(() -> {
            try {
                server.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return server;
    }

    private static GenerationRequest request() {
        return GenerationRequest.builder().model("gemini-2.5-flash-image").prompt("a red bicycle").build();
    }

    private void stub(ResponseDefinitionBuilder reply) {
        wireMock.stubFor(post(urlPathEqualTo(PATH)).willReturn(reply));
    }

    private static ResponseDefinitionBuilder json(int status, byte[] body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ResponseDefinitionBuilder image() {
        return json(200, Replies.forOutcome(Outcome.IMAGE));
    }

    /** The start of an image reply whose base64 runs on to exactly {@code length} bytes (a 4K image past a cap). */
    private static byte[] imageReplyOfLength(int length) {
        byte[] head = "{\"candidates\":[{\"content\":{\"parts\":[{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\""
                .getBytes(StandardCharsets.US_ASCII);
        byte[] reply = new byte[length];
        java.util.Arrays.fill(reply, (byte) 'A');
        System.arraycopy(head, 0, reply, 0, head.length);
        return reply;
    }

    private static byte[] googleError(int code, String status, String message) {
        return ("{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private int requestCount() {
        return wireMock.findAll(postRequestedFor(anyUrl())).size();
    }

    /** The failure of a call, checked to keep the key out of every message of its cause chain. */
    private static ImageGenerationException failureOf(ImageGenerationPort port) {
        AtomicReference<ImageGenerationException> caught = new AtomicReference<>();
        assertThatThrownBy(() -> port.generate(request())).isInstanceOfSatisfying(ImageGenerationException.class,
                caught::set);
        assertNoKey(caught.get());
        return caught.get();
    }

    private static void assertNoKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(SENTINEL_KEY);
            assertThat(t.toString()).doesNotContain(SENTINEL_KEY);
        }
        if (failure instanceof ImageGenerationException e) {
            assertThat(e.details().toString()).doesNotContain(SENTINEL_KEY);
        }
    }

    private static void replyOnce(RawHttpServer.Connection c, String head, byte[] body) throws IOException {
        c.readRequest();
        c.write(head);
        c.write(body);
    }

    // ---- what goes out ------------------------------------------------------------------------

    @Test
    void sendsThreeSevenMegabyteImagesGivenAsFilesByteForByte(@TempDir Path dir) throws Exception {
        stub(image());
        List<byte[]> images = new ArrayList<>();
        GenerationRequest.Builder request = GenerationRequest.builder().model("gemini-2.5-flash-image")
                .prompt("merge these");
        Random random = new Random(42);
        for (int i = 0; i < 3; i++) {
            byte[] png = new byte[7 * 1024 * 1024];
            random.nextBytes(png);
            System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 0, png, 0, 8);
            Path file = dir.resolve("image" + i + ".png");
            Files.write(file, png);
            images.add(png);
            request.addImage(ImageInput.ofFile(file));
        }

        GenerationResult result = port().generate(request.build());

        assertThat(result.outcome()).isEqualTo(Outcome.IMAGE);
        List<LoggedRequest> received = wireMock.findAll(postRequestedFor(urlPathEqualTo(PATH)));
        assertThat(received).hasSize(1);
        LoggedRequest sent = received.get(0);
        byte[] body = sent.getBody();
        assertThat(sent.getHeader("Content-Length")).isEqualTo(String.valueOf(body.length));
        assertThat(sent.containsHeader("Transfer-Encoding")).isFalse();
        assertThat(sent.getHeader("x-goog-api-key")).isEqualTo(SENTINEL_KEY);
        assertThat(sent.getHeader("Content-Type")).startsWith("application/json");
        String text = new String(body, StandardCharsets.ISO_8859_1);
        for (byte[] png : images) {
            assertThat(text.contains(Base64.getEncoder().encodeToString(png))).as("image sent whole, base64").isTrue();
        }
    }

    // ---- statuses and retries -----------------------------------------------------------------

    @Test
    void retriesA503ThenReturnsTheImage() {
        wireMock.stubFor(post(urlPathEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(503, googleError(503, "UNAVAILABLE", "overloaded"))).willSetStateTo("up"));
        wireMock.stubFor(post(urlPathEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("up").willReturn(image()));

        assertThat(port().generate(request()).outcome()).isEqualTo(Outcome.IMAGE);
        assertThat(requestCount()).isEqualTo(2);
    }

    @Test
    void honoursRetryAfterOnA429() {
        List<Duration> delays = new CopyOnWriteArrayList<>();
        wireMock.stubFor(post(urlPathEqualTo(PATH)).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, googleError(429, "RESOURCE_EXHAUSTED", "slow down")).withHeader("Retry-After", "1"))
                .willSetStateTo("ok"));
        wireMock.stubFor(post(urlPathEqualTo(PATH)).inScenario("limited").whenScenarioStateIs("ok").willReturn(image()));
        ImageGenerationPort port = port(options(URI.create(wireMock.baseUrl())).observer(recordingDelays(delays)).build());

        assertThat(port.generate(request()).outcome()).isEqualTo(Outcome.IMAGE);
        assertThat(delays).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void honoursRetryInfoOnA429() {
        List<Duration> delays = new CopyOnWriteArrayList<>();
        byte[] body = new String(Replies.load("error-429-retry-info.json"), StandardCharsets.UTF_8)
                .replace("34.4s", "0.3s").getBytes(StandardCharsets.UTF_8);
        wireMock.stubFor(post(urlPathEqualTo(PATH)).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, body)).willSetStateTo("ok"));
        wireMock.stubFor(post(urlPathEqualTo(PATH)).inScenario("limited").whenScenarioStateIs("ok").willReturn(image()));
        ImageGenerationPort port = port(options(URI.create(wireMock.baseUrl())).observer(recordingDelays(delays)).build());

        assertThat(port.generate(request()).outcome()).isEqualTo(Outcome.IMAGE);
        assertThat(delays).containsExactly(Duration.ofMillis(300));
    }

    @Test
    void aRetryInfoBeyondWhatIsAllowedFailsAtOnceWithTheServersDelay() {
        stub(json(429, Replies.load("error-429-retry-info.json")));

        ImageGenerationException failure = failureOf(port());

        assertThat(failure).isInstanceOfSatisfying(RateLimitedException.class,
                e -> assertThat(e.retryDelay()).contains(Duration.ofMillis(34_400)));
        assertThat(requestCount()).isEqualTo(1);
    }

    private static CallObserver recordingDelays(List<Duration> delays) {
        return new CallObserver() {
            @Override
            public void retryScheduled(RetryScheduled event) {
                delays.add(event.delay());
            }
        };
    }

    @Test
    void anAlways503EndpointGetsExactlyMaxAttempts() {
        stub(json(503, googleError(503, "UNAVAILABLE", "The model is overloaded.")));

        ImageGenerationException failure = failureOf(port());

        assertThat(failure).isInstanceOf(ServerErrorException.class);
        assertThat(failure.attempts()).isEqualTo(3);
        assertThat(failure.httpStatus()).hasValue(503);
        assertThat(failure.serverStatus()).contains("UNAVAILABLE");
        assertThat(requestCount()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404})
    void aClientErrorIsNotRetried(int status) {
        stub(json(status, googleError(status, "X", "refused: key " + SENTINEL_KEY)));

        ImageGenerationException failure = failureOf(port());

        Class<?> expected = switch (status) {
            case 400 -> InvalidRequestException.class;
            case 401 -> AuthenticationException.class;
            case 403 -> PermissionDeniedException.class;
            default -> NotFoundException.class;
        };
        assertThat(failure).isInstanceOf(expected);
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(requestCount()).isEqualTo(1);
    }

    // ---- broken connections -------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "RANDOM_DATA_THEN_CLOSE"})
    void aBrokenConnectionIsRetriedThenATransportFailure(String fault) {
        stub(aResponse().withFault(Fault.valueOf(fault)));

        ImageGenerationException failure = failureOf(port());

        assertThat(failure).isInstanceOf(TransportException.class);
        assertThat(requestCount()).isBetween(1, 3);
    }

    @Test
    void aMalformedChunkIsATransportFailure() {
        stub(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));

        assertThat(failureOf(port())).isInstanceOf(TransportException.class);
    }

    @Test
    void aTruncatedBodyIsAFailureNeverAPartialResult() throws Exception {
        byte[] reply = Replies.forOutcome(Outcome.IMAGE);
        RawHttpServer server = raw(c -> {
            replyOnce(c, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + reply.length + "\r\n\r\n",
                    java.util.Arrays.copyOf(reply, reply.length / 2));
            c.close();
        });

        assertThat(failureOf(port(options(server.baseUri()).build()))).isInstanceOf(TransportException.class);
    }

    @Test
    void aResetInTheMiddleOfTheBodyIsATransportFailure() throws Exception {
        RawHttpServer server = raw(c -> {
            replyOnce(c, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200000\r\n\r\n",
                    "{\"candidates\":[{\"content\":{\"parts\":[{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\""
                            .getBytes(StandardCharsets.US_ASCII));
            byte[] base64 = new byte[30_000];
            java.util.Arrays.fill(base64, (byte) 'A');
            c.write(base64);
            c.reset();
        });

        assertThat(failureOf(port(options(server.baseUri()).build()))).isInstanceOf(TransportException.class);
    }

    // ---- time ---------------------------------------------------------------------------------

    @Test
    void aFirstByteLaterThanTheDeadlineIsATimeout() {
        stub(image().withFixedDelay(3000));

        ImageGenerationPort port = port(options(URI.create(wireMock.baseUrl())).inactivityTimeout(Duration.ofSeconds(60))
                .overallDeadline(Duration.ofMillis(700)).build());

        assertThat(failureOf(port)).isInstanceOf(GenerationTimeoutException.class);
    }

    @Test
    void aStallAfterTheHeadersIsStoppedByTheDeadline() throws Exception {
        RawHttpServer server = raw(c -> {
            replyOnce(c, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n",
                    "{\"candidates\":".getBytes(StandardCharsets.US_ASCII));
            c.awaitPeerClose(20_000);
        });
        // Inactivity beyond the test's own timeout: only the deadline can end this.
        ImageGenerationPort port = port(options(server.baseUri()).inactivityTimeout(Duration.ofSeconds(60))
                .overallDeadline(Duration.ofMillis(800)).build());

        assertThat(failureOf(port)).isInstanceOf(GenerationTimeoutException.class);
    }

    @Test
    void aSlowDribbleIsStoppedByTheDeadline() throws Exception {
        RawHttpServer server = raw(c -> {
            replyOnce(c, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n", new byte[0]);
            for (int i = 0; i < 100_000 && !c.awaitPeerClose(50); i++) {
                c.write(new byte[] {' '});
            }
        });
        ImageGenerationPort port = port(options(server.baseUri()).inactivityTimeout(Duration.ofMillis(500))
                .overallDeadline(Duration.ofMillis(1200)).build());

        assertThat(failureOf(port)).isInstanceOf(GenerationTimeoutException.class);
    }

    // ---- size ---------------------------------------------------------------------------------

    @Test
    void aReplyOverTheCapWithItsLengthIsTooLarge() {
        // An explicit length: WireMock would otherwise send the body chunked.
        stub(json(200, imageReplyOfLength(64 * 1024 + 1)).withHeader("Content-Length", String.valueOf(64 * 1024 + 1)));
        ImageGenerationPort port = port(options(URI.create(wireMock.baseUrl())).maxResponseBytes(64 * 1024).build());

        assertThat(failureOf(port)).isInstanceOf(ResponseTooLargeException.class);
        assertThat(requestCount()).isEqualTo(1);
    }

    @Test
    void aChunkedReplyOverTheCapIsTooLarge() throws Exception {
        RawHttpServer server = raw(c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            byte[] chunk = new byte[16 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            for (int i = 0; i < 64; i++) {
                c.write(Integer.toHexString(chunk.length) + "\r\n");
                c.write(chunk);
                c.write("\r\n");
            }
            c.write("0\r\n\r\n");
            c.awaitPeerClose(5_000);
        });
        ImageGenerationPort port = port(options(server.baseUri()).maxResponseBytes(64 * 1024).build());

        assertThat(failureOf(port)).isInstanceOf(ResponseTooLargeException.class);
    }

    @Test
    void aGzipReplyThatInflatesPastTheCapIsTooLarge() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"".getBytes(StandardCharsets.US_ASCII));
            byte[] spaces = new byte[1024 * 1024];
            java.util.Arrays.fill(spaces, (byte) 'a');
            for (int i = 0; i < 8; i++) {
                gzip.write(spaces);
            }
        }
        byte[] body = zipped.toByteArray();
        RawHttpServer server = raw(c -> {
            replyOnce(c, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: "
                    + body.length + "\r\n\r\n", body);
            c.awaitPeerClose(5_000);
        });
        ImageGenerationPort port = port(options(server.baseUri()).maxResponseBytes(256 * 1024).build());

        assertThat(body.length).isLessThan(256 * 1024);
        assertThat(failureOf(port)).isInstanceOf(ResponseTooLargeException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html><body><h1>502 Bad Gateway</h1></body></html>", ""})
    void aReplyThatIsNotJsonIsMalformedAndNotRetried(String body) {
        stub(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody(body));

        assertThat(failureOf(port())).isInstanceOf(MalformedResponseException.class);
        assertThat(requestCount()).isEqualTo(1);
    }

    // ---- redirects, keep-alive, concurrency ---------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 307, 308})
    void aRedirectIsNeverFollowed(int status) {
        elsewhere.stubFor(post(anyUrl()).willReturn(image()));
        stub(aResponse().withStatus(status).withHeader("Location", elsewhere.baseUrl() + PATH));

        failureOf(port());

        assertThat(elsewhere.findAll(postRequestedFor(anyUrl()))).isEmpty();
        assertThat(requestCount()).isEqualTo(1);
    }

    @Test
    void aKeepAliveConnectionClosedByTheServerWhileIdleIsNotAFailure() throws Exception {
        byte[] reply = Replies.forOutcome(Outcome.IMAGE);
        RawHttpServer server = raw(c -> {
            // Answers one request, keeps the connection "alive", then drops it while the client idles.
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: keep-alive\r\nContent-Length: "
                    + reply.length + "\r\n\r\n");
            c.write(reply);
            c.awaitPeerClose(100);
            c.close();
        });
        ImageGenerationPort port = port(options(server.baseUri()).build());

        assertThat(port.generate(request()).outcome()).isEqualTo(Outcome.IMAGE);
        Thread.sleep(300);
        assertThat(port.generate(request()).outcome()).isEqualTo(Outcome.IMAGE);
    }

    @Test
    void servesThirtyTwoConcurrentCalls() throws Exception {
        stub(image().withFixedDelay(100));
        ImageGenerationPort port = port();
        List<CompletableFuture<GenerationResult>> calls = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            calls.add(i % 2 == 0 ? port.generateAsync(request()) : CompletableFuture.supplyAsync(() -> port.generate(request())));
        }
        for (CompletableFuture<GenerationResult> call : calls) {
            assertThat(call.get(20, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.IMAGE);
        }
        assertThat(requestCount()).isEqualTo(32);
    }

    // ---- cancellation and closing -------------------------------------------------------------

    private RawHttpServer silentServer(CountDownLatch requestArrived) throws IOException {
        return raw(c -> {
            c.readRequest();
            requestArrived.countDown();
            c.awaitPeerClose(20_000);
        });
    }

    @Test
    void interruptingACallAbortsItAndKeepsTheFlag() throws Exception {
        CountDownLatch requestArrived = new CountDownLatch(1);
        RawHttpServer server = silentServer(requestArrived);
        ImageGenerationPort port = port(options(server.baseUri()).overallDeadline(Duration.ofSeconds(20))
                .inactivityTimeout(Duration.ofSeconds(20)).build());
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
        Throwable thrown = null;
        boolean flag;
        try {
            port.generate(request());
        } catch (RuntimeException e) {
            thrown = e;
        } finally {
            flag = Thread.interrupted();
            interrupter.join();
        }

        assertThat(thrown).isInstanceOf(ImageGenerationException.class);
        assertThat(flag).as("interrupt flag kept").isTrue();
        assertThat(server.connectionCount()).as("not retried").isEqualTo(1);
        assertThat(server.nextConnection(1000).orElseThrow().peerClosedWithin(5000)).as("connection closed").isTrue();
    }

    @Test
    void cancellingTheFutureAbortsTheExchange() throws Exception {
        CountDownLatch requestArrived = new CountDownLatch(1);
        RawHttpServer server = silentServer(requestArrived);
        ImageGenerationPort port = port(options(server.baseUri()).overallDeadline(Duration.ofSeconds(20))
                .inactivityTimeout(Duration.ofSeconds(20)).build());

        CompletableFuture<GenerationResult> call = port.generateAsync(request());
        assertThat(requestArrived.await(10, TimeUnit.SECONDS)).isTrue();
        call.cancel(true);

        assertThat(call).isCancelled();
        assertThat(server.nextConnection(1000).orElseThrow().peerClosedWithin(5000)).as("connection closed").isTrue();
        assertThat(server.connectionCount()).as("not retried").isEqualTo(1);
    }

    @Test
    void closeFailsTheCallsInFlight() throws Exception {
        CountDownLatch requestArrived = new CountDownLatch(1);
        RawHttpServer server = silentServer(requestArrived);
        ImageGenerationPort port = port(options(server.baseUri()).overallDeadline(Duration.ofSeconds(20))
                .inactivityTimeout(Duration.ofSeconds(20)).build());

        CompletableFuture<GenerationResult> call = port.generateAsync(request());
        assertThat(requestArrived.await(10, TimeUnit.SECONDS)).isTrue();
        port.close();
        port.close();

        assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ImageGenerationException.class);
        assertThatThrownBy(() -> port.generate(request())).isInstanceOf(ImageGenerationException.class);
        assertThat(server.nextConnection(1000).orElseThrow().peerClosedWithin(5000)).as("connection closed").isTrue();
    }
}
