package io.github.geminiimage.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestBodyTest {

    @Test
    void aBodyOfBytesWritesTheSameBytesOnEveryAttemptWhateverTheCallerDoesToItsArray() throws IOException {
        byte[] bytes = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        RequestBody body = RequestBody.ofBytes(bytes);
        bytes[0] = 'X';

        assertThat(body.contentLength()).isEqualTo(7);
        for (int attempt = 0; attempt < 2; attempt++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            body.writeTo(out);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        }
    }
}
