package io.github.geminiimage.junit;

import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.cassette.CassetteMode;
import io.github.geminiimage.http.cassette.CassetteOptions;
import io.github.geminiimage.http.cassette.CassetteTransport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One test's cassette: its folder, its mode, the transports over it and the key to use. Made by
 * {@link GeminiCassetteExtension}, which closes every transport it handed out after the test. Not
 * thread-safe.
 */
public final class Cassette {

    /** What {@link #apiKey()} returns when no call reaches the network: any key replays. */
    public static final String REPLAY_KEY = "replay-needs-no-key";

    private final String name;
    private final Path folder;
    private final CassetteMode mode;
    private final Optional<String> environmentKey;
    private final List<CassetteTransport> transports = new ArrayList<>();

    Cassette(String name, Path folder, CassetteMode mode, Optional<String> environmentKey) {
        this.name = name;
        this.folder = folder;
        this.mode = mode;
        this.environmentKey = environmentKey;
    }

    /** The cassette's name, e.g. {@code GenerateTest/generatesACat}. */
    public String name() {
        return name;
    }

    /** The cassette folder. */
    public Path folder() {
        return folder;
    }

    /** The mode this run uses. */
    public CassetteMode mode() {
        return mode;
    }

    /** Whether calls may reach the network (record or record-missing): then the test needs its server or key. */
    public boolean recording() {
        return mode != CassetteMode.REPLAY;
    }

    /**
     * The key for the port: the {@code GEMINI_API_KEY} environment variable when recording, a
     * placeholder in replay mode (the cassette holds no key, and none is needed). In
     * record-missing mode without the variable, the placeholder: calls already recorded replay.
     *
     * @throws IllegalStateException in record mode without {@code GEMINI_API_KEY}
     */
    public String apiKey() {
        if (mode == CassetteMode.REPLAY) {
            return REPLAY_KEY;
        }
        if (mode == CassetteMode.RECORD && environmentKey.isEmpty()) {
            throw new IllegalStateException("cassette " + name + ": record mode needs GEMINI_API_KEY set (replay mode "
                    + "needs none)");
        }
        return environmentKey.orElse(REPLAY_KEY);
    }

    /**
     * A transport over this cassette: recording through {@code network} (made only when a call
     * needs it, never in replay mode) or replaying. Closed after the test.
     */
    public HttpTransport transport(Supplier<? extends HttpTransport> network) {
        return transport(network, CassetteOptions.defaults());
    }

    /** As {@link #transport(Supplier)}, with matching and redaction {@code options}. */
    public HttpTransport transport(Supplier<? extends HttpTransport> network, CassetteOptions options) {
        return open(network, options);
    }

    /** The cassette transport itself, for its counts ({@link CassetteTransport#unusedRecordings()}). */
    public CassetteTransport open(Supplier<? extends HttpTransport> network, CassetteOptions options) {
        Objects.requireNonNull(network, "network");
        CassetteTransport transport = CassetteTransport.open(folder, mode, network, options);
        transports.add(transport);
        return transport;
    }

    /** Closes every transport handed out. */
    void close() {
        RuntimeException first = null;
        for (CassetteTransport transport : transports) {
            try {
                transport.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        transports.clear();
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "Cassette[" + name + ", " + mode.label() + ", " + folder + "]";
    }
}
