package io.github.geminiimage.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointTest {

    @Test
    void theGeminiApiLaysOutModelsUploadsAndResources() {
        Endpoint api = Endpoint.geminiApi();
        assertThat(api.modelMethod("gemini-3-pro-image", "streamGenerateContent")).hasToString(
                "https://generativelanguage.googleapis.com/v1beta/models/gemini-3-pro-image:streamGenerateContent");
        assertThat(api.upload()).hasToString("https://generativelanguage.googleapis.com/upload/v1beta/files");
        assertThat(api.resource("batches/abc-1")).hasToString("https://generativelanguage.googleapis.com/v1beta/batches/abc-1");
    }

    @Test
    void aProxyBaseKeepsItsPathPrefix() {
        Endpoint proxy = Endpoint.geminiApi(URI.create("http://127.0.0.1:8080/proxy/"), "v1");
        assertThat(proxy.resource("files/f1")).hasToString("http://127.0.0.1:8080/proxy/v1/files/f1");
    }

    @Test
    void vertexUsesTheRegionalHostAndTheProjectPath() {
        assertThat(Endpoint.vertex("p-1", "europe-west4").modelMethod("gemini-2.5-flash-image", "generateContent"))
                .hasToString("https://europe-west4-aiplatform.googleapis.com/v1/projects/p-1/locations/europe-west4/"
                        + "publishers/google/models/gemini-2.5-flash-image:generateContent");
        assertThat(Endpoint.vertex("p-1", "global").baseUri()).hasToString("https://aiplatform.googleapis.com");
        assertThatThrownBy(() -> Endpoint.vertex("p-1", "global").upload()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> Endpoint.vertex("p/1", "us-central1")).hasMessageContaining("project \"p/1\"");
        assertThatThrownBy(() -> Endpoint.geminiApi().resource("../secrets")).hasMessageContaining("resource name");
        assertThatThrownBy(() -> Endpoint.geminiApi(URI.create("ftp://x"), "v1")).hasMessageContaining("baseUri");
    }

    @Test
    void httpOptionsMapBaseUriAndVersionOntoAnEndpointAndTakeVertex() {
        HttpOptions options = HttpOptions.builder().baseUri(URI.create("http://localhost:9")).apiVersion("v1").build();
        assertThat(options.endpoint()).isEqualTo(Endpoint.geminiApi(URI.create("http://localhost:9"), "v1"));
        HttpOptions vertex = HttpOptions.builder().endpoint(Endpoint.vertex("p", "us-central1")).build();
        assertThat(vertex.endpoint().isVertex()).isTrue();
        assertThat(vertex.toBuilder().build().endpoint()).isEqualTo(vertex.endpoint());
        assertThat(vertex.generateContentUri("m").getHost()).isEqualTo("us-central1-aiplatform.googleapis.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://generativelanguage.googleapis.com/v1beta", "https://generativelanguage.googleapis.com/v1beta/",
        "https://generativelanguage.googleapis.com/v1", "https://generativelanguage.googleapis.com/v1beta/models"})
    void aBaseThatHoldsTheVersionIsRefusedNamingTheRootToGive(String base) {
        assertThatThrownBy(() -> Endpoint.geminiApi().withBaseUri(URI.create(base)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("baseUri " + base + " includes the API version (/v1")
                .hasMessageContaining("calls go to BASEURI/v1beta/models/MODEL:generateContent")
                .hasMessageContaining("give baseUri https://generativelanguage.googleapis.com, ");
        assertThatThrownBy(() -> HttpOptions.builder().baseUri(URI.create(base)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("baseUri " + base);
    }

    @Test
    void aProxyPrefixKeepsItsPathAndTheVersionIsCutFromIt() {
        assertThatThrownBy(() -> Endpoint.geminiApi(URI.create("http://127.0.0.1:8080/gemini/v1beta"), "v1beta"))
                .hasMessageContaining("give baseUri http://127.0.0.1:8080/gemini, ");
        assertThatThrownBy(() -> Endpoint.vertex("p", "global").withBaseUri(URI.create("http://127.0.0.1:8080/vertex/v1/projects/p")))
                .hasMessageContaining("(/v1)").hasMessageContaining("BASEURI/v1/projects/PROJECT/locations/LOCATION/"
                        + "publishers/google/models/MODEL:generateContent")
                .hasMessageContaining("give baseUri http://127.0.0.1:8080/vertex, ");
        assertThatThrownBy(() -> Endpoint.vertexExpress().withBaseUri(URI.create("http://localhost:9/v1beta1/")))
                .hasMessageContaining("give baseUri http://localhost:9, ");
        // Only a whole segment naming one of Google's versions, at the end or before the API's own path, is one.
        for (String fine : new String[] {"http://localhost:9/v1beta-mirror", "http://localhost:9/v1/gemini",
            "http://localhost:9/api/v2", "http://localhost:9/models", "http://localhost:9/proxy/"}) {
            assertThat(Endpoint.geminiApi().withBaseUri(URI.create(fine)).baseUri()).hasToString(fine);
        }
    }
}
