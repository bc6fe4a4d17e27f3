package io.github.geminiimage.tck.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.adapter.fake.FakeResponse;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.domain.VertexOptions;
import io.github.geminiimage.domain.error.AuthenticationException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.emulator.VertexCall;
import io.github.geminiimage.http.AccessToken;
import io.github.geminiimage.http.AccessTokenSource;
import io.github.geminiimage.http.Endpoint;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.HttpPortBuilder;
import io.github.geminiimage.port.ImageGenerationPort;
import io.github.geminiimage.tck.TckSecrets;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Vertex AI through an adapter's builder, against the emulator taking on its Vertex path only the
 * bearer tokens the test accepts (and revokes, as they expire): tokens are fetched, cached, replaced before they expire,
 * refreshed once after a 401 (once for many concurrent calls), never shown; express mode sends its
 * key on the express path; Vertex-only fields reach Vertex and are refused before sending elsewhere.
 * Each adapter runs it through a subclass that hands over its images-only builder; the contract builds
 * the port with {@code .endpoint(...)} and {@code .accessTokens(...)} or {@code .apiKey(...)}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class VertexContract {

    private static final int CONCURRENT_CALLS = 32;
    private static final String PROJECT = "tck-project";
    private static final String LOCATION = "us-central1";
    private static final String MODEL = "gemini-2.5-flash-image";
    private static final String VERTEX_PATH = "/v1/projects/" + PROJECT + "/locations/" + LOCATION + "/publishers/google/models/"
            + MODEL + ":generateContent";
    /** A 1x1 PNG: the tests are about credentials, and drawing a full-size picture for each of 33 calls costs seconds. */
    private static final byte[] TINY_PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    private static final String EXPRESS_PATH = "/v1/publishers/google/models/" + MODEL + ":generateContent";

    private GeminiEmulator server;
    private CountingTokens tokens;

    /** A new builder of the adapter's images-only port, as users get it (e.g. {@code JdkHttpImageGeneration.builder()}). */
    protected abstract HttpPortBuilder<?, ImageGenerationPort> imagePortBuilder();

    /** The adapter's port for Vertex AI at {@code endpoint} with access tokens from {@code tokens}. */
    private ImageGenerationPort vertexPort(Endpoint endpoint, AccessTokenSource tokens, HttpOptions options) {
        return imagePortBuilder().options(options).endpoint(endpoint).accessTokens(tokens).build();
    }

    /** The adapter's port at {@code endpoint} with an API key (express mode, or the Gemini API). */
    private ImageGenerationPort keyPort(Endpoint endpoint, String apiKey, HttpOptions options) {
        return imagePortBuilder().options(options).endpoint(endpoint).apiKey(apiKey).build();
    }

    /** The adapter's port built with neither a key nor tokens: its builder must refuse. */
    private ImageGenerationPort portWithoutCredentials(Endpoint endpoint) {
        return imagePortBuilder().endpoint(endpoint).build();
    }

    @BeforeEach
    void start() {
        // The key is express mode's; bearer tokens pass only once accepted.
        server = GeminiEmulator.builder().apiKey(TckSecrets.SENTINEL_KEY).start();
        server.imageGeneration().when(request -> true, FakeResponse.image(TINY_PNG));
        tokens = new CountingTokens(Duration.ofHours(1), Optional.empty());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Endpoint vertex() {
        return Endpoint.vertex(PROJECT, LOCATION).withBaseUri(server.baseUri());
    }

    private ImageGenerationPort port(AccessTokenSource source) {
        return vertexPort(vertex(), source, HttpOptions.builder().retryPolicy(io.github.geminiimage.http.RetryPolicy.noRetries())
                .build());
    }

    private static GenerationRequest request() {
        return GenerationRequest.builder().model(MODEL).prompt("Generate an image of an axolotl.").build();
    }

    @Test
    void aCallGoesToTheVertexPathWithABearerTokenAndDecodesTheVertexReply() {
        server.acceptVertexTokens(CountingTokens.token(1));

        GenerationResult result;
        try (ImageGenerationPort port = port(tokens)) {
            result = port.generate(request());
        }

        assertThat(result.outcome()).isEqualTo(Outcome.IMAGE);
        assertThat(result.finalImage()).isPresent();
        assertThat(server.vertexCalls()).containsExactly(new VertexCall(VERTEX_PATH, true, Optional.of(1), false,
                Optional.empty(), 200));
        assertThat(server.requests()).singleElement().satisfies(r -> assertThat(r.prompt())
                .contains("Generate an image of an axolotl."));
        assertThat(tokens.fetches()).isEqualTo(1);
    }

    @Test
    void theQuotaProjectAndVertexOnlyFieldsAreSent() {
        CountingTokens billed = new CountingTokens(Duration.ofHours(1), Optional.of("billing-project"));
        server.acceptVertexTokens(CountingTokens.token(1));
        GenerationRequest jpeg = request().toBuilder()
                .vertexOptions(VertexOptions.NONE.withOutputMimeType(MediaType.JPEG).withCompressionQuality(85)).build();

        try (ImageGenerationPort port = port(billed)) {
            port.generate(jpeg);
        }

        // What the body carries is the wire module's (VertexRequestEncodingTest); here: the server took it.
        assertThat(server.vertexCalls()).singleElement().satisfies(call -> {
            assertThat(call.quotaProject()).contains("billing-project");
            assertThat(call.status()).isEqualTo(200);
        });
    }

    @Test
    void aTokenTheServerNoLongerTakesIsRefreshedOnceAndTheCallRetriedOnce() {
        server.acceptVertexTokens(CountingTokens.token(1), CountingTokens.token(2));

        try (ImageGenerationPort port = port(tokens)) {
            port.generate(request());
            server.revokeVertexToken(CountingTokens.token(1));
            assertThat(port.generate(request()).outcome()).isEqualTo(Outcome.IMAGE);
        }

        assertThat(tokens.fetches()).isEqualTo(2);
        assertThat(server.vertexCalls()).extracting(c -> c.tokenNumber().orElse(0) + " " + c.status())
                .containsExactly("1 200", "1 401", "2 200");
    }

    @Test
    void a401ToTheRefreshedTokenEndsTheCallWithoutAThirdAttemptAndWithoutTheToken() {
        server.acceptVertexTokens("ya29.some-other-token");
        try (ImageGenerationPort port = port(tokens)) {
            assertThatThrownBy(() -> port.generate(request())).isInstanceOfSatisfying(AuthenticationException.class, e -> {
                assertThat(e.attempts()).isEqualTo(2);
                assertThat(e.getMessage()).doesNotContain(CountingTokens.PREFIX);
                assertThat(e.toString()).doesNotContain(CountingTokens.PREFIX);
            });
        }
        assertThat(tokens.fetches()).isEqualTo(2);
        assertThat(server.vertexCalls()).extracting(VertexCall::status).containsExactly(401, 401);
    }

    @Test
    void aTokenAboutToExpireIsReplacedBeforeItIsUsedAgain() {
        // Two minutes left: the server still takes it, but the engine wants five minutes of margin.
        CountingTokens shortLived = new CountingTokens(Duration.ofMinutes(2), Optional.empty());
        server.acceptVertexTokens(CountingTokens.token(1), CountingTokens.token(2));

        try (ImageGenerationPort port = port(shortLived)) {
            port.generate(request());
            server.revokeVertexToken(CountingTokens.token(1)); // used again, it would be refused
            port.generate(request());
        }

        assertThat(shortLived.fetches()).isEqualTo(2);
        assertThat(server.vertexCalls()).extracting(c -> c.tokenNumber().orElse(0) + " " + c.status())
                .containsExactly("1 200", "2 200");
    }

    @Test
    void manyConcurrentCallsRefusedTogetherShareOneRefresh() throws Exception {
        server.acceptVertexTokens(CountingTokens.token(1), CountingTokens.token(2));
        ExecutorService callers = Executors.newFixedThreadPool(CONCURRENT_CALLS);
        try (ImageGenerationPort port = port(tokens)) {
            port.generate(request());
            server.revokeVertexToken(CountingTokens.token(1));
            server.holdRefusedCallsUntil(CONCURRENT_CALLS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<GenerationResult>> calls = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_CALLS; i++) {
                calls.add(callers.submit(() -> {
                    go.await();
                    return port.generate(request());
                }));
            }
            go.countDown();
            for (Future<GenerationResult> call : calls) {
                assertThat(call.get(45, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.IMAGE);
            }
        } finally {
            callers.shutdownNow();
        }

        List<VertexCall> calls = server.vertexCalls();
        assertThat(calls).filteredOn(c -> c.status() == 401).as("calls that used the expired token at once")
                .hasSize(CONCURRENT_CALLS);
        assertThat(tokens.fetches()).as("token fetches: the first, and one refresh for all").isEqualTo(2);
        assertThat(calls).filteredOn(c -> c.status() == 200).hasSize(CONCURRENT_CALLS + 1);
    }

    @Test
    void expressModeSendsTheKeyOnTheExpressPath() {
        try (ImageGenerationPort port = keyPort(Endpoint.vertexExpress().withBaseUri(server.baseUri()), TckSecrets.SENTINEL_KEY,
                HttpOptions.defaults())) {
            assertThat(port.generate(request()).outcome()).isEqualTo(Outcome.IMAGE);
        }

        // The emulator takes only the sentinel key: a 200 means the key went, and went right.
        assertThat(server.vertexCalls()).containsExactly(new VertexCall(EXPRESS_PATH, false, Optional.empty(), true,
                Optional.empty(), 200));
    }

    @Test
    void vertexOnlyFieldsAreRefusedOnTheGeminiApiBeforeAnyRequest() {
        GenerationRequest labelled = request().toBuilder().vertexOptions(VertexOptions.NONE.withLabel("team", "design")).build();

        try (ImageGenerationPort port = keyPort(Endpoint.geminiApi(server.baseUri(), "v1beta"), TckSecrets.SENTINEL_KEY,
                HttpOptions.defaults())) {
            assertThatThrownBy(() -> port.generate(labelled)).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("labels = {team=design}");
        }
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void anOutputPrefixIsSentAsOutputConfigAndTheImageComesBackByReference() {
        server.acceptVertexTokens(CountingTokens.token(1));
        GenerationRequest toStorage = request().toBuilder()
                .vertexOptions(VertexOptions.NONE.withOutputUriPrefix("gs://tck-bucket/renders")).build();

        GenerationResult result;
        try (ImageGenerationPort port = port(tokens)) {
            result = port.generate(toStorage);
        }

        // The emulator answers by reference only when outputConfig.outputUriPrefix arrived, under that prefix.
        assertThat(server.vertexCalls()).extracting(VertexCall::status).containsExactly(200);
        assertThat(result.outcome()).isEqualTo(Outcome.IMAGE);
        GeneratedImage image = result.requireImage();
        assertThat(image.isReference()).isTrue();
        URI uri = image.uri().orElseThrow();
        assertThat(uri.toString()).startsWith("gs://tck-bucket/renders/").endsWith(".png");
        assertThatThrownBy(image::bytes).isInstanceOf(IllegalStateException.class).hasMessageContaining(uri.toString());
    }

    @Test
    void anOutputPrefixIsRefusedOnTheGeminiApiBeforeAnyRequest() {
        GenerationRequest toStorage = request().toBuilder()
                .vertexOptions(VertexOptions.NONE.withOutputUriPrefix("gs://tck-bucket/renders")).build();

        try (ImageGenerationPort port = keyPort(Endpoint.geminiApi(server.baseUri(), "v1beta"), TckSecrets.SENTINEL_KEY,
                HttpOptions.defaults())) {
            assertThatThrownBy(() -> port.generate(toStorage)).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("outputConfig.outputUriPrefix = gs://tck-bucket/renders");
        }
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void anInlineImageOverVertexsSevenMegabytesIsRefusedBeforeAnyRequestNamingTheLimitsSource() {
        server.acceptVertexTokens(CountingTokens.token(1));
        byte[] png = new byte[7 * 1024 * 1024 + 1];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 0, png, 0, 8);
        GenerationRequest big = request().toBuilder().addImage(ImageInput.ofOwnedBytes(png)).build();

        try (ImageGenerationPort port = port(tokens)) {
            assertThatThrownBy(() -> port.generate(big)).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("images[0]").hasMessageContaining(String.valueOf(png.length))
                    .hasMessageContaining("at most 7340032 bytes (7 MB) per inline image")
                    .hasMessageContaining("Vertex AI");
        }
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aBuilderWithoutCredentialsSaysWhatTheEndpointNeeds() {
        assertThatThrownBy(() -> portWithoutCredentials(vertex())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("an AccessTokenSource is required for Vertex AI")
                .hasMessageContaining("GoogleCredentialsTokenSource.applicationDefault()");
        assertThatThrownBy(() -> portWithoutCredentials(Endpoint.geminiApi())).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("apiKey is required: set GEMINI_API_KEY");
    }

    /** Tokens {@code ya29.tck-1}, {@code ya29.tck-2}, ... each valid for a fixed time, counted. */
    private static final class CountingTokens implements AccessTokenSource {
        static final String PREFIX = "ya29.tck-";
        private final AtomicInteger fetches = new AtomicInteger();
        private final Duration lifetime;
        private final Optional<String> quotaProject;

        CountingTokens(Duration lifetime, Optional<String> quotaProject) {
            this.lifetime = lifetime;
            this.quotaProject = quotaProject;
        }

        static String token(int n) {
            return PREFIX + n;
        }

        int fetches() {
            return fetches.get();
        }

        @Override
        public AccessToken fetch() {
            return AccessToken.of(token(fetches.incrementAndGet()), Instant.now().plus(lifetime));
        }

        @Override
        public Optional<String> quotaProject() {
            return quotaProject;
        }
    }
}
