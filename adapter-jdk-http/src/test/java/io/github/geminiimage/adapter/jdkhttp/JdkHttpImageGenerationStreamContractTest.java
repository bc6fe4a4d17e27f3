package io.github.geminiimage.adapter.jdkhttp;

import io.github.geminiimage.tck.HttpImageGenerationStreamContract;
import io.github.geminiimage.tck.HttpPortFactory;

class JdkHttpImageGenerationStreamContractTest extends HttpImageGenerationStreamContract {

    @Override
    protected HttpPortFactory portFactory() {
        // Through the public builder, as users wire it.
        return (apiKey, options) -> JdkHttpImageGeneration.builder().apiKey(apiKey).options(options).build();
    }
}
