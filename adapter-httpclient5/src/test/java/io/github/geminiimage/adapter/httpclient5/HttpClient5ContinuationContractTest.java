package io.github.geminiimage.adapter.httpclient5;

import io.github.geminiimage.tck.HttpContinuationContract;
import io.github.geminiimage.tck.HttpPortFactory;

class HttpClient5ContinuationContractTest extends HttpContinuationContract {

    @Override
    protected HttpPortFactory portFactory() {
        return (apiKey, options) -> HttpClient5ImageGeneration.builder().apiKey(apiKey).options(options).build();
    }
}
