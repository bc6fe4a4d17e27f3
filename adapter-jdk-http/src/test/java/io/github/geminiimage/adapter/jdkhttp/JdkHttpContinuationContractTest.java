package io.github.geminiimage.adapter.jdkhttp;

import io.github.geminiimage.tck.HttpContinuationContract;
import io.github.geminiimage.tck.HttpPortFactory;

class JdkHttpContinuationContractTest extends HttpContinuationContract {

    @Override
    protected HttpPortFactory portFactory() {
        return (apiKey, options) -> JdkHttpImageGeneration.builder().apiKey(apiKey).options(options).build();
    }
}
