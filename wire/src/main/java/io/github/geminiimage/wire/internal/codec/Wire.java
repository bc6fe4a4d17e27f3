package io.github.geminiimage.wire.internal.codec;

import java.math.BigDecimal;
import java.util.List;

/**
 * The JSON-B wire records of a reply and of a conversation document, bound from the compacted
 * JSON that {@link JsonScanner} leaves: field names already camelCase, unknown fields mostly gone,
 * and the large values ({@code inlineData.data}, {@code thoughtSignature}) cut out and kept by the
 * scanner, so they have no component here. Any component may be null (absent on the wire). Counts
 * are {@link BigDecimal} so that a fractional or huge number is caught rather than wrapped.
 */
public final class Wire {

    private Wire() {
    }

    /** {@code GenerateContentResponse}. */
    public record Response(List<Candidate> candidates, PromptFeedback promptFeedback, Usage usageMetadata,
            String modelVersion, String responseId) {
    }

    /** {@code Candidate}. */
    public record Candidate(Content content, String finishReason, String finishMessage,
            List<SafetyRating> safetyRatings, BigDecimal index, GroundingMetadata groundingMetadata,
            String continuationToken) {
    }

    /**
     * {@code GroundingMetadata}: the fields grounding with Google Search fills. Queries are bound as
     * any JSON value and only strings kept: the reply's image was paid for, a stray value must not lose it.
     */
    public record GroundingMetadata(List<Object> webSearchQueries, List<Object> imageSearchQueries,
            List<GroundingChunk> groundingChunks) {
    }

    /** {@code GroundingChunk}: a web page or an image. */
    public record GroundingChunk(WebChunk web, ImageChunk image) {
    }

    /** {@code GroundingChunk.Web}. */
    public record WebChunk(String uri, String title, String domain) {
    }

    /** {@code GroundingChunk.Image}. */
    public record ImageChunk(String imageUri, String sourceUri, String title, String domain) {
    }

    /** {@code Content}: a role and its parts. */
    public record Content(String role, List<Part> parts) {
    }

    /** {@code Part}, without its cut-out values. */
    public record Part(String text, Boolean thought, InlineData inlineData, FileData fileData) {
    }

    /** {@code FileData}: an image by reference. */
    public record FileData(String mimeType, String fileUri) {
    }

    /** {@code Blob}, without its data. */
    public record InlineData(String mimeType) {
    }

    /** {@code PromptFeedback}. */
    public record PromptFeedback(String blockReason, String blockReasonMessage, List<SafetyRating> safetyRatings) {
    }

    /** {@code SafetyRating}. */
    public record SafetyRating(String category, String probability, Boolean blocked) {
    }

    /** {@code UsageMetadata}. */
    public record Usage(BigDecimal promptTokenCount, BigDecimal candidatesTokenCount, BigDecimal totalTokenCount,
            BigDecimal thoughtsTokenCount, BigDecimal cachedContentTokenCount, BigDecimal toolUsePromptTokenCount,
            List<ModalityTokens> promptTokensDetails, List<ModalityTokens> candidatesTokensDetails,
            List<ModalityTokens> cacheTokensDetails, List<ModalityTokens> toolUsePromptTokensDetails, String trafficType) {
    }

    /** {@code ModalityTokenCount}. */
    public record ModalityTokens(String modality, BigDecimal tokenCount) {
    }

    /** A conversation document: {@code {"contents":[...]}}. */
    public record Conversation(List<Content> contents) {
    }
}
