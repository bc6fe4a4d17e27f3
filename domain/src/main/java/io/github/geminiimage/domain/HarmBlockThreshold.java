package io.github.geminiimage.domain;

/** How strictly a harm category is filtered (a caller's choice, sent in {@code safetySettings}). */
public enum HarmBlockThreshold {
    BLOCK_LOW_AND_ABOVE,
    BLOCK_MEDIUM_AND_ABOVE,
    BLOCK_ONLY_HIGH,
    BLOCK_NONE,
    OFF
}
