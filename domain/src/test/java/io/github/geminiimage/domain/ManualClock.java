package io.github.geminiimage.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the test moves by hand (UTC), shared with other modules' tests through this module's
 * test jar. Reads and moves are safe from any thread.
 */
public final class ManualClock extends Clock {

    private volatile Instant now;

    /** A clock showing {@code start} until moved. */
    public ManualClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock by {@code amount}. */
    public synchronized void advance(Duration amount) {
        now = now.plus(amount);
    }

    /** Sets the clock to {@code instant}. */
    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
