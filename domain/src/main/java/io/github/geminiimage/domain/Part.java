package io.github.geminiimage.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * One part of a model's answer, kept exactly as received (its {@code thought} flag and its
 * {@code thoughtSignature}, which can be megabytes, verbatim) so the turn can be replayed.
 */
public sealed interface Part permits Part.Text, Part.Image, Part.Other {

    /** Whether the part is model reasoning ({@code thought: true}) rather than the answer. */
    boolean thought();

    /** The opaque {@code thoughtSignature} to send back unchanged, if the part had one. */
    Optional<String> thoughtSignature();

    /**
     * A text part.
     *
     * @param text the text, possibly empty
     * @param thought whether it is reasoning
     * @param thoughtSignature the signature, if any
     */
    record Text(String text, boolean thought, Optional<String> thoughtSignature) implements Part {
        /** Checks the values are present. */
        public Text {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(thoughtSignature, "thoughtSignature");
        }
    }

    /**
     * An image part: inline ({@code inlineData}), or by reference ({@code fileData} with an image
     * type, {@link GeneratedImage#isReference()}), as Vertex AI answers with an output prefix.
     *
     * @param image the decoded image, or the reference
     * @param thought whether it is an interim draft
     * @param thoughtSignature the signature, if any
     */
    record Image(GeneratedImage image, boolean thought, Optional<String> thoughtSignature) implements Part {
        /** Checks the values are present. */
        public Image {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(thoughtSignature, "thoughtSignature");
        }
    }

    /**
     * A part this library does not model (function calls, file data that is not an image, ...),
     * kept as its JSON text.
     *
     * @param json the part's JSON object, as received
     * @param thought whether it is reasoning
     * @param thoughtSignature the signature, if any
     */
    record Other(String json, boolean thought, Optional<String> thoughtSignature) implements Part {
        /** Checks the values are present. */
        public Other {
            Objects.requireNonNull(json, "json");
            Objects.requireNonNull(thoughtSignature, "thoughtSignature");
        }
    }
}
