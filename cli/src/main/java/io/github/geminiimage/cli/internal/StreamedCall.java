package io.github.geminiimage.cli.internal;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.stream.StreamEvent;
import io.github.geminiimage.port.GenerationStream;
import io.github.geminiimage.port.ImageGenerationPort;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One call made as a stream: thought text goes to the progress line as it arrives, interim thought
 * images to the {@link Previews} folder, and the stream's result (the same a non-streamed call
 * returns) back to the command. A preview that cannot be written is told once on stderr and the
 * call goes on: the final image is what was paid for.
 */
final class StreamedCall {

    private final Progress progress;
    private final Optional<Previews> previews;
    private final PrintStream err;
    private final String command;
    private boolean previewFailed;
    private boolean eventSeen;

    StreamedCall(Progress progress, Optional<Previews> previews, PrintStream err, String command) {
        this.progress = progress;
        this.previews = previews;
        this.err = err;
        this.command = command;
    }

    /** What the call returned, and the previews it wrote. */
    record Done(GenerationResult result, List<Path> previews) {
    }

    /** Whether the last call's stream delivered an event: a failure after it is not retried by the port. */
    boolean eventSeen() {
        return eventSeen;
    }

    Done run(ImageGenerationPort port, GenerationRequest request) {
        List<Path> written = new ArrayList<>();
        eventSeen = false;
        try (GenerationStream stream = port.stream(request)) {
            for (StreamEvent event : stream) {
                eventSeen = true;
                if (event instanceof StreamEvent.ThoughtText thought) {
                    progress.thought(thought.text());
                } else if (event instanceof StreamEvent.ThoughtImage draft) {
                    preview(draft, written);
                } else if (event instanceof StreamEvent.AnswerText || event instanceof StreamEvent.AnswerImage) {
                    progress.thoughtsDone();
                }
            }
            return new Done(stream.result(), List.copyOf(written));
        }
    }

    private void preview(StreamEvent.ThoughtImage draft, List<Path> written) {
        if (previews.isEmpty() || previewFailed) {
            return;
        }
        try {
            written.add(previews.get().write(draft.image()));
        } catch (FileProblem e) {
            previewFailed = true;
            progress.stop();
            err.println("gemini-image " + command + ": " + e.getMessage() + "; no more previews are saved, the call goes on");
        }
    }
}
