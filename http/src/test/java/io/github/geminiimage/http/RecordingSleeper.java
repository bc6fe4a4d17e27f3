package io.github.geminiimage.http;

import io.github.geminiimage.domain.ManualClock;
import io.github.geminiimage.domain.poll.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sleeper that only moves the fake clock and records each wait. */
final class RecordingSleeper implements Sleeper {

    private final ManualClock clock;
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    volatile boolean interruptNext;
    /** Runs inside each wait (e.g. to close the port while a call waits). */
    volatile Runnable duringSleep = () -> { };

    RecordingSleeper(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (interruptNext) {
            throw new InterruptedException("test interrupt");
        }
        sleeps.add(duration);
        duringSleep.run();
        clock.advance(duration);
    }
}
