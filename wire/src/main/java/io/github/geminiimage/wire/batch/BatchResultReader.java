package io.github.geminiimage.wire.batch;

import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.batch.BatchResult;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.error.RpcStatus;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.wire.RpcErrors;
import io.github.geminiimage.wire.internal.codec.JsonPull;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads a batch results file (JSONL, docs/wire-format.md, "Batch Mode") one line at a time, in file order (the
 * input's order): {@code {"key":...,"response":{GenerateContentResponse}}} becomes a success,
 * {@code {"key":...,"error":{"code","message","status"?}}} a failure typed by {@link RpcErrors}.
 * Members may come in any order ({@code response} before {@code key} in real files); the key may
 * also be {@code metadata.key}, as inline responses carry it. A response is handed to the
 * {@link ResponseJsonReader} as it is read, so only one line's result is held at a time.
 *
 * <p>A line that is not JSON or has neither or both of {@code response} and {@code error} fails the
 * iteration with {@link MalformedResponseException} naming the line; a failed read with
 * {@link TransportException}. Not thread-safe; close it (or the {@link #stream()}) to close the input.
 */
public final class BatchResultReader implements Iterator<BatchResult>, Closeable {

    private static final int MAX_STRING = 64 * 1024;

    private final InputStream in;
    private final JsonPull scanner;
    private final ResponseJsonReader responses;
    private BatchResult next;
    private boolean ended;

    /** A reader of {@code jsonl}, which it closes when closed; responses decoded by {@code responses}. */
    public BatchResultReader(InputStream jsonl, ResponseJsonReader responses) {
        this.in = Objects.requireNonNull(jsonl, "jsonl");
        this.responses = Objects.requireNonNull(responses, "responses");
        this.scanner = new JsonPull(jsonl, MAX_STRING, "result stream");
    }

    @Override
    public boolean hasNext() {
        if (next == null && !ended) {
            next = readLine();
            ended = next == null;
        }
        return next != null;
    }

    @Override
    public BatchResult next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        BatchResult result = next;
        next = null;
        return result;
    }

    /** The results as a sequential, ordered stream; closing it closes this reader. */
    public Stream<BatchResult> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> {
                    try {
                        close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    @Override
    public void close() throws IOException {
        ended = true;
        in.close();
    }

    private BatchResult readLine() {
        long line = scanner.line();
        try {
            if (scanner.atEnd()) {
                return null;
            }
            line = scanner.line();
            String key = null;
            GenerationResult result = null;
            RpcStatus error = null;
            int outcomes = 0;
            scanner.beginObject();
            for (String name = scanner.nextName(); name != null; name = scanner.nextName()) {
                switch (name) {
                    case "key":
                        key = scanner.readString();
                        break;
                    case "metadata":
                        key = metadataKey().orElse(key);
                        break;
                    case "response":
                        try (InputStream value = scanner.valueStream()) {
                            result = responses.read(value);
                        }
                        outcomes++;
                        break;
                    case "error":
                        error = status();
                        outcomes++;
                        break;
                    default:
                        scanner.skipValue();
                }
            }
            if (key == null) {
                throw malformed(line, "a result line without a key");
            }
            if (outcomes != 1) {
                throw malformed(line, "result line " + key + " has " + (outcomes == 0 ? "neither" : "both")
                        + " of response and error");
            }
            return result != null ? BatchResult.success(key, result) : BatchResult.failure(key, RpcErrors.toException(key, error));
        } catch (MalformedResponseException e) {
            throw e.getMessage().startsWith("batch results") ? e
                    : new MalformedResponseException("batch results: line " + line + ": " + e.getMessage(), e.details(), e);
        } catch (ImageGenerationException e) {
            throw e;
        } catch (IOException e) {
            throw new TransportException("reading the batch results failed at line " + line + ": " + e.getMessage(),
                    ErrorDetails.ofAttempts(1), e);
        }
    }

    private Optional<String> metadataKey() throws IOException {
        if (scanner.peekKind() != '{') {
            scanner.skipValue();
            return Optional.empty();
        }
        String key = null;
        scanner.beginObject();
        for (String name = scanner.nextName(); name != null; name = scanner.nextName()) {
            if (name.equals("key") && scanner.peekKind() == '"') {
                key = scanner.readString();
            } else {
                scanner.skipValue();
            }
        }
        return Optional.ofNullable(key);
    }

    private RpcStatus status() throws IOException {
        int code = 0;
        String message = "";
        String status = null;
        scanner.beginObject();
        for (String name = scanner.nextName(); name != null; name = scanner.nextName()) {
            char kind = scanner.peekKind();
            if (name.equals("code") && kind == '0') {
                code = parseCode(scanner.readNumber());
            } else if (name.equals("message") && kind == '"') {
                message = scanner.readString();
            } else if (name.equals("status") && kind == '"') {
                status = scanner.readString();
            } else {
                scanner.skipValue();
            }
        }
        return new RpcStatus(code, message, Optional.ofNullable(status));
    }

    private static int parseCode(String number) {
        try {
            return Integer.parseInt(number);
        } catch (NumberFormatException e) {
            return 2;
        }
    }

    private static MalformedResponseException malformed(long line, String what) {
        return new MalformedResponseException("batch results: line " + line + ": " + what, ErrorDetails.ofAttempts(1));
    }
}
