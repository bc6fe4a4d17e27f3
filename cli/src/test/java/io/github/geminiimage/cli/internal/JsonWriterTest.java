package io.github.geminiimage.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** The hand-written JSON writer escapes every string so that any parser reads back exactly what was written. */
class JsonWriterTest {

    @Test
    void escapesQuotesBackslashesControlCharactersAndLineSeparators() {
        String nasty = "say \"hi\" \\ path\\to\nnext\tline\r\b\f\u0001\u001f\u007f \u2028\u2029 é 😀 </script>";

        String json = new JsonWriter().beginObject().name("text").value(nasty).endObject().toJson();

        assertThat(json).doesNotContain("\n\t").contains("\\\"hi\\\"").contains("\\\\").contains("\\n").contains("\\u0001")
                .contains("\\u2028").contains("\\u2029");
        assertThat(parse(json).getString("text")).isEqualTo(nasty);
    }

    @Test
    void loneSurrogatesAreEscapedSoTheOutputStaysValidUtf8() {
        String lone = "a\uD800b\uDC00c";

        String json = new JsonWriter().beginObject().name("t").value(lone).endObject().toJson();

        assertThat(json).contains("\\ud800").contains("\\udc00");
    }

    @Test
    void writesNestedObjectsArraysNumbersBooleansAndNulls() {
        String json = new JsonWriter().beginObject()
                .name("n").value(-42L)
                .name("b").value(true)
                .name("none").nullValue()
                .name("s").value((String) null)
                .name("list").beginArray().value(1).beginObject().name("k").value("v").endObject().beginArray().endArray().endArray()
                .name("empty").beginObject().endObject()
                .endObject().toJson();

        JsonObject object = parse(json);
        assertThat(object.getInt("n")).isEqualTo(-42);
        assertThat(object.getBoolean("b")).isTrue();
        assertThat(object.isNull("none")).isTrue();
        assertThat(object.isNull("s")).isTrue();
        assertThat(object.getJsonArray("list")).hasSize(3);
        assertThat(object.getJsonObject("empty")).isEmpty();
        assertThat(json).endsWith("}\n");
    }

    @Test
    void refusesDocumentsThatWouldNotBeJson() {
        assertThatThrownBy(() -> new JsonWriter().beginObject().value("no name")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginObject().toJson()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginArray().endObject()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginArray().name("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().value(1).value(2)).isInstanceOf(IllegalStateException.class);
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
