/**
 * Contract suites every adapter runs through a thin subclass, in the manner of Feign's
 * {@code AbstractClientTest}: {@link io.github.geminiimage.tck.ImageGenerationPortContract} for
 * every {@code ImageGenerationPort} (the fake included), {@link io.github.geminiimage.tck.HttpTransportSpiContract}
 * for every HTTP transport at the SPI level against {@link io.github.geminiimage.tck.RawHttpServer},
 * and {@link io.github.geminiimage.tck.HttpPortWiringContract} for its wiring into the port. Depends on the port, the
 * http module's SPI, JUnit 5, AssertJ and WireMock; never on an adapter.
 */
package io.github.geminiimage.tck;
