package io.github.geminiimage.adapter.fake;

import io.github.geminiimage.port.GeminiClient;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link GeminiClient} for offline tests and demos: one file store, one clock, one set
 * of threads, and the three fakes as its views. A file uploaded through {@link #files()} can be
 * referenced from an {@link #images()} request and fed to a {@link #batches()} job, as with the
 * service; swapping the real client for this one is one binding. The views' own {@code close()}
 * does nothing; {@link #close()} closes all three and stops the threads. Thread-safe.
 */
public final class FakeGeminiClient implements GeminiClient {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final ExecutorService threads;
    private final FakeImageGeneration images;
    private final FakeFiles files;
    private final FakeBatches batches;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FakeGeminiClient(Builder builder) {
        String prefix = "fake-gemini-" + INSTANCES.incrementAndGet() + "-";
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.files = FakeFiles.builder().clock(builder.clock).executor(threads).partOfClient().build();
        this.images = FakeImageGeneration.builder().files(files).executor(threads).partOfClient().build();
        this.batches = FakeBatches.builder().clock(builder.clock).files(files).executor(threads).partOfClient().build();
    }

    /** A client on the system clock. */
    public static FakeGeminiClient create() {
        return builder().build();
    }

    /** A builder, for another clock (a {@link FakeClock} makes every wait instant). */
    public static Builder builder() {
        return new Builder();
    }

    /** The scriptable image generation fake: enqueue answers, inspect requests. Always the same object. */
    @Override
    public FakeImageGeneration images() {
        return images;
    }

    /** The file store the three views share. Always the same object. */
    @Override
    public FakeFiles files() {
        return files;
    }

    /** The batch fake, on the shared store and clock. Always the same object. */
    @Override
    public FakeBatches batches() {
        return batches;
    }

    /** Closes the three views (calls in flight fail, later calls fail at once) and stops the threads. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        images.shutdown();
        batches.shutdown();
        files.shutdown();
        threads.shutdownNow();
    }

    @Override
    public String toString() {
        return "FakeGeminiClient[" + files + (closed.get() ? ", closed" : "") + "]";
    }

    /** Builds a {@link FakeGeminiClient}. Not thread-safe. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The clock files and batch jobs run on (default the system clock); a {@link FakeClock} makes waits instant. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Builds the client. */
        public FakeGeminiClient build() {
            return new FakeGeminiClient(this);
        }
    }
}
