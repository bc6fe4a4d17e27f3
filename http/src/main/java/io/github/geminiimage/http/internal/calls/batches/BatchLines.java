package io.github.geminiimage.http.internal.calls.batches;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.wire.GenerateContentCodec;
import io.github.geminiimage.wire.batch.RequestJsonWriter;
import io.github.geminiimage.wire.batch.ResponseJsonReader;
import java.io.IOException;
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
}
