package io.github.geminiimage.domain;

import java.util.List;

/**
 * Token usage exactly as the server reported it ({@code usageMetadata}). Absent counts are zero;
 * totals are never re-derived (the parts do not always add up, see docs/wire-format.md, "Usage and image sizes").
 *
 * @param promptTokens {@code promptTokenCount}
 * @param candidatesTokens {@code candidatesTokenCount}
 * @param totalTokens {@code totalTokenCount}
 * @param thoughtsTokens {@code thoughtsTokenCount}
 * @param cachedTokens {@code cachedContentTokenCount}
 * @param toolUsePromptTokens {@code toolUsePromptTokenCount}
 * @param promptDetails {@code promptTokensDetails}
 * @param candidatesDetails {@code candidatesTokensDetails}
 * @param cacheDetails {@code cacheTokensDetails}
 * @param toolUsePromptDetails {@code toolUsePromptTokensDetails}
 */
public record Usage(long promptTokens, long candidatesTokens, long totalTokens, long thoughtsTokens,
        long cachedTokens, long toolUsePromptTokens, List<ModalityTokens> promptDetails,
        List<ModalityTokens> candidatesDetails, List<ModalityTokens> cacheDetails,
        List<ModalityTokens> toolUsePromptDetails) {

    /** No usage reported. */
    public static final Usage NONE = new Usage(0, 0, 0, 0, 0, 0, List.of(), List.of(), List.of(), List.of());

    /** Copies the lists. */
    public Usage {
        promptDetails = List.copyOf(promptDetails);
        candidatesDetails = List.copyOf(candidatesDetails);
        cacheDetails = List.copyOf(cacheDetails);
        toolUsePromptDetails = List.copyOf(toolUsePromptDetails);
    }

    /** Usage with the three main counts only. */
    public static Usage of(long promptTokens, long candidatesTokens, long totalTokens) {
        return new Usage(promptTokens, candidatesTokens, totalTokens, 0, 0, 0, List.of(), List.of(), List.of(), List.of());
    }
}
