package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --grounding (sources in the summary and in --json) and --output-uri-prefix (images by reference) offline. */
class GroundingCliTest {

    @TempDir
    Path dir;

    private static JsonObject parse(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    @Test
    void jsonRecordsTheQueriesAndTheSourcesWithAbsentFieldsLeftOut() {
        CliRunner.Result run = new CliRunner().run("generate", "--transport", "fake", "--fake-outcome", "grounded",
                "-m", "gemini-3.1-flash-image", "--grounding", "both", "-p", "A quetzal", "-o", dir.resolve("q.jpg").toString(),
                "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject grounding = parse(run.out()).getJsonArray("results").getJsonObject(0).getJsonObject("grounding");
        assertThat(grounding.getJsonArray("queries").getString(0)).isEqualTo("A quetzal");
        assertThat(grounding.getJsonArray("queries")).hasSize(2);
        JsonObject web = grounding.getJsonArray("sources").getJsonObject(0);
        assertThat(web.keySet()).containsExactly("title", "uri");
        assertThat(web.getString("uri")).startsWith("https://example.com/pages/");
        JsonObject image = grounding.getJsonArray("sources").getJsonObject(1);
        assertThat(image.keySet()).containsExactly("title", "uri", "imageUri", "domain");
        assertThat(image.getString("imageUri")).startsWith("https://images.example.com/");
        assertThat(image.getString("domain")).isEqualTo("example.com");
    }

    @Test
    void theSummaryListsTheSearchesAndEverySource() {
        CliRunner.Result run = new CliRunner().interactive(false).run("generate", "--transport", "fake", "--fake-outcome",
                "grounded", "-m", "gemini-3-pro-image", "--grounding", "web", "-p", "A quetzal", "-o",
                dir.resolve("q.jpg").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("  searched: A quetzal")
                .containsPattern("  source: About A quetzal <https://example.com/pages/[^>]+>");
    }

    @Test
    void aResultWithoutGroundingRecordsNull() {
        CliRunner.Result run = new CliRunner().run("generate", "--transport", "fake", "-m", "gemini-3-pro-image",
                "--grounding", "web", "-p", "A quetzal", "-o", dir.resolve("q.jpg").toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(parse(run.out()).getJsonArray("results").getJsonObject(0).isNull("grounding")).isTrue();
    }

    @Test
    void groundingOnAModelWithoutItIsRefusedBeforeAnyCall() {
        CliRunner.Result run = new CliRunner().run("generate", "--transport", "fake", "--grounding", "web", "-p", "x",
                "-o", dir.resolve("x.png").toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("grounding").contains("gemini-2.5-flash-image does not take grounding with Google Search");
        assertThat(dir.resolve("x.png")).doesNotExist();
    }

    @Test
    void anUnknownGroundingModeNamesTheValidOnes() {
        CliRunner.Result run = new CliRunner().run("generate", "--transport", "fake", "-m", "gemini-3.1-flash-image",
                "--grounding", "maps", "-p", "x", "-o", dir.resolve("x.png").toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("maps").contains("web, image, both");
    }

    @Test
    void anImageByReferenceIsPrintedAndRecordedNotWritten() {
        Path out = dir.resolve("q.jpg");

        CliRunner.Result text = new CliRunner().interactive(false).run("generate", "--transport", "fake",
                "-m", "gemini-3.1-flash-image", "--output-uri-prefix", "gs://renders/out", "-p", "A quetzal", "-o", out.toString());
        CliRunner.Result json = new CliRunner().run("generate", "--transport", "fake", "-m", "gemini-3.1-flash-image",
                "--output-uri-prefix", "gs://renders/out", "-p", "A quetzal", "-o", out.toString(), "--json");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).containsPattern("image stored at gs://renders/out/\\S+\\.jpeg \\(image/jpeg, by reference");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonObject image = parse(json.out()).getJsonArray("results").getJsonObject(0).getJsonObject("image");
        assertThat(image.getString("uri")).startsWith("gs://renders/out/");
        assertThat(image.getString("mimeType")).isEqualTo("image/jpeg");
        assertThat(image.containsKey("file")).isFalse();
        assertThat(out).doesNotExist();
    }
}
