package io.github.geminiimage.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line's JSON documents: escaped so any parser reads back what was written, in a stable shape. */
class CliJsonTest {

    @Test
    void escapesQuotesBackslashesControlCharactersAndLineSeparators() throws IOException {
        String nasty = "say \"hi\" \\ path\\to\nnext\tline\r\b\f\u0001\u001f\u007f \u2028\u2029 é 😀 </script>";

        String json = CliJson.write(new CliDocuments.SaveFailure("k", nasty));

        assertThat(json).doesNotContain("\n\t").doesNotContain("\u2028").doesNotContain("\u2029").doesNotContain("\u007f")
                .contains("\\\"hi\\\"").contains("\\\\").contains("\\n").contains("\\u0001")
                .contains("\\u2028").contains("\\u2029").contains("\\u007f").contains("é 😀");
        assertThat(read(json, CliDocuments.SaveFailure.class).reason()).isEqualTo(nasty);
    }

    @Test
    void loneSurrogatesAreEscapedSoTheOutputStaysValidUtf8() {
        String lone = "a\uD800b\uDC00c";

        String json = CliJson.write(new CliDocuments.SaveFailure("k", lone));

        assertThat(json).contains("a\\ud800b\\udc00c");
        assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(json)).isTrue();
    }

    @Test
    void indentsByTwoSpaces_writesEmptyArraysAsBrackets_andEndsWithANewline() {
        assertThat(CliJson.write(new CliDocuments.Jobs(List.of()))).isEqualTo("{\n  \"batches\": []\n}\n");
        assertThat(CliJson.write(new CliDocuments.Saved("batches/x", "/out", 1, 0, 1,
                List.of(new CliDocuments.SaveFailure("a", "b")), new CliDocuments.Cost(new java.math.BigDecimal("0.0672"),
                "2026-12-07")))).isEqualTo("""
                {
                  "name": "batches/x",
                  "folder": "/out",
                  "written": 1,
                  "skipped": 0,
                  "failed": 1,
                  "failures": [
                    {
                      "key": "a",
                      "reason": "b"
                    }
                  ],
                  "cost": {
                    "usd": 0.0672,
                    "priceTable": "2026-12-07"
                  }
                }
                """);
        assertThat(CliJson.write(new CliDocuments.Output(null, null))).isEqualTo("{}\n");
    }

    @Test
    void nillableMembersAreWrittenAsNull_otherNullMembersAreLeftOut() {
        CliDocuments.Tokens tokens = new CliDocuments.Tokens(1, 2, 0, 3);
        String json = CliJson.write(new CliDocuments.Run("generate", null, 3, List.of(
                new CliDocuments.Result("IMAGE", null, null, null, "", null, null, 0, tokens,
                        new CliDocuments.Image("a.png", null, "image/png", null, null, 10L), null, null, null, null),
                new CliDocuments.Result("NO_IMAGE", null, null, null, "", null, null, 0, tokens, null, null, null, null, null)),
                null, null));

        assertThat(json).contains("\"transport\": null", "\"finishReason\": null", "\"session\": null", "\"error\": null",
                "\"file\": \"a.png\",\n        \"mimeType\": \"image/png\",\n        \"bytes\": 10", "\"image\": null",
                "\"grounding\": null", "\"serviceTier\": null", "\"cost\": null")
                .doesNotContain("width").doesNotContain("previews");
        assertThat(CliJson.write(new CliDocuments.File("files/a", null, "u", "image/png", 1, "ACTIVE", null, null, null, null,
                null, null, null, null))).contains("\"displayName\": null", "\"error\": null");
        assertThat(CliJson.write(new CliDocuments.Job("batches/a", "JOB_STATE_PENDING", "m", null, 1, 0, 0, 1, null, null,
                null, null))).doesNotContain("displayName", "createTime", "output", "error");
    }

    @Test
    void everyDocumentListsItsComponentsInDeclarationOrder() {
        List<Class<?>> records = Arrays.stream(CliDocuments.class.getDeclaredClasses()).filter(Class::isRecord).toList();

        assertThat(records).hasSizeGreaterThan(10);
        for (Class<?> record : records) {
            JsonbPropertyOrder order = record.getAnnotation(JsonbPropertyOrder.class);
            assertThat(order).as(record.getSimpleName() + " has @JsonbPropertyOrder").isNotNull();
            assertThat(order.value()).as(record.getSimpleName() + "'s @JsonbPropertyOrder")
                    .containsExactly(Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toArray(String[]::new));
        }
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        CliDocuments.KeptRequests kept = new CliDocuments.KeptRequests(List.of(
                new CliDocuments.KeptRequest("a", "A cat", "16:9", null, List.of(new CliDocuments.KeptImage("image/png", null, "/x.png"))),
                new CliDocuments.KeptRequest("b", null, null, "2K", List.of())));

        assertThat(read(CliJson.write(kept), CliDocuments.KeptRequests.class)).isEqualTo(kept);
    }

    @Test
    void aDocumentOfAnotherShapeIsAnIOException() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> read("[1, 2]", CliDocuments.BatchState.class))
                .isInstanceOf(IOException.class).hasMessageContaining("not a JSON document of the expected shape");
    }

    private static <T> T read(String json, Class<T> type) throws IOException {
        return CliJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), type);
    }
}
