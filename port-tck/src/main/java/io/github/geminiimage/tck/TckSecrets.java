package io.github.geminiimage.tck;

/** The one sentinel secret every suite sends: it must never show up in a message, a log line or a toString. */
public final class TckSecrets {

    /** Shaped like a Gemini API key, so that a redactor keyed to the shape would catch it too. */
    public static final String SENTINEL_KEY = "AIzaTCK-SENTINEL-9f8e7d6c5b4a3210ZYXWVUTS";

    private TckSecrets() {
    }
}
