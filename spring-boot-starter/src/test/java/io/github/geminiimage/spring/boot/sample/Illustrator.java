package io.github.geminiimage.spring.boot.sample;

import io.github.geminiimage.domain.AspectRatio;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.port.ImageGenerationPort;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** The application's own code: depends on the port only, whatever the transport behind it. */
@Service
public class Illustrator {

    private final ImageGenerationPort images;

    public Illustrator(ImageGenerationPort images) {
        this.images = images;
    }

    /** An illustration of {@code subject}, or empty when the quota is used up for now. */
    public Optional<GeneratedImage> illustrate(String subject) {
        GenerationRequest request = GenerationRequest.builder()
                .model("gemini-2.5-flash-image")
                .prompt("A small watercolour illustration of " + subject)
                .aspectRatio(AspectRatio.parse("4:3"))
                .build();
        try {
            return Optional.of(images.generate(request).requireImage());
        } catch (RateLimitedException e) {
            return Optional.empty();
        }
    }
}
