package io.github.geminiimage.wire.internal.codec;

import io.github.geminiimage.wire.Trickle;
import static io.github.geminiimage.wire.internal.codec.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.error.ResponseTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.OptionalLong;
import java.util.Random;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Hostile and broken replies fail with a clear domain exception, never anything else. */
class ReplyDecoderMalformedTest {

    private static final long CAP = 1L << 20;

    private static GenerationResult decode(String json) throws IOException {
        byte[] bytes = utf8(json);
        return ReplyDecoder.decode(new ByteArrayInputStream(bytes), OptionalLong.empty(), CAP);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertMalformed(String json) {
        return assertThatThrownBy(() -> decode(json)).as(json.length() > 200 ? json.substring(0, 200) : json)
                .isInstanceOfSatisfying(MalformedResponseException.class, e -> {
                    assertThat(e.httpStatus()).hasValue(200);
                    assertThat(e.attempts()).isEqualTo(1);
                });
    }

    private static String withData(String data) {
        return "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"},{\"inlineData\":{\"mimeType\":\"image/png\","
                + "\"data\":\"" + data + "\"}}]}}]}";
    }

    @Test
    void anHtmlPageIsNotJsonAndItsStartIsShown() {
        assertMalformed("<html><body>502 Bad Gateway</body></html>")
                .hasMessageContaining("the reply is not a JSON object: it starts with '<'")
                .satisfies(e -> assertThat(((MalformedResponseException) e).bodyExcerpt())
                        .hasValueSatisfying(x -> assertThat(x).contains("502 Bad Gateway")));
    }

    @Test
    void theExcerptNeverHoldsBase64() {
        String base64 = Base64.getEncoder().encodeToString(Fixtures.random(300, 1));

        assertMalformed("[\"" + base64 + "\"]")
                .satisfies(e -> assertThat(((MalformedResponseException) e).bodyExcerpt())
                        .hasValueSatisfying(x -> assertThat(x).doesNotContain(base64.substring(0, 24))))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(base64.substring(0, 24)));
    }

    @Test
    void anEmptyBodyOrWhitespaceIsMalformed() {
        assertMalformed("").hasMessageContaining("the reply is empty");
        assertMalformed(" \n\t ").hasMessageContaining("the reply is empty");
    }

    @Test
    void aTopLevelThatIsNotAnObjectIsMalformed() {
        assertMalformed("[{\"candidates\":[]}]").hasMessageContaining("not a JSON object: it starts with '['");
        assertMalformed("\"text\"").hasMessageContaining("not a JSON object");
        assertMalformed("42").hasMessageContaining("not a JSON object");
        assertMalformed("null").hasMessageContaining("not a JSON object");
    }

    @Test
    void dataAfterTheObjectIsMalformed() {
        assertMalformed("{} {}").hasMessageContaining("unexpected '{' after the JSON object at byte 3");
        assertMalformed("{}x").hasMessageContaining("after the JSON object");
    }

    @Test
    void everyTruncationOfAReplyIsMalformed() {
        String full = ReplyDecoderStreamingTest.reply(Base64.getEncoder().encodeToString(Fixtures.random(100, 2)));
        for (int cut = 1; cut < full.length(); cut++) {
            String prefix = full.substring(0, cut);
            assertThatThrownBy(() -> decode(prefix)).as("cut at " + cut).isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("ends early (truncated JSON)");
        }
    }

    @Test
    void invalidBase64NamesTheCandidateAndPart() {
        assertMalformed(withData("AAA*AAAA")).hasMessage(
                "candidate 0, part 1: invalid base64 in inlineData.data: unexpected character '*' at character 3 of the value");
        assertMalformed(withData("AA==AAAA")).hasMessageContaining("candidate 0, part 1: invalid base64")
                .hasMessageContaining("data after the padding");
        assertMalformed(withData("AAAAA")).hasMessageContaining("a final group of one character");
        assertMalformed(withData("AA=")).hasMessageContaining("incomplete padding");
        assertMalformed(withData("=AAA")).hasMessageContaining("padding in the wrong place");
        assertMalformed(withData("AAAA\\tAAAA")).hasMessageContaining("unexpected character byte 0x09");
        assertMalformed(withData("AAAA\\\"AAAA")).hasMessageContaining("unexpected character '\"'");
        assertMalformed(withData("AAAAé")).hasMessageContaining("unexpected character byte 0xC3");
    }

