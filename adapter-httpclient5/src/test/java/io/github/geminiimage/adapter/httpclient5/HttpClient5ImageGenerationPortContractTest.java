package io.github.geminiimage.adapter.httpclient5;

import io.github.geminiimage.tck.ImageGenerationPortContract;
import io.github.geminiimage.tck.WireMockPortFixture;

class HttpClient5ImageGenerationPortContractTest extends ImageGenerationPortContract {

    @Override
    protected PortFixture createFixture() {
        // Through the public builder, as users wire it.
        return new WireMockPortFixture((apiKey, options) -> HttpClient5ImageGeneration.builder()
                .apiKey(apiKey).options(options).build());
    }
}
