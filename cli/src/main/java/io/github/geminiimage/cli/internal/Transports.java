package io.github.geminiimage.cli.internal;

import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.adapter.jdkhttp.JdkHttpImageGeneration;
import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.port.ImageGenerationPort;

/** The standard {@link PortFactory}: the fake, or an HTTP transport with the key and options. */
public final class Transports implements PortFactory {

    @Override
    public ImageGenerationPort open(TransportSettings settings) {
        switch (settings.transport()) {
            case FAKE:
                return FakeImageGeneration.builder().defaultResponse(settings.fakeOutcome().response()).build();
            case JDK:
                return JdkHttpImageGeneration.builder().apiKey(key(settings).reveal()).options(settings.httpOptions()).build();
            default:
                throw new UsageException("the " + settings.transport() + " transport is not part of this build; "
                        + "use --transport jdk or --transport fake");
        }
    }

    private static ApiKey key(TransportSettings settings) {
        return settings.apiKey().orElseThrow(() -> new UsageException(ImageCommand.KEY_VARIABLE
                + " is not set: the " + settings.transport() + " transport needs your key"));
    }
}
