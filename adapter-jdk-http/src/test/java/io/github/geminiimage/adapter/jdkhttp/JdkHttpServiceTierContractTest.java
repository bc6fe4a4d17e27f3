package io.github.geminiimage.adapter.jdkhttp;

import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.port.ImageGenerationPort;
import io.github.geminiimage.tck.http.ServiceTierContract;

/** The service-tier contract over the JDK transport. */
class JdkHttpServiceTierContractTest extends ServiceTierContract {

    @Override
    protected ImageGenerationPort port(String apiKey, HttpOptions options) {
        return JdkHttpImageGeneration.builder().apiKey(apiKey).options(options).build();
    }
}
