package io.github.geminiimage.emulator;

import io.github.geminiimage.adapter.jdkhttp.JdkHttpImageGeneration;
import io.github.geminiimage.tck.ImageGenerationPortContract;

/** The image-generation contract over the JDK transport, against the emulator instead of WireMock. */
class JdkHttpAgainstEmulatorContractTest extends ImageGenerationPortContract {

    @Override
    protected PortFixture createFixture() {
        return new EmulatorPortFixture((apiKey, options) -> JdkHttpImageGeneration.builder().apiKey(apiKey).options(options)
                .build());
    }
}
