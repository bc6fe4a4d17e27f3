package io.github.geminiimage.cli.internal;

import io.github.geminiimage.domain.Conversation;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gemini-image edit}: changes one or more images as the prompt says, or continues a session. */
@Command(name = "edit", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Edits images as the prompt says; with --session, continues the conversation.",
        footerHeading = "%nExamples:%n",
        footer = {"  gemini-image edit --image cat.jpg --prompt \"Add a wizard hat\" --session cat.json --out hat.png",
            "  gemini-image edit --session cat.json --prompt \"Now make it watercolour\" --out watercolour.png",
            "  gemini-image edit --image files/abc123 --prompt \"Put it on a beach\" --out beach.png"})
final class EditCommand extends ImageCommand {

    @Option(names = {"-i", "--image"}, paramLabel = "IMAGE", order = -1,
            description = "An input image (PNG, JPEG, WebP; HEIC/HEIF on Gemini 3); repeat for several. A local file, "
                    + "or a reference the server fetches: a Files API name files/ID (its type is looked up with files get), "
                    + "an https:// URL or a gs:// URI (its type from the extension). Append #TYPE where the type cannot "
                    + "be known that way, e.g. files/ID#image/png (or #png, #jpeg, #webp after a URL).")
    List<String> images = new ArrayList<>();

    EditCommand(CliContext context) {
        super(context);
    }

    @Override
    List<String> imageValues() {
        return images;
    }

    @Override
    void checkUsage(Conversation conversation) {
        if (images.isEmpty() && session != null && !java.nio.file.Files.exists(session)) {
            throw new FileProblem("the session file " + session.toAbsolutePath().normalize() + " does not exist: edit without "
                    + "--image continues a session an earlier run wrote; check the path, or pass --image to start one", null);
        }
        if (images.isEmpty() && conversation.turns().isEmpty()) {
            throw new UsageException("edit needs an image: pass --image FILE, or --session FILE of an earlier turn");
        }
    }
}
