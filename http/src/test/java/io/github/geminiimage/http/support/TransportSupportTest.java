package io.github.geminiimage.http.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The helpers shared by transports: the pool, framing checks and exceptions safe to report. */
class TransportSupportTest {

    @Test
    void tasksOneAfterAnotherReuseTheIdleThread() throws Exception {
        ThreadPoolExecutor pool = TransportSupport.boundedPool("test-pool", 8, 10);
        try {
            for (int i = 0; i < 50; i++) {
                pool.submit(() -> { }).get(5, TimeUnit.SECONDS);
                // Wait until the worker is back to waiting for work before the next task.
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (pool.getActiveCount() > 0 && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
            assertThat(pool.getLargestPoolSize()).isLessThanOrEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void atTheBoundExtraTasksWaitAndAllRun() throws Exception {
        ThreadPoolExecutor pool = TransportSupport.boundedPool("test-pool", 2, 10);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(6);
        try {
            for (int i = 0; i < 6; i++) {
                pool.execute(() -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    done.countDown();
                });
            }
            assertThat(pool.getPoolSize()).isEqualTo(2);
            assertThat(pool.getQueue()).hasSize(4);
            release.countDown();
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(pool.getLargestPoolSize()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void contentLengthsThatDifferOrAreNotANonNegativeNumberAreMalformed() {
        assertThat(TransportSupport.malformedContentLength(List.of("12", " 12 "))).isEmpty();
        assertThat(TransportSupport.malformedContentLength(List.of())).isEmpty();
        assertThat(TransportSupport.malformedContentLength(List.of("12", "13"))).get().asString().contains("2 different");
        assertThat(TransportSupport.malformedContentLength(List.of("-1"))).isPresent();
        assertThat(TransportSupport.malformedContentLength(List.of("0x10"))).isPresent();
    }

    @Test
    void aConnectFailureNamesHostAndPortButNeverThePathOrQuery() {
        ConnectException failure = TransportSupport.connectFailure(
                URI.create("https://example.test/v1beta/models/m:generateContent?key=SECRET"), new IOException());
        assertThat(failure).hasMessage("could not connect to example.test:443");
    }

    @Test
    void aFreshCopyKeepsTheKindAndMessageAndIsCausedByTheOriginal() {
        SocketTimeoutException original = new SocketTimeoutException("the request's deadline passed");
        IOException copy = TransportSupport.freshCopy(original);
        assertThat(copy).isInstanceOf(SocketTimeoutException.class).isNotSameAs(original)
                .hasMessage(original.getMessage()).hasCause(original);
    }

    @Test
    void farDeadlinesAreClampedAndPastOnesAreZero() {
        assertThat(TransportSupport.clampedNanos(Duration.ofSeconds(-1))).isZero();
        assertThat(TransportSupport.clampedNanos(Duration.ofSeconds(1))).isEqualTo(1_000_000_000L);
        assertThat(TransportSupport.clampedNanos(Duration.ofDays(1_000_000))).isEqualTo(Duration.ofDays(36_500).toNanos());
    }

    @Test
    void unwrapFindsTheFailureInsideAsyncWrappers() {
        IOException root = new IOException("reset");
        assertThat(TransportSupport.unwrap(new CompletionException(new ExecutionException(root)))).isSameAs(root);
    }
}
