package io.github.geminiimage.domain;

import java.util.Objects;

/**
 * Tokens counted for one modality ({@code {modality, tokenCount}} in usage details).
 *
 * @param modality the modality
 * @param tokens the count as reported
 */
public record ModalityTokens(Modality modality, long tokens) {
    /** Checks the modality is present. */
    public ModalityTokens {
        Objects.requireNonNull(modality, "modality");
    }
}
