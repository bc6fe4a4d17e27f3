package io.github.geminiimage.loadtests;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.http.CallObserver;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.port.ImageGenerationPort;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Many concurrent large calls in a small heap: {@code concurrency} threads each make
 * {@code calls-per-thread} calls, each sending {@code images} JPEG-like files of {@code image-bytes}
 * and receiving a reply image of {@code reply-image-bytes}, against the emulator in a separate JVM
 * ({@link ServerProcess}) scripted with {@link ServerProcess.Script#FIXED_REPLY}: it reads and
 * discards each body and answers one prepared reply, so its cost per call is fixed. Reports every
 * call's outcome, the peak heap, calls per second and MB/s uploaded. Bounded: stops starting calls
 * after {@code max-seconds}. Exit status 0 only if every call succeeded. Run it with a small heap;
 * the commands and figures are in {@code benchmarks/RESULTS.md}.
 */
public final class LoadTest {

    private static final double MB = 1_000_000.0;
    private static final double MIB = 1024.0 * 1024.0;

    private LoadTest() {
    }

    /**
     * What to run.
     *
     * @param adapter the adapter under test
     * @param concurrency calling threads
     * @param callsPerThread calls each thread makes
     * @param files the input images, sent by every call
     * @param replyImageBytes the size of the reply image the server sends (checked on every reply)
     * @param maxTime no call starts after this much time
     */
    public record Config(Adapter adapter, int concurrency, int callsPerThread, List<Path> files, int replyImageBytes,
            Duration maxTime) {
    }

    /**
     * What happened.
     *
     * @param calls calls made
     * @param succeeded calls that returned the expected image
     * @param failures failed calls by exception class (must be empty)
     * @param elapsed from the first call started to the last call ended
     * @param bytesSent request bytes sent, as counted by the port
     * @param bytesReceived reply bytes received
     * @param heap what the heap did during the calls
     */
    public record Report(long calls, long succeeded, Map<String, Long> failures, Duration elapsed, long bytesSent,
            long bytesReceived, HeapWatch.Report heap) {

        /** Calls per second. */
        public double callsPerSecond() {
            return calls / seconds();
        }

        /** Request megabytes (10^6 bytes) per second. */
        public double uploadMegabytesPerSecond() {
            return bytesSent / MB / seconds();
        }

        private double seconds() {
            return Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    /** Runs the load against {@code baseUri}. */
    public static Report run(Config config, URI baseUri) {
        LongAdder sent = new LongAdder();
        LongAdder received = new LongAdder();
        CallObserver observer = new CallObserver() {
            @Override
            public void callCompleted(CallCompleted event) {
                sent.add(event.bytesSent());
                received.add(event.bytesReceived());
            }
        };
        GenerationRequest.Builder builder = GenerationRequest.builder()
                .model("gemini-2.5-flash-image")
                .prompt("Merge the three photos into one scene, keeping the lighting of the first.");
        config.files().forEach(f -> builder.addImage(ImageInput.ofFile(f)));
        GenerationRequest request = builder.build();

        try (ImageGenerationPort port = config.adapter().build(baseUri, HttpOptions.builder().observer(observer).build())) {
            // One call first: the JIT, the pools and the server warm up outside the measurement.
            port.generate(request).requireImage();
            sent.reset();
            received.reset();
            System.gc();

            AtomicLong calls = new AtomicLong();
            AtomicLong succeeded = new AtomicLong();
            Map<String, Long> failures = new ConcurrentHashMap<>();
            CountDownLatch go = new CountDownLatch(1);
            Thread[] callers = new Thread[config.concurrency()];
            try (HeapWatch watch = HeapWatch.start()) {
                long start = System.nanoTime();
                long deadline = start + config.maxTime().toNanos();
                for (int t = 0; t < callers.length; t++) {
                    callers[t] = new Thread(() -> {
                        awaitQuietly(go);
                        for (int i = 0; i < config.callsPerThread() && System.nanoTime() < deadline; i++) {
                            calls.incrementAndGet();
                            try {
                                int size = port.generate(request).requireImage().size();
                                if (size == config.replyImageBytes()) {
                                    succeeded.incrementAndGet();
                                } else {
                                    failures.merge("wrong image size " + size, 1L, Long::sum);
                                }
                            } catch (ImageGenerationException e) {
                                failures.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1L, Long::sum);
                            }
                        }
                    }, "load-caller-" + t);
                    callers[t].start();
                }
                go.countDown();
                for (Thread caller : callers) {
                    caller.join();
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                return new Report(calls.get(), succeeded.get(), new TreeMap<>(failures), elapsed, sent.sum(), received.sum(),
                        watch.report());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the callers", e);
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Prints a report. */
    static void print(Config config, Report r, PrintStream out) {
        HeapWatch.Report h = r.heap();
        out.printf(Locale.ROOT, "load test: adapter=%s, %d threads x %d calls, %d images of %d bytes as files, reply image %d bytes%n",
                config.adapter().id(), config.concurrency(), config.callsPerThread(), config.files().size(),
                fileSize(config.files().get(0)), config.replyImageBytes());
        out.printf(Locale.ROOT, "  calls: %d, succeeded: %d, failed: %d %s%n", r.calls(), r.succeeded(),
                r.failures().values().stream().mapToLong(Long::longValue).sum(), r.failures());
        out.printf(Locale.ROOT, "  elapsed %.1f s: %.2f calls/s, %.1f MB/s uploaded (%.1f MB sent), %.1f MB/s downloaded%n",
                r.elapsed().toMillis() / 1000.0, r.callsPerSecond(), r.uploadMegabytesPerSecond(), r.bytesSent() / MB,
                r.bytesReceived() / MB / Math.max(1e-9, r.elapsed().toNanos() / 1e9));
        out.printf(Locale.ROOT, "  heap: max %.0f MiB; peak used (sampled every 5 ms) %.1f MiB; sum of pool peaks %.1f MiB;"
                + " max after a GC %.1f MiB; %d GCs, %d ms%n", h.maxHeapBytes() / MIB, h.maxSampledUsed() / MIB,
                h.sumOfPoolPeaks() / MIB, h.maxUsedAfterGc() / MIB, h.collections(), h.collectionMillis());
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * {@code --adapter jdk|httpclient5 [--concurrency 32] [--calls-per-thread 2] [--images 3]
     * [--image-bytes 7000000] [--reply-image-bytes 1800000] [--max-seconds 300]}.
     */
    public static void main(String[] args) throws IOException {
        Args a = Args.parse(args).allow(Set.of("adapter", "concurrency", "calls-per-thread", "images", "image-bytes",
                "reply-image-bytes", "max-seconds"));
        Adapter adapter = Adapter.of(a.value("adapter", "jdk"));
        int replyImageBytes = a.intValue("reply-image-bytes", 1_800_000);
        Path dir = Files.createTempDirectory("gemini-load-");
        int exit;
        try (ServerProcess server = ServerProcess.start(ServerProcess.Script.FIXED_REPLY, replyImageBytes)) {
            List<Path> files = List.of(Payloads.jpegFiles(dir, a.intValue("images", 3), a.intValue("image-bytes", 7_000_000)));
            Config config = new Config(adapter, a.intValue("concurrency", 32), a.intValue("calls-per-thread", 2), files,
                    replyImageBytes, Duration.ofSeconds(a.intValue("max-seconds", 300)));
            Report report = run(config, server.baseUri());
            print(config, report, System.out);
            // The warm-up call is in the emulator's log too.
            server.stop().ifPresent(served -> System.out.printf(Locale.ROOT,
                    "  server (emulator): %d requests logged, %d answered 200%n", served.logged(), served.answered200()));
            exit = report.failures().isEmpty() && report.succeeded() == report.calls() ? 0 : 1;
        } finally {
            deleteTree(dir);
        }
        System.exit(exit);
    }

    static void deleteTree(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }
}
