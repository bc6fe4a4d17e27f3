package io.github.geminiimage.http;

import static io.github.geminiimage.http.Fixture.SUCCESS_BODY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.VertexOptions;
import io.github.geminiimage.domain.error.InvalidRequestException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class VertexCallsTest {

    private static final GenerationRequest JPEG_REQUEST = GenerationRequest.builder().prompt("a lighthouse")
            .vertexOptions(VertexOptions.NONE.withOutputMimeType(MediaType.JPEG).withCompressionQuality(85)).build();

    private final Fixture fx = new Fixture();

    private static AccessTokenSource tokens(Optional<String> quotaProject) {
        return new AccessTokenSource() {
            @Override
            public AccessToken fetch() {
                return AccessToken.of("ya29.quota-test", Fixture.START.plus(Duration.ofHours(1)));
            }

            @Override
            public Optional<String> quotaProject() {
                return quotaProject;
            }
        };
    }

    private HttpImageGeneration vertexPort(AccessTokenSource source, HttpOptions.Builder options) {
        return HttpGeminiClient.builder(fx.transport, Credentials.accessTokens(source))
                .options(options.endpoint(Endpoint.vertex("my-project", "global")).build())
                .clock(fx.clock).sleeper(fx.sleeper).executor(fx.scheduler).build().imagesOnly();
    }

    @Test
    void vertexOnlyFieldsAreRefusedOnTheGeminiApiBeforeAnyRequest() {
        fx.transport.always(200, SUCCESS_BODY);

        try (HttpImageGeneration port = fx.port()) {
            assertThatThrownBy(() -> port.generate(JPEG_REQUEST)).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                assertThat(e.field()).contains("vertexOptions");
                assertThat(e.getMessage()).contains("imageConfig.imageOutputOptions.mimeType = image/jpeg")
                        .contains("no Vertex-only field on the Gemini API");
                assertThat(e.attempts()).isZero();
            });
            assertThatThrownBy(() -> port.generateAsync(JPEG_REQUEST).get()).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(InvalidRequestException.class);
        }
        assertThat(fx.transport.requestCount()).isZero();
    }

    @Test
    void vertexOnlyFieldsAreSentToVertexAndExpressMode() {
        fx.transport.always(200, SUCCESS_BODY);

        try (HttpImageGeneration port = vertexPort(tokens(Optional.empty()), HttpOptions.builder())) {
            assertThat(port.generate(JPEG_REQUEST).finalImage()).isPresent();
        }
        HttpOptions express = HttpOptions.builder().endpoint(Endpoint.vertexExpress()).build();
        try (HttpImageGeneration port = HttpGeminiClient.builder(fx.transport, ApiKey.of(Fixture.SENTINEL_KEY))
                .options(express).executor(fx.scheduler).build().imagesOnly()) {
            assertThat(port.generate(JPEG_REQUEST).finalImage()).isPresent();
        }
        HttpRequest sent = fx.transport.lastRequest().request();
        assertThat(sent.uri()).hasToString(
                "https://aiplatform.googleapis.com/v1/publishers/google/models/gemini-2.5-flash-image:generateContent");
        assertThat(sent.headers()).contains(Map.entry("x-goog-api-key", Fixture.SENTINEL_KEY));
        assertThat(fx.transport.requestCount()).isEqualTo(2);
    }

    @Test
    void aFilesApiReferenceIsRefusedOnVertexBeforeAnyRequest() {
        GenerationRequest stored = GenerationRequest.builder().prompt("add a hat")
                .addImage(io.github.geminiimage.domain.ImageInput.ofStoredFile("files/abc123", MediaType.PNG)).build();

        try (HttpImageGeneration port = vertexPort(tokens(Optional.empty()), HttpOptions.builder())) {
            assertThatThrownBy(() -> port.generate(stored)).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("/v1beta/files/abc123").hasMessageContaining("Vertex AI has no Files API");
        }
        assertThat(fx.transport.requestCount()).isZero();
    }

    @Test
    void theQuotaProjectOfTheTokenSourceIsSentAsXGoogUserProject() {
        fx.transport.always(200, SUCCESS_BODY);

        try (HttpImageGeneration port = vertexPort(tokens(Optional.of("billing-project")), HttpOptions.builder())) {
            port.generate(Fixture.request());
        }

        HttpRequest sent = fx.transport.lastRequest().request();
        assertThat(sent.headers()).contains(Map.entry("x-goog-user-project", "billing-project"));
        assertThat(sent.isSensitive("x-goog-user-project")).isFalse();
    }

    @Test
    void noQuotaProjectMeansNoHeaderAndAnExplicitHeaderWins() {
        fx.transport.always(200, SUCCESS_BODY);

        try (HttpImageGeneration port = vertexPort(tokens(Optional.empty()), HttpOptions.builder())) {
            port.generate(Fixture.request());
        }
        assertThat(fx.transport.lastRequest().request().headers()).noneMatch(h -> h.getKey().equals("x-goog-user-project"));

        try (HttpImageGeneration port = vertexPort(tokens(Optional.of("from-credentials")),
                HttpOptions.builder().addHeader("X-Goog-User-Project", "chosen"))) {
            port.generate(Fixture.request());
        }
        assertThat(fx.transport.lastRequest().request().headers()).filteredOn(h -> h.getKey().equalsIgnoreCase("x-goog-user-project"))
                .containsExactly(Map.entry("X-Goog-User-Project", "chosen"));
    }

    @Test
    void aBaseUriPointsVertexCallsAtAProxyKeepingTheLayout() {
        fx.transport.always(200, SUCCESS_BODY);

        try (HttpImageGeneration port = vertexPort(tokens(Optional.empty()),
                HttpOptions.builder().baseUri(URI.create("http://127.0.0.1:8080/proxy")))) {
            port.generate(Fixture.request());
        }

        assertThat(fx.transport.lastRequest().request().uri()).hasToString("http://127.0.0.1:8080/proxy/v1/projects/my-project/"
                + "locations/global/publishers/google/models/gemini-2.5-flash-image:generateContent");
    }
}
