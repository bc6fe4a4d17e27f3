/**
 * The ports of the hexagon: {@link io.github.geminiimage.port.ImageGenerationPort} (generating and
 * editing images) and {@link io.github.geminiimage.port.FilesPort} (the Files API), the interfaces
 * every transport (HTTP over either client, or the in-memory fake) implements. Holds interfaces
 * only and depends on the domain only.
 */
package io.github.geminiimage.port;
