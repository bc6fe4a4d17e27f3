package io.github.geminiimage.tck;

import io.github.geminiimage.domain.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Real replies of the API (from recorded exchanges, images shrunk to 1x1), shipped with the suites. */
public final class RecordedReplies {

    private RecordedReplies() {
    }

    /** The body of a 200 reply that gives {@code outcome}. */
    public static byte[] forOutcome(Outcome outcome) {
        return switch (outcome) {
            case IMAGE -> load("image.json");
            case TEXT_ONLY -> load("text-only.json");
            case PROMPT_BLOCKED -> load("prompt-blocked.json");
            case CANDIDATE_BLOCKED -> load("candidate-blocked.json");
            case NO_IMAGE -> load("no-image.json");
            // Shaped like the others (the text cut short, CONTINUATION and a token): the same reply to
            // every request repeats the token, so a client stops continuing and returns it INCOMPLETE.
            case INCOMPLETE -> load("incomplete.json");
        };
    }

    /** A reply body by file name under {@code io/github/geminiimage/tck/replies/}. */
    public static byte[] load(String name) {
        try (InputStream in = RecordedReplies.class.getResourceAsStream("replies/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no reply named " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
