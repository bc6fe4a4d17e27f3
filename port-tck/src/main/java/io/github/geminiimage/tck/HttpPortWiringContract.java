package io.github.geminiimage.tck;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.domain.SearchGrounding;
import io.github.geminiimage.domain.error.GenerationTimeoutException;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.ResponseTooLargeException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.domain.grounding.Grounding;
import io.github.geminiimage.domain.grounding.GroundingSource;
import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.HttpGeminiClient;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.InlineLimits;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.http.TransportSettings;
import io.github.geminiimage.port.GenerationStream;
import io.github.geminiimage.port.ImageGenerationPort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * That a transport is wired into the port right: a few calls through {@link HttpGeminiClient}
 * over the transport, against loopback servers, for what only shows end to end (large files sent
 * byte for byte, gzip inflated under the cap, a timeout reported as such, a redirect refused).
 * What a transport does is checked by {@link HttpTransportSpiContract}; retries, error mapping and
 * decoding once, in the http module. After each test every response must be closed and the
 * sentinel key appear in no exception and no log line; after the suite no adapter thread may live.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class HttpPortWiringContract {

    private static final String PATH = "/v1beta/models/gemini-2.5-flash-image:generateContent";

    private WireMockServer wireMock;
    private Set<Long> threadsBefore;
    private final List<AutoCloseable> cleanups = new ArrayList<>();
    private final List<CountingTransport> transports = new CopyOnWriteArrayList<>();
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final Handler logCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logLines.add(record.getMessage() + " " + record.getThrown());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger libraryLogger = Logger.getLogger("io.github.geminiimage");

    /** A new transport configured with {@code settings}, owning what it creates. */
    protected abstract HttpTransport createTransport(TransportSettings settings);

    /** Threads of the suite's environment to ignore in the leak check. */
    protected boolean isIgnoredThread(Thread thread) {
        return false;
    }

    @BeforeAll
    void start() {
        threadsBefore = ThreadLeaks.snapshot();
        wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wireMock.start();
        libraryLogger.setLevel(Level.ALL);
        libraryLogger.addHandler(logCapture);
    }

    @AfterEach
    void closeAndCheck() throws Exception {
        AssertionError handlerFailed = null;
        for (int i = cleanups.size() - 1; i >= 0; i--) {
            try {
                cleanups.get(i).close();
            } catch (AssertionError e) { // a raw server whose handler failed: reported once all is closed
                handlerFailed = handlerFailed == null ? e : handlerFailed;
            }
        }
        cleanups.clear();
        if (handlerFailed != null) {
            throw handlerFailed;
        }
        wireMock.resetAll();
        for (CountingTransport transport : transports) {
            assertThat(transport.openResponses()).as("responses left open").isZero();
        }
        transports.clear();
        assertThat(logLines).noneMatch(line -> line.contains(TckSecrets.SENTINEL_KEY));
        logLines.clear();
    }

    @AfterAll
    void stopAndCheckThreads() throws InterruptedException {
        libraryLogger.removeHandler(logCapture);
        wireMock.stop();
        assertThat(ThreadLeaks.leakedSince(threadsBefore, Duration.ofSeconds(15), this::isIgnoredThread))
                .as("threads left alive after every port was closed").isEmpty();
    }

    private HttpOptions.Builder options(URI baseUri) {
        return HttpOptions.builder().baseUri(baseUri).connectTimeout(Duration.ofSeconds(2))
                .inactivityTimeout(Duration.ofSeconds(5)).overallDeadline(Duration.ofSeconds(15))
                .retryPolicy(RetryPolicy.defaults().withMaxAttempts(1));
    }

    private ImageGenerationPort port(HttpOptions options) {
        CountingTransport transport = new CountingTransport(createTransport(options.transportSettings()));
        transports.add(transport);
        HttpGeminiClient client = HttpGeminiClient.builder(transport, ApiKey.of(TckSecrets.SENTINEL_KEY)).options(options)
                .ownsTransport(true).build();
        cleanups.add(client);
        return client.images();
    }

    private RawHttpServer raw(RawHttpServer.Handler handler) throws IOException {
        RawHttpServer server = RawHttpServer.start(handler);
        cleanups.add(server);
        return server;
    }

    private static GenerationRequest request() {
        return GenerationRequest.builder().model("gemini-2.5-flash-image").prompt("a red bicycle").build();
    }

    private static ImageGenerationException failureOf(ImageGenerationPort port) {
        AtomicReference<ImageGenerationException> caught = new AtomicReference<>();
        assertThatThrownBy(() -> port.generate(request())).isInstanceOfSatisfying(ImageGenerationException.class,
                caught::set);
        for (Throwable t = caught.get(); t != null; t = t.getCause()) {
            assertThat(t.toString()).doesNotContain(TckSecrets.SENTINEL_KEY);
        }
        return caught.get();
    }

    @Test
    void sendsThreeSevenMegabyteImagesGivenAsFilesByteForByte(@TempDir Path dir) throws Exception {
        wireMock.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(RecordedReplies.forOutcome(Outcome.IMAGE))));
        List<byte[]> images = new ArrayList<>();
        GenerationRequest.Builder request = GenerationRequest.builder().model("gemini-2.5-flash-image").prompt("merge");
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

        // 21 MB through WireMock on a busy machine: generous timeouts, this test is about the bytes.
        GenerationResult result = port(options(URI.create(wireMock.baseUrl())).inactivityTimeout(Duration.ofSeconds(25))
                .overallDeadline(Duration.ofSeconds(28)).build()).generate(request.build());

        assertThat(result.outcome()).isEqualTo(Outcome.IMAGE);
        List<LoggedRequest> received = wireMock.findAll(postRequestedFor(urlPathEqualTo(PATH)));
        assertThat(received).hasSize(1);
        byte[] body = received.get(0).getBody();
        assertThat(received.get(0).getHeader("Content-Length")).isEqualTo(String.valueOf(body.length));
        assertThat(received.get(0).containsHeader("Transfer-Encoding")).isFalse();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        for (byte[] png : images) {
            assertThat(text.contains(Base64.getEncoder().encodeToString(png))).as("image sent whole, base64").isTrue();
        }
    }

    private static final String GROUNDED_PATH = "/v1beta/models/gemini-3.1-flash-image:generateContent";
    private static final String GROUNDED_STREAM_PATH = "/v1beta/models/gemini-3.1-flash-image:streamGenerateContent";
    private static final String GROUNDING_METADATA = "\"groundingMetadata\":{\"webSearchQueries\":[\"quetzal\"],"
            + "\"imageSearchQueries\":[\"quetzal photo\"],\"groundingChunks\":["
            + "{\"web\":{\"uri\":\"https://example.org/quetzal\",\"title\":\"Quetzal\"}},"
            + "{\"image\":{\"imageUri\":\"https://img.example.org/q.jpg\",\"sourceUri\":\"https://example.org/gallery\","
            + "\"title\":\"A quetzal\",\"domain\":\"example.org\"}}]}";

    private static GenerationRequest groundedRequest() {
        return GenerationRequest.builder().model("gemini-3.1-flash-image").prompt("a quetzal")
                .grounding(SearchGrounding.WEB_AND_IMAGE).build();
    }

    private static void assertGrounded(GenerationResult result) {
        Grounding grounding = result.grounding().orElseThrow(() -> new AssertionError("no grounding in " + result));
        assertThat(grounding.queries()).containsExactly("quetzal", "quetzal photo");
        assertThat(grounding.sources()).containsExactly(GroundingSource.web("https://example.org/quetzal", "Quetzal"),
                GroundingSource.image("https://img.example.org/q.jpg", "https://example.org/gallery", "A quetzal", "example.org"));
    }

    @Test
    void groundingGoesOutAsTheGoogleSearchToolAndItsSourcesComeBack() {
        wireMock.stubFor(post(urlPathEqualTo(GROUNDED_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"candidates\":[{\"content\":{\"role\":\"model\","
                        + "\"parts\":[{\"text\":\"Here\"}]},\"finishReason\":\"STOP\"," + GROUNDING_METADATA + "}]}")));

        GenerationResult result = port(options(URI.create(wireMock.baseUrl())).build()).generate(groundedRequest());

        assertGrounded(result);
        String body = new String(wireMock.findAll(postRequestedFor(urlPathEqualTo(GROUNDED_PATH))).get(0).getBody(),
                StandardCharsets.UTF_8);
        assertThat(body).contains("\"tools\":[{\"googleSearch\":{\"searchTypes\":{\"webSearch\":{},\"imageSearch\":{}}}}]");
    }

    @Test
    void aStreamKeepsTheGroundingOfItsLastEvent() {
        String sse = "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Her\"}]},\"index\":0}]}\r\n\r\n"
                + "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"e\"}]},"
                + "\"finishReason\":\"STOP\"," + GROUNDING_METADATA + ",\"index\":0}]}\r\n\r\n";
        wireMock.stubFor(post(urlPathEqualTo(GROUNDED_STREAM_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(sse)));

        GenerationResult result;
        try (GenerationStream stream = port(options(URI.create(wireMock.baseUrl())).build()).stream(groundedRequest())) {
            stream.events().forEach(event -> { });
            result = stream.result();
        }

        assertThat(result.text()).isEqualTo("Here");
        assertGrounded(result);
    }

    @Test
    void aProxysStatedInlineLimitsRefuseBeforeAnyRequestNamingTheirSource() {
        wireMock.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(RecordedReplies.forOutcome(Outcome.IMAGE))));
        InlineLimits seedProxy = InlineLimits.stated("the seed proxy's documentation").withMaxImages(3)
                .withMaxImageBytes(7L * 1024 * 1024);
        GenerationRequest.Builder four = GenerationRequest.builder().model("gemini-3-pro-image").prompt("merge");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
        for (int i = 0; i < 4; i++) {
            four.addImage(ImageInput.ofBytes(png));
        }
        ImageGenerationPort port = port(options(URI.create(wireMock.baseUrl())).inlineLimits(seedProxy).build());

        assertThatThrownBy(() -> port.generate(four.build())).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("4 inline images").hasMessageContaining("at most 3 inline images per request")
                .hasMessageContaining("the seed proxy's documentation");
        assertThatThrownBy(() -> port.stream(four.build())).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("at most 3 inline images per request");
        assertThat(wireMock.findAll(postRequestedFor(anyUrl()))).isEmpty();
        assertThat(port.generate(GenerationRequest.builder().model("gemini-3-pro-image").prompt("merge")
                .addImage(ImageInput.ofBytes(png)).build()).outcome()).isEqualTo(Outcome.IMAGE);
    }

    @Test
    void aGzipReplyThatInflatesPastTheCapIsTooLarge() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"".getBytes(StandardCharsets.US_ASCII));
            byte[] letters = new byte[1024 * 1024];
            Arrays.fill(letters, (byte) 'a');
            for (int i = 0; i < 8; i++) {
                gzip.write(letters);
            }
        }
        byte[] body = zipped.toByteArray();
        RawHttpServer server = raw(c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: "
                    + body.length + "\r\n\r\n");
            c.write(body);
            c.awaitPeerClose(5_000);
        });

        assertThat(body.length).isLessThan(256 * 1024);
        assertThat(failureOf(port(options(server.baseUri()).maxResponseBytes(256 * 1024).build())))
                .isInstanceOf(ResponseTooLargeException.class);
    }

    @Test
    void aStallAfterTheHeadersIsAGenerationTimeout() throws Exception {
        RawHttpServer server = raw(c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"candidates\":");
            c.awaitPeerClose(20_000);
        });
        // Inactivity beyond the test's own timeout: only the deadline can end this.
        ImageGenerationPort port = port(options(server.baseUri()).inactivityTimeout(Duration.ofSeconds(60))
                .overallDeadline(Duration.ofMillis(800)).build());

        assertThat(failureOf(port)).isInstanceOf(GenerationTimeoutException.class);
        assertThat(server.nextConnection(1000).orElseThrow().peerClosedWithin(5000)).as("connection closed").isTrue();
    }

    @Test
    void aRedirectIsRefusedAndNeverFollowed() throws Exception {
        RawHttpServer elsewhere = raw(c -> {
            c.readRequest();
            c.reply(200, "application/json", RecordedReplies.forOutcome(Outcome.IMAGE));
        });
        RawHttpServer server = raw(c -> {
            c.readRequest();
            c.write("HTTP/1.1 307 Temporary Redirect\r\nLocation: " + elsewhere.baseUri() + PATH
                    + "\r\nContent-Length: 0\r\n\r\n");
        });

        failureOf(port(options(server.baseUri()).build()));

        assertThat(elsewhere.connectionCount()).isZero();
        assertThat(server.requests()).hasSize(1);
        assertThat(wireMock.findAll(postRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void anUnknownHostFailsAtOnceWithoutRetryingAndNamesTheHost() {
        // RFC 6761: a name under .invalid never resolves, so this needs no network and no DNS answer.
        ImageGenerationPort port = port(options(URI.create("http://nonexistent.invalid:8080"))
                .retryPolicy(RetryPolicy.defaults().withMaxAttempts(3)
                        .withBackoff(Duration.ofMillis(10), 1.0, Duration.ofMillis(10))).build());

        ImageGenerationException failure = failureOf(port);

        assertThat(failure).isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e.isRetryable()).as("retryable").isFalse());
        assertThat(failure.details().attempts()).as("attempts").isEqualTo(1);
        assertThat(failure.getMessage()).startsWith("unknown host nonexistent.invalid");
    }

    @Test
    void aRefusedConnectionSaysSoNamingTheHostAndPortOnce() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ImageGenerationPort port = port(options(URI.create("http://127.0.0.1:" + closedPort)).build());

        ImageGenerationException failure = failureOf(port);

        assertThat(failure).isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e.isRetryable()).as("retryable").isTrue());
        assertThat(failure.getMessage()).startsWith("connection refused (127.0.0.1:" + closedPort + ")")
                .containsOnlyOnce("127.0.0.1:" + closedPort)
                .doesNotContain("ClosedChannelException").containsOnlyOnce("connection");
    }

    /** A loopback forward proxy for plain http: answers every request as the origin would, recording its target. */
    private RawHttpServer forwardProxy() throws IOException {
        return raw(c -> {
            while (c.readRequest().isPresent()) {
                c.reply(200, "application/json", RecordedReplies.forOutcome(Outcome.IMAGE));
            }
        });
    }

    private static void assertProxied(RawHttpServer proxy, String host) {
        assertThat(proxy.requests()).as("requests the proxy received").hasSize(1);
        // A request to a proxy names the whole target (absolute form), not just the path.
        assertThat(proxy.requests().get(0).target()).startsWith("http://" + host).endsWith(PATH);
    }

    /** Runs {@code body} with the JVM's proxy properties set to {@code proxy}, then restores them. */
    private static void withJvmProxy(RawHttpServer proxy, ThrowingRunnable body) throws Exception {
        String[] names = {"http.proxyHost", "http.proxyPort"};
        String[] before = {System.getProperty(names[0]), System.getProperty(names[1])};
        System.setProperty(names[0], proxy.baseUri().getHost());
        System.setProperty(names[1], String.valueOf(proxy.baseUri().getPort()));
        try {
            body.run();
        } finally {
            for (int i = 0; i < names.length; i++) {
                if (before[i] == null) {
                    System.clearProperty(names[i]);
                } else {
                    System.setProperty(names[i], before[i]);
                }
            }
        }
    }

    /** A test step that may throw. */
    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void anExplicitProxyCarriesEveryCall() throws Exception {
        RawHttpServer proxy = forwardProxy();
        // A host that never resolves: only a call through the proxy can succeed.
        ImageGenerationPort port = port(options(URI.create("http://gemini.example.invalid"))
                .proxy(proxy.baseUri()).build());

        assertThat(port.generate(request()).outcome()).isEqualTo(Outcome.IMAGE);
        assertProxied(proxy, "gemini.example.invalid");
    }

    @Test
    void theJvmsProxySettingsAreFollowedAndItsNonProxyHostsGoDirect() throws Exception {
        RawHttpServer proxy = forwardProxy();
        wireMock.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(RecordedReplies.forOutcome(Outcome.IMAGE))));
        withJvmProxy(proxy, () -> {
            assertThat(port(options(URI.create("http://gemini.example.invalid")).build()).generate(request()).outcome())
                    .isEqualTo(Outcome.IMAGE);
            // 127.0.0.1 is in the JVM's default http.nonProxyHosts (localhost|127.*|[::1]).
            assertThat(port(options(URI.create(wireMock.baseUrl())).build()).generate(request()).outcome())
                    .isEqualTo(Outcome.IMAGE);
        });
        assertProxied(proxy, "gemini.example.invalid");
        assertThat(wireMock.findAll(postRequestedFor(urlPathEqualTo(PATH)))).as("the direct call").hasSize(1);
    }

    @Test
    void anExplicitProxyWinsOverTheJvmsSettings() throws Exception {
        RawHttpServer jvmProxy = forwardProxy();
        RawHttpServer explicitProxy = forwardProxy();
        withJvmProxy(jvmProxy, () -> assertThat(port(options(URI.create("http://gemini.example.invalid"))
                .proxy(explicitProxy.baseUri()).build()).generate(request()).outcome()).isEqualTo(Outcome.IMAGE));
        assertProxied(explicitProxy, "gemini.example.invalid");
        assertThat(jvmProxy.connectionCount()).isZero();
    }
}
