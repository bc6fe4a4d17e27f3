package io.github.geminiimage.domain;

import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.grounding.Grounding;
import java.util.Locale;

/**
 * Grounding with Google Search asked for in a request: the model may search the web, Google
 * Images, or both before drawing, and the reply then names its sources ({@link Grounding}). Sent as
 * {@code tools: [{"googleSearch": {"searchTypes": {"webSearch": {}, "imageSearch": {}}}}]}
 * (docs/wire-format.md, "Grounding with Google Search"). Not every model takes it:
 * {@link ModelFamily#takesSearchGrounding(SearchGrounding)}.
 */
public enum SearchGrounding {
    /** Web search only ({@code searchTypes.webSearch}). */
    WEB(true, false),
    /** Google Image Search only ({@code searchTypes.imageSearch}). */
    IMAGE(false, true),
    /** Both web and image search. */
    WEB_AND_IMAGE(true, true);

    private final boolean web;
    private final boolean image;

    SearchGrounding(boolean web, boolean image) {
        this.web = web;
        this.image = image;
    }

    /** Whether web search is asked for. */
    public boolean webSearch() {
        return web;
    }

    /** Whether image search is asked for. */
    public boolean imageSearch() {
        return image;
    }

    /**
     * Parses {@code web}, {@code image} or {@code both} (any case), as the command line takes them.
     *
     * @throws InvalidRequestException naming the value and the valid ones
     */
    public static SearchGrounding parse(String text) {
        String normal = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (normal) {
            case "web" -> WEB;
            case "image" -> IMAGE;
            case "both", "web_and_image", "web+image" -> WEB_AND_IMAGE;
            default -> throw new InvalidRequestException("grounding", String.valueOf(text), "one of web, image, both");
        };
    }
}
