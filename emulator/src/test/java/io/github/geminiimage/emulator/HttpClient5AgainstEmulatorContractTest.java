package io.github.geminiimage.emulator;

import io.github.geminiimage.adapter.httpclient5.HttpClient5ImageGeneration;
import io.github.geminiimage.tck.ImageGenerationPortContract;

/** The image-generation contract over Apache HttpClient 5, against the emulator instead of WireMock. */
class HttpClient5AgainstEmulatorContractTest extends ImageGenerationPortContract {

    @Override
    protected PortFixture createFixture() {
        return new EmulatorPortFixture((apiKey, options) -> HttpClient5ImageGeneration.builder().apiKey(apiKey)
                .options(options).build());
    }
}
