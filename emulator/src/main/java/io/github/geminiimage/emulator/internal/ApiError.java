package io.github.geminiimage.emulator.internal;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An error answered in Google's envelope, {@code {"error":{"code","message","status","details"}}},
 * thrown by a handler and written by the server.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final String TYPE = "type.googleapis.com/google.rpc.";

    private final int code;
    private final String status;
    private final transient List<JsonObject> details;

    ApiError(int code, String status, String message, List<JsonObject> details) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        this.details = List.copyOf(details);
    }

    /** The HTTP status. */
    public int code() {
        return code;
    }

    /** The canonical status word, e.g. {@code INVALID_ARGUMENT}. */
    public String status() {
        return status;
    }

    static ApiError of(int code, String status, String message) {
        return new ApiError(code, status, message, List.of());
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
        return new ApiError(400, "INVALID_ARGUMENT", message, List.of(
                Jsons.PROVIDER.createObjectBuilder().add("@type", TYPE + "ErrorInfo").add("reason", "API_KEY_INVALID")
                        .add("domain", "googleapis.com")
                        .add("metadata", Jsons.PROVIDER.createObjectBuilder().add("service", "generativelanguage.googleapis.com"))
                        .build(),
                Jsons.PROVIDER.createObjectBuilder().add("@type", TYPE + "LocalizedMessage").add("locale", "en-US")
                        .add("message", message).build()));
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
        JsonObjectBuilder quota = Jsons.PROVIDER.createObjectBuilder().add("@type", TYPE + "QuotaFailure").add("violations",
                Jsons.PROVIDER.createArrayBuilder().add(Jsons.PROVIDER.createObjectBuilder()
                        .add("quotaMetric", "generativelanguage.googleapis.com/generate_content_free_tier_requests")
                        .add("quotaId", "GenerateRequestsPerMinutePerProjectPerModel-FreeTier")
                        .add("quotaDimensions", Jsons.PROVIDER.createObjectBuilder().add("location", "global").add("model", model))
                        .add("quotaValue", "10")));
        JsonObjectBuilder help = Jsons.PROVIDER.createObjectBuilder().add("@type", TYPE + "Help").add("links",
                Jsons.PROVIDER.createArrayBuilder().add(Jsons.PROVIDER.createObjectBuilder()
                        .add("description", "Learn more about Gemini API quotas")
                        .add("url", "https://ai.google.dev/gemini-api/docs/rate-limits")));
        List<JsonObject> details = new java.util.ArrayList<>(List.of(quota.build(), help.build()));
        retryDelay.ifPresent(d -> details.add(Jsons.PROVIDER.createObjectBuilder().add("@type", TYPE + "RetryInfo")
                .add("retryDelay", Durations.format(d)).build()));
        String message = "You exceeded your current quota, please check your plan and billing details."
                + retryDelay.map(d -> " Please retry in " + Durations.seconds(d) + "s.").orElse("");
        return new ApiError(429, "RESOURCE_EXHAUSTED", message, details);
    }

    /** The envelope as JSON. */
    public JsonObject toJson() {
        JsonObjectBuilder error = Jsons.PROVIDER.createObjectBuilder().add("code", code).add("message", getMessage())
                .add("status", status);
        if (!details.isEmpty()) {
            JsonArrayBuilder array = Jsons.PROVIDER.createArrayBuilder();
            details.forEach(array::add);
            error.add("details", array);
        }
        return Jsons.PROVIDER.createObjectBuilder().add("error", error).build();
    }

    /** The body of an operation's or a batch line's {@code error}: a {@code google.rpc.Status} with the gRPC code. */
    JsonObject toRpcStatus() {
        return Jsons.PROVIDER.createObjectBuilder().add("code", grpcCode(status)).add("message", getMessage()).add("status", status)
                .build();
    }

    /** The gRPC code number of a canonical status word. */
    static int grpcCode(String status) {
        return switch (status) {
            case "CANCELLED" -> 1;
            case "INVALID_ARGUMENT" -> 3;
            case "DEADLINE_EXCEEDED" -> 4;
            case "NOT_FOUND" -> 5;
            case "ALREADY_EXISTS" -> 6;
            case "PERMISSION_DENIED" -> 7;
            case "RESOURCE_EXHAUSTED" -> 8;
            case "FAILED_PRECONDITION" -> 9;
            case "UNIMPLEMENTED" -> 12;
            case "INTERNAL" -> 13;
            case "UNAVAILABLE" -> 14;
            case "UNAUTHENTICATED" -> 16;
            default -> 2;
        };
    }
}
