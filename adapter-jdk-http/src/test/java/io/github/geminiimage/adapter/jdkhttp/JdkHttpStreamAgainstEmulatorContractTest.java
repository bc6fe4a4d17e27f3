package io.github.geminiimage.adapter.jdkhttp;

import io.github.geminiimage.tck.ImageGenerationStreamContract;
import io.github.geminiimage.tck.http.EmulatorStreamFixture;

/** The streaming contract over the JDK transport, against the emulator's SSE. */
class JdkHttpStreamAgainstEmulatorContractTest extends ImageGenerationStreamContract {

    @Override
    protected StreamFixture createFixture() {
        return new EmulatorStreamFixture((key, options) -> JdkHttpImageGeneration.builder().apiKey(key).options(options).build());
    }
}
