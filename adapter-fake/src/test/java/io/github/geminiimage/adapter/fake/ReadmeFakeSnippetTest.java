package io.github.geminiimage.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.BlockReason;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.port.ImageGenerationPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's "Testing with the fake" snippet, compiled and run as written: the class and the
 * test lines below are the snippet's, and a check keeps the README's copy identical.
 */
class ReadmeFakeSnippetTest {

    // Your code under test: anything that is handed the port.
    static class Thumbnailer {
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

    @Test
    void theSnippetRuns_theScripted429IsThrownAtOnceAndTheRetryGetsTheImage() {
        // In a test:
        FakeImageGeneration fake = FakeImageGeneration.create();
        fake.enqueue(FakeResponse.rateLimited(Duration.ofSeconds(30)), FakeResponse.generatedImage());
        new Thumbnailer(fake).make("a red apple");
        fake.assertRequestCount(2).assertLastRequest().hasPromptContaining("red apple").hasImageCount(0);

        fake.when(r -> r.prompt().orElse("").contains("forbidden"), FakeResponse.promptBlocked(BlockReason.PROHIBITED_CONTENT));
        fake.enqueue(FakeResponse.imageSafety(), FakeResponse.textOnly("I can't draw that."), FakeResponse.serverError());
        fake.enqueue(FakeResponse.generatedImage().after(Duration.ofSeconds(2)));   // async callers can cancel meanwhile

        assertThat(fake.queuedResponses()).isEqualTo(4);
        fake.close();
    }

    @Test
    void theReadmeSnippetIsTheCodeOfThisTest() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("### Testing with the fake");
        int start = readme.indexOf("```java", section) + "```java".length();
        String snippet = readme.substring(start, readme.indexOf("```", start));
        String source = Files.readString(Path.of("src/test/java/io/github/geminiimage/adapter/fake/ReadmeFakeSnippetTest.java"));

        List<String> missing = snippet.lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("import ") && !line.startsWith("class Thumbnailer"))
                .filter(line -> !source.contains(line)).toList();
        assertThat(missing).as("README lines not in this test").isEmpty();
    }
}
