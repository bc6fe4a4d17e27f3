package io.github.geminiimage.loadtests;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageSize;
import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.emulator.RecordedRequest;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.port.ImageGenerationPort;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many clients generating against one {@link GeminiEmulator} in this JVM for a while: each client
 * has its own port (its own connection pool) and calls {@code generate} back to back until the
 * time is up. Counts every call issued, answered and failed, what the emulator logged, and the heap
 * left after a full collection once warm and again at the end (is it flat?).
 *
 * <pre>
 * java -cp load-tests/target/load-tests.jar io.github.geminiimage.loadtests.EmulatorLoad [clients] [seconds] [jdk|httpclient5]
 * </pre>
 */
public final class EmulatorLoad {

    /**
     * The run.
     *
     * @param clients how many clients call at once
     * @param duration how long they call
     * @param adapter the transport of every client
     */
    public record Config(int clients, Duration duration, Adapter adapter) {
    }

    /**
     * What happened.
     *
     * @param issued calls started
     * @param succeeded calls answered with an image
     * @param failures failures by exception type and message
     * @param logged calls the emulator logged with status 200
     * @param heapAfterWarmUp used heap after a full collection once every client had an answer
     * @param heapAtEnd used heap after a full collection at the end, clients still open
     */
    public record Report(long issued, long succeeded, Map<String, Long> failures, long logged, long heapAfterWarmUp,
            long heapAtEnd) {

        /** Every call issued was answered with an image and logged by the server. */
        public boolean nothingLost() {
            return failures.isEmpty() && issued == succeeded && (logged == succeeded || logged == 10_000);
        }
    }

    private EmulatorLoad() {
    }

    /** Runs {@code config} against a new emulator and stops it. */
    public static Report run(Config config) throws InterruptedException {
        try (GeminiEmulator emulator = GeminiEmulator.builder().apiKey(Adapter.API_KEY).start()) {
            return run(config, emulator);
        }
    }

    static Report run(Config config, GeminiEmulator emulator) throws InterruptedException {
        HttpOptions options = HttpOptions.builder().retryPolicy(RetryPolicy.noRetries())
                .overallDeadline(Duration.ofMinutes(2)).build();
        List<ImageGenerationPort> ports = new ArrayList<>();
        for (int i = 0; i < config.clients(); i++) {
            ports.add(config.adapter().build(emulator.baseUri(), options));
        }
        AtomicLong issued = new AtomicLong();
        AtomicLong succeeded = new AtomicLong();
        Map<String, Long> failures = new ConcurrentHashMap<>();
        CountDownLatch warm = new CountDownLatch(config.clients());
        long end = System.nanoTime() + config.duration().toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < config.clients(); i++) {
            ImageGenerationPort port = ports.get(i);
            int client = i;
            Thread thread = new Thread(() -> {
                boolean first = true;
                for (int call = 0; first || System.nanoTime() < end; call++) {
                    issued.incrementAndGet();
                    try {
                        GenerationResult result = port.generate(GenerationRequest.builder().model("gemini-3.1-flash-image")
                                .imageSize(ImageSize.SIZE_512).prompt("client " + client + " call " + call).build());
                        result.requireImage();
                        succeeded.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1L, Long::sum);
                    }
                    if (first) {
                        first = false;
                        warm.countDown();
                    }
                }
            }, "emulator-load-client-" + i);
            threads.add(thread);
            thread.start();
        }
        warm.await();
        long heapAfterWarmUp = usedAfterGc();
        for (Thread thread : threads) {
            thread.join();
        }
        long heapAtEnd = usedAfterGc();
        ports.forEach(ImageGenerationPort::close);
        long logged = emulator.requests().stream().filter(r -> r.status() == 200).map(RecordedRequest::path).count();
        return new Report(issued.get(), succeeded.get(), Map.copyOf(failures), logged, heapAfterWarmUp, heapAtEnd);
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Runs from the command line and prints the report. */
    public static void main(String[] args) throws InterruptedException {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Adapter adapter = args.length > 2 ? Adapter.of(args[2]) : Adapter.JDK;
        Report report = run(new Config(clients, Duration.ofSeconds(seconds), adapter));
        System.out.println(report + (report.nothingLost() ? " nothing lost" : " LOST CALLS"));
    }
}
