package io.github.geminiimage.benchmarks.naive;

import java.util.List;

/** Wire records holding base64 as a {@code String}, the way most peers model the API. */
public final class NaiveWire {

    private NaiveWire() {
    }

    /** {@code inlineData}. */
    public record InlineData(String mimeType, String data) { }

    /** A part: text or inline data. */
    public record Part(String text, InlineData inlineData) { }

    /** A content: role and parts. */
    public record Content(String role, List<Part> parts) { }

    /** {@code imageConfig}. */
    public record ImageConfig(String aspectRatio) { }

    /** {@code generationConfig}. */
    public record GenerationConfig(List<String> responseModalities, ImageConfig imageConfig) { }

    /** The request. */
    public record Request(List<Content> contents, GenerationConfig generationConfig) { }

    /** A candidate. */
    public record Candidate(Content content, String finishReason, Integer index) { }

    /** Usage counts. */
    public record UsageMetadata(Integer promptTokenCount, Integer candidatesTokenCount, Integer totalTokenCount) { }

    /** The reply. */
    public record Response(List<Candidate> candidates, UsageMetadata usageMetadata, String modelVersion, String responseId) { }
}
