package io.github.geminiimage.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One request the emulator received, as {@link GeminiEmulator#requests()} and
 * {@code GET /emulator/v1/requests} show it: never image bytes, never a key (the query string,
 * where {@code ?key=} travels, is left out of the path).
 *
 * @param time when it arrived
 * @param method the HTTP method
 * @param path the request path without the query string
 * @param model the model named in the path, if any
 * @param prompt the text of the last user turn of a generate request
 * @param imageCount how many images the last user turn carried
 * @param imageSizes the size in bytes of each of those images
 * @param status the HTTP status answered (200 for a stream that started, even if it failed later;
 *     0 when the connection was dropped on purpose)
 */
public record RecordedRequest(Instant time, String method, String path, Optional<String> model, Optional<String> prompt,
        int imageCount, List<Long> imageSizes, int status) {

    /** Copies the list. */
    public RecordedRequest {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(prompt, "prompt");
        imageSizes = List.copyOf(imageSizes);
    }
}
