package io.github.geminiimage.cli.internal;

import io.github.geminiimage.domain.Conversation;
import java.io.FilterOutputStream;
import io.github.geminiimage.wire.ConversationCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code --session} file: the model and the conversation so far, every model part kept verbatim
 * (thought signatures included), in the format of {@link ConversationCodec} with the model id as
 * the document's first member: {@code {"model": "gemini-3-pro-image", "contents": [...]}}. A missing
 * file is an empty conversation; a file without {@code model} (written before sessions kept their
 * model) loads with no model. The file is replaced atomically after each answered call, so an
 * interrupted run never leaves half a session.
 */
final class SessionStore {

    /**
     * What a session file holds.
     *
     * @param conversation the turns so far
     * @param model the model the conversation was held with; empty for a new session or an old file
     */
    record Session(Conversation conversation, Optional<String> model) {
        /** No file yet. */
        static final Session NONE = new Session(Conversation.empty(), Optional.empty());
    }

    private final Path file;

    SessionStore(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    Path file() {
        return file;
    }

    /**
     * The session in the file, or {@link Session#NONE} when the file does not exist yet.
     *
     * @throws FileProblem if the file cannot be read or is not a session
     */
    Session load() {
        if (!Files.exists(file)) {
            return Session.NONE;
        }
        try {
            Optional<String> model;
            try (InputStream in = Files.newInputStream(file)) {
                model = Optional.ofNullable(CliJson.read(in, CliDocuments.SessionHead.class).model());
            }
            try (InputStream in = Files.newInputStream(file)) {
                return new Session(ConversationCodec.read(in), model);
            }
        } catch (IOException | RuntimeException e) {
            throw new FileProblem("the session file " + file + " cannot be read (" + e.getMessage()
                    + "); remove it to start a new conversation, or pass another --session", e);
        }
    }

    /**
     * Checks, before any paid call, that the file's folder exists and takes new files (the file is
     * replaced through a temporary file beside it).
     *
     * @throws FileProblem naming the folder and the reason
     */
    void checkWritable() {
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new FileProblem("the folder of the session file " + file + " does not exist; create it or pass another --session",
                    null);
        }
        OutputFiles.probe(dir, "the session file " + file);
    }

    /** Passes everything on but the document's opening brace (and the blanks before it). */
    private static final class OpeningBraceDropped extends FilterOutputStream {
        private boolean dropped;

        OpeningBraceDropped(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            if (!dropped) {
                if (b == '{') {
                    dropped = true;
                    return;
                }
                if (Character.isWhitespace(b)) {
                    return;
                }
                throw new IOException("the conversation document does not start with an object");
            }
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            int i = offset;
            while (!dropped && i < offset + length) {
                write(bytes[i++]);
            }
            if (i < offset + length) {
                out.write(bytes, i, offset + length - i);
            }
        }
    }

    /**
     * Replaces the file with {@code conversation} held with {@code model}, atomically.
     *
     * @throws FileProblem if it cannot be written
     */
    void save(Conversation conversation, String model) {
        try {
            KeptFiles.writeAtomically(file, out -> {
                String head = CliJson.write(new CliDocuments.SessionHead(model));
                // {"model": "...", then the codec's document without its opening brace.
                out.write(head.substring(0, head.lastIndexOf('}')).stripTrailing().getBytes(StandardCharsets.UTF_8));
                out.write(',');
                ConversationCodec.write(conversation, new OpeningBraceDropped(out));
            });
        } catch (IOException | RuntimeException e) {
            throw new FileProblem("could not write the session file " + file + " ("
                    + (e instanceof IOException io ? OutputFiles.reason(io) : String.valueOf(e.getMessage()))
                    + "); check its folder exists and is writable", e);
        }
    }
}
