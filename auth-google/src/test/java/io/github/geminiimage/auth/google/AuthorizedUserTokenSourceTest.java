package io.github.geminiimage.auth.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.http.AccessToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gcloud user credentials ({@code gcloud auth application-default login}) against a loopback token_uri. */
class AuthorizedUserTokenSourceTest {

    @AutoClose
    final LoopbackTokenEndpoint endpoint = LoopbackTokenEndpoint.start();

    @TempDir
    Path dir;

    @Test
    void userCredentialsTradeTheirRefreshTokenAtTheTokenUriTheyName() throws Exception {
        GoogleCredentialsTokenSource source = GoogleCredentialsTokenSource.fromFile(userFile());

        Instant before = Instant.now();
        AccessToken token = source.fetch();

        assertThat(token.reveal()).isEqualTo(LoopbackTokenEndpoint.tokenNumber(1));
        assertThat(token.expiresAt()).isAfterOrEqualTo(before.plusSeconds(3599));
        Map<String, String> form = endpoint.forms.get(0);
        assertThat(form).containsEntry("grant_type", "refresh_token")
                .containsEntry("refresh_token", TestCredentials.REFRESH_TOKEN)
                .containsEntry("client_id", "test-client.apps.googleusercontent.com");
    }

    @Test
    void theQuotaProjectIsReadAndNoProjectIsInvented() throws Exception {
        GoogleCredentialsTokenSource source = GoogleCredentialsTokenSource.fromFile(userFile())
                .withEnvironment(name -> null);

        assertThat(source.quotaProjectId()).contains("billing-project");
        assertThat(source.quotaProject()).as("the SPI the engine reads")
                .contains("billing-project");
        // gcloud's configured project lives outside the file; the caller must name the project.
        assertThat(source.projectId()).isEmpty();
        assertThat(source.toString()).isEqualTo("GoogleCredentialsTokenSource[UserCredentials]");
    }

    @Test
    void aRevokedRefreshTokenBecomesAnIOExceptionWithoutTheReplyOrTheRefreshToken() throws Exception {
        GoogleCredentialsTokenSource source = GoogleCredentialsTokenSource.fromFile(userFile());
        endpoint.replyNext(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}");

        assertThatThrownBy(source::fetch).isInstanceOf(IOException.class)
                .hasMessageContaining("UserCredentials")
                .hasMessageContaining("HTTP 400 with OAuth error invalid_grant")
                .hasMessageNotContaining("revoked.")
                .hasMessageNotContaining(TestCredentials.REFRESH_TOKEN)
                .hasMessageNotContaining("test-client-secret")
                .hasNoCause();
    }

    private Path userFile() throws IOException {
        return Files.writeString(dir.resolve("adc.json"), TestCredentials.authorizedUserJson(endpoint.tokenUri(), "billing-project"));
    }
}
