package io.github.geminiimage.adapter.jdkhttp;

import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.batch.HttpBatches;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.port.BatchPort;
import io.github.geminiimage.port.FilesPort;
import java.util.Objects;
import java.util.Optional;

/**
 * Batch Mode over the JDK's {@code HttpClient}: an {@link HttpBatches} on a {@link JdkHttpTransport}
 * it creates and closes. For example:
 *
 * <pre>{@code
 * try (BatchPort batches = JdkHttpBatches.create(System.getenv("GEMINI_API_KEY"), HttpOptions.defaults(),
 *         Optional.of(files))) {
 *     BatchJob job = batches.submit("catalogue", "gemini-2.5-flash-image", requests, BatchSubmitOptions.defaults());
 * }
 * }</pre>
 *
 * For a client of your own, build {@link HttpBatches#builder} over {@link JdkHttpTransport#using}.
 */
public final class JdkHttpBatches {

    private JdkHttpBatches() {
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
        HttpBatches.Builder builder = HttpBatches.builder(JdkHttpTransport.create(options.transportSettings()),
                ApiKey.of(Objects.requireNonNull(apiKey, "apiKey"))).options(options).ownsTransport(true);
        files.ifPresent(f -> builder.files(f, false));
        return builder.build();
    }
}
