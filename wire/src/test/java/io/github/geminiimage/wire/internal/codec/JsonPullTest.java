package io.github.geminiimage.wire.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.error.MalformedResponseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonPullTest {

    private static JsonPull pull(String json, int maxString) {
        return new JsonPull(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), maxString, "lines");
    }

    @Test
    void aValueStreamEndsExactlyWithItsValueAcrossBufferBoundaries() throws IOException {
        String big = "x".repeat(70_000) + "\\\"}{[";
        String lines = "{\"response\":{\"a\":[1,{\"b\":\"" + big + "\"}]},\"key\":\"k\"}\n{\"key\":\"z\",\"response\":{}}";
        JsonPull pull = pull(lines, 100);
        List<String> seen = new ArrayList<>();
        while (!pull.atEnd()) {
            pull.beginObject();
            for (String name = pull.nextName(); name != null; name = pull.nextName()) {
                if (name.equals("response")) {
                    try (InputStream value = pull.valueStream()) {
                        seen.add(new String(value.readAllBytes(), StandardCharsets.UTF_8));
                    }
                } else {
                    seen.add(pull.readString());
                }
            }
        }
        assertThat(seen).containsExactly("{\"a\":[1,{\"b\":\"" + big + "\"}]}", "k", "z", "{}");
        assertThat(pull.line()).isEqualTo(2);
    }

    @Test
    void stringsAreUnescapedAndNumbersAndSkippedValuesChecked() throws IOException {
        JsonPull pull = pull("{\"k\\u00e9y\": \"caf\u00e9 \\\"x\\\"\\n\", \"n\": -1.5e3, \"skip\": [true, false, null, {\"a\": [\"\\/\"]}],"
                + " \"last\": 7}", 100);
        pull.beginObject();
        assertThat(pull.nextName()).isEqualTo("k\u00e9y");
        assertThat(pull.readString()).isEqualTo("caf\u00e9 \"x\"\n");
        assertThat(pull.nextName()).isEqualTo("n");
        assertThat(pull.readNumber()).isEqualTo("-1.5e3");
        assertThat(pull.nextName()).isEqualTo("skip");
        pull.skipValue();
        assertThat(pull.nextName()).isEqualTo("last");
        assertThat(pull.peekKind()).isEqualTo('0');
        assertThat(pull.readNumber()).isEqualTo("7");
        assertThat(pull.nextName()).isNull();
        assertThat(pull.atEnd()).isTrue();
    }

    @Test
    void brokenJsonIsMalformedAndTheLineIsKnown() throws IOException {
        JsonPull pull = pull("{}\n{\"a\" 1}", 100);
        pull.beginObject();
        assertThat(pull.nextName()).isNull();
        assertThat(pull.atEnd()).isFalse();
        assertThat(pull.line()).isEqualTo(2);
        pull.beginObject();
        assertThatThrownBy(pull::nextName).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("expected ':' but found '1'");
        assertThatThrownBy(() -> pull("{\"a\": 01}", 100).skipValue()).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("invalid number");
        assertThatThrownBy(() -> pull("{\"a\": [1,}", 100).skipValue()).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("expected a value but found '}'");
    }

    @Test
    void aStringOverItsLimitIsRefusedWithoutBeingHeld() {
        JsonPull pull = pull("\"" + "y".repeat(1_000_000) + "\"", 1024);
        assertThatThrownBy(pull::readString).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("a string longer than 1024 bytes");
    }

    @Test
    void nestingDeeperThanTheScannersLimitIsRefused() {
        JsonPull pull = pull("[".repeat(JsonScanner.MAX_DEPTH + 1), 100);
        assertThatThrownBy(pull::skipValue).isInstanceOf(MalformedResponseException.class).hasMessageContaining("deeper than");
    }

    @Test
    void aRawControlCharacterInAStreamedValueIsRefused() {
        JsonPull pull = pull("{\"a\":\"x\ty\"}", 100);
        assertThatThrownBy(() -> pull.valueStream().readAllBytes()).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("control character");
    }
}
