package io.github.geminiimage.http.cassette;

import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.http.HttpRequest;
import io.github.geminiimage.http.HttpResponse;
import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.internal.cassette.CassetteCore;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * An {@link HttpTransport} that records exchanges to a cassette folder or replays them from it;
 * docs/cassettes.md describes the folder, the redaction and the matching. Every port works through
 * it: images, SSE streams (replayed byte for byte, line endings included), resumable uploads and
 * batches. Recording writes each exchange once its reply body was read to the end or closed, keys,
 * tokens and upload session ids redacted; replaying never opens a connection, and a request nothing
 * matches fails with an {@link InvalidRequestException} (field {@code cassette}) caused by a
 * {@link CassetteMismatchException}. Thread-safe. Closing it closes the network transport, if it
 * made one.
 */
public final class CassetteTransport implements HttpTransport {

    private final CassetteMode mode;
    private final CassetteCore core;

    private CassetteTransport(CassetteMode mode, CassetteCore core) {
        this.mode = mode;
        this.core = core;
    }

    /**
     * Replays the cassette in {@code folder}, with no network.
     *
     * @throws IllegalStateException if the folder does not exist or a document in it is invalid
     */
    public static CassetteTransport replay(Path folder) {
        return open(folder, CassetteMode.REPLAY, CassetteTransport::noNetwork, CassetteOptions.defaults());
    }

    /** Replays the cassette in {@code folder} with {@code options}, with no network. */
    public static CassetteTransport replay(Path folder, CassetteOptions options) {
        return open(folder, CassetteMode.REPLAY, CassetteTransport::noNetwork, options);
    }

    /**
     * Records every exchange through {@code network} into {@code folder} (created if missing; its
     * earlier recordings are deleted). The cassette transport owns {@code network} and closes it.
     */
    public static CassetteTransport record(Path folder, HttpTransport network) {
        Objects.requireNonNull(network, "network");
        return open(folder, CassetteMode.RECORD, () -> network, CassetteOptions.defaults());
    }

    /**
     * A cassette transport in {@code mode}.
     *
     * @param network makes the transport that records go through, when the first one happens
     *     (never in {@link CassetteMode#REPLAY}); the cassette transport closes it
     * @throws IllegalStateException if replaying and the folder does not exist or holds an invalid document
     * @throws java.io.UncheckedIOException if the folder cannot be read or created
     */
    public static CassetteTransport open(Path folder, CassetteMode mode, Supplier<? extends HttpTransport> network,
            CassetteOptions options) {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(options, "options");
        CassetteCore.Settings settings = new CassetteCore.Settings(mode != CassetteMode.RECORD, mode != CassetteMode.REPLAY,
                options.payloadFields(), options.minPayloadChars(), options.volatileFields(), options.matchedHeaders(),
                options.secretHeaders(), options.secretQueryParameters());
        CassetteCore core = CassetteCore.open(folder, settings, mode == CassetteMode.REPLAY ? CassetteTransport::noNetwork
                : network, mismatch -> {
                    CassetteMismatchException cause = new CassetteMismatchException(mismatch.cassette(), mismatch.request(),
                            mismatch.closest(), mismatch.differences(), mismatch.message());
                    return new InvalidRequestException("cassette", mismatch.message(), cause);
                });
        return new CassetteTransport(mode, core);
    }

    private static HttpTransport noNetwork() {
        throw new IllegalStateException("replay mode makes no network call");
    }

    /** The mode. */
    public CassetteMode mode() {
        return mode;
    }

    /** The cassette folder. */
    public Path folder() {
        return core.folder();
    }

    /** How many exchanges were written to the folder so far. */
    public int recorded() {
        return core.recorded();
    }

    /** How many exchanges were served from the folder so far. */
    public int replayed() {
        return core.replayed();
    }

    /** The document names of the recordings not replayed yet, in recorded order (a test may require none). */
    public List<String> unusedRecordings() {
        return core.unused();
    }

    @Override
    public CompletableFuture<HttpResponse> sendAsync(HttpRequest request) {
        return core.sendAsync(Objects.requireNonNull(request, "request"));
    }

    /** Closes the network transport, if one was made; recordings already written stay. */
    @Override
    public void close() {
        core.close();
    }

    @Override
    public String toString() {
        return "CassetteTransport[" + mode.label() + " " + core.folder() + "]";
    }
}
