package io.github.geminiimage.http.internal.stream;

import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.stream.StreamAggregator;
import io.github.geminiimage.http.internal.error.Redactor;
import io.github.geminiimage.wire.GenerateContentCodec;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

/** Test helpers: the recorded stream vectors, a trickling body, reading a whole stream. */
final class StreamFixtures {

    static final long CAP = 64L << 20;

    private StreamFixtures() {
    }

    static JsonObject vector(String prefix) {
        String name = switch (prefix) {
            case "10" -> "10_gemini-3-pro-image-preview_streamGenerateContent-sse.json";
            case "16" -> "16_gemini-2.5-flash_sse-crlf-text-deltas.json";
            case "17" -> "17_gemini-2.5-pro_sse-includeThoughts-thought-parts.json";
            case "18" -> "18_vertex_gemini-3-flash-preview_sse-single-event.json";
            case "19" -> "19_gemini-2.0-flash_sse-midstream-error-raw-json-tail.json";
            default -> throw new IllegalArgumentException(prefix);
        };
        try (InputStream in = StreamFixtures.class.getResourceAsStream("/test-vectors/" + name)) {
            return Json.createReader(in).readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] sseRaw(String vector) {
        return vector(vector).getString("sse_raw").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static GenerationResult decode(String json) throws IOException {
        byte[] bytes = utf8(json);
        return GenerateContentCodec.read(new ByteArrayInputStream(bytes), OptionalLong.of(bytes.length), CAP);
    }

    static StreamReplyReader reader(InputStream body) {
        return new StreamReplyReader(body, CAP, StreamCodecs.replyDecoder(),
                StreamCodecs.googleErrors(new Redactor("AIzaTEST-KEY-0123456789abcdefghijklmn"), 1, Clock.systemUTC()));
    }

    /** Reads every chunk into the aggregator, and returns the chunks. */
    static List<GenerationResult> readAll(InputStream body, StreamAggregator aggregator) throws IOException {
        StreamReplyReader reader = reader(body);
        List<GenerationResult> chunks = new ArrayList<>();
        for (Optional<GenerationResult> c = reader.next(); c.isPresent(); c = reader.next()) {
            chunks.add(c.get());
            aggregator.accept(c.get());
        }
        return chunks;
    }

    /** Every data stream of an SSE body, read as text. */
    static List<String> events(InputStream body, long cap) throws IOException {
        SseReader reader = new SseReader(body, cap);
        List<String> events = new ArrayList<>();
        for (Optional<InputStream> e = reader.nextEvent(); e.isPresent(); e = reader.nextEvent()) {
            events.add(new String(e.get().readAllBytes(), StandardCharsets.UTF_8));
        }
        return events;
    }

}
