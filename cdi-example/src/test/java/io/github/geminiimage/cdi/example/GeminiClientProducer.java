package io.github.geminiimage.cdi.example;

import io.github.geminiimage.adapter.jdkhttp.JdkHttpGeminiClient;
import io.github.geminiimage.port.BatchPort;
import io.github.geminiimage.port.FilesPort;
import io.github.geminiimage.port.GeminiClient;
import io.github.geminiimage.port.ImageGenerationPort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/**
 * The README's CDI producer: one client for the application, closed when the container stops, and
 * the three ports as its views (not closed on their own: the client is).
 */
@ApplicationScoped
public class GeminiClientProducer {

    @Produces
    @ApplicationScoped
    GeminiClient geminiClient(GeminiSettings settings) {
        return JdkHttpGeminiClient.builder().apiKey(settings.apiKey()).baseUri(settings.baseUri()).build();
    }

    void close(@Disposes GeminiClient client) {
        client.close();
    }

    @Produces
    ImageGenerationPort images(GeminiClient client) {
        return client.images();
    }

    @Produces
    FilesPort files(GeminiClient client) {
        return client.files();
    }

    @Produces
    BatchPort batches(GeminiClient client) {
        return client.batches();
    }
}
