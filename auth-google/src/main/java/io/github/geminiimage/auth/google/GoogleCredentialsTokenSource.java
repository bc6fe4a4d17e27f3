package io.github.geminiimage.auth.google;

import com.google.auth.oauth2.GoogleCredentials;
import io.github.geminiimage.http.AccessToken;
import io.github.geminiimage.http.AccessTokenSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Google's auth library ({@code google-auth-library}) as an {@link AccessTokenSource} for Vertex AI:
 * Application Default Credentials, a credentials file (service account, gcloud user credentials,
 * workload identity federation), or {@link GoogleCredentials} the caller built. Credentials that
 * need scopes get {@value #CLOUD_PLATFORM_SCOPE}, as Google's own SDKs do. The call engine caches
 * the token, not this source (see {@link #fetch()}): use one source per engine. Thread-safe. Tokens
 * never appear in {@link #toString()} or in an exception message, and neither does the token
 * endpoint's reply (it may echo the signed assertion or name the key).
 */
public final class GoogleCredentialsTokenSource implements AccessTokenSource {

    /** The OAuth scope Vertex AI needs: {@value}. */
    public static final String CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";

    /**
     * How long a token whose credentials name no expiry is taken to last (Google's tokens last one
     * hour); after a 401 the engine asks again anyway.
     */
    static final Duration ASSUMED_LIFETIME = Duration.ofHours(1);

    private final GoogleCredentials credentials;
    private final UnaryOperator<String> environment;
    private final Clock clock;

    GoogleCredentialsTokenSource(GoogleCredentials credentials, UnaryOperator<String> environment, Clock clock) {
        this.credentials = credentials;
        this.environment = environment;
        this.clock = clock;
    }

    /**
     * Application Default Credentials, found as Google's library finds them: the file named by
     * {@code GOOGLE_APPLICATION_CREDENTIALS}; else gcloud's {@code application_default_credentials.json}
     * (in {@code $CLOUDSDK_CONFIG}, or {@code ~/.config/gcloud}, or {@code %APPDATA%\gcloud} on
     * Windows), written by {@code gcloud auth application-default login}; else Cloud Shell; else App
     * Engine; else the metadata server of Compute Engine, GKE, Cloud Run or Cloud Functions (skipped
     * when {@code NO_GCE_CHECK=true}). The token endpoint is the one the credentials name.
     *
     * @throws IOException if none is found (the message says how to set ADC up) or a file is unreadable
     */
    public static GoogleCredentialsTokenSource applicationDefault() throws IOException {
        return of(GoogleCredentials.getApplicationDefault());
    }

    /**
     * Credentials from a JSON file: a service account key, gcloud user credentials
     * ({@code authorized_user}), or a workload identity federation configuration.
     *
     * <p>Load only files you trust: a federation configuration names URLs, files or (when
     * {@code GOOGLE_EXTERNAL_ACCOUNT_ALLOW_EXECUTABLES=1}) programs that the library will use.
     *
     * @throws IOException if the file cannot be read or is not a credentials file the library knows
     */
    public static GoogleCredentialsTokenSource fromFile(Path credentialsJson) throws IOException {
        Objects.requireNonNull(credentialsJson, "credentialsJson");
        try (InputStream in = Files.newInputStream(credentialsJson)) {
            return fromStream(in);
        }
    }

    /**
     * Credentials from a JSON stream, as {@link #fromFile(Path)}; the stream is read to its end but
     * not closed. The same trust rule applies.
     *
     * @throws IOException if the stream cannot be read or holds no credentials the library knows
     */
    public static GoogleCredentialsTokenSource fromStream(InputStream credentialsJson) throws IOException {
        Objects.requireNonNull(credentialsJson, "credentialsJson");
        return of(GoogleCredentials.fromStream(credentialsJson));
    }

    /**
     * Credentials the caller built (impersonation, a custom transport, a fixed token). Scoped to
     * {@value #CLOUD_PLATFORM_SCOPE} when they need scopes and have none.
     */
    public static GoogleCredentialsTokenSource of(GoogleCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        GoogleCredentials scoped = credentials.createScopedRequired()
                ? credentials.createScoped(List.of(CLOUD_PLATFORM_SCOPE))
                : credentials;
        return new GoogleCredentialsTokenSource(scoped, System::getenv, Clock.systemUTC());
    }

    /**
     * Asks Google for a new access token and returns it with its expiry. Blocks for one exchange
     * with the token endpoint (or the metadata server). The call engine caches the token and calls
     * this only when its token is about to expire or was refused with 401; so this always gets a new
     * token from Google (a forced refresh) rather than the token the library may still hold, which
     * after a 401 would be the refused one.
     *
     * @throws IOException if no token could be had; the message names the credentials' kind, the
     *     HTTP status and the OAuth error code (e.g. {@code invalid_grant}), never the reply body
     */
    @Override
    public AccessToken fetch() throws IOException {
        com.google.auth.oauth2.AccessToken token;
        try {
            credentials.refresh();
            token = credentials.getAccessToken();
        } catch (IllegalStateException cannotRefresh) {
            // Credentials made from a fixed token cannot refresh: hand back that token, if any.
            token = credentials.getAccessToken();
            if (token == null) {
                throw new IOException(kind() + " hold no access token and cannot get one");
            }
        } catch (IOException e) {
            throw TokenEndpointFailure.describe(kind(), e);
        }
        if (token == null || token.getTokenValue() == null) {
            throw new IOException(kind() + " returned no access token");
        }
        return toSpi(token);
    }

    /**
     * The Google Cloud project for Vertex calls when the caller names none: {@code GOOGLE_CLOUD_PROJECT}
     * (or the older {@code GCLOUD_PROJECT}) if set, else the project the credentials belong to (the
     * {@code project_id} of a service account key; the metadata server's project, which asks it).
     * Empty for gcloud user credentials: gcloud's configured project is not read.
     */
    public Optional<String> projectId() {
        Optional<String> explicit = env("GOOGLE_CLOUD_PROJECT").or(() -> env("GCLOUD_PROJECT"));
        if (explicit.isPresent()) {
            return explicit;
        }
        return nonBlank(credentials.getProjectId());
    }

    /**
     * The project billed for quota, to send as {@code x-goog-user-project}: the credentials'
     * {@code quota_project_id}, or {@code GOOGLE_CLOUD_QUOTA_PROJECT} for Application Default
     * Credentials. Empty when neither names one.
     */
    public Optional<String> quotaProjectId() {
        return nonBlank(credentials.getQuotaProjectId());
    }

    /** {@link #quotaProjectId()}: the engine sends it as {@code x-goog-user-project}. */
    @Override
    public Optional<String> quotaProject() {
        return quotaProjectId();
    }

    /** The same credentials reading environment variables through {@code environment} (tests). */
    GoogleCredentialsTokenSource withEnvironment(UnaryOperator<String> environment) {
        return new GoogleCredentialsTokenSource(credentials, environment, clock);
    }

    /** The same credentials on another clock (tests). */
    GoogleCredentialsTokenSource withClock(Clock clock) {
        return new GoogleCredentialsTokenSource(credentials, environment, clock);
    }

    /** The kind of credentials, never the token or the key: e.g. {@code GoogleCredentialsTokenSource[ServiceAccountCredentials]}. */
    @Override
    public String toString() {
        // Not credentials.toString(): the library's includes the cached token.
        return "GoogleCredentialsTokenSource[" + credentials.getClass().getSimpleName() + "]";
    }

    private AccessToken toSpi(com.google.auth.oauth2.AccessToken token) throws IOException {
        Date expiry = token.getExpirationTime();
        Instant expiresAt = expiry != null ? expiry.toInstant() : clock.instant().plus(ASSUMED_LIFETIME);
        try {
            return AccessToken.of(token.getTokenValue(), expiresAt);
        } catch (IllegalArgumentException e) {
            // AccessToken's message names the position of the bad character, never the token.
            throw new IOException(kind() + " returned an access token that a header cannot carry: " + e.getMessage());
        }
    }

    private String kind() {
        return credentials.getClass().getSimpleName();
    }

    private Optional<String> env(String name) {
        return nonBlank(environment.apply(name));
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
