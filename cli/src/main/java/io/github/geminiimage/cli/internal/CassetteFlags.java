package io.github.geminiimage.cli.internal;

import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.cassette.CassetteMode;
import io.github.geminiimage.http.cassette.CassetteOptions;
import io.github.geminiimage.http.cassette.CassetteTransport;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * {@code --record DIR} and {@code --replay DIR}: every call of the run written to a cassette folder,
 * or served from one with no network and no key (docs/cassettes.md).
 */
final class CassetteFlags {

    /** The key the port is given in replay mode, where none is needed: the cassette holds none. */
    static final String REPLAY_KEY = "replay-needs-no-key";

    @Option(names = "--record", paramLabel = "DIR",
            description = "Records every call of this run into the cassette folder DIR (emptied first; keys and upload "
                    + "session ids are never written). Needs a real transport and the key.")
    Path record;

    @Option(names = "--replay", paramLabel = "DIR",
            description = "Serves every call from the cassette folder DIR recorded with --record: no network, no key. "
                    + "A call that was not recorded fails (exit 2), naming the recording and what differs.")
    Path replay;

    /** The cassette of this run, checked; empty without either flag. */
    Optional<Cassette> cassette() {
        if (record != null && replay != null) {
            throw new UsageException("--record and --replay exclude each other: record a cassette once, then replay it");
        }
        if (record != null) {
            return Optional.of(new Cassette(record, CassetteMode.RECORD));
        }
        return Optional.ofNullable(replay).map(dir -> new Cassette(dir, CassetteMode.REPLAY));
    }

    /** The flag in use, for messages. */
    String flag() {
        return record != null ? "--record" : "--replay";
    }

    /**
     * The cassette of one run: a folder and what to do with it, and the one {@link CassetteTransport}
     * over it that every port of the run shares, opened when the first port needs it (two transports
     * over one folder would number their exchanges twice, and a second one opened to record would
     * empty the folder). Ports come and go during a run (an edit looks a file up, then generates), so
     * closing a port leaves the cassette open: it holds no connection when replaying, one HTTP client
     * when recording, and ends with the process. Thread-safe.
     */
    static final class Cassette {
        private final Path folder;
        private final CassetteMode mode;
        private CassetteTransport shared;

        Cassette(Path folder, CassetteMode mode) {
            this.folder = folder;
            this.mode = mode;
        }

        /** The folder. */
        Path folder() {
            return folder;
        }

        /** Whether calls are served from the folder (then no key and no network are needed). */
        boolean replaying() {
            return mode == CassetteMode.REPLAY;
        }

        /**
         * A transport over the folder for one port, recording through {@code network} (made once,
         * and never when replaying). Closing it leaves the cassette open for the run's other ports.
         *
         * @throws UsageException when the folder cannot be replayed (missing, not a cassette) or written
         */
        synchronized HttpTransport lease(Supplier<? extends HttpTransport> network) {
            if (shared == null) {
                String flag = replaying() ? "--replay " : "--record ";
                try {
                    shared = CassetteTransport.open(folder, mode, network, CassetteOptions.defaults());
                } catch (IllegalStateException | UncheckedIOException e) {
                    throw new UsageException(flag + folder + ": " + e.getMessage());
                }
            }
            CassetteTransport transport = shared;
            return new HttpTransport() {
                @Override
                public java.util.concurrent.CompletableFuture<io.github.geminiimage.http.HttpResponse> sendAsync(
                        io.github.geminiimage.http.HttpRequest request) {
                    return transport.sendAsync(request);
                }

                @Override
                public void close() {
                    // The run's other ports may still need the cassette.
                }
            };
        }

        @Override
        public String toString() {
            return mode.label() + " " + folder;
        }
    }
}
