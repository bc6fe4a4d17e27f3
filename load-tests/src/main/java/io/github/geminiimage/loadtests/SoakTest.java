package io.github.geminiimage.loadtests;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.port.ImageGenerationPort;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;

/**
 * A bounded soak against the emulator in a separate JVM: {@code concurrency} threads call one port
 * without pause, half the calls blocking and half asynchronous, each call's {@link Scenario} drawn
 * by its weight and named in its prompt, where the emulator's rules find it; small images are given
 * as files. Runs for {@code duration-seconds} and at least {@code min-calls} calls, never past
 * {@code max-seconds}. Checks that nothing is lost (every call started ends in an image or the
 * typed exception its scenario expects, and the counts add up) and samples threads, open file
 * descriptors, exchanges in flight and the emulator JVM's open file descriptors every
 * {@code sample-seconds}, comparing the first minute with the last. Exit status 0 only if all
 * holds; the command and the last figures are in {@code benchmarks/RESULTS.md}.
 */
public final class SoakTest {

    private static final long CALL_TIMEOUT_SECONDS = 60;
    private static final String OK = "image";

    private SoakTest() {
    }

    /**
     * What to run.
     *
     * @param adapter the adapter under test
     * @param concurrency calling threads
     * @param minCalls calls to make at least (unless {@code maxTime} ends the run first)
     * @param duration how long to keep calling at least
     * @param maxTime no call starts after this much time
     * @param sampleEvery time between samples
     * @param files the input images, sent by every call
     * @param replyImageBytes the size of the image in each 200 reply (checked)
     */
    public record Config(Adapter adapter, int concurrency, long minCalls, Duration duration, Duration maxTime,
            Duration sampleEvery, List<Path> files, int replyImageBytes) {
    }

    /**
     * One look at the process while calls run.
     *
     * @param at time since the start
     * @param callsEnded calls ended so far
     * @param threads live threads in this JVM
     * @param adapterThreads live threads named by the port or its transport
     * @param fileDescriptors open file descriptors of this JVM
     * @param activeExchanges the transport's exchanges in flight or with a reply not yet closed
     * @param serverFileDescriptors the server's open file descriptors, its connections among them (-1 if unknown)
     * @param heapUsedBytes heap in use
     */
    public record Sample(Duration at, long callsEnded, int threads, int adapterThreads, int fileDescriptors,
            int activeExchanges, int serverFileDescriptors, long heapUsedBytes) {
    }

    /**
     * What happened.
     *
     * @param started calls started
     * @param ended calls that ended (in an image or an exception)
     * @param outcomes per scenario, how many calls ended how ({@value #OK} or the exception's simple name)
     * @param unexpected calls that did not end as their scenario expects
     * @param elapsed the calling phase
     * @param samples taken while calling
     * @param quiet a sample once the calls ended and the port was idle for a moment
     * @param adapterThreadsAfterClose threads of the port and transport still alive a moment after close
     */
    public record Report(long started, long ended, Map<Scenario, Map<String, Long>> outcomes, long unexpected,
            Duration elapsed, List<Sample> samples, Sample quiet, int adapterThreadsAfterClose) {

        /** Whether every call ended as expected and the counts add up. */
        public boolean nothingLost() {
            long tallied = outcomes.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
            return unexpected == 0 && started == ended && tallied == ended;
        }
    }

    /**
     * Runs the soak against the emulator at {@code baseUri}, scripted with {@link Scenario#rules};
     * {@code serverFileDescriptors} counts the server's open descriptors (or -1).
     */
    public static Report run(Config config, URI baseUri, IntSupplier serverFileDescriptors) {
        HttpOptions options = HttpOptions.builder()
                .retryPolicy(RetryPolicy.defaults().withMaxAttempts(3)
                        .withBackoff(Duration.ofMillis(2), 2.0, Duration.ofMillis(20))
                        .withMaxServerDelay(Duration.ofMillis(100)))
                .connectTimeout(Duration.ofSeconds(5))
                .inactivityTimeout(Duration.ofMillis(500))
                .overallDeadline(Duration.ofSeconds(20))
                .build();
        List<ImageInput> images = config.files().stream().map(ImageInput::ofFile).toList();
        GenerationRequest template = GenerationRequest.builder().model("gemini-2.5-flash-image").prompt("Make the sky orange.")
                .images(images).build();

        Adapter.Instrumented instrumented = config.adapter().instrumented(baseUri, options);
        ImageGenerationPort port = instrumented.port();
        String[] adapterPrefixes = {instrumented.threadNamePrefix(), "gemini-image-http-"};
        Map<Scenario, Map<String, Long>> outcomes = new EnumMap<>(Scenario.class);
        for (Scenario s : Scenario.values()) {
            outcomes.put(s, new ConcurrentHashMap<>());
        }
        AtomicLong nextId = new AtomicLong();
        AtomicLong started = new AtomicLong();
        AtomicLong ended = new AtomicLong();
        AtomicLong unexpected = new AtomicLong();
        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());

