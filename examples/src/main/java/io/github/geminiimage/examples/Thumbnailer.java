package io.github.geminiimage.examples;

import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.port.ImageGenerationPort;

/** The README's code under test: anything that is handed the port. */
class Thumbnailer {
    private final ImageGenerationPort images;

    Thumbnailer(ImageGenerationPort images) {
        this.images = images;
    }

    GeneratedImage make(String subject) {
        GenerationRequest request = GenerationRequest.builder().prompt("A small thumbnail of " + subject).build();
        try {
            return images.generate(request).requireImage();
        } catch (RateLimitedException e) {
            return images.generate(request).requireImage();   // one more try after a 429
        }
    }
}
