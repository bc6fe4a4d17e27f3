package io.github.geminiimage.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.geminiimage.adapter.fake.TestResults;
import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.port.ImageGenerationPort;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThumbnailerMockitoTest {

    private final ImageGenerationPort images = mock(ImageGenerationPort.class);

    @Test
    void returnsTheImage() {
        when(images.generate(any())).thenReturn(TestResults.withImage());

        assertThat(new Thumbnailer(images).make("a red apple").mimeType()).isEqualTo("image/png");
    }

    @Test
    void triesOnceMoreAfterA429ThenGivesUp() {
        when(images.generate(any())).thenThrow(TestResults.rateLimited(Duration.ofSeconds(30)));

        assertThatThrownBy(() -> new Thumbnailer(images).make("a red apple")).isInstanceOf(RateLimitedException.class);
        verify(images, times(2)).generate(any());
    }
}
