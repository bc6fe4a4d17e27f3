package io.github.geminiimage.spring.boot.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.QuotaScope;
import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.port.ImageGenerationPort;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The test a user writes with Mockito: the port is a mock, so the application starts with no key
 * and no gemini.image.* property at all (the starter's port is replaced before it is built).
 */
@SpringBootTest(classes = IllustrationApplication.class)
class IllustratorMockitoTest {

    @MockitoBean
    ImageGenerationPort images;

    @Autowired
    Illustrator illustrator;

    @Test
    void aRateLimitedCallGivesNoIllustrationAndTheRequestNamesTheSubject() {
        when(images.generate(any())).thenThrow(new RateLimitedException("quota", ErrorDetails.ofAttempts(3),
                Optional.empty(), QuotaScope.PER_MINUTE));

        assertThat(illustrator.illustrate("a red bicycle")).isEmpty();

        ArgumentCaptor<GenerationRequest> sent = ArgumentCaptor.forClass(GenerationRequest.class);
        verify(images).generate(sent.capture());
        assertThat(sent.getValue().prompt()).hasValueSatisfying(p -> assertThat(p).contains("red bicycle"));
        assertThat(sent.getValue().model().id()).isEqualTo("gemini-2.5-flash-image");
    }
}
