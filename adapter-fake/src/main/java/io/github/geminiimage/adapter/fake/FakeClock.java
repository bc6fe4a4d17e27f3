package io.github.geminiimage.adapter.fake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that stands still until told to move, for the fakes' time-driven behaviour (files that
 * finish processing, expire after 48 hours). A fake given this clock never sleeps: where it would
 * wait (e.g. between the polls of {@code awaitActive}) it advances the clock instead, so tests are
 * instant and deterministic. Thread-safe.
 */
public final class FakeClock extends Clock {

    private final Object lock = new Object();
    private Instant now;

    private FakeClock(Instant start) {
        this.now = start;
    }

    /** A clock showing {@code start} until advanced. */
    public static FakeClock at(Instant start) {
        return new FakeClock(Objects.requireNonNull(start, "start"));
    }

    /**
     * Moves the clock forward.
     *
     * @throws IllegalArgumentException if {@code amount} is negative
     */
    public FakeClock advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("a clock only moves forward; got " + amount);
        }
        synchronized (lock) {
            now = now.plus(amount);
        }
        return this;
    }

    @Override
    public Instant instant() {
        synchronized (lock) {
            return now;
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** This clock: it has no zone of its own beyond UTC. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public String toString() {
        return "FakeClock[" + instant() + "]";
    }
}
