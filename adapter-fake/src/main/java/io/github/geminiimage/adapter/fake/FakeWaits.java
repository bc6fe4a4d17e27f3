package io.github.geminiimage.adapter.fake;

import io.github.geminiimage.domain.poll.Poller;
import io.github.geminiimage.domain.poll.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * How the fakes wait, through the library's one {@link Poller}: on a {@link FakeClock} a wait moves
 * the clock on (no time passes), on another clock it sleeps. The fakes poll in their blocking form;
 * their async methods run that on their executor.
 */
final class FakeWaits {

    private FakeWaits() {
    }

    /** The sleeper of {@code clock}: advances a {@link FakeClock}, sleeps otherwise. */
    static Sleeper sleeperOn(Clock clock) {
        return duration -> {
            if (clock instanceof FakeClock fake) {
                fake.advance(duration);
            } else {
                TimeUnit.NANOSECONDS.sleep(Math.max(TimeUnit.MILLISECONDS.toNanos(1), duration.toNanos()));
            }
        };
    }

    /** Polls {@code read} on the calling thread until {@code finished}; throws what the poll failed with. */
    static <T> T poll(Supplier<T> read, Predicate<T> finished, BiFunction<T, Integer, RuntimeException> timedOut, Clock clock,
            Duration timeout, Poller.Schedule schedule) {
        Sleeper sleeper = sleeperOn(clock);
        CompletableFuture<T> done = Poller.poll(() -> {
            try {
                return CompletableFuture.completedFuture(read.get());
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }, finished, timedOut, clock, timeout, schedule, sleeper::sleepNow);
        try {
            return done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
