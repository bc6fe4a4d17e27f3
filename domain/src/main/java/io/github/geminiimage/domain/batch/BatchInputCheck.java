package io.github.geminiimage.domain.batch;

import io.github.geminiimage.domain.error.InvalidRequestException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Checks the requests of one job as they stream past, before any is sent: each request is for the
 * job's model, and no key repeats. Keeps only the keys seen. Not thread-safe; one per submission.
 */
public final class BatchInputCheck {

    private final String model;
    private final Set<String> keys = new HashSet<>();
    private long count;

    /**
     * A check for a job on {@code model} (an id such as {@code gemini-2.5-flash-image}, with or without {@code models/}).
     */
    public BatchInputCheck(String model) {
        this.model = bareModel(Objects.requireNonNull(model, "model"));
    }

    /**
     * Checks the next request.
     *
     * @return the request
     * @throws InvalidRequestException naming {@code requests[i].key} or {@code requests[i].model}, the value and the rule
     */
    public KeyedRequest check(KeyedRequest request) {
        Objects.requireNonNull(request, "requests[" + count + "]");
        if (!keys.add(request.key())) {
            throw new InvalidRequestException("requests[" + count + "].key", request.key(),
                    "a key used by no other request of the job (results are matched by key)");
        }
        String requestModel = request.request().model().id();
        if (!bareModel(requestModel).equals(model)) {
            throw new InvalidRequestException("requests[" + count + "].model", requestModel,
                    "the job's model " + model + " (a batch runs one model)");
        }
        count++;
        return request;
    }

    /** How many requests passed. */
    public long count() {
        return count;
    }

    /**
     * Fails if no request passed.
     *
     * @throws InvalidRequestException naming {@code requests}
     */
    public void requireSome() {
        if (count == 0) {
            throw new InvalidRequestException("requests", "none", "at least one request");
        }
    }

    /**
     * Checks a submit's arguments before anything is read or sent: a display name of 1 to 512
     * characters, not blank, and a model id.
     *
     * @throws InvalidRequestException naming {@code displayName} or {@code model}, the value and the rule
     */
    public static void checkSubmit(String displayName, String model, Iterable<KeyedRequest> requests,
            BatchSubmitOptions options) {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(options, "options");
        if (displayName.isBlank() || displayName.length() > 512) {
            throw new InvalidRequestException("displayName", displayName, "non-blank text of at most 512 characters");
        }
        if (model.isBlank()) {
            throw new InvalidRequestException("model", model, "a model id such as gemini-2.5-flash-image");
        }
    }

    /** The model id without {@code models/}. */
    public static String bareModel(String model) {
        return model.startsWith("models/") ? model.substring(7) : model;
    }
}