    @Test
    void invalidBase64DeepInsideALargeValueIsFoundToo() {
        String good = Base64.getEncoder().encodeToString(Fixtures.random(300_000, 3));
        for (int at : new int[] {70_000, 131_072, 131_075, good.length() - 1}) {
            String bad = good.substring(0, at) + "!" + good.substring(at + 1);

            assertMalformed(withData(bad)).hasMessageContaining("candidate 0, part 1: invalid base64")
                    .hasMessageContaining("character '!' at character " + at + " of the value");
        }
    }

    @Test
    void dataAfterPaddingIsFoundWhereverTheBuffersEnd() {
        // Around 49 KB the padding falls on the end of the first whole buffer decoded by the JDK.
        for (int size = 48_950; size < 49_150; size++) {
            if (size % 3 == 0) {
                continue;
            }
            String padded = Base64.getEncoder().encodeToString(Fixtures.random(size, size));

            assertMalformed(withData(padded + "AAAA")).hasMessageContaining("candidate 0, part 1: invalid base64")
                    .hasMessageContaining("data after the padding");
        }
    }

    @Test
    void theSecondCandidateIsNamedToo() {
        assertMalformed("{\"candidates\":[{\"index\":0},{\"content\":{\"parts\":[{\"inlineData\":{\"data\":\"#\"}}]}}]}")
                .hasMessageStartingWith("candidate 1, part 0: invalid base64");
    }

    @Test
    void nestingDeeperThanTheLimitIsMalformedWithoutOverflowingTheStack() {
        assertThatCode(() -> decode("{\"x\":" + "[".repeat(63) + "]".repeat(63) + "}")).doesNotThrowAnyException();
        assertMalformed("{\"x\":" + "[".repeat(64) + "]".repeat(64) + "}").hasMessageContaining("nested deeper than 64 levels");
        assertMalformed("{\"x\":" + "{\"a\":".repeat(100_000)).hasMessageContaining("nested deeper than 64 levels");
        assertMalformed("{\"candidates\":" + "[".repeat(100_000)).hasMessageContaining("entry 0 of \"candidates\" is not an object");
    }

    @Test
    void invalidJsonSyntaxIsMalformed() {
        assertMalformed("{candidates:[]}").hasMessageContaining("expected a field name but found 'c' at byte 1");
        assertMalformed("{\"a\" 1}").hasMessageContaining("expected ':'");
        assertMalformed("{\"a\":1,}").hasMessageContaining("expected a field name");
        assertMalformed("{\"a\":[1,]}").hasMessageContaining("expected a value");
        assertMalformed("{\"a\":tru}").hasMessageContaining("invalid literal");
        assertMalformed("{\"a\":01}").hasMessageContaining("invalid number");
        assertMalformed("{\"a\":1 2}").hasMessageContaining("expected ',' or '}'");
        assertMalformed("{\"a\":1.}").hasMessageContaining("invalid number");
        assertMalformed("{\"a\":-}").hasMessageContaining("invalid number");
        assertMalformed("{\"a\":1e}").hasMessageContaining("invalid number");
        assertMalformed("{\"a\":" + "1".repeat(65) + "}").hasMessageContaining("a number longer than 64 characters");
        assertMalformed("{\"a\":\"x\ny\"}").hasMessageContaining("unescaped control character");
        assertMalformed("{\"a\":\"\\x\"}").hasMessageContaining("invalid escape");
        assertMalformed("{\"a\":\"\\u12G4\"}").hasMessageContaining("invalid \\u escape");
        assertMalformed("{\"a\":'x'}").hasMessageContaining("expected a value but found");
    }

