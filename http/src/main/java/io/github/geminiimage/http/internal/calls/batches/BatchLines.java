package io.github.geminiimage.http.internal.calls.batches;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.wire.GenerateContentCodec;
import io.github.geminiimage.wire.batch.RequestJsonWriter;
import io.github.geminiimage.wire.batch.ResponseJsonReader;
import io.github.geminiimage.domain.ImageSink;
import io.github.geminiimage.domain.sink.SinkSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The batch lines of the HTTP client: a request written by the {@code generateContent} encoder, a
 * response read by its streaming decoder under a cap of 256 MiB per response (a line of four 4K
 * images with their thought signatures fits). Immutable and thread-safe.
 */
public final class BatchLines implements RequestJsonWriter, ResponseJsonReader {

    private static final long MAX_RESPONSE_BYTES = 256L * 1024 * 1024;

    @Override
    public void write(GenerationRequest request, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        GenerateContentCodec.write(Objects.requireNonNull(request, "request"), out);
    }

    @Override
    public GenerationResult read(InputStream json) throws IOException {
        return GenerateContentCodec.read(json, MAX_RESPONSE_BYTES);
    }

    /**
     * A reader that decodes each response's images straight into {@code folder}, named
     * {@code result-N} (N counting the responses read from 1), committed once the response was
     * read whole and removed if it fails.
     */
    public ResponseJsonReader toFolder(Path folder) {
        Objects.requireNonNull(folder, "folder");
        AtomicInteger number = new AtomicInteger();
        return json -> {
            SinkSession session = SinkSession.open(ImageSink.toFolder(folder, "result-" + number.incrementAndGet()));
            try {
                return session.commit(GenerateContentCodec.read(json, OptionalLong.empty(), MAX_RESPONSE_BYTES, session));
            } catch (IOException | RuntimeException | Error e) {
                session.abort();
                throw e;
            }
        };
    }
}