        long start = System.nanoTime();
        long softEnd = start + config.duration().toNanos();
        long hardEnd = start + config.maxTime().toNanos();
        Function<Long, Sample> sample = callsEnded -> new Sample(Duration.ofNanos(System.nanoTime() - start), callsEnded,
                ProcessStats.threads(), ProcessStats.threadsNamed(adapterPrefixes), ProcessStats.openFileDescriptors(),
                instrumented.activeExchanges().getAsInt(), serverFileDescriptors.getAsInt(),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());

        Thread sampler = new Thread(() -> {
            try {
                while (true) {
                    TimeUnit.NANOSECONDS.sleep(config.sampleEvery().toNanos());
                    Sample s = sample.apply(ended.get());
                    samples.add(s);
                    print(s, System.out);
                }
            } catch (InterruptedException e) {
                // the calls ended
            }
        }, "soak-sampler");
        sampler.setDaemon(true);
        sampler.start();

        Thread[] callers = new Thread[config.concurrency()];
        for (int t = 0; t < callers.length; t++) {
            callers[t] = new Thread(() -> {
                while (true) {
                    long now = System.nanoTime();
                    if (now >= hardEnd || now >= softEnd && started.get() >= config.minCalls()) {
                        return;
                    }
                    long id = nextId.getAndIncrement();
                    started.incrementAndGet();
                    SplittableRandom random = new SplittableRandom(id);
                    Scenario scenario = Scenario.pick(random.nextInt(100));
                    GenerationRequest request = template.toBuilder().prompt(scenario.prompt(id)).build();
                    String outcome = call(port, request, (id & 1) == 1, config.replyImageBytes());
                    outcomes.get(scenario).merge(outcome, 1L, Long::sum);
                    if (!outcome.equals(expected(scenario))) {
                        unexpected.incrementAndGet();
                    }
                    ended.incrementAndGet();
                }
            }, "soak-caller-" + t);
            callers[t].start();
        }
        try {
            for (Thread caller : callers) {
                caller.join();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            sampler.interrupt();
            sampler.join();
            // Give asynchronous completions and connection returns a moment before looking.
            TimeUnit.SECONDS.sleep(2);
            Sample quiet = sample.apply(ended.get());
            instrumented.client().close();
            TimeUnit.SECONDS.sleep(1);
            int adapterThreadsAfterClose = ProcessStats.threadsNamed(adapterPrefixes);
            Map<Scenario, Map<String, Long>> frozen = new EnumMap<>(Scenario.class);
            outcomes.forEach((s, m) -> frozen.put(s, new TreeMap<>(m)));
            return new Report(started.get(), ended.get(), frozen, unexpected.get(), elapsed, List.copyOf(samples), quiet,
                    adapterThreadsAfterClose);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while soaking", e);
        } finally {
            instrumented.client().close();
        }
    }

