package io.github.geminiimage.auth.google;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GoogleCredentialsTokenSource#applicationDefault()} as a user meets it: the library reads
 * environment variables, which a running JVM cannot set, so each case runs {@link AdcProbe} in a child
 * JVM with a chosen environment. Every child has {@code NO_GCE_CHECK=true} and a metadata host on a
 * closed loopback port, so no lookup ever leaves the machine.
 */
class ApplicationDefaultCredentialsTest {

    @AutoClose
    final LoopbackTokenEndpoint endpoint = LoopbackTokenEndpoint.start();

    @TempDir
    Path dir;

    @Test
    void theFileNamedByGoogleApplicationCredentialsIsUsedWithTheTokenUriItNames() throws Exception {
        Path key = Files.writeString(dir.resolve("sa.json"), TestCredentials.serviceAccountJson(endpoint.tokenUri(), "adc-project"));

        String line = probe(Map.of("GOOGLE_APPLICATION_CREDENTIALS", key.toString()));

        assertThat(line).startsWith("kind=GoogleCredentialsTokenSource[ServiceAccountCredentials] token="
                + LoopbackTokenEndpoint.tokenNumber(1)).contains("project=adc-project");
        assertThat(endpoint.forms).hasSize(1);
    }

    @Test
    void gcloudsWellKnownFileIsUsedWhenTheVariableIsUnset() throws Exception {
        Path gcloudConfig = Files.createDirectories(dir.resolve("gcloud"));
        Files.writeString(gcloudConfig.resolve("application_default_credentials.json"),
                TestCredentials.authorizedUserJson(endpoint.tokenUri(), "billing-project"));

        String line = probe(Map.of("CLOUDSDK_CONFIG", gcloudConfig.toString(), "GOOGLE_CLOUD_PROJECT", "env-project"));

        assertThat(line).startsWith("kind=GoogleCredentialsTokenSource[UserCredentials] token="
                + LoopbackTokenEndpoint.tokenNumber(1)).contains("project=env-project", "quota=billing-project");
        assertThat(endpoint.forms.get(0)).containsEntry("refresh_token", TestCredentials.REFRESH_TOKEN);
    }

    @Test
    void noCredentialsAnywhereIsAnIOExceptionThatSaysHowToSetThemUp() throws Exception {
        String line = probe(Map.of("CLOUDSDK_CONFIG", Files.createDirectories(dir.resolve("empty")).toString()));

        assertThat(line).startsWith("error=").contains("Application Default Credentials");
        assertThat(endpoint.forms).isEmpty();
    }

    /** Runs {@link AdcProbe} with only {@code env} and the guards set; returns its output line. */
    private String probe(Map<String, String> env) throws IOException, InterruptedException {
        Path output = Files.createTempFile(dir, "probe", ".out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Duser.home=" + dir, "-cp",
                System.getProperty("java.class.path"), AdcProbe.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> childEnv = builder.environment();
        childEnv.keySet().removeIf(name -> name.startsWith("GOOGLE_") || name.startsWith("GCE_")
                || name.startsWith("CLOUDSDK_") || name.equals("GCLOUD_PROJECT") || name.equals("DEVSHELL_CLIENT_PORT"));
        childEnv.put("HOME", dir.toString());
        childEnv.put("NO_GCE_CHECK", "true");
        childEnv.put("GCE_METADATA_HOST", "127.0.0.1:9");
        childEnv.putAll(env);
        Process child = builder.start();
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("the probe JVM did not finish within 60 s");
        }
        List<String> lines = Files.readString(output, StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("kind=") || l.startsWith("error="))
                .toList();
        assertThat(lines).as("probe output").hasSize(1);
        return lines.get(0);
    }
}
