package io.github.geminiimage.http.internal.engine;

import io.github.geminiimage.http.HttpResponse;
import io.github.geminiimage.http.internal.error.Redactor;
import java.io.InputStream;
import java.time.Clock;
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
    private final Call<?> call;
    private volatile Handover handover;

    Reply(HttpResponse response, ReplyBody body, long maxBytes, Call<?> call) {
        this.response = response;
        this.body = body;
        this.maxBytes = maxBytes;
        this.call = call;
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

    /** The attempt this reply answers (1-based), for messages the reader builds itself. */
    public int attempt() {
        return call.attempts();
    }

    /** Removes the credentials (and a secret URI) from what the reader quotes. */
    public Redactor redactor() {
        return call.redactor();
    }

    /** The engine's clock, e.g. for a server's retry hint given as a date. */
    public Clock clock() {
        return call.engine().clock();
    }

    /**
     * Takes the response over from the engine (a streamed reply handed to the caller): once the
     * reader returned, the engine no longer closes it, nor reports the call completed; the new
     * owner reads it and ends the call with {@link Handover#finish}. The engine still closes it
     * when the call's overall deadline passes or the engine closes. A reader that throws after
     * handing over leaves the response to the engine, which closes it as usual.
     */
    public Handover handOver() {
        Handover h = handover;
        if (h == null) {
            h = new Handover(call, response);
            handover = h;
        }
        return h;
    }

    Handover handover() {
        return handover;
    }
}
