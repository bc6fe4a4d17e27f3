package io.github.geminiimage.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shared pool of transports: grows only when no thread is idle, queues at its bound. */
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
}
