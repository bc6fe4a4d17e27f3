package io.github.geminiimage.http;

/** How the API key is sent. Exactly one place per request; never more. */
public enum AuthScheme {
    /** {@code x-goog-api-key: KEY}, Google's own way (default). */
    GOOGLE_API_KEY_HEADER,
    /** {@code Authorization: Bearer KEY}, for OAuth tokens and most OpenAI-style gateways. */
    BEARER,
    /** {@code Authorization: KEY} with no scheme, as the seed proxy's documentation shows. */
    RAW_AUTHORIZATION,
    /** {@code ?key=KEY} on the URL. Leaks into access logs: only when a proxy requires it. */
    QUERY_PARAMETER;

    /** The short words for the schemes, as the command line and the Spring Boot starter take them. */
    public static final String WORDS = "google, bearer, raw, query";

    /**
     * The scheme {@code text} names: one of the short {@link #WORDS} ({@code google},
     * {@code bearer}, {@code raw}, {@code query}) or a constant's name, in any case, with {@code -}
     * or {@code _} ({@code google-api-key-header}, {@code RAW_AUTHORIZATION}).
     *
     * @throws IllegalArgumentException naming the value and what is accepted
     */
    public static AuthScheme parse(String text) {
        String word = String.valueOf(text).trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        switch (word) {
            case "GOOGLE":
                return GOOGLE_API_KEY_HEADER;
            case "RAW":
                return RAW_AUTHORIZATION;
            case "QUERY":
                return QUERY_PARAMETER;
            default:
                for (AuthScheme scheme : values()) {
                    if (scheme.name().equals(word)) {
                        return scheme;
                    }
                }
                throw new IllegalArgumentException("\"" + text + "\" is not an auth scheme; expected one of " + WORDS
                        + " (or google-api-key-header, bearer, raw-authorization, query-parameter)");
        }
    }
}
