package io.github.geminiimage.auth.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.http.AccessToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceAccountTokenSourceTest {

    @AutoClose
    final LoopbackTokenEndpoint endpoint = LoopbackTokenEndpoint.start();

    @TempDir
    Path dir;

    @Test
    void aServiceAccountFileGetsTheTokenAndItsExpiryFromTheTokenUriItNames() throws Exception {
        GoogleCredentialsTokenSource source = GoogleCredentialsTokenSource.fromFile(serviceAccountFile());

        Instant before = Instant.now();
        AccessToken token = source.fetch();
        Instant after = Instant.now();

        assertThat(token.reveal()).isEqualTo(LoopbackTokenEndpoint.tokenNumber(1));
        // The library computes the expiry from expires_in and its own clock, read between these two.
        assertThat(token.expiresAt()).isBetween(before.plusSeconds(3600).minusSeconds(1),
                after.plusSeconds(3600).plusSeconds(1));
        assertThat(endpoint.forms).hasSize(1);
    }

    @Test
    void theAssertionIsSignedWithTheFilesKeyAndAsksForTheCloudPlatformScope() throws Exception {
        GoogleCredentialsTokenSource.fromFile(serviceAccountFile()).fetch();

        Map<String, String> form = endpoint.forms.get(0);
        assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
        String assertion = form.get("assertion");
        assertThat(TestCredentials.signedBy(assertion, TestCredentials.KEYS.getPublic())).isTrue();
        assertThat(TestCredentials.payload(assertion))
                .contains("\"iss\":\"" + TestCredentials.CLIENT_EMAIL + "\"")
                .contains("\"scope\":\"" + GoogleCredentialsTokenSource.CLOUD_PLATFORM_SCOPE + "\"");
    }

    @Test
    void everyFetchAsksTheTokenEndpointAgainBecauseTheEngineIsTheCache() throws Exception {
        GoogleCredentialsTokenSource source = GoogleCredentialsTokenSource.fromFile(serviceAccountFile());

        AccessToken first = source.fetch();
        AccessToken second = source.fetch();

        // The first token is valid for an hour, yet the second fetch gets a new one: after a 401 the
        // engine must not be handed the refused token again.
        assertThat(endpoint.forms).hasSize(2);
        assertThat(first.reveal()).isEqualTo(LoopbackTokenEndpoint.tokenNumber(1));
        assertThat(second.reveal()).isEqualTo(LoopbackTokenEndpoint.tokenNumber(2));
    }

    @Test
    void anInvalidGrantReplyBecomesAnIOExceptionWithoutTheReplyOrTheAssertion() throws Exception {
        GoogleCredentialsTokenSource source = GoogleCredentialsTokenSource.fromFile(serviceAccountFile());
        endpoint.replyNext(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature: secret-echo\"}");

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(source::fetch);

        String assertion = endpoint.forms.get(0).get("assertion");
        assertThat(thrown).isInstanceOf(IOException.class)
                .hasMessageContaining("ServiceAccountCredentials")
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("invalid_grant")
                .hasNoCause();
        assertThat(thrown.getMessage()).doesNotContain("secret-echo", "Invalid JWT", assertion,
                TestCredentials.CLIENT_EMAIL);
    }

    @Test
    void anUnrecognisedErrorCodeIsNotQuoted() throws Exception {
        GoogleCredentialsTokenSource source = GoogleCredentialsTokenSource.fromFile(serviceAccountFile());
        endpoint.replyNext(401, "{\"error\":\"Bearer ya29.echoed-token\"}");

        assertThatThrownBy(source::fetch).isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageNotContaining("ya29");
    }

    @Test
    void aStreamGivesTheSameCredentialsAsAFile() throws Exception {
        String json = TestCredentials.serviceAccountJson(endpoint.tokenUri(), "stream-project");
        GoogleCredentialsTokenSource source = GoogleCredentialsTokenSource.fromStream(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));

        assertThat(source.fetch().reveal()).isEqualTo(LoopbackTokenEndpoint.tokenNumber(1));
        assertThat(source.toString()).isEqualTo("GoogleCredentialsTokenSource[ServiceAccountCredentials]");
    }

    @Test
    void theProjectIdIsTheServiceAccountsUnlessTheEnvironmentNamesOne() throws Exception {
        GoogleCredentialsTokenSource fromKey = GoogleCredentialsTokenSource.fromFile(serviceAccountFile());

        assertThat(withEnvironment(fromKey, Map.of()).projectId()).contains("key-project");
        assertThat(withEnvironment(fromKey, Map.of("GCLOUD_PROJECT", "legacy-env")).projectId()).contains("legacy-env");
        assertThat(withEnvironment(fromKey, Map.of("GOOGLE_CLOUD_PROJECT", "env-project", "GCLOUD_PROJECT", "legacy-env"))
                .projectId()).contains("env-project");
        assertThat(fromKey.quotaProjectId()).isEmpty();
    }

    @Test
    void aMissingFileIsReportedBeforeAnyRequest() {
        assertThatThrownBy(() -> GoogleCredentialsTokenSource.fromFile(dir.resolve("absent.json")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("absent.json");
        assertThat(endpoint.forms).isEmpty();
    }

    private Path serviceAccountFile() throws IOException {
        return Files.writeString(dir.resolve("sa.json"), TestCredentials.serviceAccountJson(endpoint.tokenUri(), "key-project"));
    }

    private static GoogleCredentialsTokenSource withEnvironment(GoogleCredentialsTokenSource source, Map<String, String> env) {
        return source.withEnvironment(env::get);
    }
}