    /** Makes one call; returns {@value #OK} or what it ended in. */
    private static String call(ImageGenerationPort port, GenerationRequest request, boolean async, int replyImageBytes) {
        try {
            GenerationResult result;
            if (async) {
                CompletableFuture<GenerationResult> future = port.generateAsync(request);
                try {
                    result = future.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    future.cancel(true);
                    return "HUNG for " + CALL_TIMEOUT_SECONDS + " s";
                } catch (ExecutionException e) {
                    return e.getCause() instanceof ImageGenerationException typed
                            ? typed.getClass().getSimpleName() : "untyped " + e.getCause();
                }
            } else {
                result = port.generate(request);
            }
            int size = result.requireImage().size();
            return size == replyImageBytes ? OK : "wrong image size " + size;
        } catch (ImageGenerationException e) {
            return e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (RuntimeException e) {
            return "untyped " + e;
        }
    }

    /**
     * A quantity in the first and in the last minute of the run. It grew if even its lowest value
     * in the last minute is above its highest in the first: a leak lifts every later sample, while
     * an idle pool thread that dies and is started again only moves one sample by one.
     */
    record Growth(String what, int firstMinuteMin, int firstMinuteMax, int lastMinuteMin, int lastMinuteMax) {
        boolean grew() {
            return lastMinuteMin > firstMinuteMax;
        }
    }

    /** First-minute versus last-minute ranges of threads, descriptors, exchanges and the server's descriptors. */
    static List<Growth> growth(Report r) {
        if (r.samples().isEmpty()) {
            return List.of();
        }
        Duration end = r.samples().get(r.samples().size() - 1).at();
        List<Sample> first = r.samples().stream().filter(s -> s.at().compareTo(Duration.ofMinutes(1)) <= 0).toList();
        List<Sample> last = r.samples().stream().filter(s -> s.at().compareTo(end.minusMinutes(1)) >= 0).toList();
        return List.of(growth("threads", first, last, Sample::threads),
                growth("adapter threads", first, last, Sample::adapterThreads),
                growth("open file descriptors", first, last, Sample::fileDescriptors),
                growth("exchanges in flight", first, last, Sample::activeExchanges),
                growth("server file descriptors", first, last, Sample::serverFileDescriptors));
    }

    private static Growth growth(String what, List<Sample> first, List<Sample> last, ToIntFunction<Sample> f) {
        return new Growth(what, first.stream().mapToInt(f).min().orElse(0), first.stream().mapToInt(f).max().orElse(0),
                last.stream().mapToInt(f).min().orElse(0), last.stream().mapToInt(f).max().orElse(0));
    }

    static void print(Sample s, PrintStream out) {
        out.printf(Locale.ROOT, "  sample t=%5.1fs calls=%6d threads=%3d adapter-threads=%3d fds=%4d in-flight=%3d"
                + " server-fds=%3d heap=%5.1f MiB%n", s.at().toMillis() / 1000.0, s.callsEnded(), s.threads(),
                s.adapterThreads(), s.fileDescriptors(), s.activeExchanges(), s.serverFileDescriptors(),
                s.heapUsedBytes() / (1024.0 * 1024.0));
        out.flush();
    }

    static void print(Config config, Report r, PrintStream out) {
        out.printf(Locale.ROOT, "soak: adapter=%s, %d threads, %d calls started, %d ended in %.1f s (%.0f calls/s)%n",
                config.adapter().id(), config.concurrency(), r.started(), r.ended(), r.elapsed().toMillis() / 1000.0,
                r.ended() / Math.max(1e-9, r.elapsed().toNanos() / 1e9));
        for (Map.Entry<Scenario, Map<String, Long>> e : r.outcomes().entrySet()) {
            long total = e.getValue().values().stream().mapToLong(Long::longValue).sum();
            out.printf(Locale.ROOT, "  %-18s %6d calls, expected %-24s got %s%n", e.getKey(), total,
                    expected(e.getKey()), e.getValue());
        }
        out.printf(Locale.ROOT, "  unexpected outcomes: %d; counts add up: %s%n", r.unexpected(), r.nothingLost());
        for (Growth g : growth(r)) {
            out.printf(Locale.ROOT, "  %-24s first minute %4d..%-4d last minute %4d..%-4d %s%n", g.what(), g.firstMinuteMin(),
                    g.firstMinuteMax(), g.lastMinuteMin(), g.lastMinuteMax(), g.grew() ? "GREW" : "no growth");
        }
        out.print("  after the calls (idle 2 s):");
        print(r.quiet(), out);
        out.printf(Locale.ROOT, "  adapter threads 1 s after close: %d%n", r.adapterThreadsAfterClose());
    }

    /**
     * {@code --adapter jdk|httpclient5 [--concurrency 8] [--min-calls 5000] [--duration-seconds 150]
     * [--max-seconds 240] [--sample-seconds 10] [--image-bytes 16000] [--reply-image-bytes 8000]}.
     */
    public static void main(String[] args) throws IOException {
        Args a = Args.parse(args).allow(Set.of("adapter", "concurrency", "min-calls", "duration-seconds", "max-seconds",
                "sample-seconds", "image-bytes", "reply-image-bytes"));
        Adapter adapter = Adapter.of(a.value("adapter", "jdk"));
        int replyImageBytes = a.intValue("reply-image-bytes", 8_000);
        int imageBytes = a.intValue("image-bytes", 16_000);
        Path dir = Files.createTempDirectory("gemini-soak-");
        boolean passed;
        try (ServerProcess server = ServerProcess.start(ServerProcess.Script.SOAK, replyImageBytes)) {
            List<Path> files = List.of(Files.write(dir.resolve("a.jpg"), Payloads.jpegLike(imageBytes, 1)),
                    Files.write(dir.resolve("b.png"), Payloads.pngLike(imageBytes / 2, 2)));
            Config config = new Config(adapter, a.intValue("concurrency", 8), a.intValue("min-calls", 5_000),
                    Duration.ofSeconds(a.intValue("duration-seconds", 150)), Duration.ofSeconds(a.intValue("max-seconds", 240)),
                    Duration.ofSeconds(a.intValue("sample-seconds", 10)), files, replyImageBytes);
            System.out.printf(Locale.ROOT, "soak: adapter=%s against %s (server pid %d)%n", adapter.id(), server.baseUri(),
                    server.pid());
            Report report = run(config, server.baseUri(), server::openFileDescriptors);
            print(config, report, System.out);
            passed = report.nothingLost() && growth(report).stream().noneMatch(Growth::grew)
                    && report.quiet().activeExchanges() == 0 && report.adapterThreadsAfterClose() == 0;
            System.out.println(passed ? "PASSED" : "FAILED");
        } finally {
            LoadTest.deleteTree(dir);
        }
        System.exit(passed ? 0 : 1);
    }

    /** The expected outcome word of a scenario. */
    static String expected(Scenario s) {
        return s.expectedFailure().map(Class::getSimpleName).orElse(OK);
    }
}
