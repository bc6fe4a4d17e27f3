package io.github.geminiimage.domain.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExceptionsTest {

    private static final ErrorDetails DETAILS = new ErrorDetails(429, Optional.of("RESOURCE_EXHAUSTED"),
            Optional.of("Quota exceeded"), 3, Optional.of("{\"error\":...}"));

    @Test
    void carriesStatusWordMessageAttemptsAndExcerpt() {
        RateLimitedException e = new RateLimitedException("rate limited", DETAILS, Optional.of(Duration.ofMillis(34400)),
                QuotaScope.PER_MINUTE);
        assertThat(e.httpStatus()).hasValue(429);
        assertThat(e.serverStatus()).contains("RESOURCE_EXHAUSTED");
        assertThat(e.serverMessage()).contains("Quota exceeded");
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(e.bodyExcerpt()).isPresent();
        assertThat(e.retryDelay()).contains(Duration.ofMillis(34400));
        assertThat(e.isRetryable()).isTrue();
    }

    @Test
    void aPerDayQuotaIsNotRetryable() {
        assertThat(new RateLimitedException("x", DETAILS, Optional.empty(), QuotaScope.PER_DAY).isRetryable()).isFalse();
    }

    @Test
    void aTransportFailureThatWouldRepeatIsNotRetryable() {
        assertThat(new TransportException("unknown host", ErrorDetails.ofAttempts(1), null, false).isRetryable()).isFalse();
        assertThat(new TransportException("connection reset", ErrorDetails.ofAttempts(1), null, true).isRetryable()).isTrue();
    }

    @Test
    void retryabilityFollowsWhatTheCallerCanDo() {
        assertThat(new ServerErrorException("x", DETAILS).isRetryable()).isTrue();
        assertThat(new TransportException("x", ErrorDetails.ofAttempts(2)).isRetryable()).isTrue();
        assertThat(new GenerationTimeoutException("x", ErrorDetails.ofAttempts(1)).isRetryable()).isTrue();
        assertThat(new AuthenticationException("x", DETAILS).isRetryable()).isFalse();
        assertThat(new PermissionDeniedException("x", DETAILS).isRetryable()).isFalse();
        assertThat(new NotFoundException("x", DETAILS).isRetryable()).isFalse();
        assertThat(new MalformedResponseException("x", DETAILS).isRetryable()).isFalse();
        assertThat(new ResponseTooLargeException("x", DETAILS).isRetryable()).isFalse();
        assertThat(new InvalidRequestException("f", "v", "l").isRetryable()).isFalse();
    }

    @Test
    void aRequestRefusedBeforeSendingHasNoStatusAndNoAttempts() {
        InvalidRequestException e = new InvalidRequestException("topK", "0", "at least 1");
        assertThat(e.httpStatus()).isEmpty();
        assertThat(e.attempts()).isZero();
        assertThat(e.field()).contains("topK");
        assertThat(e).hasMessage("topK: \"0\" is not allowed; expected at least 1");
    }

    @Test
    void aRequestRefusedByTheServerCarriesItsMessage() {
        InvalidRequestException e = new InvalidRequestException("Image part is missing a thought_signature",
                new ErrorDetails(400, Optional.of("INVALID_ARGUMENT"), Optional.of("Image part is missing a thought_signature"), 1, Optional.empty()));
        assertThat(e.field()).isEmpty();
        assertThat(e.httpStatus()).hasValue(400);
    }

    @Test
    void theFamilyIsSealedToElevenFinalKinds() {
        Class<?>[] kinds = ImageGenerationException.class.getPermittedSubclasses();
        assertThat(kinds).containsExactlyInAnyOrder(InvalidRequestException.class, AuthenticationException.class,
                PermissionDeniedException.class, NotFoundException.class, RateLimitedException.class,
                ServerErrorException.class, GenerationTimeoutException.class, TransportException.class,
                MalformedResponseException.class, ResponseTooLargeException.class, NoImageException.class);
        for (Class<?> kind : kinds) {
            assertThat(java.lang.reflect.Modifier.isFinal(kind.getModifiers())).as(kind.getSimpleName()).isTrue();
            assertThat(RuntimeException.class).isAssignableFrom(kind);
        }
    }
}
