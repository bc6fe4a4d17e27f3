package io.github.geminiimage.wire;

import io.github.geminiimage.domain.Candidate;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.PromptFeedback;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.stream.StreamEvent;
import io.github.geminiimage.wire.internal.codec.ReplyEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The server side of {@code streamGenerateContent}: stream events written as the chunks Google
 * sends, each as soon as its event arrives (a pause between events is a pause on the wire). One
 * part per chunk; the finish reason in a last chunk of its own with the final usage and what the
 * result adds (grounding, continuation token); a blocked prompt as one chunk with
 * {@code promptFeedback}. Framed as server-sent events ({@code alt=sse}: {@code data: ...} and a
 * blank line, CRLF) or as one JSON array (without {@code alt=sse}), see docs/wire-format.md,
 * "Streaming". The stream is flushed after each chunk and never closed. Not thread-safe.
 */
public final class ReplyStream {

    private static final byte[] EVENT_START = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final boolean sse;
    private final Optional<Instant> vertexCreateTime;
    private final String modelVersion;
    private final String responseId;
    private Usage usage = Usage.NONE;
    private StreamEvent.Finished finish;
    private boolean first = true;

    private ReplyStream(OutputStream out, boolean sse, String modelVersion, String responseId,
            Optional<Instant> vertexCreateTime) {
        this.out = Objects.requireNonNull(out, "out");
        this.sse = sse;
        this.modelVersion = Objects.requireNonNull(modelVersion, "modelVersion");
        this.responseId = Objects.requireNonNull(responseId, "responseId");
        this.vertexCreateTime = Objects.requireNonNull(vertexCreateTime, "vertexCreateTime");
    }

    /**
     * A stream of server-sent events ({@code alt=sse}).
     *
     * @param modelVersion the model version every chunk carries
     * @param responseId the response id every chunk carries
     * @param vertexCreateTime for a Vertex AI stream, the {@code createTime} of every chunk
     */
    public static ReplyStream serverSentEvents(OutputStream out, String modelVersion, String responseId,
            Optional<Instant> vertexCreateTime) {
        return new ReplyStream(out, true, modelVersion, responseId, vertexCreateTime);
    }

    /** A stream written as one JSON array, its elements separated by {@code ,} and CRLF (no {@code alt=sse}). */
    public static ReplyStream jsonArray(OutputStream out, String modelVersion, String responseId,
            Optional<Instant> vertexCreateTime) {
        return new ReplyStream(out, false, modelVersion, responseId, vertexCreateTime);
    }

    /** Writes what {@code event} adds to the reply: a part's chunk, a prompt's feedback; holds a finish and the usage. */
    public void accept(StreamEvent event) throws IOException {
        if (event instanceof StreamEvent.PartEvent partEvent) {
            sendFinish(Optional.empty());
            send(List.of(new Candidate(partEvent.candidate(), List.of(part(partEvent)), Optional.empty(), Optional.empty(),
                    List.of())), Optional.empty());
        } else if (event instanceof StreamEvent.Finished finished) {
            sendFinish(Optional.empty());
            finish = finished;
        } else if (event instanceof StreamEvent.PromptFeedbackReceived feedback) {
            sendFinish(Optional.empty());
            send(List.of(), Optional.of(feedback.feedback()));
        } else if (event instanceof StreamEvent.UsageUpdate update) {
            usage = update.usage();
        }
    }

    /**
     * Ends a stream that completed: the finish still held, with the latest usage and what
     * {@code result} has for its candidate (the grounding and the continuation token, which stream
     * events do not carry and Google sends with the finish); then the array's end.
     */
    public void end(GenerationResult result) throws IOException {
        sendFinish(Optional.of(result));
        close();
    }

    /** Ends a stream that failed after its head was sent: the finish held, {@code error} as one more chunk, the array's end. */
    public void endWithError(ErrorEnvelope error) throws IOException {
        sendFinish(Optional.empty());
        byte[] json = error.toJson();
        frame(o -> o.write(json));
        close();
    }

    /** Sends the finish still held and nothing more: the body is cut short here (the array is left open). */
    public void cut() throws IOException {
        sendFinish(Optional.empty());
    }

    private void close() throws IOException {
        if (!sse) {
            out.write((first ? "[]" : "]").getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
    }

    private void sendFinish(Optional<GenerationResult> result) throws IOException {
        if (finish == null) {
            return;
        }
        StreamEvent.Finished f = finish;
        finish = null;
        Optional<Candidate> joined = result.flatMap(r -> r.candidates().stream()
                .filter(c -> c.index() == f.candidate()).findFirst());
        send(List.of(new Candidate(f.candidate(), List.of(), Optional.of(f.reason()), f.message(), List.of(),
                joined.flatMap(Candidate::grounding), joined.flatMap(Candidate::continuationToken))), Optional.empty());
    }

    private void send(List<Candidate> candidates, Optional<PromptFeedback> feedback) throws IOException {
        GenerationResult chunk = new GenerationResult(candidates, feedback, usage, Optional.of(modelVersion),
                Optional.of(responseId));
        frame(ReplyEncoder.encode(chunk, vertexCreateTime)::writeTo);
    }

    /** Writes one chunk of the stream in its framing and flushes it. */
    private void frame(Chunk chunk) throws IOException {
        if (sse) {
            serverSentEvent(chunk, out);
        } else {
            out.write((first ? "[" : ",\r\n").getBytes(StandardCharsets.US_ASCII));
            chunk.writeTo(out);
        }
        first = false;
        out.flush();
    }

    /** Writes one server-sent event, {@code data: {chunk}} and a blank line, CRLF framed as Google sends it. */
    static void serverSentEvent(Chunk chunk, OutputStream out) throws IOException {
        out.write(EVENT_START);
        chunk.writeTo(out);
        out.write(EVENT_END);
    }

    /** A chunk's JSON, written when its framing asks for it. */
    @FunctionalInterface
    interface Chunk {
        void writeTo(OutputStream out) throws IOException;
    }

    private static Part part(StreamEvent.PartEvent event) {
        if (event instanceof StreamEvent.ThoughtText t) {
            return t.part();
        }
        if (event instanceof StreamEvent.AnswerText t) {
            return t.part();
        }
        if (event instanceof StreamEvent.ThoughtImage i) {
            return i.part();
        }
        if (event instanceof StreamEvent.AnswerImage i) {
            return i.part();
        }
        return ((StreamEvent.OtherPart) event).part();
    }
}
