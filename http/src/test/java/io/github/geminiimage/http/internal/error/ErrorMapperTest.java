package io.github.geminiimage.http.internal.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.geminiimage.domain.error.AuthenticationException;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.NotFoundException;
import io.github.geminiimage.domain.error.PermissionDeniedException;
import io.github.geminiimage.domain.error.QuotaScope;
import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.domain.error.ServerErrorException;
import io.github.geminiimage.domain.error.TransportException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {

    private static final String KEY = "AIzaSyDUMMY-sentinel-KEY_0123456789abcdefg";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final Redactor redactor = new Redactor(KEY);

    private ErrorMapper.Mapped map(int status, String body, String... headers) {
        Map<String, String> h = new java.util.HashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(headers[i].toLowerCase(Locale.ROOT), headers[i + 1]);
        }
        return ErrorMapper.map(status, name -> Optional.ofNullable(h.get(name.toLowerCase(Locale.ROOT))),
                body.getBytes(StandardCharsets.UTF_8), redactor, 2, NOW);
    }

    private ImageGenerationException exception(int status, String body, String... headers) {
        return map(status, body, headers).exception();
    }

    @Test
    void googlesEnvelopeWithQuotaFailureAndRetryInfo() {
        ErrorMapper.Mapped m = map(429, "{\"error\":{\"code\":429,\"message\":\"You exceeded your current quota, please check "
                + "your plan.\",\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc."
                + "QuotaFailure\",\"violations\":[{\"quotaId\":\"GenerateRequestsPerMinutePerProjectPerModel-FreeTier\"}]},"
                + "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"34.4s\"}]}}");
        assertThat(m.exception()).isInstanceOfSatisfying(RateLimitedException.class, r -> {
            assertThat(r.retryDelay()).contains(Duration.ofMillis(34_400));
            assertThat(r.quotaScope()).isEqualTo(QuotaScope.PER_MINUTE);
            assertThat(r.getMessage()).isEqualTo("HTTP 429 RESOURCE_EXHAUSTED: You exceeded your current quota, please check "
                    + "your plan. (retry after 34.400s; per-minute quota)");
            assertThat(r.serverStatus()).contains("RESOURCE_EXHAUSTED");
            assertThat(r.attempts()).isEqualTo(2);
            assertThat(r.httpStatus()).hasValue(429);
        });
        assertThat(m.retryHint()).contains(Duration.ofMillis(34_400));
        assertThat(m.quotaScope()).isEqualTo(QuotaScope.PER_MINUTE);
    }

    @Test
    void aPerDayViolationMakesThePerDayScopeEvenBesideAPerMinuteOne() {
        ErrorMapper.Mapped m = map(429, "{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\",\"message\":\"q\",\"details\":"
                + "[{\"violations\":[{\"quotaId\":\"GenerateRequestsPerMinutePerProject\"},{\"quotaId\":\"GenerateRequestsPerDayPerProject\"}]}]}}");
        assertThat(m.quotaScope()).isEqualTo(QuotaScope.PER_DAY);
    }

    @Test
    void aProxyEnvelopeWhoseTypeCarriesTheStatus() {
        ImageGenerationException e = exception(401, "{\"error\":{\"message\":\"Invalid signature\",\"type\":\"401\"}}");
        assertThat(e).isInstanceOf(AuthenticationException.class).hasMessage("HTTP 401: Invalid signature");
        assertThat(e.serverMessage()).contains("Invalid signature");
        assertThat(e.serverStatus()).isEmpty();
    }

    @Test
    void aProxyTypeRefinesAPlain400() {
        assertThat(exception(400, "{\"error\":{\"message\":\"Invalid signature\",\"type\":\"401\"}}"))
                .isInstanceOf(AuthenticationException.class);
        assertThat(exception(400, "{\"error\":{\"message\":\"slow down\",\"type\":\"429\"}}"))
                .isInstanceOf(RateLimitedException.class);
    }

    @Test
    void newApiStyleWithAWordCode() {
        ImageGenerationException e = exception(400, "{\"error\":{\"message\":\"bad image (request id: 2026030112)\","
                + "\"type\":\"new_api_error\",\"param\":\"\",\"code\":\"invalid_request\"}}");
        assertThat(e).isInstanceOf(InvalidRequestException.class)
                .hasMessage("HTTP 400 invalid_request: bad image (request id: 2026030112)");
        assertThat(e.serverStatus()).contains("invalid_request");
    }

    @Test
    void newApiStyleWithANumericOrEmptyCode() {
        assertThat(exception(400, "{\"error\":{\"message\":\"m\",\"type\":\"new_api_error\",\"code\":400}}"))
                .isInstanceOf(InvalidRequestException.class).hasMessage("HTTP 400 new_api_error: m");
        assertThat(exception(400, "{\"error\":{\"message\":\"no quota\",\"type\":\"new_api_error\",\"code\":\"insufficient_quota\"}}"))
                .isInstanceOf(RateLimitedException.class);
        assertThat(exception(500, "{\"error\":{\"message\":\"upstream\",\"type\":\"new_api_error\",\"code\":\"\"}}"))
                .isInstanceOf(ServerErrorException.class).hasMessage("HTTP 500 new_api_error: upstream");
    }

    @Test
    void googleJsonWrappedAsAStringInsideTheMessage() {
        String inner = "{\n  \"error\": {\n    \"code\": 429,\n    \"message\": \"Resource has been exhausted (e.g. check quota).\","
                + "\n    \"status\": \"RESOURCE_EXHAUSTED\",\n    \"details\": [{\"@type\": \"type.googleapis.com/google.rpc.RetryInfo\","
                + " \"retryDelay\": \"57.238747106s\"}]\n  }\n}\n";
        String body = "{\"error\":{\"message\":" + jsonString(inner) + ",\"code\":429,\"status\":\"Too Many Requests\"}}";
        ErrorMapper.Mapped m = map(429, body);
        assertThat(m.exception()).isInstanceOf(RateLimitedException.class);
        assertThat(m.exception().serverStatus()).contains("RESOURCE_EXHAUSTED");
        assertThat(m.exception().serverMessage()).contains("Resource has been exhausted (e.g. check quota).");
        assertThat(m.retryHint()).contains(Duration.ofSeconds(57, 238_747_106));
    }

    @Test
    void aOneElementArrayIsUnwrapped() {
        ImageGenerationException e = exception(404, "[{\"error\":{\"code\":404,\"message\":\"models/x is not found\","
                + "\"status\":\"NOT_FOUND\"}}]");
        assertThat(e).isInstanceOf(NotFoundException.class).hasMessage("HTTP 404 NOT_FOUND: models/x is not found");
    }

    @Test
    void anthropicStyleEnvelopes() {
        assertThat(exception(429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Rate limited\"}}"))
                .isInstanceOf(RateLimitedException.class).hasMessage("HTTP 429 rate_limit_error: Rate limited");
        assertThat(exception(400, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"bad key\"}}"))
                .isInstanceOf(AuthenticationException.class);
        assertThat(exception(400, "{\"type\":\"error\",\"error\":{\"type\":\"permission_error\",\"message\":\"no\"}}"))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(exception(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))
                .isInstanceOf(ServerErrorException.class);
    }

    @Test
    void anErrorGivenAsAPlainString() {
        assertThat(exception(403, "{\"error\":\"Access denied for this token\"}"))
                .isInstanceOf(PermissionDeniedException.class).hasMessage("HTTP 403: Access denied for this token");
    }

    @Test
    void aTopLevelMessageWithoutAnErrorObject() {
        assertThat(exception(422, "{\"detail\":\"prompt too long\"}"))
                .isInstanceOf(InvalidRequestException.class).hasMessage("HTTP 422: prompt too long");
    }

    @Test
    void aKeyRefusedBy400MessageAloneIsAnAuthenticationFailure() {
        assertThat(exception(400, "{\"error\":{\"code\":400,\"message\":\"API key expired. Please renew the API key.\","
                + "\"status\":\"INVALID_ARGUMENT\"}}")).isInstanceOf(AuthenticationException.class);
        assertThat(exception(400, "{\"error\":{\"code\":400,\"message\":\"Unknown name \\\"foo\\\": Cannot find field.\","
                + "\"status\":\"INVALID_ARGUMENT\"}}")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void anHtmlPageIsMappedByStatusWithItsTitle() {
        ImageGenerationException e = exception(503, "<!DOCTYPE html><html><head><title>Service Temporarily Unavailable</title>"
                + "</head><body><h1>Service Temporarily Unavailable</h1></body></html>");
        assertThat(e).isInstanceOf(ServerErrorException.class)
                .hasMessage("HTTP 503 Service Unavailable: Service Temporarily Unavailable");
        assertThat(e.serverMessage()).isEmpty();
        assertThat(e.bodyExcerpt()).hasValueSatisfying(x -> assertThat(x).startsWith("<!DOCTYPE html>"));
    }

    @Test
    void aPlainTextBodyGivesItsFirstWords() {
        assertThat(exception(500, "upstream connect error or disconnect/reset before headers. reset reason: overflow"))
                .hasMessage("HTTP 500 Internal Server Error: upstream connect error or disconnect/reset before headers. "
                        + "reset reason: overflow");
    }

    @Test
    void anEmptyBodySaysSo() {
        ImageGenerationException e = exception(504, "");
        assertThat(e).isInstanceOf(ServerErrorException.class).hasMessage("HTTP 504 Gateway Timeout (empty body)");
        assertThat(e.bodyExcerpt()).isEmpty();
    }

    @Test
    void requestTimeoutIsAServerError() {
        assertThat(exception(408, "")).isInstanceOf(ServerErrorException.class);
    }

    @Test
    void paymentRequiredIsRateLimited() {
        assertThat(exception(402, "{\"error\":{\"code\":402,\"message\":\"Your prepayment credits are depleted.\","
                + "\"status\":\"RESOURCE_EXHAUSTED\"}}")).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void anUnusualStatusIsATransportFailure() {
        assertThat(exception(101, "")).isInstanceOf(TransportException.class).hasMessageContaining("unexpected HTTP status");
    }

    @Test
    void theHttpStatusWinsOverABodyThatContradictsIt() {
        assertThat(exception(503, "{\"error\":{\"code\":400,\"message\":\"m\",\"status\":\"INVALID_ARGUMENT\"}}"))
                .isInstanceOf(ServerErrorException.class);
    }

    @Test
    void retryAfterHeadersComeBeforeRetryInfo() {
        String body = "{\"error\":{\"code\":429,\"message\":\"m\",\"status\":\"RESOURCE_EXHAUSTED\",\"details\":"
                + "[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"34s\"}]}}";
        assertThat(map(429, body, "Retry-After", "3").retryHint()).contains(Duration.ofSeconds(3));
        assertThat(map(429, body, "Retry-After", "3", "Retry-After-Ms", "250").retryHint()).contains(Duration.ofMillis(250));
        assertThat(map(429, body, "Retry-After", "garbage").retryHint()).contains(Duration.ofSeconds(34));
        assertThat(map(429, body, "Retry-After", "Sun, 01 Mar 2026 12:00:05 GMT").retryHint()).contains(Duration.ofSeconds(5));
    }

    @Test
    void retryInfoInItsObjectForm() {
        assertThat(map(429, "{\"error\":{\"code\":429,\"message\":\"m\",\"details\":[{\"retryDelay\":{\"seconds\":\"2\","
                + "\"nanos\":500000000}}]}}").retryHint()).contains(Duration.ofMillis(2500));
    }

    @Test
    void theKeyAndPayloadsNeverReachTheMessageOrExcerpt() {
        String b64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
        ImageGenerationException e = exception(400, "{\"error\":{\"code\":400,\"message\":\"API key " + KEY
                + " is not valid for https://x/v1beta/models/m:generateContent?key=" + KEY + "\",\"status\":\"INVALID_ARGUMENT\","
                + "\"echo\":\"" + b64 + "\"}}");
        assertThat(e.getMessage()).doesNotContain(KEY).contains("[redacted]");
        assertThat(e.toString()).doesNotContain(KEY);
        assertThat(e.bodyExcerpt().orElseThrow()).doesNotContain(KEY).doesNotContain(b64).contains("[" + b64.length() + " chars]")
                .hasSizeLessThanOrEqualTo(Redactor.MAX_EXCERPT_CHARS);
        assertThat(e.serverMessage().orElseThrow()).doesNotContain(KEY);
    }

    @Test
    void aHostileDeeplyNestedBodyFallsBackToTheStatus() {
        String deep = "[".repeat(50_000) + "]".repeat(50_000);
        assertThat(exception(500, deep)).isInstanceOf(ServerErrorException.class);
        assertThat(exception(400, "{\"error\":{\"message\":" + "[".repeat(10_000))).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aBrokenOrWronglyTypedEnvelopeNeverThrows() {
        for (String body : new String[] {"{", "{\"error\":5}", "{\"error\":{\"message\":7,\"code\":{},\"details\":\"x\"}}",
            "[]", "[1]", "null", "{\"error\":{\"details\":[1,\"a\",{\"retryDelay\":\"-3s\"},{\"violations\":[7]}]}}",
            "{\"error\":{\"code\":1e400}}", "{\"error\":{\"message\":\"{\\\"error\\\":{\\\"message\\\":\\\"{\\\\\\\"error\\\\\\\":1}\\\"}}\"}}"}) {
            assertThat(exception(400, body)).as(body).isInstanceOf(InvalidRequestException.class);
        }
    }

    /** A page of 64 KiB (all the port reads) of '<' once took 19 s: the tag pattern rescanned the rest from every '<'. */
    @Test
    void a64KiBPageOfOpenAnglesIsMappedWithoutAHang() {
        String page = "<".repeat(ErrorMapper.MAX_ERROR_BODY_BYTES);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (int i = 0; i < 3; i++) {
                assertThat(exception(502, page)).isInstanceOf(ServerErrorException.class);
            }
        });
        assertThat(exception(502, "<p>Bad <b>gateway</b> <<i>now</i></p>").getMessage()).isEqualTo("HTTP 502 Bad Gateway: Bad gateway < now");
    }

    /** 64 KiB of unclosed titles once took 2.7 s: the lazy title pattern rescanned the rest from every one. */
    @Test
    void a64KiBPageOfUnclosedTitlesIsMappedWithoutAHang() {
        String page = "<title>".repeat(ErrorMapper.MAX_ERROR_BODY_BYTES / 7);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (int i = 0; i < 3; i++) {
                assertThat(exception(502, page)).isInstanceOf(ServerErrorException.class);
            }
        });
        assertThat(exception(502, "<TITLE lang=en>Down\n</Title><title>Other</title>").getMessage())
                .isEqualTo("HTTP 502 Bad Gateway: Down");
        assertThat(exception(502, "<title>a<title>b</title>").getMessage()).isEqualTo("HTTP 502 Bad Gateway: a<title>b");
        assertThat(exception(502, "<title>never closed").getMessage()).isEqualTo("HTTP 502 Bad Gateway: never closed");
    }

    /** A 64 KiB message repeating "api key" once took 5 s: the key-refused pattern rescanned the line from each. */
    @Test
    void a64KiBMessageRepeatingApiKeyIsMappedWithoutAHang() {
        String body = "{\"error\":{\"message\":\"" + "api key ".repeat(8000) + "\"}}";
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (int i = 0; i < 3; i++) {
                assertThat(exception(400, body)).isInstanceOf(InvalidRequestException.class);
            }
        });
        assertThat(exception(400, "{\"error\":{\"message\":\"" + "api key ".repeat(10) + "is invalid\"}}"))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aRedirectNamesOnlyTheTargetsOrigin() {
        assertThat(exception(307, "", "Location", "https://proxy.example:8443/v1beta/models/m?key=" + KEY))
                .isInstanceOf(TransportException.class).hasMessage("HTTP 307: redirect to https://proxy.example:8443 not followed "
                        + "(a redirect would carry the key); check the base URI");
    }

    /** Found by RedactionPropertyTest: the origin of the redirect target was shown as is. */
    @Test
    void aRedirectToAHostNamedAfterTheKeyDoesNotShowTheKey() {
        String hostKey = "AIzaSyDUMMYsentinelKEY0123456789abcdefg";
        ImageGenerationException e = ErrorMapper.map(302, name -> Optional.of("https://" + hostKey + ".example.com/v1beta"),
                new byte[0], new Redactor(hostKey), 1, NOW).exception();
        assertThat(e).isInstanceOf(TransportException.class);
        assertThat(e.getMessage()).doesNotContain(hostKey).contains("https://[redacted].example.com");
    }

    @Test
    void readsAtMost64KiBOfAnErrorBody() throws IOException {
        byte[] huge = new byte[1024 * 1024];
        Arrays.fill(huge, (byte) 'a');
        CountingStream in = new CountingStream(new ByteArrayInputStream(huge));
        byte[] read = ErrorMapper.readBounded(in, ErrorMapper.MAX_ERROR_BODY_BYTES);
        assertThat(read).hasSize(64 * 1024);
        assertThat(in.count).isEqualTo(64 * 1024);
    }

    @Test
    void anErrorBodyThatBreaksOffKeepsWhatArrived() {
        InputStream breaking = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ < 5) {
                    return 'x';
                }
                throw new IOException("Connection reset");
            }
        };
        assertThat(new String(ErrorMapper.readBounded(breaking, 100), StandardCharsets.US_ASCII)).isEqualTo("xxxxx");
    }

    private static String jsonString(String s) {
        return jakarta.json.Json.createValue(s).toString();
    }

    private static final class CountingStream extends java.io.FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(0, n);
            return n;
        }
    }
}
