package io.github.geminiimage.http;

import static io.github.geminiimage.http.Fixture.GOOGLE_503;
import static io.github.geminiimage.http.Fixture.SUCCESS_BODY;
import static io.github.geminiimage.http.Fixture.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.error.AuthenticationException;
import io.github.geminiimage.domain.error.GenerationTimeoutException;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.error.NotFoundException;
import io.github.geminiimage.domain.error.PermissionDeniedException;
import io.github.geminiimage.domain.error.QuotaScope;
import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.domain.error.ResponseTooLargeException;
import io.github.geminiimage.domain.error.ServerErrorException;
import io.github.geminiimage.domain.error.TransportException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryTest {

    private final Fixture fx = new Fixture();
    private final HttpImageGeneration port = fx.port();

    @AfterEach
    void everyResponseWasClosed() {
        port.close();
        assertThat(fx.transport.openResponses).as("responses left open").hasValue(0);
    }

    @Test
    void retriesA503ThenReturnsTheImage() {
        fx.transport.reply(503, GOOGLE_503).reply(200, SUCCESS_BODY);

        assertThat(port.generate(Fixture.request()).finalImage()).isPresent();

        assertThat(fx.transport.requestCount()).isEqualTo(2);
        assertThat(fx.sleeper.sleeps).containsExactly(Duration.ofMillis(750));
    }

    @Test
    void backoffGrowsByTheMultiplierWithEqualJitterUpToTheCap() {
        try (HttpImageGeneration p = fx.port(o -> o.retryPolicy(RetryPolicy.defaults().withMaxAttempts(6)
                .withBackoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5))))) {
            fx.transport.always(503, GOOGLE_503);
            assertThatThrownBy(() -> p.generate(Fixture.request())).isInstanceOf(ServerErrorException.class);
        }
        // bases 1, 2, 4, 5 (capped), 5; half fixed plus half of the fixed random 0.5
        assertThat(fx.sleeper.sleeps).containsExactly(seconds(0.75), seconds(1.5), seconds(3), seconds(3.75), seconds(3.75));
    }

    @Test
    void anAlways503CallMakesExactlyMaxAttemptsAndReportsTheLastReply() {
        fx.transport.always(503, GOOGLE_503);

        ImageGenerationException e = Fixture.failure(port);

        assertThat(e).isInstanceOf(ServerErrorException.class);
        assertThat(fx.transport.requestCount()).isEqualTo(3);
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(e.httpStatus()).hasValue(503);
        assertThat(e.serverStatus()).contains("UNAVAILABLE");
        assertThat(e.getMessage()).isEqualTo("HTTP 503 UNAVAILABLE: The model is overloaded. Please try again later.");
        assertThat(e.bodyExcerpt()).hasValueSatisfying(x -> assertThat(x).contains("overloaded").hasSizeLessThanOrEqualTo(300));
        assertThat(fx.sleeper.sleeps).hasSize(2);
    }

    @Test
    void zeroRetriesMeansOneAttempt() {
        try (HttpImageGeneration p = fx.port(o -> o.retryPolicy(RetryPolicy.noRetries()))) {
            fx.transport.always(503, GOOGLE_503);
            assertThatThrownBy(() -> p.generate(Fixture.request())).isInstanceOfSatisfying(ServerErrorException.class,
                    e -> assertThat(e.attempts()).isEqualTo(1));
        }
        assertThat(fx.transport.requestCount()).isEqualTo(1);
        assertThat(fx.sleeper.sleeps).isEmpty();
    }

    @Test
    void honoursRetryAfterSeconds() {
        fx.transport.reply(429, "{}", "Retry-After", "2").reply(200, SUCCESS_BODY);
        port.generate(Fixture.request());
        assertThat(fx.sleeper.sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void honoursRetryAfterAsAnHttpDate() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Fixture.START.plusSeconds(7).atOffset(ZoneOffset.UTC));
        fx.transport.reply(429, "{}", "Retry-After", date).reply(200, SUCCESS_BODY);
        port.generate(Fixture.request());
        assertThat(fx.sleeper.sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterMsTakesPrecedenceOverRetryAfter() {
        fx.transport.reply(429, "{}", "retry-after-ms", "1234", "Retry-After", "9").reply(200, SUCCESS_BODY);
        port.generate(Fixture.request());
        assertThat(fx.sleeper.sleeps).containsExactly(Duration.ofMillis(1234));
    }

    @Test
    void anUnparseableRetryAfterFallsBackToTheBackoff() {
        fx.transport.reply(429, "{}", "Retry-After", "soon, maybe").reply(200, SUCCESS_BODY);
        port.generate(Fixture.request());
        assertThat(fx.sleeper.sleeps).containsExactly(Duration.ofMillis(750));
    }

    @Test
    void honoursGooglesRetryInfoInTheBody() {
        Fixture.Vector v = Fixture.vector("11_error_429_RESOURCE_EXHAUSTED_RetryInfo.json");
        fx.transport.reply(v.status(), v.body()).reply(200, SUCCESS_BODY);
        port.generate(Fixture.request());
        assertThat(fx.sleeper.sleeps).containsExactly(Duration.ofMillis(34_400));
    }

    @Test
    void aPerDayQuotaIsNotRetried() {
        fx.transport.reply(429, "{\"error\":{\"code\":429,\"message\":\"Quota exceeded\",\"status\":\"RESOURCE_EXHAUSTED\","
                + "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.QuotaFailure\",\"violations\":[{\"quotaId\":"
                + "\"GenerateRequestsPerDayPerProjectPerModel-FreeTier\"}]},{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
                + "\"retryDelay\":\"20s\"}]}}");

        ImageGenerationException e = Fixture.failure(port);

        assertThat(e).isInstanceOfSatisfying(RateLimitedException.class, r -> {
            assertThat(r.quotaScope()).isEqualTo(QuotaScope.PER_DAY);
            assertThat(r.retryDelay()).contains(Duration.ofSeconds(20));
            assertThat(r.isRetryable()).isFalse();
        });
        assertThat(fx.transport.requestCount()).isEqualTo(1);
        assertThat(fx.sleeper.sleeps).isEmpty();
    }

    @Test
    void failsAtOnceWhenTheServersDelayWouldPassTheDeadline() {
        try (HttpImageGeneration p = fx.port(o -> o.overallDeadline(Duration.ofSeconds(20)))) {
            fx.transport.reply(429, "{\"error\":{\"code\":429,\"message\":\"slow down\",\"status\":\"RESOURCE_EXHAUSTED\"}}",
                    "Retry-After", "30");
            assertThatThrownBy(() -> p.generate(Fixture.request())).isInstanceOfSatisfying(RateLimitedException.class, r -> {
                assertThat(r.retryDelay()).contains(Duration.ofSeconds(30));
                assertThat(r.attempts()).isEqualTo(1);
                assertThat(r.getMessage()).contains("retry after 30s");
            });
        }
        assertThat(fx.transport.requestCount()).isEqualTo(1);
        assertThat(fx.sleeper.sleeps).isEmpty();
    }

    @Test
    void failsAtOnceWhenTheServerAsksForMoreThanMaxServerDelay() {
        fx.transport.reply(429, "{}", "Retry-After", "86400");
        ImageGenerationException e = Fixture.failure(port);
        assertThat(e).isInstanceOfSatisfying(RateLimitedException.class,
                r -> assertThat(r.retryDelay()).contains(Duration.ofDays(1)));
        assertThat(fx.transport.requestCount()).isEqualTo(1);
    }

    @Test
    void stopsWhenTheNextBackoffWouldReachTheDeadline() {
        try (HttpImageGeneration p = fx.port(o -> o.overallDeadline(Duration.ofSeconds(2))
                .retryPolicy(RetryPolicy.defaults().withMaxAttempts(10)))) {
            fx.transport.always(503, GOOGLE_503);
            assertThatThrownBy(() -> p.generate(Fixture.request())).isInstanceOfSatisfying(ServerErrorException.class,
                    e -> assertThat(e.attempts()).isEqualTo(2));
        }
        // 0.75 s, then 1.5 s would end at 2.25 s > 2 s: give up with the last 503
        assertThat(fx.sleeper.sleeps).containsExactly(Duration.ofMillis(750));
    }

    @ParameterizedTest
    @CsvSource({
        "400, INVALID_ARGUMENT, io.github.geminiimage.domain.error.InvalidRequestException",
        "401, UNAUTHENTICATED, io.github.geminiimage.domain.error.AuthenticationException",
        "403, PERMISSION_DENIED, io.github.geminiimage.domain.error.PermissionDeniedException",
        "404, NOT_FOUND, io.github.geminiimage.domain.error.NotFoundException",
        "409, ABORTED, io.github.geminiimage.domain.error.InvalidRequestException",
        "501, UNIMPLEMENTED, io.github.geminiimage.domain.error.ServerErrorException"})
    void clientErrorsAreNotRetried(int status, String word, String type) throws Exception {
        fx.transport.reply(status, "{\"error\":{\"code\":" + status + ",\"message\":\"no\",\"status\":\"" + word + "\"}}");
        ImageGenerationException e = Fixture.failure(port);
        assertThat(e).isInstanceOf(Class.forName(type));
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.serverStatus()).contains(word);
        assertThat(fx.transport.requestCount()).isEqualTo(1);
    }

    @Test
    void anInvalidApiKeyIsAnAuthenticationFailureNotABadRequest() {
        fx.transport.reply(400, "{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\","
                + "\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\","
                + "\"reason\":\"API_KEY_INVALID\",\"domain\":\"googleapis.com\"}]}}");
        ImageGenerationException e = Fixture.failure(port);
        assertThat(e).isInstanceOf(AuthenticationException.class);
        assertThat(e.getMessage()).contains("API key not valid").contains("API_KEY_INVALID");
        assertThat(fx.transport.requestCount()).isEqualTo(1);
    }

    @Test
    void aMissingThoughtSignatureIsAnInvalidRequestWithTheServersMessage() {
        Fixture.Vector v = Fixture.vector("12_error_400_image-part-missing-thought-signature.json");
        fx.transport.reply(v.status(), v.body());
        ImageGenerationException e = Fixture.failure(port);
        assertThat(e).isInstanceOf(InvalidRequestException.class);
        assertThat(e.serverMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("Image part is missing a thought_signature"));
        assertThat(e.serverStatus()).contains("INVALID_ARGUMENT");
    }

    @Test
    void theSeedProxysInvalidSignatureIsAnAuthenticationFailure() {
        Fixture.Vector v = Fixture.vector("15_proxy_error_invalid-signature.json");
        fx.transport.reply(v.status(), v.body());
        ImageGenerationException e = Fixture.failure(port);
        assertThat(e).isInstanceOf(AuthenticationException.class);
        assertThat(e.getMessage()).isEqualTo("HTTP 401: Invalid signature");
        assertThat(fx.transport.requestCount()).isEqualTo(1);
    }

    @Test
    void anHtmlPageFromALoadBalancerIsRetriedAndReportedByStatus() {
        String html = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1>"
                + "</center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>";
        fx.transport.always(502, html, "Content-Type", "text/html");
        ImageGenerationException e = Fixture.failure(port);
        assertThat(e).isInstanceOf(ServerErrorException.class);
        assertThat(e.getMessage()).isEqualTo("HTTP 502: 502 Bad Gateway");
        assertThat(e.bodyExcerpt()).hasValueSatisfying(x -> assertThat(x).startsWith("<html> <head><title>502 Bad Gateway"));
        assertThat(fx.transport.requestCount()).isEqualTo(3);
    }

    @Test
    void aConnectionResetIsRetriedThenSucceeds() {
        fx.transport.fail(new SocketException("Connection reset")).reply(200, SUCCESS_BODY);
        assertThat(port.generate(Fixture.request()).finalImage()).isPresent();
        assertThat(fx.transport.requestCount()).isEqualTo(2);
    }

    @Test
    void connectionFailuresWrappedInPlainIoExceptionsAreRetried() {
        fx.transport.fail(new IOException("HTTP/1.1 header parser received no bytes"))
                .fail(new IOException("wrapped", new ConnectException("Connection refused")))
                .fail(new EOFException("EOF reached while reading"))
                .reply(200, SUCCESS_BODY);
        try (HttpImageGeneration p = fx.port(o -> o.retryPolicy(Fixture.policy(4)))) {
            p.generate(Fixture.request());
        }
        assertThat(fx.transport.requestCount()).isEqualTo(4);
    }

    @Test
    void connectionFailuresAfterEveryRetryEndInATransportException() {
        fx.transport.fail(new SocketException("Connection reset")).fail(new SocketException("Connection reset"))
                .fail(new SocketException("Connection reset"));
        ImageGenerationException e = Fixture.failure(port);
        assertThat(e).isInstanceOf(TransportException.class);
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(e.httpStatus()).isEmpty();
        assertThat(e.getMessage()).isEqualTo("the exchange failed: SocketException: Connection reset");
        assertThat(e.getCause()).isInstanceOf(SocketException.class);
    }

    @Test
    void aBreakWhileReadingTheReplyBodyIsRetried() {
        fx.transport.replyThenBreak(200, "{\"candidates\":[", new SocketException("Connection reset"))
                .reply(200, SUCCESS_BODY);
        assertThat(port.generate(Fixture.request()).finalImage()).isPresent();
        assertThat(fx.transport.requestCount()).isEqualTo(2);
    }

    @Test
    void anUnknownHostIsNotRetried() {
        fx.transport.fail(new UnknownHostException("generativelanguage.googleapis.invalid"));
        ImageGenerationException e = Fixture.failure(port);
        assertThat(e).isInstanceOf(TransportException.class);
        assertThat(e.getMessage()).startsWith("unknown host");
        assertThat(fx.transport.requestCount()).isEqualTo(1);
    }

    @Test
    void aTlsHandshakeFailureIsNotRetried() {
        fx.transport.fail(new IOException("handshake", new SSLHandshakeException("PKIX path building failed")));
        assertThat(Fixture.failure(port)).isInstanceOf(TransportException.class).hasMessageStartingWith("TLS handshake failed");
        assertThat(fx.transport.requestCount()).isEqualTo(1);
    }

    @Test
    void anInactivityTimeoutIsRetriedWhileTheDeadlineAllows() {
        fx.transport.fail(new SocketTimeoutException("Read timed out")).reply(200, SUCCESS_BODY);
        port.generate(Fixture.request());
        assertThat(fx.transport.requestCount()).isEqualTo(2);
    }

    @Test
    void repeatedTimeoutsEndInAGenerationTimeout() {
        fx.transport.fail(new SocketTimeoutException("Read timed out")).fail(new SocketTimeoutException("Read timed out"))
                .fail(new SocketTimeoutException("Read timed out"));
        ImageGenerationException e = Fixture.failure(port);
        assertThat(e).isInstanceOf(GenerationTimeoutException.class);
        assertThat(e.attempts()).isEqualTo(3);
    }

    @Test
    void aTimeoutAtTheDeadlineIsNotRetried() {
        // The transport gives up exactly at the deadline, as the SPI requires.
        try (HttpImageGeneration p = fx.port(o -> o.overallDeadline(Duration.ofMinutes(1)))) {
            fx.transport.onExchange = request -> fx.clock.set(request.deadline());
            fx.transport.fail(new SocketTimeoutException("deadline"));
            assertThatThrownBy(() -> p.generate(Fixture.request()))
                    .isInstanceOfSatisfying(GenerationTimeoutException.class, e -> {
                        assertThat(e.getMessage()).contains("overall deadline of PT1M");
                        assertThat(e.attempts()).isEqualTo(1);
                    });
        }
        assertThat(fx.transport.requestCount()).isEqualTo(1);
    }

    @Test
    void aMalformedReplyIsNotRetriedAndCountsItsAttempt() {
        fx.transport.reply(503, GOOGLE_503).reply(200, "<html>not json</html>");
        ImageGenerationException e = Fixture.failure(port);
        assertThat(e).isInstanceOf(MalformedResponseException.class);
        assertThat(e.attempts()).isEqualTo(2);
        assertThat(fx.transport.requestCount()).isEqualTo(2);
    }

    @Test
    void aReplyDeclaredLargerThanTheCapIsRefusedWithoutRetry() {
        try (HttpImageGeneration p = fx.port(o -> o.maxResponseBytes(2048))) {
            fx.transport.reply(200, SUCCESS_BODY, "Content-Length", "999999");
            assertThatThrownBy(() -> p.generate(Fixture.request())).isInstanceOf(ResponseTooLargeException.class);
        }
        assertThat(fx.transport.requestCount()).isEqualTo(1);
    }

    @Test
    void aRedirectIsNotFollowedAndNamesOnlyTheTargetHost() {
        fx.transport.reply(302, "", "Location", "https://evil.example:8443/steal?key=abc");
        ImageGenerationException e = Fixture.failure(port);
        assertThat(e).isInstanceOf(TransportException.class);
        assertThat(e.getMessage()).contains("redirect to https://evil.example:8443 not followed").doesNotContain("steal");
        assertThat(fx.transport.requestCount()).isEqualTo(1);
    }

    @Test
    void aRetiredModelsNotFoundNamesItsReplacement() {
        fx.transport.reply(404, "{\"error\":{\"code\":404,\"message\":\"models/gemini-2.5-flash-image-preview is not found\","
                + "\"status\":\"NOT_FOUND\"}}");
        assertThatThrownBy(() -> port.generate(io.github.geminiimage.domain.GenerationRequest.builder()
                .model("gemini-2.5-flash-image-preview").prompt("x").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageEndingWith("(model gemini-2.5-flash-image-preview is retired; use gemini-2.5-flash-image)");
    }

    @Test
    void anInterruptDuringTheWaitAbortsAndKeepsTheFlag() {
        fx.transport.reply(503, GOOGLE_503);
        fx.sleeper.interruptNext = true;
        try {
            ImageGenerationException e = Fixture.failure(port);
            assertThat(e).isInstanceOf(TransportException.class).hasMessage("the call was interrupted");
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(fx.transport.requestCount()).isEqualTo(1);
    }

    @Test
    void anInterruptDuringTheExchangeAbortsWithoutRetryAndKeepsTheFlag() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        fx.transport.blockUntilInterrupted(entered);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                port.generate(Fixture.request());
            } catch (Throwable t) {
                thrown.set(t);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.setDaemon(true); // a call that ignores the interrupt must not keep the test JVM alive
        caller.start();
        assertThat(entered.await(10, TimeUnit.SECONDS)).as("the exchange began").isTrue();
        caller.interrupt();
        caller.join(10_000);
        assertThat(caller.isAlive()).as("the interrupted call returned").isFalse();
        assertThat(thrown.get()).isInstanceOf(TransportException.class).hasMessage("the call was interrupted");
        assertThat(flag.get()).isTrue();
        assertThat(fx.transport.requestCount()).isEqualTo(1);
    }

    @Test
    void anAlreadyInterruptedThreadSendsNothing() {
        Thread.currentThread().interrupt();
        try {
            assertThat(Fixture.failure(port)).isInstanceOf(TransportException.class).hasMessage("the call was interrupted");
        } finally {
            Thread.interrupted();
        }
        assertThat(fx.transport.requestCount()).isZero();
    }

    @Test
    void permissionDeniedIsNotRetried() {
        fx.transport.reply(403, "{\"error\":{\"code\":403,\"message\":\"Method doesn't allow unregistered callers\","
                + "\"status\":\"PERMISSION_DENIED\"}}");
        assertThat(Fixture.failure(port)).isInstanceOf(PermissionDeniedException.class);
    }
}
