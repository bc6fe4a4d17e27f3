package io.github.geminiimage.domain.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.file.FilePage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The argument checks the HTTP client and the fake share, before anything is read or sent. */
class SubmitAndPageChecksTest {

    @Test
    void aPageSizeIsOneToAHundredForJobsAndForFiles() {
        assertThat(BatchPage.checkPageSize(1)).isEqualTo(1);
        assertThat(FilePage.checkPageSize(100)).isEqualTo(100);
        assertThatThrownBy(() -> BatchPage.checkPageSize(0)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("pageSize").hasMessageContaining("1 to 100");
        assertThatThrownBy(() -> FilePage.checkPageSize(101)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("pageSize").hasMessageContaining("101");
    }

    @Test
    void aSubmitNeedsADisplayNameOfAtMost512CharactersAndAModel() {
        BatchSubmitOptions options = BatchSubmitOptions.defaults();
        BatchInputCheck.checkSubmit("x".repeat(512), "gemini-2.5-flash-image", List.of(), options);

        assertThatThrownBy(() -> BatchInputCheck.checkSubmit(" ", "gemini-2.5-flash-image", List.of(), options))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("displayName");
        assertThatThrownBy(() -> BatchInputCheck.checkSubmit("x".repeat(513), "gemini-2.5-flash-image", List.of(), options))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("at most 512");
        assertThatThrownBy(() -> BatchInputCheck.checkSubmit("job", "", List.of(), options))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("model");
        assertThatThrownBy(() -> BatchInputCheck.checkSubmit("job", "m", null, options))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("requests");
    }
}
