package io.github.geminiimage.emulator.internal;

import io.github.geminiimage.domain.Candidate;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ModalityTokens;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.PromptFeedback;
import io.github.geminiimage.domain.SafetyRating;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.grounding.Grounding;
import io.github.geminiimage.domain.grounding.GroundingSource;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a {@link GenerationResult} as Google's {@code GenerateContentResponse}: camelCase, only
 * the members that are set, images as standard base64, a candidate without parts as
 * {@code "content":{}} (as Google sends a NO_IMAGE candidate). On Vertex paths, as Vertex answers: no candidate
 * {@code index}, a top-level {@code createTime}, {@code usageMetadata.trafficType}.
 */
public final class ReplyEncoder {

    static final JsonGeneratorFactory GENERATORS = Jsons.PROVIDER.createGeneratorFactory(Map.of());

    private ReplyEncoder() {
    }

    /** The reply as UTF-8 JSON bytes. */
    public static byte[] encode(GenerationResult result, boolean vertex) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096 + result.images().stream().mapToInt(i -> i.size()).sum() * 4 / 3);
        write(result, vertex, out);
        return out.toByteArray();
    }

    /** Writes the reply to {@code out} (not closed). */
    public static void write(GenerationResult result, boolean vertex, OutputStream out) {
        try (JsonGenerator g = GENERATORS.createGenerator(new NonClosing(out), StandardCharsets.UTF_8)) {
            writeResult(g, result, vertex);
        }
    }

    static void writeResult(JsonGenerator g, GenerationResult result, boolean vertex) {
        g.writeStartObject();
        if (!result.candidates().isEmpty()) {
            g.writeStartArray("candidates");
            for (Candidate candidate : result.candidates()) {
                candidate(g, candidate, vertex);
            }
            g.writeEnd();
        }
        result.promptFeedback().ifPresent(feedback -> promptFeedback(g, feedback));
        Optional<String> trafficType = result.servedTier().trafficType().or(() -> vertex ? Optional.of("ON_DEMAND")
                : Optional.empty());
        if (!result.usage().equals(Usage.NONE) || trafficType.isPresent()) {
            usage(g, result.usage(), trafficType);
        }
        result.modelVersion().ifPresent(v -> g.write("modelVersion", v));
        if (vertex) {
            g.write("createTime", Instant.now().toString());
        }
        result.responseId().ifPresent(v -> g.write("responseId", v));
        g.writeEnd();
    }

    private static void candidate(JsonGenerator g, Candidate candidate, boolean vertex) {
        g.writeStartObject();
        g.writeStartObject("content");
        if (!candidate.parts().isEmpty()) {
            g.writeStartArray("parts");
            for (Part part : candidate.parts()) {
                part(g, part);
            }
            g.writeEnd();
            g.write("role", "model");
        }
        g.writeEnd();
        candidate.finishReason().ifPresent(r -> g.write("finishReason", r.value()));
        candidate.finishMessage().ifPresent(m -> g.write("finishMessage", m));
        candidate.continuationToken().ifPresent(t -> g.write("continuationToken", t));
        safetyRatings(g, candidate.safetyRatings());
        candidate.grounding().ifPresent(grounding -> grounding(g, grounding));
        if (!vertex) {
            g.write("index", candidate.index());
        }
        g.writeEnd();
    }

    /** {@code groundingMetadata}: the queries, then a {@code web} or {@code image} chunk per source. */
    private static void grounding(JsonGenerator g, Grounding grounding) {
        g.writeStartObject("groundingMetadata");
        if (!grounding.webSearchQueries().isEmpty()) {
            g.writeStartArray("webSearchQueries");
            grounding.webSearchQueries().forEach(g::write);
            g.writeEnd();
        }
        if (!grounding.imageSearchQueries().isEmpty()) {
            g.writeStartArray("imageSearchQueries");
            grounding.imageSearchQueries().forEach(g::write);
            g.writeEnd();
        }
        if (!grounding.sources().isEmpty()) {
            g.writeStartArray("groundingChunks");
            for (GroundingSource source : grounding.sources()) {
                g.writeStartObject();
                if (source.isImage()) {
                    g.writeStartObject("image");
                    source.imageUri().ifPresent(v -> g.write("imageUri", v));
                    source.uri().ifPresent(v -> g.write("sourceUri", v));
                } else {
                    g.writeStartObject("web");
                    source.uri().ifPresent(v -> g.write("uri", v));
                }
                source.title().ifPresent(v -> g.write("title", v));
                source.domain().ifPresent(v -> g.write("domain", v));
                g.writeEnd();
                g.writeEnd();
            }
            g.writeEnd();
        }
        g.writeEnd();
    }

    private static void part(JsonGenerator g, Part part) {
        if (part instanceof Part.Other other) {
            try (JsonReader reader = Jsons.PROVIDER.createReader(new StringReader(other.json()))) {
                g.write(reader.readValue());
            }
            return;
        }
        g.writeStartObject();
        if (part instanceof Part.Text text) {
            g.write("text", text.text());
        } else if (part instanceof Part.Image image && image.image().isReference()) {
            g.writeStartObject("fileData");
            g.write("mimeType", image.image().mimeType());
            g.write("fileUri", image.image().uri().orElseThrow().toString());
            g.writeEnd();
        } else if (part instanceof Part.Image image) {
            g.writeStartObject("inlineData");
            g.write("mimeType", image.image().mimeType());
            g.write("data", Base64.getEncoder().encodeToString(image.image().bytes()));
            g.writeEnd();
        }
        if (part.thought()) {
            g.write("thought", true);
        }
        part.thoughtSignature().ifPresent(s -> g.write("thoughtSignature", s));
        g.writeEnd();
    }

    private static void promptFeedback(JsonGenerator g, PromptFeedback feedback) {
        g.writeStartObject("promptFeedback");
        feedback.blockReason().ifPresent(r -> g.write("blockReason", r.value()));
        feedback.blockReasonMessage().ifPresent(m -> g.write("blockReasonMessage", m));
        safetyRatings(g, feedback.safetyRatings());
        g.writeEnd();
    }

    private static void safetyRatings(JsonGenerator g, List<SafetyRating> ratings) {
        if (ratings.isEmpty()) {
            return;
        }
        g.writeStartArray("safetyRatings");
        for (SafetyRating rating : ratings) {
            g.writeStartObject().write("category", rating.category().value()).write("probability", rating.probability().value());
            if (rating.blocked()) {
                g.write("blocked", true);
            }
            g.writeEnd();
        }
        g.writeEnd();
    }

    private static void usage(JsonGenerator g, Usage usage, Optional<String> trafficType) {
        g.writeStartObject("usageMetadata");
        count(g, "promptTokenCount", usage.promptTokens());
        count(g, "candidatesTokenCount", usage.candidatesTokens());
        count(g, "totalTokenCount", usage.totalTokens());
        count(g, "cachedContentTokenCount", usage.cachedTokens());
        count(g, "toolUsePromptTokenCount", usage.toolUsePromptTokens());
        count(g, "thoughtsTokenCount", usage.thoughtsTokens());
        details(g, "promptTokensDetails", usage.promptDetails());
        details(g, "cacheTokensDetails", usage.cacheDetails());
        details(g, "candidatesTokensDetails", usage.candidatesDetails());
        details(g, "toolUsePromptTokensDetails", usage.toolUsePromptDetails());
        trafficType.ifPresent(t -> g.write("trafficType", t));
        g.writeEnd();
    }

    private static void count(JsonGenerator g, String name, long value) {
        if (value != 0) {
            g.write(name, value);
        }
    }

    private static void details(JsonGenerator g, String name, List<ModalityTokens> details) {
        if (details.isEmpty()) {
            return;
        }
        g.writeStartArray(name);
        for (ModalityTokens tokens : details) {
            g.writeStartObject().write("modality", tokens.modality().value()).write("tokenCount", tokens.tokens()).writeEnd();
        }
        g.writeEnd();
    }

    /** Writes a JSON value as bytes. */
    static byte[] bytes(JsonValue value) {
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Lets a generator write into a stream it must not close. */
    static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws java.io.IOException {
            out.flush();
        }
    }
}
