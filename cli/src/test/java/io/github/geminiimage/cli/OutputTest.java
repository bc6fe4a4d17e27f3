package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --json, and what stderr shows on a terminal and off it. */
class OutputTest {

    @TempDir
    Path dir;

    @Test
    void jsonPrintsTheResultsMetadataAndNothingElseOnStdout() throws Exception {
        Path out = dir.resolve("j.png");

        CliRunner.Result run = new CliRunner().run("generate", "--transport", "fake", "-p", "A \"quoted\"\nprompt",
                "-a", "4:3", "-o", out.toString(), "--json");

        assertThat(run.exitCode()).isZero();
        JsonObject json = parse(run.out());
        assertThat(json.getString("command")).isEqualTo("generate");
        assertThat(json.getString("transport")).isEqualTo("fake");
        assertThat(json.getInt("exitCode")).isZero();
        JsonObject result = json.getJsonArray("results").getJsonObject(0);
        assertThat(result.getString("outcome")).isEqualTo("IMAGE");
        assertThat(result.getString("finishReason")).isEqualTo("STOP");
        assertThat(result.getString("text")).contains("A \"quoted\" prompt");
        assertThat(result.isNull("blockReason")).isTrue();
        JsonObject usage = result.getJsonObject("usage");
        assertThat(usage.getJsonNumber("totalTokens").longValue())
                .isEqualTo(usage.getJsonNumber("promptTokens").longValue() + usage.getJsonNumber("candidatesTokens").longValue());
        JsonObject image = result.getJsonObject("image");
        assertThat(image.getString("file")).isEqualTo(out.toString());
        assertThat(image.getString("mimeType")).isEqualTo("image/png");
        assertThat(image.getInt("width")).isEqualTo(1184);
        assertThat(image.getInt("height")).isEqualTo(864);
        assertThat(image.getInt("bytes")).isPositive();
        assertThat(json.isNull("error")).isTrue();
        assertThat(run.out()).doesNotContain("iVBOR").doesNotContain("wrote ");
    }

    @Test
    void jsonOfAnImagelessResultCarriesTheOutcomeAndTheError() {
        CliRunner.Result run = new CliRunner().run("generate", "--transport", "fake", "--fake-outcome", "prompt-blocked",
                "-p", "x", "-o", dir.resolve("x.png").toString(), "--json");

        assertThat(run.exitCode()).isEqualTo(13);
        JsonObject json = parse(run.out());
        JsonObject result = json.getJsonArray("results").getJsonObject(0);
        assertThat(result.getString("outcome")).isEqualTo("PROMPT_BLOCKED");
        assertThat(result.getString("blockReason")).isEqualTo("PROHIBITED_CONTENT");
        assertThat(result.isNull("image")).isTrue();
        assertThat(json.getJsonObject("error").getString("kind")).isEqualTo("prompt-blocked");
        assertThat(json.getInt("exitCode")).isEqualTo(13);
    }

    @Test
    void jsonOfAFailureCarriesTheError() {
        CliRunner.Result run = new CliRunner().run("generate", "--transport", "fake", "--fake-outcome", "rate-limited",
                "-p", "x", "-o", dir.resolve("x.png").toString(), "--json");

        JsonObject json = parse(run.out());
        assertThat(json.getJsonArray("results")).isEmpty();
        assertThat(json.getJsonObject("error").getString("kind")).isEqualTo("rate-limited");
        assertThat(json.getJsonObject("error").getString("message")).contains("429");
    }

    @Test
    void offATerminalStderrStaysSilentAndStdoutHasPlainLines() {
        CliRunner.Result run = new CliRunner().interactive(false).run("generate", "--transport", "fake", "-p", "A cat",
                "-o", dir.resolve("cat.png").toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.out()).doesNotContain("\r").doesNotContain("\u001b[");
        assertThat(run.out().lines()).first().asString().startsWith("wrote ");
    }

    @Test
    void onATerminalStderrShowsASpinnerWithTheModelAndElapsedTimeThenClearsIt() {
        CliRunner.Result run = new CliRunner().interactive(true).run("generate", "--transport", "fake", "-p", "A cat",
                "-m", "gemini-3.1-flash-image", "-o", dir.resolve("cat.jpg").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).startsWith("\r").contains("generating with gemini-3.1-flash-image over fake")
                .containsPattern("\\d+\\.\\d s").endsWith("\r");
        assertThat(run.err().strip()).doesNotContain("\n");
    }

    private static JsonObject parse(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
