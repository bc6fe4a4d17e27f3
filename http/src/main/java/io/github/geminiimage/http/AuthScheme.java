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
    QUERY_PARAMETER
}
