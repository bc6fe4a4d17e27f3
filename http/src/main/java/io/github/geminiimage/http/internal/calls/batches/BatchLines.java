package io.github.geminiimage.http.internal.calls.batches;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.batch.RequestJsonWriter;
import io.github.geminiimage.domain.batch.ResponseJsonReader;
import io.github.geminiimage.http.internal.codec.ReplyDecoder;
import io.github.geminiimage.http.internal.codec.RequestEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The batch lines of the HTTP client: a request written by the {@code generateContent} encoder, a
 * response read by its streaming decoder under a cap of 256 MiB per response (a line of four 4K
 * images with their thought signatures fits). The same codec as the public {@code BatchLineCodec},
 * reached from inside the module. Immutable and thread-safe.
 */
public final class BatchLines implements RequestJsonWriter, ResponseJsonReader {

    private static final long MAX_RESPONSE_BYTES = 256L * 1024 * 1024;

    @Override
    public void write(GenerationRequest request, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        RequestEncoder.encode(Objects.requireNonNull(request, "request")).writeTo(out);
    }

    @Override
    public GenerationResult read(InputStream json) throws IOException {
        return ReplyDecoder.decode(json, OptionalLong.empty(), MAX_RESPONSE_BYTES);
    }
}
