package io.github.geminiimage.cdi.example;

import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.port.ImageGenerationPort;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.util.concurrent.atomic.AtomicReference;

/** For tests: the fake bound to the same type, chosen over the real producer while on the bean list. */
@Alternative
@Priority(1)
@ApplicationScoped
public class FakeImageGenerationProducer {

    /** The last fake produced, so a test can script it and see it closed. */
    static final AtomicReference<FakeImageGeneration> LAST = new AtomicReference<>();

    @Produces
    @ApplicationScoped
    @Alternative
    @Priority(1)
    ImageGenerationPort imageGeneration() {
        FakeImageGeneration fake = FakeImageGeneration.create();
        LAST.set(fake);
        return fake;
    }

    void close(@Disposes ImageGenerationPort port) {
        port.close();
    }
}
