package io.github.geminiimage.adapter.jdkhttp;

import io.github.geminiimage.tck.ImageGenerationPortContract;
import io.github.geminiimage.tck.WireMockPortFixture;

class JdkHttpImageGenerationPortContractTest extends ImageGenerationPortContract {

    @Override
    protected PortFixture createFixture() {
        // Through the public builder, as users wire it.
        return new WireMockPortFixture((apiKey, options) -> JdkHttpImageGeneration.builder()
                .apiKey(apiKey).options(options).build());
    }
}
