package io.github.geminiimage.spring.boot;

/**
 * The {@code gemini.image.*} configuration cannot give a working port: no key for a real transport,
 * an unknown transport, an adapter missing from the classpath, a Vertex setting that cannot work. Thrown at startup,
 * never on a call; its message names the property, the value (never the key's) and the fix.
 */
public final class GeminiImageConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String action;

    /**
     * A configuration error.
     *
     * @param message what is wrong, naming the property
     * @param action what to do about it
     */
    public GeminiImageConfigurationException(String message, String action) {
        super(message);
        this.action = action;
    }

    /** What to do about it. */
    public String action() {
        return action;
    }
}
