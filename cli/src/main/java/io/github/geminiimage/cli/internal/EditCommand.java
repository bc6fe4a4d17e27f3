package io.github.geminiimage.cli.internal;

import io.github.geminiimage.domain.Conversation;
import io.github.geminiimage.domain.ImageInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gemini-image edit}: changes one or more images as the prompt says, or continues a session. */
@Command(name = "edit", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Edits images as the prompt says; with --session, continues the conversation.",
        footerHeading = "%nExamples:%n",
        footer = {"  gemini-image edit --image cat.jpg --prompt \"Add a wizard hat\" --session cat.json --out hat.png",
            "  gemini-image edit --session cat.json --prompt \"Now make it watercolour\" --out watercolour.png"})
final class EditCommand extends ImageCommand {

    @Option(names = {"-i", "--image"}, paramLabel = "FILE", order = -1,
            description = "An input image (PNG, JPEG, WebP; HEIC/HEIF on Gemini 3); repeat for several.")
    List<Path> images = new ArrayList<>();

    EditCommand(CliContext context) {
        super(context);
    }

    @Override
    List<ImageInput> inputImages() {
        return files(images);
    }

    @Override
    void checkUsage(Conversation conversation) {
        if (images.isEmpty() && conversation.turns().isEmpty()) {
            throw new UsageException("edit needs an image: pass --image FILE, or --session FILE of an earlier turn");
        }
    }
}
