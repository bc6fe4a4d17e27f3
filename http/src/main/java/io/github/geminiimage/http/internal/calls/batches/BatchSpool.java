package io.github.geminiimage.http.internal.calls.batches;

import io.github.geminiimage.domain.batch.BatchInputCheck;
import io.github.geminiimage.domain.batch.BatchInputMode;
import io.github.geminiimage.domain.batch.BatchSubmitOptions;
import io.github.geminiimage.domain.batch.KeyedRequest;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.wire.batch.BatchCreateBody;
import io.github.geminiimage.wire.batch.BatchInputWriter;
import io.github.geminiimage.wire.batch.RequestJsonWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A job's input, read once from the caller's requests into a temporary JSONL file (one
 * {@code {"key","request"}} line each, checked as they pass): the way to know the job's size before
 * choosing inline or file (the upload needs its length first, {@code AUTO} needs the byte count),
 * without ever holding the requests in memory. The file is the upload for a file job; for an inline
 * job it is rewritten as the create body (a second file, under 20 MB). Close it to delete both.
 * Not thread-safe.
 */
public final class BatchSpool implements AutoCloseable {

    private final Path jsonl;
    private final long lines;
    private final long bytes;
    private Path inlineBody;

    private BatchSpool(Path jsonl, long lines, long bytes) {
        this.jsonl = jsonl;
        this.lines = lines;
        this.bytes = bytes;
    }

    /**
     * Writes every request of {@code requests} to a temporary file, checking each.
     *
     * @throws InvalidRequestException for a request of another model, a repeated key or no request, before any I/O
     */
    public static BatchSpool write(String model, Iterable<KeyedRequest> requests, RequestJsonWriter codec) {
        Path file = temp("gemini-batch-input-", ".jsonl");
        boolean done = false;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            BatchInputCheck check = new BatchInputCheck(model);
            BatchInputWriter writer = new BatchInputWriter(out, codec);
            for (KeyedRequest request : requests) {
                writer.write(check.check(request));
            }
            check.requireSome();
            writer.flush();
            done = true;
            return new BatchSpool(file, writer.lines(), writer.bytes());
        } catch (IOException e) {
            throw new InvalidRequestException("requests", "could not be written to a temporary file (" + e.getMessage() + ")", e);
        } finally {
            if (!done) {
                deleteQuietly(file);
            }
        }
    }

    /** The JSONL file. */
    public Path file() {
        return jsonl;
    }

    /** How many requests. */
    public long lines() {
        return lines;
    }

    /**
     * The input mode for these requests under {@code options}.
     *
     * @throws InvalidRequestException for an inline job over the service's 20 MB
     */
    public BatchInputMode mode(BatchSubmitOptions options) {
        BatchInputMode via = options.resolve(lines, bytes);
        if (via == BatchInputMode.INLINE && bytes >= BatchSubmitOptions.INLINE_MAX_BYTES) {
            throw new InvalidRequestException("requests", bytes + " bytes sent inline",
                    "less than " + BatchSubmitOptions.INLINE_MAX_BYTES + " bytes for an inline job; send it as a file");
        }
        return via;
    }

    /**
     * The create body of an inline job, in a second temporary file:
     * {@code {"batch":{"displayName":...,"inputConfig":{"requests":{"requests":[{"request":{...},"metadata":{"key":...}},...]}}}}}.
     */
    public Path inlineBody(String displayName) {
        Path body = temp("gemini-batch-create-", ".json");
        inlineBody = body;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(jsonl), 64 * 1024);
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(body), 64 * 1024)) {
            BatchCreateBody.writeInline(displayName, in, out);
        } catch (IOException e) {
            throw new InvalidRequestException("requests", "could not be written to a temporary file (" + e.getMessage() + ")", e);
        }
        return body;
    }

    /** Deletes the temporary files. */
    @Override
    public void close() {
        deleteQuietly(jsonl);
        if (inlineBody != null) {
            deleteQuietly(inlineBody);
        }
    }

    static Path temp(String prefix, String suffix) {
        try {
            return Files.createTempFile(prefix, suffix);
        } catch (IOException e) {
            throw new TransportException("could not create a temporary file for the batch (" + e.getMessage() + ")",
                    ErrorDetails.ofAttempts(0), e, false);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException | UncheckedIOException e) {
            // A temporary file left behind is the operating system's to clean; the call's outcome stands.
        }
    }

}
