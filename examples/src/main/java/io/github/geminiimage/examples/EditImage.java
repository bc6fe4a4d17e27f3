package io.github.geminiimage.examples;

import io.github.geminiimage.adapter.jdkhttp.JdkHttpImageGeneration;
import io.github.geminiimage.domain.AspectRatio;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.port.ImageGenerationPort;
import java.io.IOException;
import java.nio.file.Path;

/** Edits a picture with Gemini 2.5 Flash Image and saves the result. */
public class EditImage {

    public static void main(String[] args) throws IOException {
        String key = System.getenv("GEMINI_API_KEY");
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("GEMINI_API_KEY is not set: export it with your key (https://aistudio.google.com/apikey)");
        }
        try (ImageGenerationPort images = JdkHttpImageGeneration.builder().apiKey(key).build()) {
            addWizardHat(images, Path.of("samples/cat.png"), Path.of("cat-wizard.png"));
        }
    }

    static void addWizardHat(ImageGenerationPort images, Path cat, Path out) throws IOException {
        GenerationRequest request = GenerationRequest.builder()
                .model("gemini-2.5-flash-image")
                .prompt("Add a small knitted wizard hat to the cat")
                .addImage(ImageInput.ofFile(cat))
                .aspectRatio(AspectRatio.parse("4:3"))
                .build();                                   // InvalidRequestException names field, value and limit
        GenerationResult result = images.generate(request); // failures are unchecked ImageGenerationExceptions
        result.requireImage().writeTo(out);                 // atomic write; IOException if it cannot be written
    }
}
