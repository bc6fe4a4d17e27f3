package io.github.geminiimage.adapter.jdkhttp;

import io.github.geminiimage.tck.HttpSinkFixture;
import io.github.geminiimage.tck.ImageSinkContract;

class JdkHttpImageSinkContractTest extends ImageSinkContract {

    @Override
    protected SinkFixture createFixture() {
        return new HttpSinkFixture((apiKey, options) -> JdkHttpImageGeneration.builder().apiKey(apiKey).options(options).build());
    }
}
