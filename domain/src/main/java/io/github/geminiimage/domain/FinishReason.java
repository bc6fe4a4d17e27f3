package io.github.geminiimage.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a candidate stopped (docs/wire-format.md, "Replies").
 * Open: a value not known today is kept as its raw string ({@link #isKnown()} is then false).
 *
 * @param value the raw string as the server sent it
 */
public record FinishReason(String value) {

    private static final OpenValues<FinishReason> VALUES = new OpenValues<>(FinishReason::new);

    /** {@code FINISH_REASON_UNSPECIFIED}. */
    public static final FinishReason FINISH_REASON_UNSPECIFIED = VALUES.known("FINISH_REASON_UNSPECIFIED");
    /** {@code STOP}. */
    public static final FinishReason STOP = VALUES.known("STOP");
    /** {@code MAX_TOKENS}. */
    public static final FinishReason MAX_TOKENS = VALUES.known("MAX_TOKENS");
    /** {@code SAFETY}. */
    public static final FinishReason SAFETY = VALUES.known("SAFETY");
    /** {@code RECITATION}. */
    public static final FinishReason RECITATION = VALUES.known("RECITATION");
    /** {@code LANGUAGE}. */
    public static final FinishReason LANGUAGE = VALUES.known("LANGUAGE");
    /** {@code OTHER}. */
    public static final FinishReason OTHER = VALUES.known("OTHER");
    /** {@code BLOCKLIST}. */
    public static final FinishReason BLOCKLIST = VALUES.known("BLOCKLIST");
    /** {@code PROHIBITED_CONTENT}. */
    public static final FinishReason PROHIBITED_CONTENT = VALUES.known("PROHIBITED_CONTENT");
    /** {@code SPII}. */
    public static final FinishReason SPII = VALUES.known("SPII");
    /** {@code MALFORMED_FUNCTION_CALL}. */
    public static final FinishReason MALFORMED_FUNCTION_CALL = VALUES.known("MALFORMED_FUNCTION_CALL");
    /** {@code IMAGE_SAFETY}. */
    public static final FinishReason IMAGE_SAFETY = VALUES.known("IMAGE_SAFETY");
    /** {@code UNEXPECTED_TOOL_CALL}. */
    public static final FinishReason UNEXPECTED_TOOL_CALL = VALUES.known("UNEXPECTED_TOOL_CALL");
    /** {@code TOO_MANY_TOOL_CALLS}. */
    public static final FinishReason TOO_MANY_TOOL_CALLS = VALUES.known("TOO_MANY_TOOL_CALLS");
    /** {@code IMAGE_PROHIBITED_CONTENT}. */
    public static final FinishReason IMAGE_PROHIBITED_CONTENT = VALUES.known("IMAGE_PROHIBITED_CONTENT");
    /** {@code NO_IMAGE}. */
    public static final FinishReason NO_IMAGE = VALUES.known("NO_IMAGE");
    /** {@code IMAGE_RECITATION}. */
    public static final FinishReason IMAGE_RECITATION = VALUES.known("IMAGE_RECITATION");
    /** {@code IMAGE_OTHER}. */
    public static final FinishReason IMAGE_OTHER = VALUES.known("IMAGE_OTHER");
    /** {@code MISSING_THOUGHT_SIGNATURE}. */
    public static final FinishReason MISSING_THOUGHT_SIGNATURE = VALUES.known("MISSING_THOUGHT_SIGNATURE");
    /** {@code MALFORMED_RESPONSE}. */
    public static final FinishReason MALFORMED_RESPONSE = VALUES.known("MALFORMED_RESPONSE");

    /** {@code ESCALATION} (2026; Google documents no meaning yet: reported as no image). */
    public static final FinishReason ESCALATION = VALUES.known("ESCALATION");
    /** {@code PUP_LIMITED_DISABLED} (2026; Google documents no meaning yet: reported as no image). */
    public static final FinishReason PUP_LIMITED_DISABLED = VALUES.known("PUP_LIMITED_DISABLED");
    /** {@code MODEL_ARMOR} (2026): a Model Armor template screened the prompt or the answer (Vertex AI). */
    public static final FinishReason MODEL_ARMOR = VALUES.known("MODEL_ARMOR");
    /**
     * {@code CONTINUATION} (2026): the answer is not finished; the candidate carries a continuation
     * token and the same request sent again with it gets the rest.
     */
    public static final FinishReason CONTINUATION = VALUES.known("CONTINUATION");

    /** Checks the value is present. */
    public FinishReason {
        Objects.requireNonNull(value, "value");
    }

    /** The value for a raw string: a known constant when it is one. */
    public static FinishReason of(String value) {
        return VALUES.of(value);
    }

    /** The values this version of the library knows. */
    public static List<FinishReason> knownValues() {
        return VALUES.values();
    }

    /** Whether this version of the library knows the value. */
    public boolean isKnown() {
        return VALUES.contains(this);
    }

    /**
     * Whether the candidate was refused for its content (safety, prohibited content, blocklist,
     * personal data, recitation, language, a Model Armor policy): retrying the same request will not help.
     */
    public boolean isContentRefusal() {
        return List.of(SAFETY, RECITATION, LANGUAGE, BLOCKLIST, PROHIBITED_CONTENT, SPII, IMAGE_SAFETY,
                IMAGE_PROHIBITED_CONTENT, IMAGE_RECITATION, MODEL_ARMOR).contains(this);
    }

    /**
     * What this reason means and what to do about it, for the reasons whose meaning is not plain
     * from the name (docs/wire-format.md, "Finish reasons"); empty for the others.
     */
    public Optional<String> explanation() {
        String text = switch (value) {
            case "MISSING_THOUGHT_SIGNATURE" -> "the session lost a thought signature: a replayed model turn came "
                    + "without the thoughtSignature it was answered with (the turn was edited, rebuilt or saved without "
                    + "it). Recover by replaying the model turns exactly as received (Conversation.then keeps them, "
                    + "signatures included), or start a new conversation (Conversation.empty()) with the last image "
                    + "as an input image";
            case "MODEL_ARMOR" -> "a Model Armor policy on the project screened the prompt or the answer; "
                    + "change the prompt or the policy (Vertex AI)";
            case "CONTINUATION" -> "the answer is not finished: send the same request again with the candidate's "
                    + "continuation token to get the rest";
            default -> null;
        };
        return Optional.ofNullable(text);
    }

    @Override
    public String toString() {
        return value;
    }
}
