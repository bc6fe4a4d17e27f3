package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.cli.ShadedJar.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar on Vertex AI with Application Default Credentials, as users run it: a service
 * account file (a key made for the test) named by {@code GOOGLE_APPLICATION_CREDENTIALS}, whose
 * {@code token_uri} is a loopback server that also stands in for Vertex AI through {@code --base-url}.
 * Proves that Google's auth library is in the jar and works there.
 */
class VertexJarIT {

    private static final String TOKEN = "ya29.cli-loopback-token";

    private final ShadedJar jar = ShadedJar.built();

    @TempDir
    Path dir;

    @Test
    void applicationDefaultCredentialsFromAServiceAccountFileAuthenticateVertexCalls() throws Exception {
        try (LoopbackGemini server = new LoopbackGemini()) {
            server.reply(200, Map.of("Content-Type", "application/json"),
                    "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
            server.replyWithImage(24, 12);
            Path credentials = dir.resolve("service-account.json");
            Files.writeString(credentials, serviceAccountJson(server.baseUrl() + "/token"));

            Run run = run(Map.of("GOOGLE_APPLICATION_CREDENTIALS", credentials.toString(), "NO_GCE_CHECK", "true"),
                    "generate", "--vertex-project", "my-project", "--vertex-location", "us-central1",
                    "--base-url", server.baseUrl(), "-p", "A red apple", "-o", "apple.png");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).isEmpty();
            List<LoopbackGemini.Received> received = server.received();
            assertThat(received).hasSize(2);
            assertThat(received.get(0).path()).isEqualTo("/token");
            assertThat(received.get(0).body()).contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer");
            LoopbackGemini.Received call = received.get(1);
            assertThat(call.path()).isEqualTo("/v1/projects/my-project/locations/us-central1/publishers/google/models/"
                    + "gemini-2.5-flash-image:generateContent");
            assertThat(call.header("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(call.header("x-goog-user-project")).isEqualTo("billing-project");
            assertThat(call.header("x-goog-api-key")).isNull();
            assertThat(call.body()).contains("\"role\":\"user\"");
            assertThat(TestImages.size(dir.resolve("apple.png"))).containsExactly(24, 12);
            assertThat(run.out() + run.err()).doesNotContain(TOKEN);
        }
    }

    @Test
    void withoutCredentialsTheRunIsAUsageErrorNamingAdc() throws Exception {
        Path missing = dir.resolve("no-such-file.json");

        Run run = run(Map.of("GOOGLE_APPLICATION_CREDENTIALS", missing.toString(), "NO_GCE_CHECK", "true"),
                "generate", "--vertex-project", "my-project", "--base-url", "http://127.0.0.1:9", "-p", "x", "-o", "x.png");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().contains("needs Application Default Credentials");
    }

    private static String serviceAccountJson(String tokenUri) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return "{\"type\": \"service_account\", \"project_id\": \"sa-project\", \"private_key_id\": \"0123456789abcdef\","
                + "\"private_key\": \"" + pem.replace("\n", "\\n") + "\","
                + "\"client_email\": \"cli-test@sa-project.iam.gserviceaccount.com\", \"client_id\": \"100000000000000000001\","
                + "\"quota_project_id\": \"billing-project\", \"token_uri\": \"" + tokenUri + "\"}";
    }

    private Run run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        return jar.run(dir, List.of(), env -> {
            env.keySet().removeIf(name -> name.equals("GEMINI_API_KEY") || name.startsWith("GOOGLE_")
                    || name.startsWith("GCLOUD") || name.startsWith("CLOUDSDK"));
            env.put("CLOUDSDK_CONFIG", dir.resolve("no-gcloud").toString());
            env.putAll(environment);
        }, args);
    }
}
