package io.github.geminiimage.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.domain.SearchGrounding;
import io.github.geminiimage.domain.VertexOptions;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.grounding.Grounding;
import io.github.geminiimage.domain.grounding.GroundingSource;
import io.github.geminiimage.port.GenerationStream;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fake grounds its answers and gives images by reference when scripted to, on generate and stream alike. */
class FakeGroundingAndReferenceTest {

    private final FakeImageGeneration fake = FakeImageGeneration.create();

    private static GenerationRequest grounded(SearchGrounding grounding) {
        return GenerationRequest.builder().model("gemini-3.1-flash-image").prompt("a quetzal").grounding(grounding).build();
    }

    @Test
    void aGroundedImageNamesThePromptAsTheQueriesTheRequestAskedFor() {
        fake.enqueue(FakeResponse.groundedImage());

        GenerationResult result = fake.generate(grounded(SearchGrounding.WEB_AND_IMAGE));

        assertThat(result.outcome()).isEqualTo(Outcome.IMAGE);
        Grounding grounding = result.grounding().orElseThrow();
        assertThat(grounding.webSearchQueries()).containsExactly("a quetzal");
        assertThat(grounding.imageSearchQueries()).containsExactly("a quetzal");
        assertThat(grounding.sources()).hasSize(2);
        assertThat(grounding.sources().get(1).isImage()).isTrue();
    }

    @Test
    void aGroundedImageWithoutGroundingInTheRequestHasNone() {
        fake.enqueue(FakeResponse.groundedImage());

        assertThat(fake.generate(GenerationRequest.builder().prompt("a quetzal").build()).grounding()).isEmpty();
    }

    @Test
    void scriptedGroundingComesBackOnGenerateAndAtTheEndOfAStream() {
        Grounding scripted = new Grounding(List.of("q"), List.of(), List.of(GroundingSource.web("https://example.org", "E")));
        fake.when(request -> true, FakeResponse.generatedImage().withGrounding(scripted));

        assertThat(fake.generate(grounded(SearchGrounding.WEB)).grounding()).contains(scripted);
        try (GenerationStream stream = fake.stream(grounded(SearchGrounding.WEB))) {
            stream.events().forEach(event -> { });
            assertThat(stream.result().grounding()).contains(scripted);
        }
    }

    @Test
    void groundingOnAModelWithoutItIsRefusedBeforeTheFakeAnswers() {
        assertThatThrownBy(() -> GenerationRequest.builder().model("gemini-2.5-flash-image").prompt("x")
                .grounding(SearchGrounding.WEB).build()).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("grounding").hasMessageContaining("does not take grounding with Google Search");
        assertThatThrownBy(() -> GenerationRequest.builder().model("gemini-3-pro-image").prompt("x")
                .grounding(SearchGrounding.IMAGE).build()).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("does not take image search grounding; use WEB");
        assertThat(GenerationRequest.builder().model("gemini-3-pro-image-preview").prompt("x").grounding(SearchGrounding.WEB)
                .build().grounding()).contains(SearchGrounding.WEB);
    }

    @Test
    void anOutputPrefixMakesTheImageComeByReferenceUnderIt() {
        fake.enqueue(FakeResponse.generatedImage());
        GenerationRequest request = GenerationRequest.builder().model("gemini-3.1-flash-image").prompt("a quetzal")
                .vertexOptions(VertexOptions.NONE.withOutputUriPrefix("gs://renders/out")).build();

        GenerationResult result = fake.generate(request);

        GeneratedImage image = result.requireImage();
        assertThat(image.isReference()).isTrue();
        assertThat(image.uri().map(URI::toString).orElseThrow()).startsWith("gs://renders/out/").endsWith(".jpeg");
        assertThatThrownBy(image::openStream).isInstanceOf(IllegalStateException.class).hasMessageContaining("gs://renders/out/");
        assertThat(image.asInput().uri()).isEqualTo(image.uri());
    }
}
