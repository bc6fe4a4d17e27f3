package io.github.geminiimage.http.internal.engine;

import io.github.geminiimage.http.HttpResponse;
import java.io.Closeable;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A 2xx reply as a {@link ReplyReader} sees it: status, headers, and the body already inflated and
 * capped. Not thread-safe (one reader), except that the engine may close it from its timer.
 */
public final class Reply {

    private final HttpResponse response;
    private final ReplyBody body;
    private final long maxBytes;
    private volatile boolean handedOver;

    Reply(HttpResponse response, ReplyBody body, long maxBytes) {
        this.response = response;
        this.body = body;
        this.maxBytes = maxBytes;
    }

    /** The HTTP status. */
    public int statusCode() {
        return response.statusCode();
    }

    /** Every header, names as received. */
    public Map<String, List<String>> headers() {
        return response.headers();
    }

    /** The first value of a header, the name compared case-insensitively. */
    public Optional<String> header(String name) {
        return response.header(name);
    }

    /** The body: inflated per its {@code Content-Encoding}, failing past {@link #maxBytes()}. */
    public InputStream body() {
        return body.stream();
    }

    /** The declared length of {@link #body()}, when the server sent one and the body is not encoded. */
    public OptionalLong declaredLength() {
        return body.declaredLength();
    }

    /** The cap on the body ({@code HttpOptions.maxResponseBytes}). */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Takes the response over from the engine (a streamed reply handed to the caller): the engine
     * neither closes it when the reader returns nor when the call's deadline passes; closing the
     * returned handle (which aborts unless the body was read to its end) is the new owner's job.
     */
    public Closeable handOver() {
        handedOver = true;
        return response::close;
    }

    boolean handedOver() {
        return handedOver;
    }
}
