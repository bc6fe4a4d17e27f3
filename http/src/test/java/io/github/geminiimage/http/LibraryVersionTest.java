package io.github.geminiimage.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LibraryVersionTest {

    @Test
    void theUserAgentCarriesTheVersionTheBuildWroteIntoTheJar() {
        String expected = System.getProperty("gemini.image.expected.version");
        assertThat(expected).as("set by the http module's surefire configuration").isNotBlank();

        assertThat(HttpOptions.LIBRARY_VERSION).isEqualTo(expected);
        assertThat(HttpOptions.defaults().userAgent())
                .startsWith("gemini-image-java/" + expected + " (Java ");
    }

    @Test
    void anUnfilteredPlaceholderIsNeverSentAsAVersion() throws IOException {
        assertThat(LibraryVersion.parse(stream("version=${project.version}\n"))).isEqualTo("unknown");
        assertThat(LibraryVersion.parse(stream("# nothing\n"))).isEqualTo("unknown");
        assertThat(LibraryVersion.parse(stream("version= 1.2.3 \n"))).isEqualTo("1.2.3");
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
