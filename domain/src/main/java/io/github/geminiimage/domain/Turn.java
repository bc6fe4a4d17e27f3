package io.github.geminiimage.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An earlier turn of a multi-turn conversation, replayed in the next request. */
public sealed interface Turn permits Turn.User, Turn.Model {

    /**
     * What the caller sent: the prompt first, then the images in order (as requests are encoded).
     *
     * @param text the prompt, if any
     * @param images the input images in order
     */
    record User(Optional<String> text, List<ImageInput> images) implements Turn {
        /** Copies the list. */
        public User {
            Objects.requireNonNull(text, "text");
            images = List.copyOf(images);
        }
    }

    /**
     * What the model answered, every part in its order with thought flags and signatures.
     *
     * @param parts the parts as received
     */
    record Model(List<Part> parts) implements Turn {
        /** Copies the list. */
        public Model {
            parts = List.copyOf(parts);
        }
    }
}
