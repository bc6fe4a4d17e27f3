package io.github.geminiimage.wire;

import io.github.geminiimage.wire.internal.json.JsonDocuments;
import io.github.geminiimage.wire.internal.json.ModelJson;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The server side of {@code GET models} and {@code GET models/{id}} (docs/wire-format.md, "Endpoints"):
 * the {@code Model} resources SDKs list and get before they generate. Stateless and thread-safe.
 */
public final class ModelResources {

    private ModelResources() {
    }

    /**
     * One {@code Model} resource.
     *
     * @param name {@code models/{id}}
     * @param version the model's version, e.g. {@code 3.0}
     * @param displayName the name shown to people
     * @param description what the model does
     * @param inputTokenLimit the most input tokens
     * @param outputTokenLimit the most output tokens
     * @param supportedGenerationMethods the methods it takes, e.g. {@code generateContent}
     * @param temperature the default temperature
     * @param topP the default nucleus sampling
     * @param topK the default top-k
     * @param maxTemperature the highest temperature it takes
     * @param thinking whether it thinks
     */
    public record Model(String name, String version, String displayName, String description, int inputTokenLimit,
            int outputTokenLimit, List<String> supportedGenerationMethods, double temperature, double topP, int topK,
            double maxTemperature, boolean thinking) {

        /** Checks that the names are present and copies the methods. */
        public Model {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(description, "description");
            supportedGenerationMethods = List.copyOf(supportedGenerationMethods);
        }
    }

    /** {@code model} as the get reply. */
    public static byte[] writeModel(Model model) {
        return JsonDocuments.toJson(json(model));
    }

    /** {@code models} as one list page: {@code {"models": [...]}}. */
    public static byte[] writeList(List<Model> models) {
        return JsonDocuments.toJson(new ModelJson.Page(models.stream().map(ModelResources::json).toList()));
    }

    private static ModelJson.Model json(Model m) {
        return new ModelJson.Model(m.name(), m.version(), m.displayName(), m.description(), m.inputTokenLimit(),
                m.outputTokenLimit(), m.supportedGenerationMethods(), number(m.temperature()), number(m.topP()), m.topK(),
                number(m.maxTemperature()), m.thinking());
    }

    /** {@code 1} rather than {@code 1.0}, as the API writes whole defaults. */
    private static BigDecimal number(double value) {
        // Plain, so that 100 is not written 1E+2.
        return new BigDecimal(BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());
    }
}
