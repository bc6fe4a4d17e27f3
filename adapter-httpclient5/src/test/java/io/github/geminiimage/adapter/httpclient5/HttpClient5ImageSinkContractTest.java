package io.github.geminiimage.adapter.httpclient5;

import io.github.geminiimage.tck.HttpSinkFixture;
import io.github.geminiimage.tck.ImageSinkContract;

class HttpClient5ImageSinkContractTest extends ImageSinkContract {

    @Override
    protected SinkFixture createFixture() {
        return new HttpSinkFixture((apiKey, options) -> HttpClient5ImageGeneration.builder().apiKey(apiKey).options(options).build());
    }
}
