package io.github.geminiimage.emulator.internal;

import io.github.geminiimage.domain.ImageModel;
import io.github.geminiimage.domain.ModelFamily;
import io.github.geminiimage.wire.ModelResources;
import java.util.List;
import java.util.Optional;

/** The {@code Model} resources the emulator lists: the image models the fake serves. */
final class Models {

    private static final List<String> IDS = List.of("gemini-2.5-flash-image", "gemini-3-pro-image",
            "gemini-3-pro-image-preview", "gemini-3.1-flash-image", "gemini-3.1-flash-image-preview",
            "gemini-3.1-flash-lite-image");

    private Models() {
    }

    /** {@code GET models}: every model, one page. */
    static byte[] list() {
        return ModelResources.writeList(IDS.stream().map(Models::resource).toList());
    }

    /** {@code GET models/{id}}. */
    static Optional<byte[]> get(String id) {
        return IDS.contains(id) ? Optional.of(ModelResources.writeModel(resource(id))) : Optional.empty();
    }

    private static ModelResources.Model resource(String id) {
        ModelFamily family = ImageModel.of(id).family();
        boolean thinking = family.takesThinkingConfig();
        String display = id.startsWith("gemini-2.5") ? "Nano Banana" : id.startsWith("gemini-3-pro") ? "Nano Banana Pro"
                : id.startsWith("gemini-3.1-flash-lite") ? "Nano Banana 2 Lite" : "Nano Banana 2";
        return new ModelResources.Model("models/" + id, id.startsWith("gemini-2.5") ? "2.0" : "3.0",
                display + (id.endsWith("-preview") ? " (preview)" : ""),
                "Gemini image generation and editing model (served by the gemini-image emulator)",
                thinking ? 65536 : 32768, 32768, List.of("generateContent", "countTokens", "batchGenerateContent"),
                1, 0.95, 64, 2, thinking);
    }
}
