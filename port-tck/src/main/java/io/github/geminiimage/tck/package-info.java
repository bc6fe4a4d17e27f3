/**
 * Contract suites every adapter runs through a thin subclass, in the manner of Feign's
 * {@code AbstractClientTest}: {@link io.github.geminiimage.tck.ImageGenerationPortContract} for
 * every {@code ImageGenerationPort} (the fake included), {@link io.github.geminiimage.tck.HttpTransportContract}
 * for every HTTP transport, checked through the whole port against servers on loopback (WireMock and
 * {@link io.github.geminiimage.tck.RawHttpServer} for byte-level faults). Depends on the port, the
 * http module's SPI, JUnit 5, AssertJ and WireMock; never on an adapter.
 */
package io.github.geminiimage.tck;
