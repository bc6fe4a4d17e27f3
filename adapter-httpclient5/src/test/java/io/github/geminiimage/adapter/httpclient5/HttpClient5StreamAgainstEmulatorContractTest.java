package io.github.geminiimage.adapter.httpclient5;

import io.github.geminiimage.tck.ImageGenerationStreamContract;
import io.github.geminiimage.tck.http.EmulatorStreamFixture;

/** The streaming contract over Apache HttpClient 5, against the emulator's SSE. */
class HttpClient5StreamAgainstEmulatorContractTest extends ImageGenerationStreamContract {

    @Override
    protected StreamFixture createFixture() {
        return new EmulatorStreamFixture((key, options) -> HttpClient5ImageGeneration.builder().apiKey(key).options(options)
                .build());
    }
}
