package io.github.geminiimage.http.internal.files;

import io.github.geminiimage.domain.error.GenerationTimeoutException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.file.FileState;
import io.github.geminiimage.domain.poll.Poller;
import io.github.geminiimage.http.internal.engine.Driver;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.domain.file.FilePage;
import io.github.geminiimage.domain.file.FileUpload;
import io.github.geminiimage.domain.file.StoredFile;
import io.github.geminiimage.http.Endpoint;
import io.github.geminiimage.http.RequestBody;
import io.github.geminiimage.http.internal.engine.Exchange;
import io.github.geminiimage.http.internal.engine.Reply;
import io.github.geminiimage.http.internal.engine.RequestSpec;
import io.github.geminiimage.http.internal.error.Exceptions;
import io.github.geminiimage.wire.FileResources;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * The Files API's exchanges (docs/wire-format.md, "Files"): for each, the request builder and the reply
 * reader, nothing more. Retries, deadlines, credentials and error mapping are the engine's; the
 * resume loop is {@link ResumableUpload}'s. Stateless.
 */
public final class FileExchanges {

    private static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(5);

    /** How far the server got with an upload session ({@code X-Goog-Upload-Status}). */
    record UploadStatus(String status, OptionalLong received, Optional<StoredFile> file) {
        boolean isFinal() {
            return status.equals("final");
        }

        boolean isActive() {
            return status.equals("active");
        }
    }

    private FileExchanges() {
    }

    /** {@code POST {base}/upload/{version}/files}, {@code start}: opens a session. */
    static Exchange<UploadSession> start(Endpoint endpoint, FileUpload upload) {
        return Exchange.of("files.upload.start", Optional.empty(), () -> {
            List<Map.Entry<String, String>> headers = List.of(
                    Map.entry("X-Goog-Upload-Protocol", "resumable"),
                    Map.entry("X-Goog-Upload-Command", "start"),
                    Map.entry("X-Goog-Upload-Header-Content-Length", Long.toString(upload.sizeBytes())),
                    Map.entry("X-Goog-Upload-Header-Content-Type", upload.mimeType()),
                    Map.entry("Content-Type", "application/json"));
            return new RequestSpec("POST", endpoint.upload(), List.of(), headers,
                    Optional.of(RequestBody.ofBytes(FileResources.startBody(upload))), false);
        }, reply -> UploadSession.from(reply.header("x-goog-upload-url"),
                reply.header("x-goog-upload-chunk-granularity"), endpoint));
    }

    /** One chunk at {@code offset}: {@code upload}, or {@code upload, finalize} for the last. */
    static Exchange<UploadStatus> chunk(UploadSession session, RequestBody body, long offset, boolean last) {
        return Exchange.of("files.upload.chunk", Optional.empty(), () -> new RequestSpec("POST", session.url(), List.of(),
                List.of(Map.entry("X-Goog-Upload-Command", last ? "upload, finalize" : "upload"),
                        Map.entry("X-Goog-Upload-Offset", Long.toString(offset)),
                        Map.entry("Content-Type", "application/octet-stream")),
                // An empty body travels as none: a transport may refuse a zero-length one (the JDK's does).
                body.contentLength() == 0 ? Optional.empty() : Optional.of(body), true), reply -> status(reply, "chunk"))
                .withAttempts(Exchange.Attempts.SINGLE); // the resumable flow recovers a failed chunk
    }

    /**
     * Waits until a file is {@code ACTIVE} (docs/wire-format.md, "Files": poll {@code files.get} every 1-5 s)
     * with the one poller: waits grow by half from {@code firstInterval} up to 5 s, the last poll at
     * the deadline. {@code FAILED} is an {@link InvalidRequestException} with the server's reason;
     * still processing at the deadline a {@link GenerationTimeoutException}.
     */
    public static CompletableFuture<StoredFile> awaitActive(Driver driver, Endpoint endpoint, String name,
            Duration timeout, Duration firstInterval) {
        return driver.poll(() -> driver.call(get(endpoint, name)), file -> {
            if (file.state().equals(FileState.FAILED)) {
                String reason = file.error().map(e -> e.message().isEmpty() ? "code " + e.code() : e.message())
                        .orElse("no reason given");
                throw new InvalidRequestException("file " + name + " ended FAILED, so it can never be used: " + reason,
                        ErrorDetails.ofAttempts(1));
            }
            return file.state().equals(FileState.ACTIVE);
        }, (file, polls) -> new GenerationTimeoutException("file " + name + " is still " + file.state()
                + " after awaitActive's timeout of " + timeout, new ErrorDetails(200, Optional.empty(), Optional.empty(), 1,
                        Optional.empty())), timeout, new Poller.Schedule(firstInterval, 1.5, MAX_POLL_INTERVAL));
    }

    /** Checks a list page's arguments before any I/O. */
    public static void checkList(int pageSize, Optional<String> pageToken) {
        java.util.Objects.requireNonNull(pageToken, "pageToken");
        FilePage.checkPageSize(pageSize);
    }

    /** {@code query}: how many bytes the server holds. */
    static Exchange<UploadStatus> query(UploadSession session) {
        return Exchange.of("files.upload.query", Optional.empty(), () -> new RequestSpec("POST", session.url(), List.of(),
                List.of(Map.entry("X-Goog-Upload-Command", "query")), Optional.empty(), true),
                reply -> status(reply, "query"));
    }

