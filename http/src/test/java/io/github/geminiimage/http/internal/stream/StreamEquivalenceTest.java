package io.github.geminiimage.http.internal.stream;

import io.github.geminiimage.wire.Trickle;
import static io.github.geminiimage.http.internal.stream.StreamFixtures.decode;
import static io.github.geminiimage.http.internal.stream.StreamFixtures.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.stream.StreamAggregator;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: a reply streamed in arbitrary events (text split anywhere into deltas, parts spread over
 * events, candidates interleaved, usage growing, any line ends, comments, pretty-printed multi-line
 * data, any read sizes) aggregates to exactly what decoding the whole reply gives. Plain seeded
 * {@link Random}: the seed of a failing case is in the message, and re-running it reproduces it.
 */
class StreamEquivalenceTest {

    private static final long SEED = 0x5EEDL;
    private static final int CASES = 400;

    /** One part of the whole reply, with its text split into deltas when it is text. */
    private record WirePart(JsonObject whole, List<JsonObject> deltas) {
    }

    @Test
    void anyEventSplitAggregatesToTheWholeReply() throws IOException {
        Random seeds = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            long seed = seeds.nextLong();
            Random random = new Random(seed);
            Case c = generate(random);
            StreamAggregator aggregator = new StreamAggregator();
            readAll(Trickle.random(c.sse, 1 + random.nextInt(300), seed), aggregator);

            assertThat(aggregator.result()).as("case %d, seed %dL, stream:%n%s", i, seed,
                    new String(c.sse, StandardCharsets.UTF_8)).isEqualTo(decode(c.whole));
        }
    }

    private record Case(String whole, byte[] sse) {
    }

    private static Case generate(Random r) {
        int candidateCount = r.nextInt(4) == 0 ? 2 : 1;
        boolean vertex = candidateCount == 1 && r.nextBoolean();
        List<List<WirePart>> candidates = new ArrayList<>();
        for (int c = 0; c < candidateCount; c++) {
            candidates.add(parts(r));
        }
        String[] finish = new String[candidateCount];
        for (int c = 0; c < candidateCount; c++) {
            finish[c] = r.nextInt(5) == 0 ? "IMAGE_SAFETY" : "STOP";
        }
        JsonObject usage = usage(r, 1000 + r.nextInt(1000));
        if (vertex) {
            // Vertex names the traffic type in every event's usage, the last one included.
            usage = Json.createObjectBuilder(usage).add("trafficType", "ON_DEMAND").build();
        }

        // The whole reply.
        JsonArrayBuilder wholeCandidates = Json.createArrayBuilder();
        for (int c = 0; c < candidateCount; c++) {
            JsonArrayBuilder parts = Json.createArrayBuilder();
            candidates.get(c).forEach(p -> parts.add(p.whole()));
            JsonObjectBuilder cand = Json.createObjectBuilder().add("content",
                    Json.createObjectBuilder().add("role", "model").add("parts", parts)).add("finishReason", finish[c]);
            if (!vertex) {
                cand.add("index", c);
            }
            wholeCandidates.add(cand);
        }
        String whole = envelope(wholeCandidates, usage).toString();

        // The deltas of all candidates, interleaved, then cut into events.
        List<int[]> order = new ArrayList<>();
        int[] next = new int[candidateCount];
        List<List<JsonObject>> deltas = new ArrayList<>();
        for (List<WirePart> parts : candidates) {
            List<JsonObject> flat = new ArrayList<>();
            parts.forEach(p -> flat.addAll(p.deltas()));
            deltas.add(flat);
        }
        while (true) {
            List<Integer> open = new ArrayList<>();
            for (int c = 0; c < candidateCount; c++) {
                if (next[c] < deltas.get(c).size()) {
                    open.add(c);
                }
            }
            if (open.isEmpty()) {
                break;
            }
            int c = open.get(r.nextInt(open.size()));
            order.add(new int[] {c, next[c]++});
        }
        List<List<int[]>> events = new ArrayList<>();
        List<int[]> current = new ArrayList<>();
        for (int[] d : order) {
            current.add(d);
            if (r.nextInt(3) == 0) {
                events.add(current);
                current = new ArrayList<>();
            }
        }
        events.add(current);
        boolean separateFinish = r.nextBoolean();
        if (separateFinish) {
            events.add(new ArrayList<>());
        }

        StringBuilder sse = new StringBuilder();
        String[] eols = {"\r\n", "\n", "\r"};
        String eol = eols[r.nextInt(3)];
        for (int e = 0; e < events.size(); e++) {
            boolean last = e == events.size() - 1;
            JsonArrayBuilder cands = Json.createArrayBuilder();
            for (int c = 0; c < candidateCount; c++) {
                JsonArrayBuilder parts = Json.createArrayBuilder();
                int n = 0;
                for (int[] d : events.get(e)) {
                    if (d[0] == c) {
                        parts.add(deltas.get(c).get(d[1]));
                        n++;
                    }
                }
                if (n == 0 && !last) {
                    continue;
                }
                JsonObjectBuilder cand = Json.createObjectBuilder();
                if (n > 0) {
                    cand.add("content", Json.createObjectBuilder().add("role", "model").add("parts", parts));
                }
                if (last) {
                    cand.add("finishReason", finish[c]);
                }
                if (!vertex) {
                    cand.add("index", c);
                }
                cands.add(cand);
            }
            JsonObject usageNow = last ? usage : vertex ? Json.createObjectBuilder().add("trafficType", "ON_DEMAND").build()
                    : usage(r, 10 + e);
            JsonObject event = envelope(cands, usageNow);
            if (r.nextInt(6) == 0) {
                sse.append(": keep-alive").append(eol);
            }
            if (r.nextInt(4) == 0) {
                for (String line : pretty(event).split("\n", -1)) {
                    sse.append("data: ").append(line).append(eol);
                }
            } else {
                sse.append(r.nextBoolean() ? "data: " : "data:").append(event).append(eol);
            }
            sse.append(eol);
        }
        return new Case(whole, sse.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject envelope(JsonArrayBuilder candidates, JsonObject usage) {
        return Json.createObjectBuilder().add("candidates", candidates).add("usageMetadata", usage)
                .add("modelVersion", "gemini-3-pro-image-preview").add("responseId", "resp-1").build();
    }

    private static JsonObject usage(Random r, int total) {
        return Json.createObjectBuilder().add("promptTokenCount", 8).add("candidatesTokenCount", total - 8 - 3)
                .add("thoughtsTokenCount", 3).add("totalTokenCount", total).build();
    }

    /** Random parts in the form a whole reply has: no two adjacent text parts that would join. */
    private static List<WirePart> parts(Random r) {
        List<WirePart> parts = new ArrayList<>();
        int count = r.nextInt(6);
        Boolean prevThought = null;
        boolean prevSigned = false;
        for (int i = 0; i < count; i++) {
            int kind = r.nextInt(10);
            if (kind < 6) {
                boolean thought = r.nextInt(3) == 0;
                boolean signed = !thought && r.nextInt(3) == 0;
                if (prevThought != null && prevThought == thought && !(prevSigned && signed)) {
                    if (prevSigned) {
                        signed = true;
                    } else {
                        thought = !thought;
                        signed = !thought && signed;
                    }
                }
                String text = text(r, signed ? 0 : 1);
                parts.add(textPart(r, text, thought, signed ? signature(r) : null));
                prevThought = thought;
                prevSigned = signed;
            } else if (kind < 9) {
                boolean thought = r.nextInt(3) == 0;
                byte[] image = new byte[1 + r.nextInt(200)];
                r.nextBytes(image);
                JsonObjectBuilder p = Json.createObjectBuilder().add("inlineData", Json.createObjectBuilder()
                        .add("mimeType", r.nextBoolean() ? "image/png" : "image/jpeg")
                        .add("data", Base64.getEncoder().encodeToString(image)));
                if (thought) {
                    p.add("thought", true);
                } else if (r.nextBoolean()) {
                    p.add("thoughtSignature", signature(r));
                }
                JsonObject whole = p.build();
                parts.add(new WirePart(whole, List.of(whole)));
                prevThought = null;
            } else {
                JsonObject call = Json.createObjectBuilder().add("functionCall", Json.createObjectBuilder()
                        .add("name", "f" + r.nextInt(9)).add("args", Json.createObjectBuilder().add("x", r.nextInt()))).build();
                parts.add(new WirePart(call, List.of(call)));
                prevThought = null;
            }
        }
        return parts;
    }

    /** A text part and its deltas: split anywhere but inside a surrogate pair, the signature on the first delta. */
    private static WirePart textPart(Random r, String text, boolean thought, String signature) {
        JsonObject whole = textJson(text, thought, signature);
        List<JsonObject> deltas = new ArrayList<>();
        int at = 0;
        int pieces = 1 + r.nextInt(4);
        for (int k = 0; k < pieces; k++) {
            int end = k == pieces - 1 ? text.length() : at + r.nextInt(text.length() - at + 1);
            if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end++;
            }
            deltas.add(textJson(text.substring(at, end), thought, k == 0 ? signature : null));
            at = end;
        }
        return new WirePart(whole, deltas);
    }

    private static JsonObject textJson(String text, boolean thought, String signature) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("text", text);
        if (thought) {
            b.add("thought", true);
        }
        if (signature != null) {
            b.add("thoughtSignature", signature);
        }
        return b.build();
    }

    private static String text(Random r, int minLength) {
        String[] pieces = {"a", "b", " ", "\n", "13", "é", "\u6f22", "\uD83D\uDE00", "\"", "\\", "\t", "word"};
        StringBuilder s = new StringBuilder();
        int n = minLength + r.nextInt(12);
        for (int i = 0; i < n; i++) {
            s.append(pieces[r.nextInt(pieces.length)]);
        }
        return s.toString();
    }

    private static String signature(Random r) {
        byte[] bytes = new byte[3 + r.nextInt(40)];
        r.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String pretty(JsonObject value) {
        StringWriter out = new StringWriter();
        Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out).write(value);
        return out.toString().strip();
    }
}
