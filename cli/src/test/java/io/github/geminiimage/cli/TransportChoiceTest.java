package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.cli.internal.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options that ask for a real endpoint, or for the fake, are never silently overruled. */
class TransportChoiceTest {

    @TempDir
    Path dir;

    private final List<Transport> opened = new ArrayList<>();
    private final CliRunner cli = new CliRunner().portFactory(settings -> {
        opened.add(settings.transport());
        return FakeImageGeneration.create();
    });

    private static void assertUsage(CliRunner.Result run, String says) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().contains(says);
    }

    @Test
    void aBaseUrlWithoutAKeyIsAUsageError_notAFakePicture() {
        Path out = dir.resolve("cat.png");
        CliRunner.Result run = cli.run("generate", "--base-url", "http://127.0.0.1:9", "-p", "A cat", "-o", out.toString());

        assertUsage(run, "GEMINI_API_KEY is not set: the jdk transport (chosen because --base-url asks for a real endpoint)");
        assertThat(out).doesNotExist();
        assertThat(opened).isEmpty();
    }

    @Test
    void aFakeOutcomeWithAnHttpTransportIsAUsageError_notAPaidCall() {
        CliRunner.Result run = cli.withKey("secret-key").run("generate", "--transport", "jdk", "--fake-outcome", "no-image",
                "-p", "A cat", "-o", dir.resolve("cat.png").toString());

        assertUsage(run, "--fake-outcome is for the offline fake, but --transport jdk makes a real call");
        assertThat(opened).isEmpty();
    }

    @Test
    void aFakeOutcomeWithAKeySetAndNoTransportUsesTheFake() {
        CliRunner.Result run = cli.withKey("secret-key").run("generate", "--fake-outcome", "image",
                "-p", "A cat", "-o", dir.resolve("cat.png").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(opened).containsExactly(Transport.FAKE);
    }

    @Test
    void aFakeOutcomeWithABaseUrlIsAUsageError() {
        assertUsage(cli.withKey("k").run("generate", "--fake-outcome", "image", "--base-url", "http://127.0.0.1:9",
                "-p", "A cat", "-o", dir.resolve("cat.png").toString()), "--fake-outcome asks for the offline fake, but --base-url");
    }

    @Test
    void theFakeTransportWithABaseUrlOrAuthIsAUsageError() {
        assertUsage(cli.run("generate", "--transport", "fake", "--base-url", "http://127.0.0.1:9", "-p", "A cat",
                "-o", dir.resolve("cat.png").toString()), "--base-url is for a real endpoint");
        assertUsage(cli.run("generate", "--transport", "fake", "--auth", "bearer", "-p", "A cat",
                "-o", dir.resolve("cat.png").toString()), "--auth is for a real endpoint");
        assertThat(opened).isEmpty();
    }

    @Test
    void aBaseUrlEndingInV1betaIsRefusedNamingTheRootToPass() {
        assertUsage(cli.withKey("k").run("generate", "--base-url", "https://proxy.example/gemini/v1beta/", "-p", "A cat",
                "-o", dir.resolve("cat.png").toString()), "pass --base-url https://proxy.example/gemini");
    }

    @Test
    void theHelpSaysWhatABaseUrlIs() {
        assertThat(cli.run("generate", "--help").out()).contains("without /v1beta").contains("URL/v1beta/models/MODEL:generateContent");
    }

    @Test
    void aTimeoutWithoutAUnitIsRefused() {
        assertUsage(cli.run("generate", "--transport", "fake", "--timeout", "5", "-p", "A cat",
                "-o", dir.resolve("cat.png").toString()), "\"5\" has no unit: write 5s for seconds or 5m for minutes");
    }

    @Test
    void theVersionIsTheBuildsVersion() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher parentVersion = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(pom);
        assertThat(parentVersion.find()).isTrue();

        assertThat(cli.run("-V").out().strip()).isEqualTo("gemini-image " + parentVersion.group(1));
        assertThat(cli.run("generate", "-V").out().strip()).isEqualTo("gemini-image " + parentVersion.group(1));
    }

    @Test
    void theHelpNeverBreaksARatioAcrossLines() {
        for (String command : List.of("generate", "edit")) {
            List<String> lines = cli.run(command, "--help").out().lines().toList();
            assertThat(lines).anySatisfy(line -> assertThat(line).contains("16:9"));
            assertThat(lines).noneSatisfy(line -> assertThat(line).matches(".*\\d+:\\s*$"));
        }
    }
}
