package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.emulator.EmulatorOutcome;
import io.github.geminiimage.emulator.GeminiEmulator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A reply continued by the client: {@code --json} counts the extra requests and sums the usage over them. */
@Timeout(60)
class ContinuationCliTest {

    private static final String KEY = "emu-key";

    @TempDir
    Path dir;

    private JsonObject generate(String... transport) {
        String[] args = new String[transport.length + 7];
        System.arraycopy(transport, 0, args, 1, transport.length);
        args[0] = "generate";
        System.arraycopy(new String[] {"-p", "A red apple", "-o", dir.resolve("apple.png").toString(), "--force", "--json"},
                0, args, transport.length + 1, 6);
        CliRunner.Result run = new CliRunner().withKey(KEY).run(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Json.createReader(new StringReader(run.out())).readObject().getJsonArray("results").getJsonObject(0);
    }

    private static long tokens(JsonObject result, String name) {
        return result.getJsonObject("usage").getJsonNumber(name).longValue();
    }

    @Test
    void overHttpTheResultCountsTheContinuationAndTheUsageIsTheSumOverTheRequests() {
        try (GeminiEmulator continuing = GeminiEmulator.builder().apiKey(KEY).start().always(EmulatorOutcome.of("continuation"));
                GeminiEmulator plain = GeminiEmulator.builder().apiKey(KEY).start().always(EmulatorOutcome.of("image"))) {
            JsonObject continued = generate("--base-url", continuing.baseUri().toString());
            JsonObject once = generate("--base-url", plain.baseUri().toString());

            assertThat(continued.getString("outcome")).isEqualTo("IMAGE");
            assertThat(continued.getInt("continuations")).isEqualTo(1);
            assertThat(once.getInt("continuations")).isZero();
            assertThat(tokens(continued, "promptTokens")).as("the prompt was sent twice").isEqualTo(2 * tokens(once, "promptTokens"));
            assertThat(tokens(continued, "totalTokens"))
                    .isEqualTo(tokens(continued, "promptTokens") + tokens(continued, "candidatesTokens"));
            assertThat(continuing.requests()).filteredOn(r -> r.path().endsWith(":generateContent")).hasSize(2);
        }
    }

    @Test
    void theFakeTransportContinuesItsContinuationOutcome() {
        JsonObject continued = generate("--transport", "fake", "--fake-outcome", "continuation");

        assertThat(continued.getString("outcome")).isEqualTo("IMAGE");
        assertThat(continued.getInt("continuations")).isEqualTo(1);
        assertThat(continued.getString("text")).startsWith("(piece 1 of 2) ");
    }
}
