package io.github.geminiimage.emulator.internal;

import io.github.geminiimage.domain.ImageModel;
import io.github.geminiimage.domain.ModelFamily;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
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
    static JsonObject list() {
        JsonArrayBuilder models = Jsons.PROVIDER.createArrayBuilder();
        IDS.forEach(id -> models.add(resource(id)));
        return Jsons.PROVIDER.createObjectBuilder().add("models", models).build();
    }

    /** {@code GET models/{id}}. */
    static Optional<JsonObject> get(String id) {
        return IDS.contains(id) ? Optional.of(resource(id)) : Optional.empty();
    }

    private static JsonObject resource(String id) {
        ModelFamily family = ImageModel.of(id).family();
        boolean thinking = family.takesThinkingConfig();
        String display = id.startsWith("gemini-2.5") ? "Nano Banana" : id.startsWith("gemini-3-pro") ? "Nano Banana Pro"
                : id.startsWith("gemini-3.1-flash-lite") ? "Nano Banana 2 Lite" : "Nano Banana 2";
        return Jsons.PROVIDER.createObjectBuilder().add("name", "models/" + id).add("version", id.startsWith("gemini-2.5") ? "2.0" : "3.0")
                .add("displayName", display + (id.endsWith("-preview") ? " (preview)" : ""))
                .add("description", "Gemini image generation and editing model (served by the gemini-image emulator)")
                .add("inputTokenLimit", thinking ? 65536 : 32768).add("outputTokenLimit", 32768)
                .add("supportedGenerationMethods", Jsons.PROVIDER.createArrayBuilder().add("generateContent").add("countTokens")
                        .add("batchGenerateContent"))
                .add("temperature", 1).add("topP", 0.95).add("topK", 64).add("maxTemperature", 2)
                .add("thinking", thinking).build();
    }
}
