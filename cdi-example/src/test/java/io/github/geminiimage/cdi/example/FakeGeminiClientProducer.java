package io.github.geminiimage.cdi.example;

import io.github.geminiimage.adapter.fake.FakeGeminiClient;
import io.github.geminiimage.port.GeminiClient;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.util.concurrent.atomic.AtomicReference;

/** For tests: the fake client bound to the same type, chosen over the real producer while on the bean list; the ports follow. */
@Alternative
@Priority(1)
@ApplicationScoped
public class FakeGeminiClientProducer {

    /** The last fake produced, so a test can script it and see it closed. */
    static final AtomicReference<FakeGeminiClient> LAST = new AtomicReference<>();

    @Produces
    @ApplicationScoped
    @Alternative
    @Priority(1)
    GeminiClient geminiClient() {
        FakeGeminiClient fake = FakeGeminiClient.create();
        LAST.set(fake);
        return fake;
    }

    void close(@Disposes GeminiClient client) {
        client.close();
    }
}
