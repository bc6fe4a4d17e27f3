package io.github.geminiimage.http;

import static io.github.geminiimage.http.Fixture.SUCCESS_BODY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.error.AuthenticationException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TokenCredentialsTest {

    private static final String UNAUTHENTICATED = "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication "
            + "credentials.\",\"status\":\"UNAUTHENTICATED\"}}";

    private final Fixture fx = new Fixture();
    private final AccessTokenSource source = mock(AccessTokenSource.class);

    private HttpImageGeneration port() {
        return HttpGeminiClient.builder(fx.transport, Credentials.accessTokens(source))
                .options(HttpOptions.builder().endpoint(Endpoint.vertex("my-project", "us-central1")).build())
                .clock(fx.clock).sleeper(fx.sleeper).random(Fixture.halfJitter()).executor(fx.scheduler).build().imagesOnly();
    }

    private static AccessToken token(String value, Instant expiry) {
        return AccessToken.of(value, expiry);
    }

    @Test
    void theTokenIsSentAsABearerTokenMarkedSensitiveToTheVertexUrl() throws IOException {
        when(source.fetch()).thenReturn(token("ya29.first", Fixture.START.plusSeconds(3600)));
        fx.transport.reply(200, SUCCESS_BODY);

        try (HttpImageGeneration port = port()) {
            port.generate(Fixture.request());
        }

        HttpRequest sent = fx.transport.lastRequest().request();
        assertThat(sent.headers()).contains(Map.entry("Authorization", "Bearer ya29.first"));
        assertThat(sent.isSensitive("authorization")).isTrue();
        assertThat(sent.uri()).hasToString("https://us-central1-aiplatform.googleapis.com/v1/projects/my-project/"
                + "locations/us-central1/publishers/google/models/gemini-2.5-flash-image:generateContent");
        assertThat(sent.toString()).doesNotContain("ya29");
    }

    @Test
    void a401RefreshesTheTokenOnceAndRetriesOnce() throws IOException {
        when(source.fetch()).thenReturn(token("ya29.stale", Fixture.START.plusSeconds(3600)),
                token("ya29.fresh", Fixture.START.plusSeconds(3600)));
        fx.transport.reply(401, UNAUTHENTICATED).reply(200, SUCCESS_BODY);

        try (HttpImageGeneration port = port()) {
            assertThat(port.generate(Fixture.request()).finalImage()).isPresent();
        }

        verify(source, times(2)).fetch();
        assertThat(fx.transport.requestCount()).isEqualTo(2);
        assertThat(fx.transport.lastRequest().request().headers()).contains(Map.entry("Authorization", "Bearer ya29.fresh"));
        assertThat(fx.sleeper.sleeps).as("the retry after a refresh does not wait").isEmpty();
    }

    @Test
    void a401AfterTheRefreshEndsTheCallWithoutAThirdAttempt() throws IOException {
        when(source.fetch()).thenReturn(token("ya29.a", Fixture.START.plusSeconds(3600)),
                token("ya29.b", Fixture.START.plusSeconds(3600)));
        fx.transport.reply(401, UNAUTHENTICATED).reply(401, UNAUTHENTICATED);

        try (HttpImageGeneration port = port()) {
            assertThatThrownBy(() -> port.generate(Fixture.request())).isInstanceOfSatisfying(AuthenticationException.class,
                    e -> {
                        assertThat(e.attempts()).isEqualTo(2);
                        assertThat(e.getMessage()).doesNotContain("ya29");
                    });
        }
        verify(source, times(2)).fetch();
        assertThat(fx.transport.requestCount()).isEqualTo(2);
    }

    @Test
    void aTokenIsReusedUntilShortlyBeforeItExpiresThenFetchedAgain() throws IOException {
        when(source.fetch()).thenReturn(token("ya29.one", Fixture.START.plus(Duration.ofMinutes(10))),
                token("ya29.two", Fixture.START.plus(Duration.ofMinutes(70))));
        fx.transport.always(200, SUCCESS_BODY);

        try (HttpImageGeneration port = port()) {
            port.generate(Fixture.request());
            fx.clock.advance(Duration.ofMinutes(4)); // 6 minutes left: still good
            port.generate(Fixture.request());
            verify(source, times(1)).fetch();
            fx.clock.advance(Duration.ofMinutes(2)); // 4 minutes left: too close to its expiry
            port.generate(Fixture.request());
        }

        verify(source, times(2)).fetch();
        assertThat(fx.transport.lastRequest().request().headers()).contains(Map.entry("Authorization", "Bearer ya29.two"));
    }

    @Test
    void concurrentCallsShareOneFetch() throws Exception {
        CountDownLatch fetching = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        when(source.fetch()).thenAnswer(invocation -> {
            fetching.countDown();
            assertThat(release.await(30, TimeUnit.SECONDS)).as("the test released the fetch").isTrue();
            return token("ya29.shared", Fixture.START.plusSeconds(3600));
        });
        fx.transport.always(200, SUCCESS_BODY);
        List<Thread> callers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(32, runnable -> {
            Thread thread = new Thread(runnable);
            callers.add(thread);
            return thread;
        });
        try (HttpImageGeneration port = port()) {
            List<Future<GenerationResult>> calls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                calls.add(pool.submit(() -> port.generate(Fixture.request())));
            }
            assertThat(fetching.await(30, TimeUnit.SECONDS)).as("a caller began the fetch").isTrue();
            waitUntilAllWait(callers);
            release.countDown();
            for (Future<GenerationResult> call : calls) {
                assertThat(call.get(30, TimeUnit.SECONDS).finalImage()).isPresent();
            }
        } finally {
            pool.shutdownNow();
        }
        verify(source, times(1)).fetch();
        assertThat(fx.transport.requestCount()).isEqualTo(32);
    }

    @Test
    void aFailingTokenSourceIsAnAuthenticationFailureThatQuotesNothingOfIt() throws IOException {
        when(source.fetch()).thenThrow(new IOException("token endpoint said {\"error\":\"invalid_grant\",\"secret\":\"s3cr3t\"}"));

        try (HttpImageGeneration port = port()) {
            assertThatThrownBy(() -> port.generate(Fixture.request())).isInstanceOfSatisfying(AuthenticationException.class,
                    e -> {
                        assertThat(e.getMessage()).contains("could not obtain an access token").doesNotContain("s3cr3t");
                        assertThat(e.getCause()).isNull();
                    });
        }
        assertThat(fx.transport.requestCount()).isZero();
    }

    @Test
    void credentialsNeverShowTheirSecret() {
        assertThat(Credentials.accessTokens(source)).hasToString("Credentials[accessTokens]");
        assertThat(Credentials.apiKey(ApiKey.of(Fixture.SENTINEL_KEY), AuthScheme.BEARER).toString())
                .doesNotContain(Fixture.SENTINEL_KEY);
    }

    /**
     * Waits (bounded) until all 32 callers are parked: the fetching one on the release, the others on the
     * shared fetch. Fails when they are not within 30 s, so the test cannot pass without concurrency.
     */
    private static void waitUntilAllWait(List<Thread> callers) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long waiting = 0;
        while (System.nanoTime() < until) {
            waiting = callers.stream().filter(t -> t.getState() == Thread.State.WAITING
                    || t.getState() == Thread.State.TIMED_WAITING || t.getState() == Thread.State.BLOCKED).count();
            if (callers.size() == 32 && waiting == 32) {
                return;
            }
            Thread.sleep(5);
        }
        fail("only " + waiting + " of " + callers.size() + " callers were waiting on the shared fetch after 30 s");
    }
}
