package io.github.geminiimage.tck;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.geminiimage.domain.FinishReason;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageSink;
import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.error.GenerationTimeoutException;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.NoImageException;
import io.github.geminiimage.domain.stream.StreamEvent;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.port.GenerationStream;
import io.github.geminiimage.port.ImageGenerationPort;
import io.github.geminiimage.wire.ErrorEnvelope;
import io.github.geminiimage.wire.GenerateContentCodec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Automatic continuation over HTTP, for every adapter (docs/wire-format.md, "Continuation"): a
 * loopback server answers a request without {@code continuationToken} with a piece that stops with
 * {@code CONTINUATION} and a token, and the request carrying that token with the rest, whole or as
 * server-sent events. A subclass gives only its {@link HttpPortFactory}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class HttpContinuationContract {

    private static final String KEY = TckSecrets.SENTINEL_KEY;
    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    private static final String T1 = "VDEtY29udGludWF0aW9u";
    private static final String T2 = "VDItY29udGludWF0aW9u";
    private static final String LOOP = "TE9PUC1zYW1lLXRva2Vu";
    private static final String SIGNATURE = "c2lnbmF0dXJlLW9mLXBpZWNlLTE=";

    private static final String PIECE_PARTS = "{\"text\":\"Here is \",\"thoughtSignature\":\"" + SIGNATURE + "\"}";
    /** Another PNG (2x1), so that the files of two requests can be told apart. */
    private static final String PNG_2 = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAADUlEQVR4nGP4zwAE/wEHAAH/4iOeWQAAAABJRU5ErkJggg==";
    private static final String IMAGE_PIECE_PARTS = "{\"text\":\"A draft \"},{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\""
            + PNG_2 + "\"}}";
    private static final String REST_PARTS = "{\"text\":\"a red bicycle\"},{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\""
            + PNG + "\"}}";
    private static final String PIECE_USAGE = "\"usageMetadata\":{\"promptTokenCount\":10,\"candidatesTokenCount\":5,"
            + "\"totalTokenCount\":15,\"candidatesTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":5}]}";
    private static final String REST_USAGE = "\"usageMetadata\":{\"promptTokenCount\":10,\"candidatesTokenCount\":1290,"
            + "\"totalTokenCount\":1300,\"candidatesTokensDetails\":[{\"modality\":\"IMAGE\",\"tokenCount\":1290}]}";

    private WireMockServer server;
    private final List<ImageGenerationPort> ports = new ArrayList<>();

    /** Makes the adapter's port. */
    protected abstract HttpPortFactory portFactory();

    @BeforeAll
    void startServer() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterAll
    void stopServer() {
        server.stop();
    }

    @BeforeEach
    void script() {
        server.resetAll();
        // The first request: a piece; with T1: the rest. The "long" prompt takes two pieces (T1 then T2);
        // the "loop" prompt always answers the same piece and token, as a server that makes no progress.
        stub(null, "a red bicycle", whole(PIECE_PARTS, "CONTINUATION", T1, PIECE_USAGE), events(PIECE_PARTS, T1), 10);
        stub(T1, "a red bicycle", whole(REST_PARTS, "STOP", null, REST_USAGE), events(REST_PARTS, null), 1);
        stub(null, "long", whole(PIECE_PARTS, "CONTINUATION", T1, PIECE_USAGE), events(PIECE_PARTS, T1), 10);
        stub(T1, "long", whole(PIECE_PARTS, "CONTINUATION", T2, PIECE_USAGE), events(PIECE_PARTS, T2), 1);
        stub(T2, "long", whole(REST_PARTS, "STOP", null, REST_USAGE), events(REST_PARTS, null), 1);
        stub(null, "loop", whole(PIECE_PARTS, "CONTINUATION", LOOP, PIECE_USAGE), events(PIECE_PARTS, LOOP), 10);
        // The "two images" prompt: an image in each request; "broken": the second request fails.
        stub(null, "two images", whole(IMAGE_PIECE_PARTS, "CONTINUATION", T1, PIECE_USAGE), events(IMAGE_PIECE_PARTS, T1), 10);
        stub(T1, "two images", whole(REST_PARTS, "STOP", null, REST_USAGE), events(REST_PARTS, null), 1);
        stub(null, "broken", whole(IMAGE_PIECE_PARTS, "CONTINUATION", T1, PIECE_USAGE), events(IMAGE_PIECE_PARTS, T1), 10);
        server.stubFor(post(urlPathMatching(".*Content")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.contents[-1:].parts[0].text", equalTo("broken")))
                .withRequestBody(matchingJsonPath("$.continuationToken", equalTo(T1)))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(ErrorEnvelope.of(400, "INVALID_ARGUMENT", "bad token").toJson())));
        // The "slow" prompt: each of its two replies takes a second.
        stub(null, "slow", whole(PIECE_PARTS, "CONTINUATION", T1, PIECE_USAGE), events(PIECE_PARTS, T1), 10, 1000);
        stub(T1, "slow", whole(REST_PARTS, "STOP", null, REST_USAGE), events(REST_PARTS, null), 1, 1000);
    }

    @AfterEach
    void closePorts() {
        ports.forEach(ImageGenerationPort::close);
        ports.clear();
    }

    private void stub(String token, String prompt, String whole, String events, int priority) {
        stub(token, prompt, whole, events, priority, 0);
    }

    private void stub(String token, String prompt, String whole, String events, int priority, int delayMillis) {
        for (boolean stream : new boolean[] {false, true}) {
            MappingBuilder mapping = post(urlPathMatching(stream ? ".*:streamGenerateContent" : ".*:generateContent"))
                    .atPriority(priority)
                    .withRequestBody(matchingJsonPath("$.contents[-1:].parts[0].text", equalTo(prompt)));
            if (token != null) {
                mapping = mapping.withRequestBody(matchingJsonPath("$.continuationToken", equalTo(token)));
            }
            server.stubFor(mapping.willReturn(stream
                    ? aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(events)
                            .withFixedDelay(delayMillis)
                    : aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(whole)
                            .withFixedDelay(delayMillis)));
        }
    }

    private static String whole(String parts, String finish, String token, String usage) {
        return "{\"candidates\":[{\"content\":{\"parts\":[" + parts + "],\"role\":\"model\"},\"finishReason\":\"" + finish
                + "\"" + (token == null ? "" : ",\"continuationToken\":\"" + token + "\"") + ",\"index\":0}]," + usage
                + ",\"modelVersion\":\"gemini-2.5-flash-image\"}";
    }

    /** The parts one event each, then the finish (with the token, when there is one) and the usage. */
    private static String events(String parts, String token) {
        StringBuilder sse = new StringBuilder();
        for (String part : parts.split(",(?=\\{\"(text|inlineData)\")")) {
            sse.append("data: {\"candidates\":[{\"content\":{\"parts\":[").append(part)
                    .append("],\"role\":\"model\"},\"index\":0}]}\r\n\r\n");
        }
        sse.append("data: {\"candidates\":[{\"content\":{\"role\":\"model\"},\"finishReason\":\"")
                .append(token == null ? "STOP\"" : "CONTINUATION\",\"continuationToken\":\"" + token + "\"")
                .append(",\"index\":0}],").append(token == null ? REST_USAGE : PIECE_USAGE).append("}\r\n\r\n");
        return sse.toString();
    }

    private ImageGenerationPort port(UnaryOperator<HttpOptions.Builder> options) {
        HttpOptions built = options.apply(HttpOptions.builder().baseUri(java.net.URI.create(server.baseUrl()))
                .retryPolicy(RetryPolicy.noRetries()).overallDeadline(Duration.ofSeconds(20))).build();
        ImageGenerationPort port = portFactory().create(KEY, built);
        ports.add(port);
        return port;
    }

    private ImageGenerationPort port() {
        return port(b -> b);
    }

    private static GenerationRequest request(String prompt) {
        return GenerationRequest.builder().model("gemini-2.5-flash-image").prompt(prompt).build();
    }

    private List<String> bodiesSent() {
        List<String> bodies = new ArrayList<>();
        server.findAll(postRequestedFor(urlPathMatching(".*"))).forEach(r -> bodies.add(r.getBodyAsString()));
        return bodies;
    }

    /** A body sent, read back as a server reads it. */
    private static GenerationRequest read(String body) {
        try {
            return GenerateContentCodec.readRequest(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                    "gemini-2.5-flash-image", 1 << 20);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertJoined(GenerationResult result) {
        assertThat(result.outcome()).isEqualTo(Outcome.IMAGE);
        assertThat(result.continuations()).isEqualTo(1);
        assertThat(result.finishReason()).contains(FinishReason.STOP);
        assertThat(result.text()).isEqualTo("Here is a red bicycle");
        List<Part> parts = result.candidates().get(0).parts();
        assertThat(parts.get(0).thoughtSignature()).as("the piece's signature, kept").contains(SIGNATURE);
        assertThat(parts.get(parts.size() - 1)).isInstanceOf(Part.Image.class);
        Usage usage = result.usage();
        assertThat(List.of(usage.promptTokens(), usage.candidatesTokens(), usage.totalTokens()))
                .as("usage summed over both requests").containsExactly(20L, 1295L, 1315L);
        assertThat(result.modelTurn().orElseThrow().parts()).as("the conversation keeps the joined turn").isEqualTo(parts);
    }

    @Test
    void withASinkTheImagesOfEveryRequestAreMovedIntoPlaceOnceNamedFromTheJoinedResult(@TempDir Path dir)
            throws Exception {
        byte[] first = Base64.getDecoder().decode(PNG_2);
        byte[] last = Base64.getDecoder().decode(PNG);
        ImageGenerationPort port = port();
        for (String call : List.of("generate", "generateAsync", "stream")) {
            Path folder = Files.createDirectories(dir.resolve(call));
            Path file = folder.resolve("bike.png");
            GenerationRequest request = request("two images").toBuilder().sink(ImageSink.toFile(file)).build();

            GenerationResult result = switch (call) {
                case "generate" -> port.generate(request);
                case "generateAsync" -> port.generateAsync(request).get(20, TimeUnit.SECONDS);
                default -> {
                    try (GenerationStream stream = port.stream(request)) {
                        yield stream.result();
                    }
                }
            };

            assertThat(result.continuations()).as(call).isEqualTo(1);
            assertThat(Files.readAllBytes(file)).as(call + ": the joined result's final image").isEqualTo(last);
            assertThat(Files.readAllBytes(folder.resolve("bike-1.png"))).as(call + ": the first request's image")
                    .isEqualTo(first);
            assertThat(names(folder)).as(call).containsExactly("bike-1.png", "bike.png");
            assertThat(result.requireImage().written().orElseThrow().path()).contains(file.toAbsolutePath());
        }
    }

    @Test
    void withASinkAFailingContinuationRequestLeavesNoFileOfAnyRequest(@TempDir Path dir) throws IOException {
        ImageGenerationPort port = port();
        Path file = dir.resolve("bike.png");
        GenerationRequest request = request("broken").toBuilder().sink(ImageSink.toFile(file)).build();

        assertThatThrownBy(() -> port.generate(request)).isInstanceOf(ImageGenerationException.class);
        assertThatThrownBy(() -> port.generateAsync(request).get(20, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ImageGenerationException.class);
        assertThatThrownBy(() -> {
            try (GenerationStream stream = port.stream(request)) {
                stream.result();
            }
        }).isInstanceOf(ImageGenerationException.class);

        assertThat(names(dir)).isEmpty();
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void generateSendsTheSameRequestAgainWithTheTokenAndJoinsTheReplies() {
        GenerationResult result = port().generate(request("a red bicycle"));

        assertJoined(result);
        List<String> bodies = bodiesSent();
        assertThat(bodies).hasSize(2);
        assertThat(read(bodies.get(0)).continuationToken()).isEmpty();
        assertThat(read(bodies.get(1)).continuationToken()).contains(T1);
        // The encoder writes the token last: the rest of the body is the first request, byte for byte.
        assertThat(bodies.get(1)).as("otherwise the same request")
                .isEqualTo(bodies.get(0).substring(0, bodies.get(0).length() - 1) + ",\"continuationToken\":\"" + T1 + "\"}");
    }

    @Test
    void generateAsyncContinuesToo() throws Exception {
        assertJoined(port().generateAsync(request("a red bicycle")).get(20, TimeUnit.SECONDS));
        assertThat(bodiesSent()).hasSize(2);
    }

    @Test
    void aStreamGoesOnIntoTheNextRequestAndHidesTheIntermediateFinish() {
        List<StreamEvent> events = new ArrayList<>();
        GenerationResult result;
        try (GenerationStream stream = port().stream(request("a red bicycle"))) {
            stream.forEach(events::add);
            result = stream.result();
        }

        assertJoined(result);
        assertThat(events).filteredOn(e -> e instanceof StreamEvent.Finished).extracting(e -> ((StreamEvent.Finished) e).reason())
                .containsExactly(FinishReason.STOP);
        assertThat(events).filteredOn(e -> e instanceof StreamEvent.UsageUpdate).last()
                .extracting(e -> ((StreamEvent.UsageUpdate) e).usage().totalTokens()).as("the sum so far").isEqualTo(1315L);
        assertThat(bodiesSent()).hasSize(2);
        assertThat(read(bodiesSent().get(1)).continuationToken()).contains(T1);
    }

    @Test
    void streamAsyncContinuesToo() throws Exception {
        List<StreamEvent> events = Collections.synchronizedList(new ArrayList<>());
        GenerationResult result = port().streamAsync(request("a red bicycle"), events::add).get(20, TimeUnit.SECONDS);

        assertJoined(result);
        assertThat(events).filteredOn(e -> e instanceof StreamEvent.AnswerImage).hasSize(1);
    }

    @Test
    void withAutomaticContinuationOffTheResultIsIncompleteAndResumesWithItsToken() {
        ImageGenerationPort port = port();
        GenerationRequest request = request("a red bicycle").toBuilder().automaticContinuation(false).build();

        GenerationResult partial = port.generate(request);
        assertThat(partial.outcome()).isEqualTo(Outcome.INCOMPLETE);
        assertThat(partial.continuationToken()).contains(T1);
        assertThatThrownBy(partial::requireImage).isInstanceOfSatisfying(NoImageException.class, e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.INCOMPLETE);
            assertThat(e.continuationToken()).contains(T1);
        });
        assertThat(bodiesSent()).hasSize(1);

        GenerationResult rest = port.generate(request.resuming(partial));
        assertJoined(partial.followedBy(rest));
    }

    @Test
    void maxContinuationsZeroTurnsItOffForTheClient() {
        GenerationResult partial = port(b -> b.maxContinuations(0)).generate(request("a red bicycle"));

        assertThat(partial.outcome()).isEqualTo(Outcome.INCOMPLETE);
        assertThat(bodiesSent()).hasSize(1);
    }

    @Test
    void theBoundOnContinuationsStopsWithAnIncompleteResultCarryingTheLatestToken() {
        GenerationResult result = port(b -> b.maxContinuations(1)).generate(request("long"));

        assertThat(result.outcome()).isEqualTo(Outcome.INCOMPLETE);
        assertThat(result.continuations()).isEqualTo(1);
        assertThat(result.continuationToken()).contains(T2);
        assertThatThrownBy(result::requireImage).isInstanceOf(NoImageException.class)
                .hasMessageContaining("CONTINUATION").hasMessageContaining("after 2 requests");
        assertThat(bodiesSent()).hasSize(2);
    }

    @Test
    void theOverallDeadlineCoversEveryRequest() {
        // Each reply comes within the deadline, the two together do not.
        ImageGenerationPort port = port(b -> b.overallDeadline(Duration.ofMillis(1500)));

        assertThatThrownBy(() -> port.generate(request("slow"))).isInstanceOf(GenerationTimeoutException.class);
    }

    @Test
    void repliesWithoutProgressStopAfterTheBound() {
        GenerationResult result = port(b -> b.maxContinuationsWithoutProgress(2)).generate(request("loop"));

        assertThat(result.outcome()).isEqualTo(Outcome.INCOMPLETE);
        assertThat(result.continuationToken()).contains(LOOP);
        assertThat(bodiesSent()).as("the first request and two that repeated the token").hasSize(3);
        assertThat(result.continuations()).isEqualTo(2);
    }
}
