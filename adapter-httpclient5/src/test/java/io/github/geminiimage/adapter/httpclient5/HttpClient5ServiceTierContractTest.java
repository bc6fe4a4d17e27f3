package io.github.geminiimage.adapter.httpclient5;

import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.port.ImageGenerationPort;
import io.github.geminiimage.tck.http.ServiceTierContract;

/** The service-tier contract over the HttpClient 5 transport. */
class HttpClient5ServiceTierContractTest extends ServiceTierContract {

    @Override
    protected ImageGenerationPort port(String apiKey, HttpOptions options) {
        return HttpClient5ImageGeneration.builder().apiKey(apiKey).options(options).build();
    }
}