    /** {@code cancel}: abandons the session. */
    static Exchange<Void> cancel(UploadSession session) {
        return Exchange.of("files.upload.cancel", Optional.empty(), () -> new RequestSpec("POST", session.url(), List.of(),
                List.of(Map.entry("X-Goog-Upload-Command", "cancel")), Optional.empty(), true),
                reply -> null);
    }

    /** {@code GET {base}/{version}/files/{id}}. */
    public static Exchange<StoredFile> get(Endpoint endpoint, String name) {
        return Exchange.of("files.get", Optional.empty(), () -> RequestSpec.withoutBody("GET", endpoint.resource(name)),
                reply -> FileResources.readFile(reply.body(), "files.get"))
                .withExplanation(naming(name));
    }

    /** {@code GET {base}/{version}/files?pageSize=N&pageToken=T}. */
    public static Exchange<FilePage> list(Endpoint endpoint, int pageSize, Optional<String> pageToken) {
        return Exchange.of("files.list", Optional.empty(), () -> {
            RequestSpec spec = RequestSpec.withoutBody("GET", endpoint.resource("files"))
                    .withQueryParameter("pageSize", Integer.toString(pageSize));
            return pageToken.isPresent() ? spec.withQueryParameter("pageToken", pageToken.get()) : spec;
        }, reply -> FileResources.readPage(reply.body(), "files.list"));
    }

    /** {@code DELETE {base}/{version}/files/{id}}; the reply's body ({@code {}}) is not read. */
    public static Exchange<Void> delete(Endpoint endpoint, String name) {
        return Exchange.<Void>of("files.delete", Optional.empty(),
                () -> RequestSpec.withoutBody("DELETE", endpoint.resource(name)), reply -> null)
                .withExplanation(naming(name));
    }

    /**
     * {@code GET {base}/{version}/files/{id}:download?alt=media} (or Google's media form
     * {@code {base}/download/{version}/...}), the bytes copied into what {@code target} opens, with
     * no cap. A target opened anew per attempt (a temporary file) may be retried after a break;
     * a caller's stream may not be once a byte reached it: then a break is final.
     */
    public static Exchange<Long> download(Endpoint endpoint, String name, boolean mediaPath, DownloadTarget target) {
        return Exchange.<Long>of("files.download", Optional.empty(), () -> {
            URI uri = endpoint.resource(name + ":download");
            if (mediaPath) {
                String text = uri.toString();
                String base = endpoint.baseUri().toString().replaceAll("/+$", "");
                uri = URI.create(base + "/download" + text.substring(base.length()));
            }
            return RequestSpec.withoutBody("GET", uri).withQueryParameter("alt", "media");
        }, reply -> copy(reply, target)).withReplyCap(Long.MAX_VALUE).withExplanation(naming(name));
    }

    /** Where a download's bytes go; {@link #open()} is called once per attempt. */
    public interface DownloadTarget {
        /** The stream for this attempt. */
        OutputStream open() throws IOException;

        /** Whether a failed attempt may be retried after some bytes were written (the next open starts over). */
        boolean restartable();
    }

    private static long copy(Reply reply, DownloadTarget target) throws IOException {
        OutputStream out = target.open();
        InputStream in = reply.body();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException e) {
                if (total > 0 && !target.restartable()) {
                    throw new TransportException("the download broke after " + total + " bytes had been written to the "
                            + "stream (" + e.getClass().getSimpleName() + "); a stream cannot be rewound, so it is not "
                            + "retried", ErrorDetails.ofAttempts(1), e, false);
                }
                throw e;
            }
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            total += n;
        }
        out.flush();
        return total;
    }

    private static UploadStatus status(Reply reply, String what) throws IOException {
        String status = reply.header("x-goog-upload-status").map(s -> s.strip().toLowerCase(Locale.ROOT)).orElse("");
        if (status.isEmpty()) {
            // The SDKs retry a chunk whose reply lacks the status: treated as a break the resume loop recovers.
            throw new TransportException("the upload " + what + " reply carried no X-Goog-Upload-Status",
                    ErrorDetails.ofAttempts(1), null, true);
        }
        OptionalLong received = OptionalLong.empty();
        Optional<String> size = reply.header("x-goog-upload-size-received");
        if (size.isPresent()) {
            try {
                received = OptionalLong.of(Long.parseLong(size.get().strip()));
            } catch (NumberFormatException e) {
                throw malformed("the upload " + what + " reply's X-Goog-Upload-Size-Received is not a number", e);
            }
        }
        Optional<StoredFile> file = Optional.empty();
        if (status.equals("final")) {
            byte[] head = reply.body().readNBytes(1);
            if (head.length == 1) {
                InputStream rest = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head), reply.body());
                file = Optional.of(FileResources.readFile(rest, "upload " + what));
            }
        }
        return new UploadStatus(status, received, file);
    }

    /** Adds the file's name to a failure whose message does not name it (a bare 404 from a proxy). */
    private static UnaryOperator<ImageGenerationException> naming(String name) {
        String id = name.startsWith("files/") ? name.substring(6) : name;
        return failure -> failure.getMessage() != null && failure.getMessage().contains(id) ? failure
                : Exceptions.withMessage(failure, failure.getMessage() + " (file " + name + ")");
    }

    /** A malformed-reply exception for a Files call that got HTTP 200. */
    static MalformedResponseException malformed(String message, Throwable cause) {
        return new MalformedResponseException(message, new ErrorDetails(200, Optional.empty(), Optional.empty(), 1,
                Optional.empty()), cause);
    }
}
