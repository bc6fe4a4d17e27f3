package io.github.geminiimage.http.internal.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {

    private static final String KEY = "my-secret-key-123";
    private final Redactor redactor = new Redactor(KEY);

    @Test
    void replacesTheKeyAndItsUrlEncodedForm() {
        Redactor odd = new Redactor("a+b/c");
        assertThat(odd.redact("x a+b/c y a%2Bb%2Fc z")).isEqualTo("x [redacted] y [redacted] z");
        assertThat(redactor.redact("key is my-secret-key-123!")).isEqualTo("key is [redacted]!");
    }

    @Test
    void replacesThingsShapedLikeKeysEvenWhenTheyAreNotOurs() {
        assertThat(redactor.redact("GET /v1beta/models/m?key=AbCdEf&alt=sse")).isEqualTo("GET /v1beta/models/m?key=[redacted]&alt=sse");
        assertThat(redactor.redact("Authorization: Bearer sk-abcdefghijklmnop")).isEqualTo("Authorization: Bearer [redacted]");
        assertThat(redactor.redact("token Bearer abc.def.ghi here")).isEqualTo("token Bearer [redacted] here");
        assertThat(redactor.redact("x-goog-api-key: zzz")).isEqualTo("x-goog-api-key: [redacted]");
        assertThat(redactor.redact("{\"apiKey\":\"zzz\"}")).isEqualTo("{\"apiKey\":\"[redacted]\"}");
        assertThat(redactor.redact("use AIzaSyA-1234567890abcdefghijklmnopqrstu now")).isEqualTo("use [redacted] now");
        assertThat(redactor.redact("sk-proj-abcdefghijk")).isEqualTo("[redacted]");
    }

    @Test
    void shortensLongBase64RunsButKeepsLongPlainWords() {
        String b64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
        assertThat(redactor.redact("data " + b64 + " end")).isEqualTo("data [" + b64.length() + " chars] end");
        String quotaId = "GenerateRequestsPerMinutePerProjectPerModel-FreeTier";
        assertThat(redactor.redact(quotaId)).isEqualTo(quotaId);
    }

    @Test
    void anExcerptIsOneShortLine() {
        String text = "line one\r\n\tline two " + "word ".repeat(200);
        String excerpt = redactor.excerpt(text);
        assertThat(excerpt).startsWith("line one line two word").hasSize(Redactor.MAX_EXCERPT_CHARS).endsWith("...")
                .doesNotContain("\n");
    }

    @Test
    void toleratesNullAndEmptyInput() {
        assertThat(redactor.redact(null)).isEmpty();
        assertThat(new Redactor("").redact("abc")).isEqualTo("abc");
        assertThat(redactor.revealsSecret(null)).isFalse();
        assertThat(redactor.revealsSecret("x my-secret-key-123")).isTrue();
    }
}
