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

    /** {@code FINISH_REASON_UNSPECIFIED}. */
    public static final FinishReason FINISH_REASON_UNSPECIFIED = new FinishReason("FINISH_REASON_UNSPECIFIED");
    /** {@code STOP}. */
    public static final FinishReason STOP = new FinishReason("STOP");
    /** {@code MAX_TOKENS}. */
    public static final FinishReason MAX_TOKENS = new FinishReason("MAX_TOKENS");
    /** {@code SAFETY}. */
    public static final FinishReason SAFETY = new FinishReason("SAFETY");
    /** {@code RECITATION}. */
    public static final FinishReason RECITATION = new FinishReason("RECITATION");
    /** {@code LANGUAGE}. */
    public static final FinishReason LANGUAGE = new FinishReason("LANGUAGE");
    /** {@code OTHER}. */
    public static final FinishReason OTHER = new FinishReason("OTHER");
    /** {@code BLOCKLIST}. */
    public static final FinishReason BLOCKLIST = new FinishReason("BLOCKLIST");
    /** {@code PROHIBITED_CONTENT}. */
    public static final FinishReason PROHIBITED_CONTENT = new FinishReason("PROHIBITED_CONTENT");
    /** {@code SPII}. */
    public static final FinishReason SPII = new FinishReason("SPII");
    /** {@code MALFORMED_FUNCTION_CALL}. */
    public static final FinishReason MALFORMED_FUNCTION_CALL = new FinishReason("MALFORMED_FUNCTION_CALL");
    /** {@code IMAGE_SAFETY}. */
    public static final FinishReason IMAGE_SAFETY = new FinishReason("IMAGE_SAFETY");
    /** {@code UNEXPECTED_TOOL_CALL}. */
    public static final FinishReason UNEXPECTED_TOOL_CALL = new FinishReason("UNEXPECTED_TOOL_CALL");
    /** {@code TOO_MANY_TOOL_CALLS}. */
    public static final FinishReason TOO_MANY_TOOL_CALLS = new FinishReason("TOO_MANY_TOOL_CALLS");
    /** {@code IMAGE_PROHIBITED_CONTENT}. */
    public static final FinishReason IMAGE_PROHIBITED_CONTENT = new FinishReason("IMAGE_PROHIBITED_CONTENT");
    /** {@code NO_IMAGE}. */
    public static final FinishReason NO_IMAGE = new FinishReason("NO_IMAGE");
    /** {@code IMAGE_RECITATION}. */
    public static final FinishReason IMAGE_RECITATION = new FinishReason("IMAGE_RECITATION");
    /** {@code IMAGE_OTHER}. */
    public static final FinishReason IMAGE_OTHER = new FinishReason("IMAGE_OTHER");
    /** {@code MISSING_THOUGHT_SIGNATURE}. */
    public static final FinishReason MISSING_THOUGHT_SIGNATURE = new FinishReason("MISSING_THOUGHT_SIGNATURE");
    /** {@code MALFORMED_RESPONSE}. */
    public static final FinishReason MALFORMED_RESPONSE = new FinishReason("MALFORMED_RESPONSE");

    /** {@code ESCALATION} (2026; Google documents no meaning yet: reported as no image). */
    public static final FinishReason ESCALATION = new FinishReason("ESCALATION");
    /** {@code PUP_LIMITED_DISABLED} (2026; Google documents no meaning yet: reported as no image). */
    public static final FinishReason PUP_LIMITED_DISABLED = new FinishReason("PUP_LIMITED_DISABLED");
    /** {@code MODEL_ARMOR} (2026): a Model Armor template screened the prompt or the answer (Vertex AI). */
    public static final FinishReason MODEL_ARMOR = new FinishReason("MODEL_ARMOR");
    /**
     * {@code CONTINUATION} (2026): the answer is not finished; the candidate carries a continuation
     * token and the same request sent again with it gets the rest.
     */
    public static final FinishReason CONTINUATION = new FinishReason("CONTINUATION");

    private static final List<FinishReason> KNOWN = List.of(FINISH_REASON_UNSPECIFIED, STOP, MAX_TOKENS, SAFETY, RECITATION, LANGUAGE, OTHER, BLOCKLIST, PROHIBITED_CONTENT, SPII, MALFORMED_FUNCTION_CALL, IMAGE_SAFETY, UNEXPECTED_TOOL_CALL, TOO_MANY_TOOL_CALLS, IMAGE_PROHIBITED_CONTENT, NO_IMAGE, IMAGE_RECITATION, IMAGE_OTHER, MISSING_THOUGHT_SIGNATURE, MALFORMED_RESPONSE, ESCALATION, PUP_LIMITED_DISABLED, MODEL_ARMOR, CONTINUATION);

    /** Checks the value is present. */
    public FinishReason {
        Objects.requireNonNull(value, "value");
    }

    /** The value for a raw string: a known constant when it is one. */
    public static FinishReason of(String value) {
        for (FinishReason known : KNOWN) {
            if (known.value.equals(value)) {
                return known;
            }
        }
        return new FinishReason(value);
    }

    /** The values this version of the library knows. */
    public static List<FinishReason> knownValues() {
        return KNOWN;
    }

    /** Whether this version of the library knows the value. */
    public boolean isKnown() {
        return KNOWN.contains(this);
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
