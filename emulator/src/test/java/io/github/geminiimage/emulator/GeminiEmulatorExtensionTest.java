package io.github.geminiimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.emulator.junit.GeminiEmulatorExtension;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** The JUnit 5 extension: one emulator for the class, injected as itself or its base URI, reset before each test. */
@ExtendWith(GeminiEmulatorExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GeminiEmulatorExtensionTest {

    private static URI first;

    private final GeminiEmulator fromConstructor;

    GeminiEmulatorExtensionTest(GeminiEmulator emulator) {
        this.fromConstructor = emulator;
    }

    @Test
    @Order(1)
    void injectsTheEmulatorAndItsBaseUri(GeminiEmulator emulator, URI baseUri) {
        first = baseUri;
        assertThat(emulator).isSameAs(fromConstructor);
        assertThat(emulator.baseUri()).isEqualTo(baseUri);
        emulator.enqueue("server-error");
        assertThat(Http.post(baseUri, "/v1beta/models/gemini-2.5-flash-image:generateContent",
                "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}]}", Http.key("any")).statusCode()).isEqualTo(503);
        emulator.enqueue("server-error");
    }

    @Test
    @Order(2)
    void theSameEmulatorIsResetBeforeTheNextTest(GeminiEmulator emulator, URI baseUri) {
        assertThat(baseUri).isEqualTo(first);
        assertThat(emulator.requests()).isEmpty();
        assertThat(Http.post(baseUri, "/v1beta/models/gemini-2.5-flash-image:generateContent",
                "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}]}", Map.of("x-goog-api-key", "any")).statusCode())
                .as("the outcome queued by the previous test was dropped").isEqualTo(200);
    }
}
