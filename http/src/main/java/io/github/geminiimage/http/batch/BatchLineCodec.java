package io.github.geminiimage.http.batch;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.wire.batch.RequestJsonWriter;
import io.github.geminiimage.wire.batch.ResponseJsonReader;
import io.github.geminiimage.wire.GenerateContentCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The {@code generateContent} codec as the batch line formats need it: a request written as the REST
 * {@code GenerateContentRequest} (camelCase, {@code generationConfig} nested, images streamed as
 * base64), a response read with the streaming decoder under a cap. Give it to
 * {@code BatchInputWriter} and {@code BatchResultReader}. Immutable and thread-safe.
 * Both directions delegate to the public {@link GenerateContentCodec}.
 */
public final class BatchLineCodec implements RequestJsonWriter, ResponseJsonReader {

    /** The default cap on one response: a line of four 4K images with their thought signatures fits. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 256L * 1024 * 1024;

    private final long maxResponseBytes;

    private BatchLineCodec(long maxResponseBytes) {
        if (maxResponseBytes <= 0) {
            throw new IllegalArgumentException("maxResponseBytes must be positive; got " + maxResponseBytes);
        }
        this.maxResponseBytes = maxResponseBytes;
    }

    /** The codec with the default cap. */
    public static BatchLineCodec create() {
        return new BatchLineCodec(DEFAULT_MAX_RESPONSE_BYTES);
    }

    /** The codec refusing a response of more than {@code maxResponseBytes} ({@code ResponseTooLargeException}). */
    public static BatchLineCodec withMaxResponseBytes(long maxResponseBytes) {
        return new BatchLineCodec(maxResponseBytes);
    }

    @Override
    public void write(GenerationRequest request, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        GenerateContentCodec.write(request, out);
    }

    @Override
    public GenerationResult read(InputStream json) throws IOException {
        return GenerateContentCodec.read(json, maxResponseBytes);
    }

    @Override
    public String toString() {
        return "BatchLineCodec[max " + maxResponseBytes + " bytes per response]";
    }
}
