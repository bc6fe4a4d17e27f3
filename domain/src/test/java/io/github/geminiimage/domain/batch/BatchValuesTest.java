package io.github.geminiimage.domain.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.BatchInputMode;
import io.github.geminiimage.domain.BatchJob;
import io.github.geminiimage.domain.BatchResult;
import io.github.geminiimage.domain.BatchState;
import io.github.geminiimage.domain.BatchSubmitOptions;
import io.github.geminiimage.domain.InvalidRequestException;
import io.github.geminiimage.domain.KeyedRequest;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.RateLimitedException;
import io.github.geminiimage.domain.RpcStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The batch values, the line scanner and the folder names. */
class BatchValuesTest {

    @Test
    void statesAreReadWithEitherPrefixAndStayOpen() {
        assertThat(BatchState.of("BATCH_STATE_RUNNING")).isEqualTo(BatchState.RUNNING);
        assertThat(BatchState.of("JOB_STATE_SUCCEEDED")).isEqualTo(BatchState.SUCCEEDED);
        assertThat(BatchState.of("EXPIRED").isTerminal()).isTrue();
        assertThat(BatchState.of("BATCH_STATE_PAUSED").isKnown()).isFalse();
        assertThat(BatchState.of("BATCH_STATE_PAUSED").isTerminal()).isFalse();
        assertThat(BatchState.RUNNING.wireName()).isEqualTo("BATCH_STATE_RUNNING");
    }

    @Test
    void namesAndKeysAreCheckedNamingTheField() {
        assertThat(BatchJob.checkName("abc123")).isEqualTo("batches/abc123");
        assertThatThrownBy(() -> BatchJob.checkName("batches/../x")).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("name:");
        assertThatThrownBy(() -> KeyedRequest.checkKey("")).hasMessageStartingWith("key:");
        assertThatThrownBy(() -> KeyedRequest.checkKey("a\nb")).hasMessageStartingWith("key:");
    }

    @Test
    void autoIsInlineOnlyForFewSmallRequests() {
        BatchSubmitOptions auto = BatchSubmitOptions.defaults();
        assertThat(auto.resolve(32, 1000)).isEqualTo(BatchInputMode.INLINE);
        assertThat(auto.resolve(33, 1000)).isEqualTo(BatchInputMode.FILE);
        assertThat(auto.resolve(2, 19_000_000)).isEqualTo(BatchInputMode.FILE);
        assertThat(BatchSubmitOptions.via(BatchInputMode.INLINE).resolve(1000, 1)).isEqualTo(BatchInputMode.INLINE);
    }

    @Test
    void fileNamesKeepSafeKeysAndEncodeTheRestWithoutCollisions() {
        assertThat(BatchImageFolder.fileName("sku-123_a.b", MediaType.PNG)).isEqualTo("sku-123_a.b.png");
        assertThat(BatchImageFolder.fileName("a/b", MediaType.JPEG)).isEqualTo("a%2Fb.jpg");
        assertThat(BatchImageFolder.fileName("..", MediaType.PNG)).isEqualTo("%2E..png");
        assertThat(BatchImageFolder.fileName("a%2Fb", MediaType.PNG)).isNotEqualTo(BatchImageFolder.fileName("a/b", MediaType.PNG));
        assertThat(BatchImageFolder.fileName("é", MediaType.PNG)).isEqualTo("%C3%A9.png");
    }

    @Test
    void statusCodesMapToTheTypedExceptionsAndBack() {
        assertThat(BatchErrors.toException("k", new RpcStatus(8, "quota", Optional.empty()))).isInstanceOf(RateLimitedException.class);
        RpcStatus back = BatchErrors.toStatus(BatchErrors.toException("k", new RpcStatus(3, "bad", Optional.of("INVALID_ARGUMENT"))));
        assertThat(back.code()).isEqualTo(3);
        assertThat(back.message()).isEqualTo("bad");
    }

    @Test
    void aResultHoldsExactlyOneOfResultAndError() {
        assertThatThrownBy(() -> new BatchResult("k", Optional.empty(), Optional.empty())).isInstanceOf(IllegalArgumentException.class);
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
