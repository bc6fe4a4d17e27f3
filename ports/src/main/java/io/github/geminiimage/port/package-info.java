/**
 * The port of the hexagon: {@link io.github.geminiimage.port.ImageGenerationPort}, the one interface
 * every transport (HTTP over either client, or the in-memory fake) implements. Holds interfaces
 * only and depends on the domain only.
 */
package io.github.geminiimage.port;
