package io.github.geminiimage.wire.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.domain.error.RpcStatus;
import io.github.geminiimage.wire.RpcErrors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchLineFormatTest {

    @Test
    void statusCodesMapToTheTypedExceptionsAndBack() {
        assertThat(RpcErrors.toException("k", new RpcStatus(8, "quota", Optional.empty()))).isInstanceOf(RateLimitedException.class);
        RpcStatus back = RpcErrors.toStatus(RpcErrors.toException("k", new RpcStatus(3, "bad", Optional.of("INVALID_ARGUMENT"))));
        assertThat(back.code()).isEqualTo(3);
        assertThat(back.message()).isEqualTo("bad");
    }

    @Test
    void aValueStreamEndsExactlyWithItsValueAcrossBufferBoundaries() throws IOException {
        String big = "x".repeat(40_000) + "\\\"}{[";
        String line = "{\"response\":{\"a\":[1,{\"b\":\"" + big + "\"}]},\"key\":\"k\"}\n{\"key\":\"z\",\"response\":{}}";
        JsonLineScanner scanner = new JsonLineScanner(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)), 100);
        List<String> seen = new ArrayList<>();
        while (!scanner.atEnd()) {
            scanner.beginObject();
            for (String name = scanner.nextName(); name != null; name = scanner.nextName()) {
                if (name.equals("response")) {
                    try (InputStream value = scanner.valueStream()) {
                        seen.add(new String(value.readAllBytes(), StandardCharsets.UTF_8));
                    }
                } else {
                    seen.add(scanner.readString());
                }
            }
        }
        assertThat(seen).containsExactly("{\"a\":[1,{\"b\":\"" + big + "\"}]}", "k", "z", "{}");
        assertThat(scanner.line()).isEqualTo(2);
    }

    @Test
    void theScannerRefusesBrokenJsonNamingTheLine() {
        JsonLineScanner scanner = new JsonLineScanner(new ByteArrayInputStream("\n{\"a\" 1}".getBytes(StandardCharsets.UTF_8)), 100);
        assertThatThrownBy(() -> {
            scanner.beginObject();
            scanner.nextName();
        }).isInstanceOf(JsonLineScanner.SyntaxException.class).hasMessageContaining("line 2");
    }
}
