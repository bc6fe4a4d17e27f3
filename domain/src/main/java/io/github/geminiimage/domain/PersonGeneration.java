package io.github.geminiimage.domain;

/**
 * Whether the model may draw people ({@code imageConfig.personGeneration}); Vertex AI only, see
 * {@link VertexOptions}.
 */
public enum PersonGeneration {
    /** People of any age. */
    ALLOW_ALL,
    /** Adults only. */
    ALLOW_ADULT,
    /** No people. */
    ALLOW_NONE
}
