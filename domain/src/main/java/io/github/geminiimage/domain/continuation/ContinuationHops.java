package io.github.geminiimage.domain.continuation;

import io.github.geminiimage.domain.FinishReason;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Outcome;

import java.util.Objects;
import java.util.Optional;

/**
 * The replies of one continued generation, joined, and the decision whether to send another
 * request (docs/wire-format.md, "Continuation"): a reply whose first candidate stopped with
 * {@link FinishReason#CONTINUATION} and a token is continued, unless the request turned automatic
 * continuation off, {@code maxContinuations} extra requests were sent, or the last
 * {@code maxWithoutProgress} continuation replies in a row brought no new part or repeated the token.
 * Every transport that continues (the HTTP engine, the fake) decides through this class. Not
 * thread-safe: one per call.
 */
public final class ContinuationHops {

    /** The default bound on extra requests per call. */
    public static final int DEFAULT_MAX_CONTINUATIONS = 16;
    /** The default bound on continuation replies in a row without progress. */
    public static final int DEFAULT_MAX_WITHOUT_PROGRESS = 3;

    private final int maxContinuations;
    private final int maxWithoutProgress;
    private GenerationResult joined;
    private int replies;
    private int withoutProgress;
    private String lastToken;

    /**
     * Hops for {@code request}: none when it turned {@link GenerationRequest#automaticContinuation()} off.
     *
     * @param maxContinuations the most extra requests (0 for none)
     * @param maxWithoutProgress the most continuation replies in a row without progress (at least 1)
     */
    public ContinuationHops(GenerationRequest request, int maxContinuations, int maxWithoutProgress) {
        Objects.requireNonNull(request, "request");
        if (maxContinuations < 0 || maxWithoutProgress < 1) {
            throw new IllegalArgumentException("maxContinuations must be at least 0 and maxWithoutProgress at least 1; got "
                    + maxContinuations + " and " + maxWithoutProgress);
        }
        this.maxContinuations = request.automaticContinuation() ? maxContinuations : 0;
        this.maxWithoutProgress = maxWithoutProgress;
    }

    /** Whether this call may send any continuation request at all. */
    public boolean enabled() {
        return maxContinuations > 0;
    }

    /**
     * Joins the next reply and returns the token to send the request again with, or empty when the
     * generation finished or a bound was reached (the joined result then stays
     * {@link Outcome#INCOMPLETE}, its token ready to resume with).
     */
    public Optional<String> add(GenerationResult reply) {
        Objects.requireNonNull(reply, "reply");
        joined = joined == null ? reply : joined.followedBy(reply);
        replies++;
        Optional<String> token = reply.continuationToken();
        if (token.isEmpty()) {
            return Optional.empty();
        }
        if (replies > 1) {
            boolean newParts = !reply.candidates().isEmpty() && !reply.candidates().get(0).parts().isEmpty();
            withoutProgress = newParts && !token.get().equals(lastToken) ? 0 : withoutProgress + 1;
        }
        lastToken = token.get();
        if (replies - 1 >= maxContinuations || withoutProgress >= maxWithoutProgress) {
            return Optional.empty();
        }
        return token;
    }

    /**
     * The replies so far joined into one result ({@link GenerationResult#continuations()} counts the
     * extra requests).
     *
     * @throws IllegalStateException before the first reply
     */
    public GenerationResult result() {
        if (joined == null) {
            throw new IllegalStateException("no reply yet");
        }
        return joined;
    }
}
