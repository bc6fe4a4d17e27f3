package io.github.geminiimage.http;

import static io.github.geminiimage.http.Fixture.SENTINEL_KEY;
import static io.github.geminiimage.http.Fixture.SUCCESS_BODY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.error.InvalidRequestException;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RequestBuildingTest {

    private final Fixture fx = new Fixture();

    private FakeTransport.Recorded sendOnce(AuthScheme scheme) {
        fx.transport.reply(200, SUCCESS_BODY);
        try (HttpImageGeneration port = fx.port(o -> o.authScheme(scheme).addHeader("X-Trace", "t-1"))) {
            port.generate(Fixture.request());
        }
        return fx.transport.lastRequest();
    }

    @Test
    void theGoogleKeyHeaderSchemeSendsExactlyTheseHeaders() {
        FakeTransport.Recorded sent = sendOnce(AuthScheme.GOOGLE_API_KEY_HEADER);
        assertThat(sent.request().headers()).containsExactly(
                Map.entry("Content-Type", "application/json"),
                Map.entry("Accept", "application/json"),
                Map.entry("User-Agent", HttpOptions.defaults().userAgent()),
                Map.entry("x-goog-api-key", SENTINEL_KEY),
                Map.entry("X-Trace", "t-1"));
        assertThat(sent.request().uri())
                .isEqualTo(URI.create("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash-image:generateContent"));
        assertThat(sent.request().method()).isEqualTo("POST");
    }

    @Test
    void theBearerSchemeSendsTheKeyAsABearerToken() {
        FakeTransport.Recorded sent = sendOnce(AuthScheme.BEARER);
        assertThat(sent.request().headers()).contains(Map.entry("Authorization", "Bearer " + SENTINEL_KEY))
                .noneMatch(h -> h.getKey().equalsIgnoreCase("x-goog-api-key"));
    }

    @Test
    void theRawSchemeSendsTheKeyAloneInAuthorization() {
        FakeTransport.Recorded sent = sendOnce(AuthScheme.RAW_AUTHORIZATION);
        assertThat(sent.request().headers()).contains(Map.entry("Authorization", SENTINEL_KEY));
    }

    @Test
    void theQuerySchemePutsTheUrlEncodedKeyOnTheUriAndInNoHeader() {
        String key = "k+y/with=odd&chars";
        fx.transport.reply(200, SUCCESS_BODY);
        HttpOptions options = HttpOptions.builder().authScheme(AuthScheme.QUERY_PARAMETER).build();
        try (HttpImageGeneration port = HttpGeminiClient.builder(fx.transport, ApiKey.of(key)).options(options)
                .clock(fx.clock).sleeper(fx.sleeper).executor(fx.scheduler).build().imagesOnly()) {
            port.generate(Fixture.request());
        }
        HttpRequest sent = fx.transport.lastRequest().request();
        assertThat(sent.uri().getRawQuery()).isEqualTo("key=k%2By%2Fwith%3Dodd%26chars");
        assertThat(sent.uri().getRawPath()).endsWith("/models/gemini-2.5-flash-image:generateContent");
        assertThat(sent.headers()).noneMatch(h -> h.getValue().contains("k+y"));
        assertThat(sent.toString()).doesNotContain("key=").doesNotContain("k%2By");
    }

    @ParameterizedTest
    @EnumSource(AuthScheme.class)
    void theKeyAppearsInExactlyOnePlaceAndNeverInToString(AuthScheme scheme) {
        HttpRequest sent = sendOnce(scheme).request();
        long inHeaders = sent.headers().stream().filter(h -> h.getValue().contains(SENTINEL_KEY)).count();
        long inUri = String.valueOf(sent.uri().getQuery()).contains(SENTINEL_KEY) ? 1 : 0;
        assertThat(inHeaders + inUri).isEqualTo(1);
        assertThat(sent.toString()).doesNotContain(SENTINEL_KEY);
        assertThat(new String(fx.transport.lastRequest().body())).doesNotContain(SENTINEL_KEY);
    }

    @Test
    void theDeadlineIsTheStartPlusTheOverallDeadline() {
        fx.transport.reply(200, SUCCESS_BODY);
        try (HttpImageGeneration port = fx.port(o -> o.overallDeadline(java.time.Duration.ofSeconds(90)))) {
            port.generate(Fixture.request());
        }
        assertThat(fx.transport.lastRequest().request().deadline()).isEqualTo(Fixture.START.plusSeconds(90));
    }

    @Test
    void anAbsurdlyLongDeadlineIsCappedInsteadOfOverflowing() {
        fx.transport.reply(200, SUCCESS_BODY).reply(200, SUCCESS_BODY);
        try (HttpImageGeneration port = fx.port(o -> o.overallDeadline(java.time.Duration.ofSeconds(Long.MAX_VALUE)))) {
            port.generate(Fixture.request());
            assertThat(port.generateAsync(Fixture.request()).join().finalImage()).isPresent();
        }
        assertThat(fx.transport.lastRequest().request().deadline()).isEqualTo(Fixture.START.plus(java.time.Duration.ofDays(36_500)));
    }

    @Test
    void aProxyBaseUriAndApiVersionShapeTheUri() {
        fx.transport.reply(200, SUCCESS_BODY);
        try (HttpImageGeneration port = fx.port(o -> o.baseUri(URI.create("http://127.0.0.1:8080/proxy/")).apiVersion("v1"))) {
            port.generate(GenerationRequest.builder().model("gemini-3-pro-image").prompt("x").build());
        }
        assertThat(fx.transport.lastRequest().request().uri())
                .isEqualTo(URI.create("http://127.0.0.1:8080/proxy/v1/models/gemini-3-pro-image:generateContent"));
    }

    @Test
    void theBodySentIsTheEncodedRequestWithItsExactLength() {
        fx.transport.reply(200, SUCCESS_BODY);
        try (HttpImageGeneration port = fx.port()) {
            port.generate(Fixture.request());
        }
        FakeTransport.Recorded sent = fx.transport.lastRequest();
        assertThat(sent.body()).hasSize((int) sent.request().body().orElseThrow().contentLength());
        assertThat(sent.bodyText()).contains("\"text\":\"A red apple on a table\"").contains("\"contents\"");
    }

    @Test
    void aBodyLargerThanTheLimitIsRefusedBeforeAnyIo() {
        byte[] png = Base64.getDecoder().decode(Fixture.ONE_PIXEL_PNG);
        byte[] big = java.util.Arrays.copyOf(png, 4000);
        GenerationRequest request = GenerationRequest.builder().prompt("edit").addImage(ImageInput.ofBytes(big)).build();
        try (HttpImageGeneration port = fx.port(o -> o.maxRequestBytes(2048))) {
            assertThatThrownBy(() -> port.generate(request))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.field()).contains("request");
                        assertThat(e.attempts()).isZero();
                        assertThat(e.getMessage()).contains("bytes").contains("at most 2048 bytes");
                    });
            assertThat(port.generateAsync(request)).isCompletedExceptionally();
        }
        assertThat(fx.transport.requestCount()).isZero();
        assertThat(fx.observer.events).containsExactly("completed after 0 with 0 InvalidRequestException",
                "completed after 0 with 0 InvalidRequestException");
    }

    @Test
    void theResultIsDecodedFromA200() {
        fx.transport.reply(200, SUCCESS_BODY, "Content-Length", String.valueOf(SUCCESS_BODY.length()));
        try (HttpImageGeneration port = fx.port()) {
            var result = port.generate(Fixture.request());
            assertThat(result.requireImage().mimeType()).isEqualTo("image/png");
            assertThat(result.usage().totalTokens()).isEqualTo(1297);
        }
        assertThat(fx.transport.openResponses).hasValue(0);
        assertThat(List.of(fx.transport.requestCount())).containsExactly(1);
    }
}
