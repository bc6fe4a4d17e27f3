package io.github.geminiimage.adapter.jdkhttp;

import io.github.geminiimage.tck.ImageGenerationPortContract;
import io.github.geminiimage.tck.http.EmulatorPortFixture;

/** The image-generation contract over the JDK transport, against the emulator instead of WireMock. */
class JdkHttpAgainstEmulatorContractTest extends ImageGenerationPortContract {

    @Override
    protected PortFixture createFixture() {
        return new EmulatorPortFixture((apiKey, options) -> JdkHttpImageGeneration.builder().apiKey(apiKey).options(options)
                .build());
    }
}
