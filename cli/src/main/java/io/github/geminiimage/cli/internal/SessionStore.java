package io.github.geminiimage.cli.internal;

import io.github.geminiimage.domain.Conversation;
import java.nio.file.Path;

/** The {@code --session} file. Interim: refused until the conversation codec is merged in. */
final class SessionStore {

    private final Path file;

    SessionStore(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    Path file() {
        return file;
    }

    Conversation load() {
        throw new UsageException("--session needs the conversation codec, which is not in this build yet");
    }

    void save(Conversation conversation) {
        throw new UsageException("--session needs the conversation codec, which is not in this build yet");
    }
}
