package io.github.geminiimage.cli.internal;

import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.adapter.httpclient5.HttpClient5ImageGeneration;
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
            case HTTPCLIENT5:
                return HttpClient5ImageGeneration.builder().apiKey(key(settings).reveal()).options(settings.httpOptions())
                        .build();
            default:
                throw new IllegalStateException("no port for transport " + settings.transport());
        }
    }

    private static ApiKey key(TransportSettings settings) {
        return settings.apiKey().orElseThrow(() -> new UsageException(ImageCommand.KEY_VARIABLE
                + " is not set: the " + settings.transport() + " transport needs your key"));
    }
}
