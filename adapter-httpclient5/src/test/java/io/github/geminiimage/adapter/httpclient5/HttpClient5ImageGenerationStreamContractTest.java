package io.github.geminiimage.adapter.httpclient5;

import io.github.geminiimage.tck.HttpImageGenerationStreamContract;
import io.github.geminiimage.tck.HttpPortFactory;

class HttpClient5ImageGenerationStreamContractTest extends HttpImageGenerationStreamContract {

    @Override
    protected HttpPortFactory portFactory() {
        // Through the public builder, as users wire it.
        return (apiKey, options) -> HttpClient5ImageGeneration.builder().apiKey(apiKey).options(options).build();
    }
}
