package io.github.geminiimage.tck;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Finds threads an adapter left behind: the live threads now, minus those alive before, minus the
 * JVM's shared pools and the suite's own servers. Waits (bounded) for threads that end on their own,
 * calling the garbage collector meanwhile: Java 17's {@code HttpClient} selector thread, for
 * instance, ends only once its client is collected.
 */
public final class ThreadLeaks {

    /** Threads that belong to the JVM or to the suite, not to an adapter. */
    public static final Predicate<Thread> SHARED = t -> {
        String name = t.getName();
        return name.startsWith("ForkJoinPool.commonPool") || name.startsWith("CompletableFutureDelayScheduler")
                || name.startsWith("tck-") || name.startsWith("qtp") || name.startsWith("Scheduler-")
                || name.startsWith("WireMock") || name.startsWith("Common-Cleaner") || name.startsWith("Attach Listener")
                || name.startsWith("surefire") || name.startsWith("process reaper") || name.startsWith("junit");
    };

    private ThreadLeaks() {
    }

    /** The ids of the threads alive now. */
    public static Set<Long> snapshot() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getId).collect(Collectors.toSet());
    }

    /**
     * Waits up to {@code patience} until no thread is alive that was not in {@code before} and is not
     * {@link #SHARED} nor {@code ignored}; returns those still alive then (empty when none leaked).
     */
    public static List<String> leakedSince(Set<Long> before, Duration patience, Predicate<Thread> ignored)
            throws InterruptedException {
        long end = System.nanoTime() + patience.toNanos();
        List<String> leaked;
        do {
            leaked = Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive)
                    .filter(t -> !before.contains(t.getId()))
                    .filter(SHARED.negate().and(ignored.negate()))
                    .map(Thread::getName)
                    .sorted()
                    .collect(Collectors.toList());
            if (leaked.isEmpty()) {
                return leaked;
            }
            System.gc();
            Thread.sleep(100);
        } while (System.nanoTime() < end);
        return leaked;
    }
}
