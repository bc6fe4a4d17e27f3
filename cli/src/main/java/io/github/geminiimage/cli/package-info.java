/**
 * The {@code gemini-image} command line's entry point,
 * {@link io.github.geminiimage.cli.GeminiImageCli}. The CLI sits on top of everything: it may use
 * the adapters, the {@code http} options and picocli, and nothing in the library may depend on it.
 * It must not use JSON-B: its {@code --json} output is written by its own small writer.
 */
package io.github.geminiimage.cli;
