package io.github.geminiimage.domain.grounding;

import java.util.ArrayList;
import java.util.List;

/**
 * What grounding with Google Search did for a candidate ({@code candidates[].groundingMetadata},
 * docs/wire-format.md, "Grounding with Google Search"): the web and image search queries the model
 * ran and the sources it used. Google's terms ask applications to show the sources. Immutable.
 *
 * @param webSearchQueries {@code webSearchQueries}, in order
 * @param imageSearchQueries {@code imageSearchQueries}, in order
 * @param sources {@code groundingChunks}, in order
 */
public record Grounding(List<String> webSearchQueries, List<String> imageSearchQueries, List<GroundingSource> sources) {

    /** Copies the lists. */
    public Grounding {
        webSearchQueries = List.copyOf(webSearchQueries);
        imageSearchQueries = List.copyOf(imageSearchQueries);
        sources = List.copyOf(sources);
    }

    /** Every query, web ones first, then image ones. */
    public List<String> queries() {
        List<String> all = new ArrayList<>(webSearchQueries);
        all.addAll(imageSearchQueries);
        return List.copyOf(all);
    }

    /** Whether no query and no source came back. */
    public boolean isEmpty() {
        return webSearchQueries.isEmpty() && imageSearchQueries.isEmpty() && sources.isEmpty();
    }
}
