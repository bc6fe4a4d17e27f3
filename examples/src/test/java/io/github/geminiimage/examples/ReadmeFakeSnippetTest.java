package io.github.geminiimage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.adapter.fake.FakeResponse;
import io.github.geminiimage.domain.BlockReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's "Testing with the fake" snippet, compiled and run as written: its class is
 * {@link Thumbnailer}, its test lines are the test below, and a check keeps the README's code (its
 * comments aside) identical to both.
 */
class ReadmeFakeSnippetTest {

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
    void theReadmeSnippetIsTheThumbnailerAndTheCodeOfThisTest() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("### Testing with the fake");
        int start = readme.indexOf("```java", section) + "```java".length();
        String snippet = readme.substring(start, readme.indexOf("```", start));
        String source = Files.readString(Path.of("src/main/java/io/github/geminiimage/examples/Thumbnailer.java"))
                + Files.readString(Path.of("src/test/java/io/github/geminiimage/examples/ReadmeFakeSnippetTest.java"));

        List<String> missing = snippet.lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("import ") && !line.startsWith("// "))
                .filter(line -> !source.contains(line)).toList();
        assertThat(missing).as("README lines in neither Thumbnailer nor this test").isEmpty();
    }
}
