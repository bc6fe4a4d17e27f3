package io.github.geminiimage.adapter.httpclient5;

import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.batch.HttpBatches;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.port.BatchPort;
import io.github.geminiimage.port.FilesPort;
import java.util.Objects;
import java.util.Optional;

/**
 * Batch Mode over Apache HttpClient 5: an {@link HttpBatches} on a {@link HttpClient5Transport}
 * it creates and closes. For example:
 *
 * <pre>{@code
 * try (BatchPort batches = HttpClient5Batches.create(System.getenv("GEMINI_API_KEY"), HttpOptions.defaults(),
 *         Optional.of(files))) {
 *     BatchJob job = batches.submit("catalogue", "gemini-2.5-flash-image", requests, BatchSubmitOptions.defaults());
 * }
 * }</pre>
 *
 * For a client of your own, build {@link HttpBatches#builder} over {@link HttpClient5Transport#using}.
 */
public final class HttpClient5Batches {

    private HttpClient5Batches() {
    }

    /**
     * The batch port.
     *
     * @param apiKey the API key
     * @param options timeouts, retries, caps, headers, the base URI
     * @param files the Files API port for file jobs and results files (not closed by the batch port);
     *     without one, only inline jobs work
     */
    public static BatchPort create(String apiKey, HttpOptions options, Optional<FilesPort> files) {
        Objects.requireNonNull(options, "options");
        HttpBatches.Builder builder = HttpBatches.builder(HttpClient5Transport.create(options.transportSettings()),
                ApiKey.of(Objects.requireNonNull(apiKey, "apiKey"))).options(options).ownsTransport(true);
        files.ifPresent(f -> builder.files(f, false));
        return builder.build();
    }
}
