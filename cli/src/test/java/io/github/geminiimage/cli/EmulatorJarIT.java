package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code java -jar gemini-image.jar emulator --port 0} as users run it: the first line, a call, SIGTERM. */
class EmulatorJarIT {

    @Test
    @Timeout(60)
    void startsPrintsItsAddressAnswersAndStopsOnSigterm() throws Exception {
        Path jar = Path.of(System.getProperty("gemini.image.jar", "target/gemini-image.jar")).toAbsolutePath();
        long started = System.nanoTime();
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "emulator", "--port", "0", "--api-key", "jar-key"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String first = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
            long startMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(first).matches("listening on http://127\\.0\\.0\\.1:\\d+");
            System.out.println("emulator jar printed its address after " + startMillis + " ms");

            HttpResponse<String> models = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(first.substring("listening on ".length()) + "/v1beta/models"))
                    .header("x-goog-api-key", "jar-key").timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(models.statusCode()).isEqualTo(200);
            assertThat(models.body()).contains("models/gemini-2.5-flash-image");

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(143); // 128 + SIGTERM after the shutdown hooks ran
        } finally {
            process.destroyForcibly();
        }
    }
}
