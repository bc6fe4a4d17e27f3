package io.github.geminiimage.cli.internal;

import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.port.ImageGenerationPort;

/** The standard {@link PortFactory}: the fake, or an HTTP transport with the key and options. */
public final class Transports implements PortFactory {

    @Override
    public ImageGenerationPort open(TransportSettings settings) {
        switch (settings.transport()) {
            case FAKE:
                return FakeImageGeneration.builder().defaultResponse(settings.fakeOutcome().response()).build();
            default:
                throw new UsageException("the " + settings.transport() + " transport is not part of this build; "
                        + "use --transport fake");
        }
    }
}
