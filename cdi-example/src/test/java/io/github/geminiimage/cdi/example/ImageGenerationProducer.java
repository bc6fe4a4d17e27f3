package io.github.geminiimage.cdi.example;

import io.github.geminiimage.adapter.jdkhttp.JdkHttpImageGeneration;
import io.github.geminiimage.port.ImageGenerationPort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** The README's CDI producer: one port for the application, closed when the container stops. */
@ApplicationScoped
public class ImageGenerationProducer {

    @Produces
    @ApplicationScoped
    ImageGenerationPort imageGeneration(GeminiSettings settings) {
        return JdkHttpImageGeneration.builder().apiKey(settings.apiKey()).baseUri(settings.baseUri()).build();
    }

    void close(@Disposes ImageGenerationPort port) {
        port.close();
    }
}
