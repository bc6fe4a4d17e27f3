package io.github.geminiimage.adapter.httpclient5;

import io.github.geminiimage.tck.ImageGenerationPortContract;
import io.github.geminiimage.tck.http.EmulatorPortFixture;

/** The image-generation contract over Apache HttpClient 5, against the emulator instead of WireMock. */
class HttpClient5AgainstEmulatorContractTest extends ImageGenerationPortContract {

    @Override
    protected PortFixture createFixture() {
        return new EmulatorPortFixture((apiKey, options) -> HttpClient5ImageGeneration.builder().apiKey(apiKey)
                .options(options).build());
    }
}
