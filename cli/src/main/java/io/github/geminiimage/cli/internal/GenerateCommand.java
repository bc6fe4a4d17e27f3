package io.github.geminiimage.cli.internal;

import io.github.geminiimage.domain.Conversation;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code gemini-image generate}: text to image. */
@Command(name = "generate", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Makes an image from a text prompt.",
        footerHeading = "%nExample:%n",
        footer = "  gemini-image generate --prompt \"A lighthouse at dusk\" --aspect-ratio 16:9 --out lighthouse.png")
final class GenerateCommand extends ImageCommand {

    GenerateCommand(CliContext context) {
        super(context);
    }

    @Override
    List<String> imageValues() {
        return List.of();
    }

    @Override
    void checkUsage(Conversation conversation) {
        // A prompt is all generate needs; picocli already required it.
    }
}
