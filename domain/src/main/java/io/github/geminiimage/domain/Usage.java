package io.github.geminiimage.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * This usage and {@code other} added up, count by count and modality by modality (modalities
     * in order of first appearance): what a continued generation used over all its requests.
     */
    public Usage plus(Usage other) {
        return new Usage(promptTokens + other.promptTokens, candidatesTokens + other.candidatesTokens,
                totalTokens + other.totalTokens, thoughtsTokens + other.thoughtsTokens, cachedTokens + other.cachedTokens,
                toolUsePromptTokens + other.toolUsePromptTokens, sum(promptDetails, other.promptDetails),
                sum(candidatesDetails, other.candidatesDetails), sum(cacheDetails, other.cacheDetails),
                sum(toolUsePromptDetails, other.toolUsePromptDetails));
    }

    private static List<ModalityTokens> sum(List<ModalityTokens> a, List<ModalityTokens> b) {
        if (b.isEmpty()) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        Map<Modality, Long> totals = new LinkedHashMap<>();
        for (ModalityTokens t : a) {
            totals.merge(t.modality(), t.tokens(), Long::sum);
        }
        for (ModalityTokens t : b) {
            totals.merge(t.modality(), t.tokens(), Long::sum);
        }
        List<ModalityTokens> list = new ArrayList<>(totals.size());
        totals.forEach((modality, tokens) -> list.add(new ModalityTokens(modality, tokens)));
        return list;
    }

    /** Usage with the three main counts only. */
    public static Usage of(long promptTokens, long candidatesTokens, long totalTokens) {
        return new Usage(promptTokens, candidatesTokens, totalTokens, 0, 0, 0, List.of(), List.of(), List.of(), List.of());
    }
}
