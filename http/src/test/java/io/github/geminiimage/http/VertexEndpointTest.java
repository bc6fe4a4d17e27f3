package io.github.geminiimage.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VertexEndpointTest {

    @Test
    void theMultiRegionsUseTheirRepHosts() {
        assertThat(Endpoint.vertex("p", "us").modelMethod("m", "generateContent")).hasToString(
                "https://aiplatform.us.rep.googleapis.com/v1/projects/p/locations/us/publishers/google/models/m:generateContent");
        assertThat(Endpoint.vertex("p", "eu").baseUri()).hasToString("https://aiplatform.eu.rep.googleapis.com");
        assertThat(Endpoint.vertex("p", "global").modelMethod("m", "streamGenerateContent")).hasToString(
                "https://aiplatform.googleapis.com/v1/projects/p/locations/global/publishers/google/models/m:streamGenerateContent");
    }

    @Test
    void expressModeHasNoProjectInThePathAndTakesAKey() {
        Endpoint express = Endpoint.vertexExpress();
        assertThat(express.modelMethod("gemini-2.5-flash-image", "generateContent")).hasToString(
                "https://aiplatform.googleapis.com/v1/publishers/google/models/gemini-2.5-flash-image:generateContent");
        assertThat(express.isVertex()).isTrue();
        assertThat(express.usesAccessTokens()).isFalse();
        assertThat(express.project()).isEmpty();
        assertThat(Endpoint.vertex("p", "global").usesAccessTokens()).isTrue();
    }

    @Test
    void aProxyBaseKeepsTheVertexLayoutAndItsPrefix() {
        Endpoint proxied = Endpoint.vertex("p-1", "europe-west4").withBaseUri(URI.create("http://127.0.0.1:8080/vertex/"));
        assertThat(proxied.modelMethod("m", "generateContent")).hasToString(
                "http://127.0.0.1:8080/vertex/v1/projects/p-1/locations/europe-west4/publishers/google/models/m:generateContent");
        assertThat(Endpoint.vertexExpress().withBaseUri(URI.create("http://localhost:9")).withApiVersion("v1beta1")
                .modelMethod("m", "generateContent")).hasToString("http://localhost:9/v1beta1/publishers/google/models/m:generateContent");
        assertThatThrownBy(() -> Endpoint.vertex("p", "global").withBaseUri(URI.create("http://x/?a=b")))
                .hasMessageContaining("baseUri");
    }

    @Test
    void vertexHasNoFilesApiAndSaysWhatToUseInstead() {
        assertThat(Endpoint.geminiApi().hasFilesApi()).isTrue();
        assertThat(Endpoint.vertexExpress().hasFilesApi()).isFalse();
        assertThatThrownBy(() -> Endpoint.vertex("p", "global").upload()).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("no Files API").hasMessageContaining("gs://");
        assertThatThrownBy(Endpoint.vertexExpress()::requireFilesApi).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void httpOptionsApplyABaseUriToAVertexEndpointInEitherOrder() {
        URI local = URI.create("http://127.0.0.1:7");
        Endpoint expected = Endpoint.vertex("p", "us-central1").withBaseUri(local);
        assertThat(HttpOptions.builder().baseUri(local).endpoint(Endpoint.vertex("p", "us-central1")).build().endpoint())
                .isEqualTo(expected);
        HttpOptions options = HttpOptions.builder().endpoint(Endpoint.vertex("p", "us-central1")).baseUri(local).build();
        assertThat(options.endpoint()).isEqualTo(expected);
        assertThat(options.toBuilder().build().endpoint()).isEqualTo(expected);
        assertThat(options.baseUri()).isEqualTo(local);
        assertThat(options.apiVersion()).isEqualTo("v1");
    }

    @Test
    void missingCredentialsAreRefusedSayingWhatTheEndpointNeeds() {
        assertThatThrownBy(() -> Credentials.requireFor(Endpoint.geminiApi(), Optional.empty()))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("apiKey is required: set GEMINI_API_KEY");
        assertThatThrownBy(() -> Credentials.requireFor(Endpoint.vertex("p", "global"), Optional.empty()))
                .hasMessageContaining("an AccessTokenSource is required for Vertex AI")
                .hasMessageContaining("GoogleCredentialsTokenSource.applicationDefault() from gemini-image-auth-google");
        assertThatThrownBy(() -> Credentials.requireFor(Endpoint.vertexExpress(), Optional.empty()))
                .hasMessageContaining("express-mode API key");
        Credentials key = Credentials.apiKey(ApiKey.of("k"));
        assertThat(Credentials.requireFor(Endpoint.vertex("p", "global"), Optional.of(key))).isSameAs(key);
    }
}
