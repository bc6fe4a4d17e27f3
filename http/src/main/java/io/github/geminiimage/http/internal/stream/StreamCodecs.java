package io.github.geminiimage.http.internal.stream;

import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.sink.SinkSession;
import io.github.geminiimage.http.internal.error.ErrorMapper;
import io.github.geminiimage.http.internal.error.Exceptions;
import io.github.geminiimage.http.internal.error.Redactor;
import io.github.geminiimage.wire.ErrorBody;
import io.github.geminiimage.wire.GenerateContentCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The stream's decoder and error mapping built on the non-streamed call's own: the same reply
 * decoder for each event, the same error mapper for an error in the stream. The one place this
 * package touches the rest of {@code http.internal}, so that the call engine can plug in its codec.
 */
public final class StreamCodecs {

    private StreamCodecs() {
    }

    /** Each event decoded by {@link GenerateContentCodec}, as a whole {@code generateContent} reply is. */
    public static ChunkDecoder replyDecoder() {
        return (data, maxBytes) -> GenerateContentCodec.read(data, OptionalLong.empty(), maxBytes);
    }

    /**
     * Each event decoded by {@link GenerateContentCodec}, its images written to {@code sink}
     * (committed or aborted by the stream at its end).
     */
    public static ChunkDecoder replyDecoder(SinkSession sink) {
        return (data, maxBytes) -> GenerateContentCodec.read(data, OptionalLong.empty(), maxBytes, sink);
    }

    /**
     * Maps an error in an HTTP 200 stream as {@link ErrorMapper} maps an error reply whose status
     * is the envelope's {@code code} (500 when it has none in 400-599): a 503 {@code UNAVAILABLE}
     * event is a {@code ServerErrorException} like a 503 reply. The message says how many events
     * came first. JSON that is not an error envelope is a {@link MalformedResponseException}.
     *
     * @param redactor removes the key and payloads from what is kept
     * @param attempt the attempt the stream belongs to (1-based)
     * @param clock for {@code retryDelay} hints
     */
    public static ErrorBodyMapper googleErrors(Redactor redactor, int attempt, Clock clock) {
        return (body, eventsBefore) -> {
            String text = new String(body, StandardCharsets.UTF_8);
            Optional<ErrorBody> error = ErrorBody.parse(text).filter(ErrorBody::errorObject);
            String where = "the stream failed after " + eventsBefore + " event(s): ";
            if (error.isEmpty()) {
                return new MalformedResponseException(where + "it carried JSON that is neither an event nor an error: "
                        + redactor.excerpt(text), new ErrorDetails(200, Optional.empty(), Optional.empty(), attempt,
                                Optional.of(redactor.excerpt(text))));
            }
            int status = error.get().code().filter(code -> code >= 400 && code < 600).orElse(500);
            ImageGenerationException mapped = ErrorMapper.map(status, name -> Optional.empty(), body, redactor, attempt,
                    clock.instant()).exception();
            return Exceptions.withMessage(mapped, where + mapped.getMessage());
        };
    }
}
