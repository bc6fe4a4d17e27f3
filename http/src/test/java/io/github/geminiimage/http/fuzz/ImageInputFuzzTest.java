package io.github.geminiimage.http.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.error.InvalidRequestException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@link ImageInput#ofBase64} over any text a caller could pass: an image of a known type whose
 * size matches the text, or an {@link InvalidRequestException}; nothing else.
 */
class ImageInputFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void anyBase64TextIsAnImageOrAnInvalidRequest(byte[] input) throws IOException {
        String text = new String(input, StandardCharsets.UTF_8);
        ImageInput image;
        try {
            image = ImageInput.ofBase64(text);
        } catch (InvalidRequestException e) {
            FuzzChecks.requireWellFormed(e);
            return;
        }
        String payload = text.regionMatches(true, 0, "data:", 0, 5) ? text.substring(text.indexOf(',') + 1) : text;
        if (image.sizeBytes() <= 0 || image.readAllBytes().length != image.sizeBytes()
                || image.base64Length() != payload.length()) {
            throw new AssertionError("an image of " + image.sizeBytes() + " bytes from " + payload.length()
                    + " base64 characters");
        }
        if (image.toString().contains(payload) && payload.length() > 8) {
            throw new AssertionError("toString shows the payload");
        }
    }
}
