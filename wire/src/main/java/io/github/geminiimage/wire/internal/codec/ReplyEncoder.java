package io.github.geminiimage.wire.internal.codec;

import io.github.geminiimage.domain.Candidate;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ModalityTokens;
import io.github.geminiimage.domain.PromptFeedback;
import io.github.geminiimage.domain.SafetyRating;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.grounding.Grounding;
import io.github.geminiimage.domain.grounding.GroundingSource;
import io.github.geminiimage.wire.JsonBody;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The server side of {@code generateContent}: a {@link GenerationResult} written as a
 * {@code GenerateContentResponse}, field for field in the order the API sends them, images as
 * base64 straight from their bytes. Gemini API replies number their candidates; Vertex AI replies
 * carry a {@code createTime} and a {@code trafficType} instead (docs/wire-format.md). Stateless and
 * thread-safe.
 */
public final class ReplyEncoder {

    private ReplyEncoder() {
    }

    /**
     * The reply for {@code result}, its exact length known.
     *
     * @param vertexCreateTime for a Vertex AI reply, its {@code createTime}; empty for the Gemini API
     */
    public static JsonBody encode(GenerationResult result, Optional<Instant> vertexCreateTime) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(vertexCreateTime, "vertexCreateTime");
        return new CountedBody(o -> reply(result, vertexCreateTime, o), List.of());
    }

    /** Writes a batch result line: {@code {"response":{...},"key":"..."}} and a line break. */
    public static JsonBody resultLine(String key, GenerationResult result) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(result, "result");
        return new CountedBody(o -> {
            o.ascii("{\"response\":");
            reply(result, Optional.empty(), o);
            o.ascii(",\"key\":");
            o.string(key, "key");
            o.ascii("}\n");
        }, List.of());
    }

    static void reply(GenerationResult result, Optional<Instant> vertex, JsonOutput o) throws IOException {
        o.ascii('{');
        String separator = "";
        if (!result.candidates().isEmpty()) {
            o.ascii("\"candidates\":[");
            for (int i = 0; i < result.candidates().size(); i++) {
                if (i > 0) {
                    o.ascii(',');
                }
                candidate(result.candidates().get(i), vertex.isPresent(), o);
            }
            o.ascii(']');
            separator = ",";
        }
        if (result.promptFeedback().isPresent()) {
            o.ascii(separator + "\"promptFeedback\":");
            promptFeedback(result.promptFeedback().get(), o);
            separator = ",";
        }
        Optional<String> trafficType = result.servedTier().trafficType().or(() -> vertex.map(v -> "ON_DEMAND"));
        if (!result.usage().equals(Usage.NONE) || trafficType.isPresent()) {
            o.ascii(separator + "\"usageMetadata\":");
            usage(result.usage(), trafficType, o);
            separator = ",";
        }
        if (result.modelVersion().isPresent()) {
            o.ascii(separator + "\"modelVersion\":");
            o.string(result.modelVersion().get(), "modelVersion");
            separator = ",";
        }
        if (vertex.isPresent()) {
            o.ascii(separator + "\"createTime\":");
            o.string(vertex.get().toString(), "createTime");
            separator = ",";
        }
        if (result.responseId().isPresent()) {
            o.ascii(separator + "\"responseId\":");
            o.string(result.responseId().get(), "responseId");
        }
        o.ascii('}');
    }

    private static void candidate(Candidate candidate, boolean vertex, JsonOutput o) throws IOException {
        o.ascii("{\"content\":{");
        if (!candidate.parts().isEmpty()) {
            o.ascii("\"parts\":[");
            for (int p = 0; p < candidate.parts().size(); p++) {
                if (p > 0) {
                    o.ascii(',');
                }
                WireWriter.part(candidate.parts().get(p), o);
            }
            o.ascii("],\"role\":\"model\"");
        }
        o.ascii('}');
        if (candidate.finishReason().isPresent()) {
            o.ascii(",\"finishReason\":");
            o.string(candidate.finishReason().get().value(), "finishReason");
        }
        if (candidate.finishMessage().isPresent()) {
            o.ascii(",\"finishMessage\":");
            o.string(candidate.finishMessage().get(), "finishMessage");
        }
        if (candidate.continuationToken().isPresent()) {
            o.ascii(",\"continuationToken\":");
            o.string(candidate.continuationToken().get(), "continuationToken");
        }
        safetyRatings(candidate.safetyRatings(), o);
        if (candidate.grounding().isPresent()) {
            grounding(candidate.grounding().get(), o);
        }
        if (!vertex) {
            o.ascii(",\"index\":" + candidate.index());
        }
        o.ascii('}');
    }

    /** {@code groundingMetadata}: the queries, then one chunk per source ({@code web} or {@code image}). */
    private static void grounding(Grounding grounding, JsonOutput o) throws IOException {
        o.ascii(",\"groundingMetadata\":{");
        Separator s = new Separator();
        strings("webSearchQueries", grounding.webSearchQueries(), s, o);
        strings("imageSearchQueries", grounding.imageSearchQueries(), s, o);
        if (!grounding.sources().isEmpty()) {
            o.ascii(s.next() + "\"groundingChunks\":[");
            for (int i = 0; i < grounding.sources().size(); i++) {
                GroundingSource source = grounding.sources().get(i);
                o.ascii(i > 0 ? "," : "");
                Separator m = new Separator();
                if (source.isImage()) {
                    o.ascii("{\"image\":{");
                    member("imageUri", source.imageUri(), m, o);
                    member("sourceUri", source.uri(), m, o);
                    member("title", source.title(), m, o);
                    member("domain", source.domain(), m, o);
                } else {
                    o.ascii("{\"web\":{");
                    member("uri", source.uri(), m, o);
                    member("title", source.title(), m, o);
                    member("domain", source.domain(), m, o);
                }
                o.ascii("}}");
            }
            o.ascii(']');
        }
        o.ascii('}');
    }

    private static void strings(String name, List<String> values, Separator s, JsonOutput o) throws IOException {
        if (values.isEmpty()) {
            return;
        }
        o.ascii(s.next() + "\"" + name + "\":[");
        for (int i = 0; i < values.size(); i++) {
            o.ascii(i > 0 ? "," : "");
            o.string(values.get(i), name);
        }
        o.ascii(']');
    }

    private static void member(String name, Optional<String> value, Separator s, JsonOutput o) throws IOException {
        if (value.isPresent()) {
            o.ascii(s.next() + "\"" + name + "\":");
            o.string(value.get(), name);
        }
    }

    private static void promptFeedback(PromptFeedback feedback, JsonOutput o) throws IOException {
        o.ascii('{');
        String separator = "";
        if (feedback.blockReason().isPresent()) {
            o.ascii("\"blockReason\":");
            o.string(feedback.blockReason().get().value(), "blockReason");
            separator = ",";
        }
        if (feedback.blockReasonMessage().isPresent()) {
            o.ascii(separator + "\"blockReasonMessage\":");
            o.string(feedback.blockReasonMessage().get(), "blockReasonMessage");
            separator = ",";
        }
        if (!feedback.safetyRatings().isEmpty()) {
            o.ascii(separator);
            ratingsMember(feedback.safetyRatings(), o);
        }
        o.ascii('}');
    }

    private static void safetyRatings(List<SafetyRating> ratings, JsonOutput o) throws IOException {
        if (!ratings.isEmpty()) {
            o.ascii(',');
            ratingsMember(ratings, o);
        }
    }

    private static void ratingsMember(List<SafetyRating> ratings, JsonOutput o) throws IOException {
        o.ascii("\"safetyRatings\":[");
        for (int i = 0; i < ratings.size(); i++) {
            SafetyRating rating = ratings.get(i);
            o.ascii(i > 0 ? ",{\"category\":" : "{\"category\":");
            o.string(rating.category().value(), "safetyRatings.category");
            o.ascii(",\"probability\":");
            o.string(rating.probability().value(), "safetyRatings.probability");
            if (rating.blocked()) {
                o.ascii(",\"blocked\":true");
            }
            o.ascii('}');
        }
        o.ascii(']');
    }

    private static void usage(Usage usage, Optional<String> trafficType, JsonOutput o) throws IOException {
        o.ascii('{');
        Separator s = new Separator();
        count("promptTokenCount", usage.promptTokens(), s, o);
        count("candidatesTokenCount", usage.candidatesTokens(), s, o);
        count("totalTokenCount", usage.totalTokens(), s, o);
        count("cachedContentTokenCount", usage.cachedTokens(), s, o);
        count("toolUsePromptTokenCount", usage.toolUsePromptTokens(), s, o);
        count("thoughtsTokenCount", usage.thoughtsTokens(), s, o);
        details("promptTokensDetails", usage.promptDetails(), s, o);
        details("cacheTokensDetails", usage.cacheDetails(), s, o);
        details("candidatesTokensDetails", usage.candidatesDetails(), s, o);
        details("toolUsePromptTokensDetails", usage.toolUsePromptDetails(), s, o);
        if (trafficType.isPresent()) {
            o.ascii(s.next() + "\"trafficType\":");
            o.string(trafficType.get(), "trafficType");
        }
        o.ascii('}');
    }

    private static void count(String name, long value, Separator s, JsonOutput o) throws IOException {
        if (value != 0) {
            o.ascii(s.next() + "\"" + name + "\":" + value);
        }
    }

    private static void details(String name, List<ModalityTokens> details, Separator s, JsonOutput o) throws IOException {
        if (details.isEmpty()) {
            return;
        }
        o.ascii(s.next() + "\"" + name + "\":[");
        for (int i = 0; i < details.size(); i++) {
            o.ascii(i > 0 ? ",{\"modality\":" : "{\"modality\":");
            o.string(details.get(i).modality().value(), "modality");
            o.ascii(",\"tokenCount\":" + details.get(i).tokens() + "}");
        }
        o.ascii(']');
    }

    /** A comma before every member but the first. */
    private static final class Separator {
        private boolean first = true;

        String next() {
            String s = first ? "" : ",";
            first = false;
            return s;
        }
    }
}
