package io.github.geminiimage.emulator;

import io.github.geminiimage.adapter.httpclient5.HttpClient5ImageGeneration;
import io.github.geminiimage.adapter.jdkhttp.JdkHttpImageGeneration;
import io.github.geminiimage.tck.ImageGenerationStreamContract;
import org.junit.jupiter.api.Nested;

/** The streaming contract over both transports against the emulator's SSE. */
class StreamContractsAgainstEmulatorTest {

    @Nested
    class OverTheJdkClient extends ImageGenerationStreamContract {
        @Override
        protected StreamFixture createFixture() {
            return new EmulatorStreamFixture((key, options) -> JdkHttpImageGeneration.builder().apiKey(key).options(options)
                    .build());
        }
    }

    @Nested
    class OverHttpClient5 extends ImageGenerationStreamContract {
        @Override
        protected StreamFixture createFixture() {
            return new EmulatorStreamFixture((key, options) -> HttpClient5ImageGeneration.builder().apiKey(key)
                    .options(options).build());
        }
    }
}
