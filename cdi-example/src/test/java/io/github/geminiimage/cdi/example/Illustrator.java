package io.github.geminiimage.cdi.example;

import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.port.ImageGenerationPort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Application code: injected with the port, unaware of the transport. */
@ApplicationScoped
public class Illustrator {

    private final ImageGenerationPort images;

    @Inject
    public Illustrator(ImageGenerationPort images) {
        this.images = images;
    }

    /** Required by CDI for the client proxy of a normal-scoped bean. */
    protected Illustrator() {
        this.images = null;
    }

    public GeneratedImage illustrate(String subject) {
        return images.generate(GenerationRequest.builder().model("gemini-2.5-flash-image")
                .prompt("A small watercolour illustration of " + subject).build()).requireImage();
    }
}
