package io.github.geminiimage.cli.internal;

import io.github.geminiimage.domain.Conversation;
import io.github.geminiimage.http.ConversationCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The {@code --session} file: the conversation so far, every model part kept verbatim (thought
 * signatures included), in the format of {@link ConversationCodec}. A missing file is an empty
 * conversation; the file is replaced atomically after each answered call, so an interrupted run
 * never leaves half a session.
 */
final class SessionStore {

    private final Path file;

    SessionStore(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    Path file() {
        return file;
    }

    /**
     * The conversation in the file, or an empty one when the file does not exist yet.
     *
     * @throws FileProblem if the file cannot be read or is not a session
     */
    Conversation load() {
        if (!Files.exists(file)) {
            return Conversation.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return ConversationCodec.read(in);
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

    /**
     * Replaces the file with {@code conversation}, atomically.
     *
     * @throws FileProblem if it cannot be written
     */
    void save(Conversation conversation) {
        Path dir = file.getParent();
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".part");
            try (OutputStream out = Files.newOutputStream(temp)) {
                ConversationCodec.write(conversation, out);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            throw new FileProblem("could not write the session file " + file + " ("
                    + (e instanceof IOException io ? OutputFiles.reason(io) : String.valueOf(e.getMessage()))
                    + "); check its folder exists and is writable", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The move succeeded or the failure above is the one worth reporting.
                }
            }
        }
    }
}
