package io.github.geminiimage.domain;

import java.util.List;

/** What the caller asks the model to answer with ({@code generationConfig.responseModalities}). */
public enum ResponseModalities {
    /** Text and image, the models' default: {@code ["TEXT","IMAGE"]}. */
    TEXT_AND_IMAGE(List.of("TEXT", "IMAGE")),
    /** Image only: {@code ["IMAGE"]} (text may still appear). */
    IMAGE_ONLY(List.of("IMAGE"));

    private final List<String> wireValues;

    ResponseModalities(List<String> wireValues) {
        this.wireValues = wireValues;
    }

    /** The values sent on the wire, uppercase. */
    public List<String> wireValues() {
        return wireValues;
    }
}
