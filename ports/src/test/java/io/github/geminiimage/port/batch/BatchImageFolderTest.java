package io.github.geminiimage.port.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.MediaType;
import org.junit.jupiter.api.Test;

class BatchImageFolderTest {

    @Test
    void fileNamesKeepSafeKeysAndEncodeTheRestWithoutCollisions() {
        assertThat(BatchImageFolder.fileName("sku-123_a.b", MediaType.PNG)).isEqualTo("sku-123_a.b.png");
        assertThat(BatchImageFolder.fileName("a/b", MediaType.JPEG)).isEqualTo("a%2Fb.jpg");
        assertThat(BatchImageFolder.fileName("..", MediaType.PNG)).isEqualTo("%2E..png");
        assertThat(BatchImageFolder.fileName("a%2Fb", MediaType.PNG)).isNotEqualTo(BatchImageFolder.fileName("a/b", MediaType.PNG));
        assertThat(BatchImageFolder.fileName("é", MediaType.PNG)).isEqualTo("%C3%A9.png");
    }
}
