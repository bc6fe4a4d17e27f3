package io.github.geminiimage.adapter.fake;

import io.github.geminiimage.adapter.fake.internal.BatchReplies;
import io.github.geminiimage.adapter.fake.internal.Replies;
import io.github.geminiimage.domain.ImageModel;
import io.github.geminiimage.domain.batch.BatchAwait;
import io.github.geminiimage.domain.batch.BatchInputCheck;
import io.github.geminiimage.domain.batch.BatchInputMode;
import io.github.geminiimage.domain.batch.BatchJob;
import io.github.geminiimage.domain.batch.BatchPage;
import io.github.geminiimage.domain.batch.BatchResult;
import io.github.geminiimage.domain.batch.BatchSubmitOptions;
import io.github.geminiimage.domain.batch.KeyedRequest;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.port.BatchPort;
import io.github.geminiimage.port.BatchProgress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * An in-memory Batch Mode ({@link BatchPort}) for offline tests and demos, on a clock you control. A
 * job is {@code PENDING} for {@link Builder#pendingTime}, then {@code RUNNING} while its requests
 * complete evenly in input order over {@link Builder#runTime}, then {@code SUCCEEDED} (see
 * {@link #get}); each request is answered as {@link FakeImageGeneration#generate} answers it, or by
 * the first {@link #when rule} it matches. {@link #stallNextJob()}, {@link #failNextJob} and
 * {@link #failNext} script the other endings and failures.
 *
 * <p>Thread-safe. With a {@link FakeClock} it never sleeps: {@link #await} advances that clock
 * between polls, so a 48-hour job is awaited instantly; on another clock it sleeps between polls,
 * never past the job's next change (its start, the next request done, its end).
 */
public final class FakeBatches implements BatchPort {

    /** Set for the views of a {@link FakeGeminiClient}: their own close() then does nothing. */
    private final boolean partOfClient;

    /** The operations whose next call {@link #failNext} can script to fail. */
    public enum Operation { SUBMIT, GET, LIST, CANCEL, DELETE, RESULTS }

    /** How long a job is {@code PENDING} by default, in milliseconds. */
    public static final long DEFAULT_PENDING_MILLIS = 500;
    /** How long a job runs by default, in milliseconds. */
    public static final long DEFAULT_RUN_MILLIS = 1500;
    /** The shortest sleep between the polls of {@link #await} on a clock that is not a {@link FakeClock}. */
    private static final Duration MIN_REAL_POLL = Duration.ofMillis(50);

    private final Clock clock;
    private final FakeFiles files;
    private final Duration pendingTime;
    private final Duration runTime;
    private final FakeResponse response;
    private final ScriptedCalls<Operation> calls;
    private final SplittableRandom ids;
    private final Supplier<String> names;

    private final Object lock = new Object();
    private final Map<String, FakeBatchJob> jobs = new LinkedHashMap<>();
    private final List<Rule> rules = new ArrayList<>();
    private int stallNext;
    private final Deque<String> failNextJobs = new ArrayDeque<>();

    private record Rule(Predicate<KeyedRequest> condition, FakeResponse response) {
    }

    private FakeBatches(Builder builder) {
        this.partOfClient = builder.partOfClient;
        this.clock = builder.clock;
        this.files = builder.files != null ? builder.files : FakeFiles.builder().clock(builder.clock).build();
        this.pendingTime = builder.pendingTime;
        this.runTime = builder.runTime;
        this.response = builder.response;
        this.ids = new SplittableRandom(builder.seed);
        this.names = builder.names;
        this.calls = new ScriptedCalls<>(Operation.class, builder.executor, "fake-batches-", FakeBatches::closedFailure);
    }

    /**
     * A fake with the defaults: the system clock, {@value #DEFAULT_PENDING_MILLIS} ms pending,
     * {@value #DEFAULT_RUN_MILLIS} ms running (a job ends within two seconds), drawn images.
     */
    public static FakeBatches create() {
        return builder().build();
    }

    /** A builder for a fake with another clock, timing, answer or files store. */
    public static Builder builder() {
        return new Builder();
    }

    /** The Files store that holds the results files (the one given to the builder, or the fake's own). */
    public FakeFiles files() {
        return files;
    }

    /**
     * Adds a rule: a request whose keyed form matches {@code condition} gets {@code answer} instead of
     * the default (e.g. {@code FakeResponse.failure(...)} for a request that fails inside the job, or
     * {@code FakeResponse.promptBlocked(...)}). Rules are tried in order; the first match wins.
     *
     * @return this fake, to chain
     */
    public FakeBatches when(Predicate<KeyedRequest> condition, FakeResponse answer) {
        Rule rule = new Rule(Objects.requireNonNull(condition, "condition"), Objects.requireNonNull(answer, "answer"));
        synchronized (lock) {
            rules.add(rule);
        }
        return this;
    }

    /** Makes the request with this key fail inside its job with the exception {@code failure} makes. */
    public FakeBatches failRequest(String key, Supplier<? extends ImageGenerationException> failure) {
        Objects.requireNonNull(key, "key");
        return when(r -> r.key().equals(key), FakeResponse.failure(failure));
    }

    /** Makes the next job submitted never start: it stays {@code PENDING} and expires after 48 hours. */
    public FakeBatches stallNextJob() {
        synchronized (lock) {
            stallNext++;
        }
        return this;
    }

    /** Makes the next job submitted end {@code FAILED} when it would start, with {@code message} as its error. */
    public FakeBatches failNextJob(String message) {
        Objects.requireNonNull(message, "message");
        synchronized (lock) {
            failNextJobs.add(message);
        }
        return this;
    }

    /** Makes the next call of {@code operation} fail with the exception {@code failure} makes; failures queue per operation. */
    public FakeBatches failNext(Operation operation, Supplier<? extends ImageGenerationException> failure) {
        calls.failNext(operation, failure);
        return this;
    }

    /** The input mode each held job was sent with ({@code INLINE} or {@code FILE}), by name. */
    public Optional<BatchInputMode> inputMode(String name) {
        synchronized (lock) {
            return Optional.ofNullable(jobs.get(name)).map(j -> j.via);
        }
    }

    /** The keys of a held job's requests, in input order. */
    public List<String> keys(String name) {
        synchronized (lock) {
            return held(BatchJob.checkName(name)).requests.stream().map(KeyedRequest::key).toList();
        }
    }

    /**
     * Creates the job in memory. Each request is checked as {@link FakeImageGeneration} checks it,
     * and a model the fake does not serve is refused as it refuses it (the server's 404).
     */
    @Override
    public BatchJob submit(String displayName, String model, Iterable<KeyedRequest> requests, BatchSubmitOptions options) {
        BatchInputCheck.checkSubmit(displayName, model, requests, options);
        calls.begin(Operation.SUBMIT);
        Replies.checkModel(ImageModel.of(BatchInputCheck.bareModel(model)));
        BatchInputCheck check = new BatchInputCheck(model);
        List<KeyedRequest> held = new ArrayList<>();
        long bytes = 0;
        for (KeyedRequest request : requests) {
            held.add(check.check(request));
            bytes += BatchReplies.estimatedBytes(request);
        }
        check.requireSome();
        BatchInputMode via = options.resolve(held.size(), bytes);
        if (via == BatchInputMode.INLINE && bytes >= BatchSubmitOptions.INLINE_MAX_BYTES) {
            throw new InvalidRequestException("requests", "about " + bytes + " bytes sent inline",
                    "less than " + BatchSubmitOptions.INLINE_MAX_BYTES + " bytes for an inline job; send it as a file");
        }
        synchronized (lock) {
            String name = newName();
            boolean stall = stallNext > 0;
            if (stall) {
                stallNext--;
            }
            FakeBatchJob job = new FakeBatchJob(name, displayName, BatchInputCheck.bareModel(model), clock.instant(),
                    List.copyOf(held), via, pendingTime, runTime, stall, Optional.ofNullable(failNextJobs.poll()), this::answerFor,
                    new FakeReferences(Optional.of(files), Map.of())::bytes);
            jobs.put(name, job);
            return job.view(clock.instant());
        }
    }

    private String newName() {
        if (names != null) {
            String name = BatchJob.checkName(names.get());
            if (jobs.containsKey(name)) {
                throw new IllegalStateException("the names given to the builder repeat " + name + ", which this fake holds");
            }
            return name;
        }
        String name;
        do {
            name = "batches/" + Long.toString(ids.nextLong() & Long.MAX_VALUE, 36);
        } while (jobs.containsKey(name));
        return name;
    }

    @Override
    public CompletableFuture<BatchJob> submitAsync(String displayName, String model, Iterable<KeyedRequest> requests,
            BatchSubmitOptions options) {
        return calls.async(() -> submit(displayName, model, requests, options));
    }

    /**
     * The job as the clock now has it: the counts move with the clock, so with the default times a
     * job ends within two seconds on the system clock. A job still pending or running 48 hours after
     * creation is {@code EXPIRED}, with no results; a request whose answer fails counts as failed. An
     * unknown or deleted name fails with {@code NotFoundException} (the server's 404).
     */
    @Override
    public BatchJob get(String name) {
        String full = BatchJob.checkName(name);
        calls.begin(Operation.GET);
        synchronized (lock) {
            return observe(held(full));
        }
    }

    @Override
    public CompletableFuture<BatchJob> getAsync(String name) {
        Objects.requireNonNull(name, "name");
        return calls.async(() -> get(name));
    }

    @Override
    public BatchPage listPage(int pageSize, Optional<String> pageToken) {
        Objects.requireNonNull(pageToken, "pageToken");
        BatchPage.checkPageSize(pageSize);
        calls.begin(Operation.LIST);
        int from = pageToken.map(BatchReplies::pageIndex).orElse(0);
        synchronized (lock) {
            List<FakeBatchJob> newestFirst = new ArrayList<>(jobs.values());
            java.util.Collections.reverse(newestFirst);
            List<BatchJob> page = new ArrayList<>();
            for (int i = from; i < Math.min(newestFirst.size(), from + pageSize); i++) {
                page.add(observe(newestFirst.get(i)));
            }
            Optional<String> next = from + pageSize < newestFirst.size() ? Optional.of("page-" + (from + pageSize)) : Optional.empty();
            return new BatchPage(page, next);
        }
    }

    @Override
    public CompletableFuture<BatchPage> listPageAsync(int pageSize, Optional<String> pageToken) {
        Objects.requireNonNull(pageToken, "pageToken");
        return calls.async(() -> listPage(pageSize, pageToken));
    }

    /** Ends the job {@code CANCELLED}, keeping the results of the requests that ran. */
    @Override
    public void cancel(String name) {
        String full = BatchJob.checkName(name);
        calls.begin(Operation.CANCEL);
        synchronized (lock) {
            FakeBatchJob job = held(full);
            Instant now = clock.instant();
            if (job.state(now).isTerminal()) {
                throw BatchReplies.precondition(full + " has ended (" + job.state(now) + ") and cannot be cancelled");
            }
            job.cancel(now);
        }
    }

    @Override
    public CompletableFuture<Void> cancelAsync(String name) {
        Objects.requireNonNull(name, "name");
        return calls.async(() -> {
            cancel(name);
            return null;
        });
    }

    @Override
    public void delete(String name) {
        String full = BatchJob.checkName(name);
        calls.begin(Operation.DELETE);
        synchronized (lock) {
            held(full);
            jobs.remove(full);
        }
    }

    @Override
    public CompletableFuture<Void> deleteAsync(String name) {
        Objects.requireNonNull(name, "name");
        return calls.async(() -> {
            delete(name);
            return null;
        });
    }

    @Override
    public BatchJob await(String name, Duration timeout, BatchProgress progress) {
        String full = BatchJob.checkName(name);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(progress, "progress");
        // The one poller; its pause is this fake's (a fake clock advances, a real one sleeps until the job changes).
        CompletableFuture<BatchJob> done = BatchAwait.await(() -> {
            try {
                return CompletableFuture.completedFuture(get(full));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }, clock, timeout, progress::onPoll, wait -> {
            try {
                pause(wait, full);
                return CompletableFuture.completedFuture(null);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        });
        try {
            return done.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    @Override
    public CompletableFuture<BatchJob> awaitAsync(String name, Duration timeout, BatchProgress progress) {
        Objects.requireNonNull(name, "name");
        return calls.async(() -> await(name, timeout, progress));
    }

    /**
     * Each request's answer, drawn again (the same request draws the same bytes), one at a time.
     * Results exist only once a job has ended: inline for a job sent inline, else as a results file
     * {@code files/batch-{id}} in the {@link #files() Files store}, written as the service writes it
     * (JSONL, one line per request in input order) and downloadable.
     */
    @Override
    public Stream<BatchResult> results(String name) {
        String full = BatchJob.checkName(name);
        calls.begin(Operation.RESULTS);
        FakeBatchJob job;
        int count;
        synchronized (lock) {
            job = held(full);
            BatchJob view = observe(job);
            if (view.output().isEmpty()) {
                throw BatchReplies.precondition(full + " has no results: it is " + view.state()
                        + (view.isDone() ? "" : "; wait until it ends"));
            }
            if (job.via == BatchInputMode.FILE) {
                files.get(job.resultFileName());
            }
            count = job.completed(clock.instant());
        }
        return IntStream.range(0, count).mapToObj(i -> {
            synchronized (lock) {
                return job.run(i);
            }
        });
    }

    /** Later calls fail with {@link TransportException}; shuts down the threads the fake made. Jobs are kept. */
    @Override
    public void close() {
        if (!partOfClient) {
            shutdown();
        }
    }

    /** What {@link #close()} does for a fake of its own; a {@link FakeGeminiClient} calls it when it closes. */
    void shutdown() {
        calls.shutdown();
    }

    private FakeResponse answerFor(KeyedRequest request) {
        synchronized (lock) {
            return rules.stream().filter(r -> r.condition().test(request)).findFirst().map(Rule::response).orElse(response);
        }
    }

    /** The job as the service shows it now; a file job that has just ended gets its results file. */
    private BatchJob observe(FakeBatchJob job) {
        Instant now = clock.instant();
        if (job.via == BatchInputMode.FILE && !job.resultFileMade && job.hasOutput(now)) {
            files.putGenerated(job.resultFileName(), job.resultFile(job.completed(now)), "application/jsonl",
                    "results of " + job.name);
            job.resultFileMade = true;
        }
        return job.view(now);
    }

    private FakeBatchJob held(String name) {
        FakeBatchJob job = jobs.get(name);
        if (job == null) {
            throw BatchReplies.notFound(name);
        }
        return job;
    }

    private void pause(Duration duration, String name) {
        if (clock instanceof FakeClock fake) {
            fake.advance(duration);
            return;
        }
        Duration wait = duration;
        synchronized (lock) {
            FakeBatchJob job = jobs.get(name);
            Instant now = clock.instant();
            if (job != null) {
                // Ended since the last poll: poll again at once.
                Duration untilChange = Duration.between(now, job.nextChange(now).orElse(now));
                wait = untilChange.compareTo(MIN_REAL_POLL) < 0 ? MIN_REAL_POLL
                        : untilChange.compareTo(duration) < 0 ? untilChange : duration;
            }
        }
        try {
            Thread.sleep(Math.max(1, wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while waiting for the batch to end", ErrorDetails.ofAttempts(1), e);
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "FakeBatches[" + jobs.size() + " job(s), pending " + pendingTime + ", running " + runTime + ", clock "
                    + clock + (calls.isClosed() ? ", closed" : "") + "]";
        }
    }

    private static TransportException closedFailure() {
        return new TransportException("the fake batches were closed", ErrorDetails.ofAttempts(0));
    }

    /** Builds a {@link FakeBatches}. Not thread-safe. */
    public static final class Builder {
        private boolean partOfClient;
        private Clock clock = Clock.systemUTC();
        private FakeFiles files;
        private Duration pendingTime = Duration.ofMillis(DEFAULT_PENDING_MILLIS);
        private Duration runTime = Duration.ofMillis(DEFAULT_RUN_MILLIS);
        private FakeResponse response = FakeResponse.generatedImage();
        private Executor executor;
        private long seed = 1;
        private Supplier<String> names;

        private Builder() {
        }

        /** The clock that drives the jobs; a {@link FakeClock} makes waits instant. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The Files store for results files (default: the fake's own, on the same clock). */
        public Builder files(FakeFiles value) {
            this.files = Objects.requireNonNull(value, "files");
            return this;
        }

        /** How long a job is {@code PENDING} (default {@value FakeBatches#DEFAULT_PENDING_MILLIS} ms). */
        public Builder pendingTime(Duration value) {
            this.pendingTime = DurationChecks.nonNegative(value, "pendingTime");
            return this;
        }

        /** How long a job runs (default {@value FakeBatches#DEFAULT_RUN_MILLIS} ms); 48 hours or more makes every job expire. */
        public Builder runTime(Duration value) {
            this.runTime = DurationChecks.positive(value, "runTime");
            return this;
        }

        /** The answer of a request no rule matches (default {@link FakeResponse#generatedImage()}). */
        public Builder response(FakeResponse value) {
            this.response = Objects.requireNonNull(value, "response");
            return this;
        }

        /** Runs async calls on the caller's executor, which {@link FakeBatches#close()} leaves running. */
        public Builder executor(Executor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /** The seed of the job ids. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * Where the names of new jobs come from instead of random ids, e.g. to load jobs kept
         * elsewhere under their own names; each must be {@code batches/} and an id, and new to the
         * fake (a repeated name fails the submit with {@code IllegalStateException}).
         */
        public Builder names(Supplier<String> value) {
            this.names = Objects.requireNonNull(value, "names");
            return this;
        }

        /** Makes this fake a view of a {@link FakeGeminiClient}: its close() leaves it to the client. */
        Builder partOfClient() {
            this.partOfClient = true;
            return this;
        }

        /** Builds the fake. */
        public FakeBatches build() {
            return new FakeBatches(this);
        }
    }
}
