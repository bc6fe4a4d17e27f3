package io.github.geminiimage.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.AspectRatio;
import io.github.geminiimage.domain.batch.KeyedRequest;
import io.github.geminiimage.domain.error.InvalidRequestException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchInputTest {

    @TempDir
    Path dir;

    private BatchInput input(String... lines) throws IOException {
        Path file = dir.resolve("in.jsonl");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return new BatchInput(file, "gemini-3-pro-image", Optional.empty(), Optional.empty());
    }

    @Test
    void aGoodLineBecomesAKeyedRequestWithItsOverridesAndImages() throws IOException {
        BatchInput input = input("{\"key\": \"k\\u00e9\", \"prompt\": \"a \\\"cat\\\"\", \"aspectRatio\": \"16:9\", "
                + "\"images\": [\"files/abc\", \"https://example.com/ref.jpg\"]}", "", "{\"prompt\": \"p\", \"key\": \"z\"}");
        assertThat(input.check()).isEqualTo(2);
        List<KeyedRequest> requests = new ArrayList<>();
        input.requests().forEach(requests::add);
        assertThat(requests).extracting(KeyedRequest::key).containsExactly("k\u00e9", "z");
        assertThat(requests.get(0).request().prompt()).contains("a \"cat\"");
        assertThat(requests.get(0).request().aspectRatio()).contains(AspectRatio.parse("16:9"));
        assertThat(requests.get(0).request().images()).hasSize(2);
    }

    @Test
    void everyBadLineIsNamedWithWhatIsWrongWithIt() throws IOException {
        BatchInput input = input(
                "{\"key\": \"a\", \"prompt\": 3}",
                "{\"key\": \"b\", \"prompt\": \"x\", \"images\": [\"one\", 2]}",
                "{\"key\": \"c\", \"prompt\": \"x\", \"size\": \"2K\"}",
                "{\"key\": \"d\", \"prompt\": ",
                "[\"key\", \"e\"]",
                "{\"key\": \"f\", \"prompt\": \"x\"} {\"key\": \"g\"}",
                "{\"key\": \"h\", \"prompt\": \"x\"}, {\"key\": \"i\"}");
        assertThatThrownBy(input::check).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("7 bad line(s)")
                .hasMessageContaining("line 1: prompt: must be a string")
                .hasMessageContaining("line 2: images: must be an array of strings")
                .hasMessageContaining("line 3: size: is not a known name")
                .hasMessageContaining("line 4: line: is not a JSON object (")
                .hasMessageContaining("line 5: line: is not a JSON object")
                .hasMessageContaining("line 6: line: is not a JSON object (")
                .hasMessageContaining("line 7: line: has more after its object");
    }
}
