package io.github.geminiimage.adapter.fake;

import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.port.ImageGenerationPort;
import io.github.geminiimage.tck.ImageSinkContract;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

class FakeImageSinkContractTest extends ImageSinkContract {

    @Override
    protected SinkFixture createFixture() {
        return new SinkFixture() {
            private final List<FakeImageGeneration> fakes = new CopyOnWriteArrayList<>();

            @Override
            public ImageGenerationPort portAnswering(byte[] draft, byte[] image) {
                return fake(FakeStream.builder().thoughtImage(png(draft)).image(png(image)).finish().build());
            }

            @Override
            public ImageGenerationPort portFailingAfterImage(byte[] image) {
                return fake(FakeStream.builder().image(png(image)).fail(TestResults::serverError).build());
            }

            @Override
            public ImageGenerationPort portStallingAfterImage(byte[] image) {
                return fake(FakeStream.builder().image(png(image)).pause(Duration.ofSeconds(20)).finish().build());
            }

            private ImageGenerationPort fake(FakeStream script) {
                FakeImageGeneration fake = FakeImageGeneration.builder().defaultResponse(FakeResponse.streamed(script)).build();
                fakes.add(fake);
                return fake;
            }

            @Override
            public void close() {
                fakes.forEach(FakeImageGeneration::close);
            }
        };
    }

    private static GeneratedImage png(byte[] bytes) {
        return GeneratedImage.of("image/png", bytes);
    }
}
