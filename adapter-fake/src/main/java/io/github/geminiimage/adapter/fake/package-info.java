/**
 * The in-memory fake of the port: {@link io.github.geminiimage.adapter.fake.FakeImageGeneration}
 * answers with real images drawn on the spot or with scripted outcomes
 * ({@link io.github.geminiimage.adapter.fake.FakeResponse}) and records every request, for users'
 * offline tests and demos. Depends on the port, the domain and {@code java.desktop} (ImageIO) only:
 * never on the {@code http} module or another adapter.
 */
package io.github.geminiimage.adapter.fake;
