package io.github.geminiimage.wire.internal.json;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;
import java.util.List;

/** The JSON-B records of the {@code models} list and get replies. */
public final class ModelJson {

    private ModelJson() {
    }

    /** A {@code Model} resource; the sampling defaults as JSON numbers written without a trailing {@code .0}. */
    @JsonbPropertyOrder({"name", "version", "displayName", "description", "inputTokenLimit", "outputTokenLimit",
        "supportedGenerationMethods", "temperature", "topP", "topK", "maxTemperature", "thinking"})
    public record Model(String name, String version, String displayName, String description, int inputTokenLimit,
            int outputTokenLimit, List<String> supportedGenerationMethods, BigDecimal temperature, BigDecimal topP,
            int topK, BigDecimal maxTemperature, boolean thinking) {
    }

    /** A list reply: {@code {"models": [...]}}. */
    public record Page(List<Model> models) {
    }
}
