package io.github.geminiimage.http.cassette;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A request no recording in the cassette matches, in replay mode (where nothing is sent). A port
 * reports it as an {@code InvalidRequestException} (field {@code cassette}) caused by this; its
 * message names the cassette, the request, the closest recording and what differs.
 */
public final class CassetteMismatchException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient Path cassette;
    private final String request;
    private final String closest;
    private final List<String> differences;

    /**
     * A mismatch.
     *
     * @param cassette the cassette folder
     * @param request the request, {@code METHOD path?query} without secrets
     * @param closest the document name of the closest recording, if the cassette holds any
     * @param differences how the closest recording differs from the request
     * @param message the whole explanation
     */
    public CassetteMismatchException(Path cassette, String request, Optional<String> closest, List<String> differences,
            String message) {
        super(message);
        this.cassette = cassette;
        this.request = request;
        this.closest = closest.orElse(null);
        this.differences = List.copyOf(differences);
    }

    /** The cassette folder. */
    public Path cassette() {
        return cassette;
    }

    /** The request that matched nothing, {@code METHOD path?query}, secrets left out. */
    public String request() {
        return request;
    }

    /** The document name of the closest recording; empty if the cassette holds none. */
    public Optional<String> closest() {
        return Optional.ofNullable(closest);
    }

    /** How the closest recording differs (e.g. {@code body /contents/0/parts/0/text: recorded "a", requested "b"}). */
    public List<String> differences() {
        return differences;
    }
}
