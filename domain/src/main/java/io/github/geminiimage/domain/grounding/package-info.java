/**
 * Grounding with Google Search, as a reply reports it: the web and image search queries the model
 * ran and the sources it used ({@link io.github.geminiimage.domain.grounding.Grounding},
 * {@link io.github.geminiimage.domain.grounding.GroundingSource}), which Google's terms require an
 * application to show. The request side is {@code SearchGrounding}, beside the request.
 */
package io.github.geminiimage.domain.grounding;