    @Test
    void aFieldTwiceIsMalformedEvenInTwoSpellings() {
        assertMalformed("{\"candidates\":[],\"candidates\":[]}").hasMessageContaining("the field \"candidates\" appears twice");
        assertMalformed("{\"candidates\":[{\"content\":{\"parts\":[{\"inlineData\":{\"data\":\"AAAA\"},"
                + "\"inline_data\":{\"data\":\"AAAA\"}}]}}]}")
                .hasMessageContaining("candidate 0, part 0: the field \"inlineData\" appears twice");
    }

    @Test
    void knownFieldsOfTheWrongTypeAreMalformed() {
        assertMalformed("{\"candidates\":{}}").hasMessageContaining("\"candidates\" is not an array");
        assertMalformed("{\"candidates\":[1]}").hasMessageContaining("entry 0 of \"candidates\" is not an object");
        assertMalformed("{\"candidates\":[{\"content\":[]}]}").hasMessageContaining("candidate 0: \"content\" is not an object");
        assertMalformed("{\"candidates\":[{\"content\":{\"parts\":{}}}]}").hasMessageContaining("candidate 0: \"parts\" is not an array");
        assertMalformed("{\"candidates\":[{\"content\":{\"parts\":[null]}}]}")
                .hasMessageContaining("candidate 0: entry 0 of \"parts\" is not an object");
        assertMalformed("{\"candidates\":[{\"content\":{\"parts\":[{\"inlineData\":{\"data\":5}}]}}]}")
                .hasMessageContaining("candidate 0, part 0: inlineData.data is not a string");
        assertMalformed("{\"candidates\":[{\"content\":{\"parts\":[{\"thoughtSignature\":[]}]}}]}")
                .hasMessageContaining("candidate 0, part 0: thoughtSignature is not a string");
        assertMalformed("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":{}}]}}]}")
                .hasMessageContaining("does not have the shape of a GenerateContentResponse");
        assertMalformed("{\"usageMetadata\":{\"promptTokenCount\":1.5}}")
                .hasMessageContaining("promptTokenCount is not a whole number");
        assertMalformed("{\"usageMetadata\":{\"totalTokenCount\":1e300}}")
                .hasMessageContaining("totalTokenCount is not a whole number");
        assertMalformed("{\"candidates\":[{\"index\":1e10}]}").hasMessageContaining("candidate 0: index is not a whole number");
    }

    @Test
    void partsThatCannotBeAPartAreMalformed() {
        assertMalformed("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\",\"inlineData\":{\"mimeType\":\"image/png\","
                + "\"data\":\"AAAA\"}}]}}]}").hasMessageContaining("candidate 0, part 0: a part with both text and inlineData");
        assertMalformed("{\"candidates\":[{\"content\":{\"parts\":[{\"inlineData\":{\"mimeType\":\"image/png\"}}]}}]}")
                .hasMessageContaining("candidate 0, part 0: inlineData has no data");
        assertMalformed("{\"candidates\":[{\"content\":{\"parts\":[{\"inlineData\":{\"data\":\"AAAA\"}}]}}]}")
                .hasMessageContaining("candidate 0, part 0: inlineData has no mimeType");
    }

    @Test
    void tooManyPartsOrEntriesAreMalformed() {
        assertMalformed("{\"candidates\":[{\"content\":{\"parts\":[" + "{},".repeat(10_000) + "{}]}}]}")
                .hasMessageContaining("more than 10000 parts");
        assertMalformed("{\"candidates\":[" + "{},".repeat(1000) + "{}]}").hasMessageContaining("more than 1000 entries");
    }

    @Test
    void aDeclaredLengthAboveTheCapFailsWithoutReading() {
        InputStream untouchable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("read");
            }
        };

        assertThatThrownBy(() -> ReplyDecoder.decode(untouchable, OptionalLong.of(CAP + 1), CAP))
                .isInstanceOf(ResponseTooLargeException.class)
                .hasMessage("the reply declares " + (CAP + 1) + " bytes, more than the limit of " + CAP + " bytes");
    }

    @Test
    void aBodyLongerThanTheCapFailsWhileReadingWithOrWithoutADeclaredLength() {
        byte[] body = utf8(ReplyDecoderStreamingTest.reply(Base64.getEncoder().encodeToString(Fixtures.random(2000, 4))));
        for (OptionalLong declared : new OptionalLong[] {OptionalLong.empty(), OptionalLong.of(100)}) {
            Trickle in = Trickle.random(body, 4096, 1);

            assertThatThrownBy(() -> ReplyDecoder.decode(in, declared, 1000)).as("declared %s", declared)
                    .isInstanceOf(ResponseTooLargeException.class)
                    .hasMessage("the reply is larger than the limit of 1000 bytes");
            assertThat(in.consumed()).as("bytes read").isLessThanOrEqualTo(1001);
        }
    }

    @Test
    void aBodyOfExactlyTheCapIsRead() throws IOException {
        byte[] body = utf8(ReplyDecoderStreamingTest.reply("AAAA"));

        GenerationResult result = ReplyDecoder.decode(new ByteArrayInputStream(body), OptionalLong.empty(), body.length);

        assertThat(result.images()).hasSize(1);
    }

    @Test
    void aFailingStreamPropagatesItsIOException() {
        byte[] start = utf8("{\"candidates\":[{\"content\":{\"parts\":[{\"inlineData\":{\"data\":\"AAAAAAAA");
        InputStream failing = new InputStream() {
            private int pos;

            @Override
            public int read() throws IOException {
                if (pos < start.length) {
                    return start[pos++];
                }
                throw new IOException("connection reset");
            }
        };

        assertThatThrownBy(() -> ReplyDecoder.decode(failing, OptionalLong.empty(), CAP))
                .isExactlyInstanceOf(IOException.class).hasMessage("connection reset");
    }

    @Test
    void randomDamageNeverEscapesAsAnythingButTheDomainExceptions() {
        String good = "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"hi \\\"x\\\" \\u00e9\","
                + "\"thoughtSignature\":\"c2ln\"},{\"inline_data\":{\"mime_type\":\"image/png\",\"data\":\"iVBORw0KGgoAAAANSU\\/h\"},"
                + "\"thought\":true},{\"functionCall\":{\"args\":{\"k\":[1,-2.5e3,null,false]}}}]},\"finishReason\":\"STOP\","
                + "\"safetyRatings\":[{\"category\":\"C\",\"probability\":\"LOW\",\"blocked\":true}],\"index\":0}],"
                + "\"promptFeedback\":{\"blockReason\":\"OTHER\"},\"usageMetadata\":{\"promptTokenCount\":9,"
                + "\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":9}]},\"modelVersion\":\"m\"}";
        assertThatCode(() -> decode(good)).doesNotThrowAnyException();
        byte[] original = utf8(good);
        byte[] alphabet = utf8("{}[]\":,\\/ \nuAtfn0-+.eE=_é");
        Random random = new Random(20_240_601);
        for (int i = 0; i < 5_000; i++) {
            byte[] damaged = damage(original, alphabet, random);
            try {
                ReplyDecoder.decode(Trickle.random(damaged, 1 + random.nextInt(64), i), OptionalLong.empty(), CAP);
            } catch (MalformedResponseException | ResponseTooLargeException e) {
                assertThat(e.getMessage()).isNotBlank();
            } catch (Throwable t) {
                throw new AssertionError("input " + new String(damaged, java.nio.charset.StandardCharsets.UTF_8), t);
            }
        }
    }

    private static byte[] damage(byte[] original, byte[] alphabet, Random random) {
        byte[] out = original.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(3)) {
                case 0 -> out[at] = alphabet[random.nextInt(alphabet.length)];
                case 1 -> {
                    byte[] shorter = new byte[out.length - 1];
                    System.arraycopy(out, 0, shorter, 0, at);
                    System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
                    out = shorter;
                }
                default -> {
                    byte[] longer = new byte[out.length + 1];
                    System.arraycopy(out, 0, longer, 0, at);
                    longer[at] = alphabet[random.nextInt(alphabet.length)];
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    out = longer;
                }
            }
        }
        return out;
    }
}
