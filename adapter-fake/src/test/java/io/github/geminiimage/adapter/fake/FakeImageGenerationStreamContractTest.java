package io.github.geminiimage.adapter.fake;

import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.TestImages;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.ServerErrorException;
import io.github.geminiimage.port.ImageGenerationPort;
import io.github.geminiimage.tck.ImageGenerationStreamContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The fake passes the streaming contract every transport passes. */
class FakeImageGenerationStreamContractTest extends ImageGenerationStreamContract {

    @Override
    protected StreamFixture createFixture() {
        return new StreamFixture() {
            private final List<FakeImageGeneration> fakes = new ArrayList<>();

            private FakeImageGeneration fake(FakeResponse response) {
                FakeImageGeneration fake = FakeImageGeneration.builder().defaultResponse(response).build();
                fakes.add(fake);
                return fake;
            }

            @Override
            public ImageGenerationPort portStreamingImage() {
                return fake(FakeResponse.generatedImage());
            }

            @Override
            public ImageGenerationPort portStreamingThoughts() {
                return fake(FakeResponse.generatedImage());
            }

            @Override
            public ImageGenerationPort portFailingBeforeFirstEvent() {
                return fake(FakeResponse.serverError());
            }

            @Override
            public ImageGenerationPort portFailingAfterFirstEvent() {
                return fake(FakeResponse.streamed(FakeStream.builder().text("Here is").fail(() -> new ServerErrorException(
                        "the stream failed after 1 event(s): HTTP 503 UNAVAILABLE: The model is overloaded.",
                        new ErrorDetails(503, Optional.of("UNAVAILABLE"), Optional.of("The model is overloaded."), 1,
                                Optional.empty()))).build()));
            }

            @Override
            public ImageGenerationPort portEndingWithoutFinish() {
                return fake(FakeResponse.streamed(FakeStream.builder().text("Here is").text(" a cut").build()));
            }

            @Override
            public ImageGenerationPort portStallingAfterFirstEvent() {
                return fake(FakeResponse.streamed(FakeStream.builder().thought("Thinking").pause(Duration.ofHours(1))
                        .image(GeneratedImage.of("image/png", TestImages.png(8, 8))).finish().build()));
            }

            @Override
            public void close() {
                fakes.forEach(FakeImageGeneration::close);
            }
        };
    }
}
