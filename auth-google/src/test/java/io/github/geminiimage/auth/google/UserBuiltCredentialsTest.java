package io.github.geminiimage.auth.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.auth.oauth2.GoogleCredentials;
import io.github.geminiimage.http.AccessToken;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** Credentials the caller built, here from a token obtained elsewhere (no network at all). */
class UserBuiltCredentialsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void aFixedTokenIsHandedBackWithItsExpiry() throws Exception {
        Instant expiry = Instant.parse("2026-11-25T10:30:00Z");
        GoogleCredentialsTokenSource source = GoogleCredentialsTokenSource.of(
                GoogleCredentials.create(new com.google.auth.oauth2.AccessToken("ya29.fixed", Date.from(expiry))));

        AccessToken token = source.fetch();

        assertThat(token.reveal()).isEqualTo("ya29.fixed");
        assertThat(token.expiresAt()).isEqualTo(expiry);
    }

    @Test
    void aTokenWithoutExpiryIsTakenToLastAnHour() throws Exception {
        GoogleCredentialsTokenSource source = GoogleCredentialsTokenSource.of(
                GoogleCredentials.create(new com.google.auth.oauth2.AccessToken("ya29.no-expiry", null)))
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(source.fetch().expiresAt()).isEqualTo(NOW.plus(GoogleCredentialsTokenSource.ASSUMED_LIFETIME));
    }

    @Test
    void toStringNeverShowsTheTokenEvenAfterAFetch() throws Exception {
        GoogleCredentialsTokenSource source = GoogleCredentialsTokenSource.of(
                GoogleCredentials.create(new com.google.auth.oauth2.AccessToken("ya29.secret-value", null)));

        source.fetch();

        assertThat(source.toString()).doesNotContain("ya29").contains("GoogleCredentials");
        assertThat(source.fetch().toString()).doesNotContain("ya29");
    }

    @Test
    void aTokenAHeaderCannotCarryIsRefusedWithoutBeingQuoted() {
        GoogleCredentialsTokenSource source = GoogleCredentialsTokenSource.of(
                GoogleCredentials.create(new com.google.auth.oauth2.AccessToken("ya29.bad\r\nX-Injected: 1", null)));

        assertThatThrownBy(source::fetch).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot carry")
                .hasMessageNotContaining("ya29")
                .hasMessageNotContaining("Injected");
    }

    @Test
    void theQuotaProjectOfBuiltCredentialsIsReported() {
        GoogleCredentials credentials = GoogleCredentials.newBuilder()
                .setAccessToken(new com.google.auth.oauth2.AccessToken("ya29.q", null))
                .setQuotaProjectId("quota-7")
                .build();

        assertThat(GoogleCredentialsTokenSource.of(credentials).quotaProjectId()).contains("quota-7");
    }
}
