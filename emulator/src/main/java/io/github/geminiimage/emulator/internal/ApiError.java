package io.github.geminiimage.emulator.internal;

import io.github.geminiimage.wire.ErrorEnvelope;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An error answered in Google's envelope ({@link ErrorEnvelope}, which writes it), thrown by a
 * handler and written by the server.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ErrorEnvelope envelope;

    ApiError(ErrorEnvelope envelope) {
        super(envelope.message(), null, false, false);
        this.envelope = envelope;
    }

    /** The HTTP status. */
    public int code() {
        return envelope.code();
    }

    /** The canonical status word, e.g. {@code INVALID_ARGUMENT}. */
    public String status() {
        return envelope.status();
    }

    /** The envelope the server writes. */
    public ErrorEnvelope envelope() {
        return envelope;
    }

    static ApiError of(int code, String status, String message) {
        return new ApiError(ErrorEnvelope.of(code, status, message));
    }

    static ApiError invalidArgument(String message) {
        return of(400, "INVALID_ARGUMENT", message);
    }

    static ApiError notFound(String message) {
        return of(404, "NOT_FOUND", message);
    }

    static ApiError failedPrecondition(String message) {
        return of(400, "FAILED_PRECONDITION", message);
    }

    /** The 400 Google answers for a key it does not know, with {@code ErrorInfo.reason = API_KEY_INVALID}. */
    static ApiError apiKeyInvalid() {
        String message = "API key not valid. Please pass a valid API key.";
        return new ApiError(ErrorEnvelope.of(400, "INVALID_ARGUMENT", message)
                .withDetail(ErrorEnvelope.errorInfo("API_KEY_INVALID", "googleapis.com",
                        Map.of("service", "generativelanguage.googleapis.com")))
                .withDetail(ErrorEnvelope.detail("LocalizedMessage", members("locale", "en-US", "message", message))));
    }

    /** The 403 Google answers for a call without any key. */
    static ApiError keyMissing() {
        return of(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without established "
                + "identity). Please use API Key or other form of API consumer identity to call this API.");
    }

    /** The 401 Vertex AI answers for a missing or refused access token. */
    static ApiError unauthenticated(boolean missing) {
        return of(401, "UNAUTHENTICATED", missing
                ? "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie "
                        + "or other valid authentication credential."
                : "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other "
                        + "valid authentication credential.");
    }

    /** A 429 on a per-minute quota, with the details Google sends: quota, help, retry delay. */
    static ApiError rateLimited(String model, Optional<Duration> retryDelay) {
        Map<String, Object> violation = members("quotaMetric", "generativelanguage.googleapis.com/generate_content_free_tier_requests",
                "quotaId", "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
                "quotaDimensions", members("location", "global", "model", model), "quotaValue", "10");
        Map<String, Object> link = members("description", "Learn more about Gemini API quotas",
                "url", "https://ai.google.dev/gemini-api/docs/rate-limits");
        String message = "You exceeded your current quota, please check your plan and billing details."
                + retryDelay.map(d -> " Please retry in " + Durations.seconds(d) + "s.").orElse("");
        ErrorEnvelope envelope = ErrorEnvelope.of(429, "RESOURCE_EXHAUSTED", message)
                .withDetail(ErrorEnvelope.detail("QuotaFailure", members("violations", List.of(violation))))
                .withDetail(ErrorEnvelope.detail("Help", members("links", List.of(link))));
        return new ApiError(retryDelay.map(d -> envelope.withDetail(ErrorEnvelope.retryInfo(d))).orElse(envelope));
    }

    /** A detail's members in the order given: name, value, name, value... */
    private static Map<String, Object> members(Object... namesAndValues) {
        Map<String, Object> members = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            members.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return members;
    }
}
