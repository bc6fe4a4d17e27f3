package io.github.geminiimage.cli.internal;

import io.github.geminiimage.domain.ModelFamily;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The streaming options of {@code generate} and {@code edit}, and the choice they make. By default
 * a run streams when stderr is a terminal and the model is a known thinking model (Gemini 3): its
 * thoughts are then shown live; on a pipe it does not stream unless {@code --stream} says so.
 * {@code --previews DIR} streams, asks for thoughts (interim images come only with them) and
 * needs a model that thinks.
 */
final class StreamOptions {

    @Option(names = "--stream", negatable = true, order = 50,
            description = {"Stream the call (streamGenerateContent): on a terminal the model's thoughts are shown live.",
                "Default: on when stderr is a terminal and the model thinks (Gemini 3), else off."})
    Boolean stream;

    @Option(names = "--previews", paramLabel = "DIR", order = 51,
            description = "Save the interim images the model draws while thinking in DIR (preview-1.jpg, ...); "
                    + "implies --stream and asks for thoughts. Gemini 3 models only.")
    Path previews;

    /**
     * What the run does.
     *
     * @param stream whether to stream
     * @param includeThoughts whether to ask for the model's thoughts
     * @param previews where interim images go, if anywhere
     */
    record Plan(boolean stream, boolean includeThoughts, Optional<Path> previews) {
        static final Plan NONE = new Plan(false, false, Optional.empty());
    }

    /**
     * The plan for {@code modelId} when stderr is (or is not) a terminal.
     *
     * @throws UsageException for {@code --previews} with {@code --no-stream}, or on a model that does not think
     */
    Plan plan(String modelId, boolean terminal) {
        ModelFamily family = ModelFamily.of(modelId);
        boolean knownThinker = family != ModelFamily.UNKNOWN && family.takesThinkingConfig();
        if (previews != null) {
            if (Boolean.FALSE.equals(stream)) {
                throw new UsageException("--previews streams the call but --no-stream asks not to; drop one of them");
            }
            if (!family.takesThinkingConfig()) {
                throw new UsageException("--previews needs a model that thinks: interim images come only with its "
                        + "thoughts, and " + modelId + " does not think (use e.g. gemini-3-pro-image)");
            }
            return new Plan(true, true, Optional.of(previews));
        }
        boolean on = stream != null ? stream : terminal && knownThinker;
        // Thoughts only where someone sees them: the live line on a terminal.
        return on ? new Plan(true, terminal && knownThinker, Optional.empty()) : Plan.NONE;
    }
}
