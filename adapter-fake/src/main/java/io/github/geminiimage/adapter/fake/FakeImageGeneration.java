package io.github.geminiimage.adapter.fake;

import io.github.geminiimage.adapter.fake.internal.Replies;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.PriceTable;
import io.github.geminiimage.domain.ServedTier;
import io.github.geminiimage.domain.ServiceTier;
import io.github.geminiimage.domain.continuation.ContinuationHops;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.domain.sink.SinkSession;
import io.github.geminiimage.domain.stream.StreamEvent;
import io.github.geminiimage.port.GenerationStream;
import io.github.geminiimage.port.ImageGenerationPort;
import io.github.geminiimage.port.StreamListener;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An in-memory {@link ImageGenerationPort} for offline tests and demos, faithful enough that a test
 * passing against it means something: it refuses what the service refuses (see {@link #generate}),
 * answers with a real image drawn on the spot by default, and records every request
 * ({@link #requests()}, {@link #assertRequest(int)}). Answers are scripted with {@link #enqueue}
 * (the next calls, in order) and {@link #when} (standing rules once the queue is empty), and it
 * streams them too ({@link #stream}). The README's "Testing with the fake" shows it in a test.
 *
 * <p>Thread-safe. It never sleeps unless an answer was scripted with a delay
 * ({@link FakeResponse#after}); {@link #close()} stops the threads it made.
 */
public final class FakeImageGeneration implements ImageGenerationPort {

    /** Set for the views of a {@link FakeGeminiClient}: their own close() then does nothing. */
    private final boolean partOfClient;

    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private final ScheduledThreadPoolExecutor scheduler;
    private final FakeResponse defaultResponse;
    private final FakeReferences references;
    private final boolean recordRequests;
    private final Function<GenerationRequest, ServedTier> servedTiers;
    private final PriceTable priceTable;

    private final Object scriptLock = new Object();
    private final Deque<FakeResponse> queue = new ArrayDeque<>();
    private final List<Rule> rules = new ArrayList<>();
    private final List<GenerationRequest> recorded = new CopyOnWriteArrayList<>();
    private final Set<CompletableFuture<GenerationResult>> pending = ConcurrentHashMap.newKeySet();
    private final Set<FakeGenerationStream> openStreams = ConcurrentHashMap.newKeySet();
    /** The response that gave each continuation token: a request resuming with one goes back to it. */
    private final Map<String, FakeResponse> continuations = new ConcurrentHashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    private record Rule(Predicate<GenerationRequest> condition, FakeResponse response) {
    }

    private FakeImageGeneration(Builder builder) {
        this.partOfClient = builder.partOfClient;
        this.defaultResponse = builder.defaultResponse;
        this.references = new FakeReferences(Optional.ofNullable(builder.files), builder.urls);
        this.recordRequests = builder.recordRequests;
        this.servedTiers = builder.servedTiers;
        this.priceTable = builder.priceTable;
        if (builder.executor != null) {
            this.executor = builder.executor;
            this.ownedExecutor = null;
        } else {
            this.ownedExecutor = Executors.newCachedThreadPool(ScriptedCalls.daemonThreads("fake-image-generation-"));
            this.executor = ownedExecutor;
        }
        this.scheduler = new ScheduledThreadPoolExecutor(1, ScriptedCalls.daemonThreads("fake-image-generation-delay-"));
        // A cancelled call must not keep its timer (and the request it holds) until the delay ends.
        this.scheduler.setRemoveOnCancelPolicy(true);
    }

    /** A fake with the defaults: every call answered with a drawn image, async calls on its own daemon threads. */
    public static FakeImageGeneration create() {
        return builder().build();
    }

    /** A builder for a fake with another default answer or a lent executor. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Queues answers for the next calls, in order; each is used once. Queued answers come before
     * the {@link #when rules}.
     *
     * @return this fake, to chain
     */
    public FakeImageGeneration enqueue(FakeResponse... responses) {
        List<FakeResponse> list = Arrays.asList(responses.clone());
        list.forEach(r -> Objects.requireNonNull(r, "response"));
        synchronized (scriptLock) {
            queue.addAll(list);
        }
        return this;
    }

    /**
     * Adds a standing rule: when the queue is empty, a request matching {@code condition} gets
     * {@code response}. Rules are tried in the order they were added; the first match wins.
     *
     * @return this fake, to chain
     */
    public FakeImageGeneration when(Predicate<GenerationRequest> condition, FakeResponse response) {
        Rule rule = new Rule(Objects.requireNonNull(condition, "condition"), Objects.requireNonNull(response, "response"));
        synchronized (scriptLock) {
            rules.add(rule);
        }
        return this;
    }

    /** Forgets the queued answers, the rules and the recorded requests. */
    public void reset() {
        synchronized (scriptLock) {
            queue.clear();
            rules.clear();
            recorded.clear();
        }
    }

    /** How many queued answers are still unused. */
    public int queuedResponses() {
        synchronized (scriptLock) {
            return queue.size();
        }
    }

    /** Every request received so far, oldest first, including those that failed (a snapshot). */
    public List<GenerationRequest> requests() {
        return List.copyOf(recorded);
    }

    /** How many requests were received. */
    public int requestCount() {
        return recorded.size();
    }

    /** The latest request received, if any. */
    public Optional<GenerationRequest> lastRequest() {
        List<GenerationRequest> all = requests();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * Checks how many requests were received.
     *
     * @return this fake, to chain
     * @throws AssertionError if the count differs
     */
    public FakeImageGeneration assertRequestCount(int expected) {
        int actual = requestCount();
        if (actual != expected) {
            throw new AssertionError("expected " + expected + " request(s) to the fake but it received " + actual);
        }
        return this;
    }

    /**
     * Assertions on the request received at {@code index} (0-based).
     *
     * @throws AssertionError if there is no such request
     */
    public RequestAssertions assertRequest(int index) {
        List<GenerationRequest> all = requests();
        if (index < 0 || index >= all.size()) {
            throw new AssertionError("expected a request at index " + index + " but the fake received " + all.size());
        }
        return new RequestAssertions(all.get(index), "request " + index);
    }

    /**
     * Assertions on the latest request.
     *
     * @throws AssertionError if no request was received
     */
    public RequestAssertions assertLastRequest() {
        List<GenerationRequest> all = requests();
        if (all.isEmpty()) {
            throw new AssertionError("expected a request but the fake received none");
        }
        return new RequestAssertions(all.get(all.size() - 1), "the last request");
    }

    /**
     * Answers as the service would. The domain's validation runs again and file images are read; a
     * model id the endpoint does not serve fails with {@code NotFoundException} (the server's 404):
     * retired ids, and any id but {@code gemini-2.5-flash-image}, {@code gemini-3-pro-image} and
     * {@code gemini-3.1-flash-image} (the Gemini 3 ones also with {@code -preview}), each with an
     * optional dated {@code -MM-YYYY} suffix, spelt exactly (ids are case-sensitive). A turn without
     * parts and, on Gemini 3 models, a replayed image part without its thought signature fail with
     * the server's 400. Image references ({@code fileData}) are fetched from the
     * {@link Builder#files} store or the {@link Builder#urlContent}, otherwise the service's 403 or
     * 400. Then the oldest queued answer is used, else the first matching rule, else the default: a
     * decodable image ({@link FakeResponse#generatedImage()}), PNG on 2.5 Flash Image and JPEG on
     * Gemini 3, at the model's exact pixel size, with a text part, {@code STOP} and realistic usage.
     */
    @Override
    public GenerationResult generate(GenerationRequest request) {
        Call call = begin(request);
        awaitDelay(call);
        return call.answer();
    }

    /** Waits out the answer's delay on the caller's thread; closing the fake ends the wait with a failure. */
    private void awaitDelay(Call call) {
        if (call.response.delay().isZero()) {
            return;
        }
        try {
            if (closed.await(call.response.delay().toNanos(), TimeUnit.NANOSECONDS)) {
                throw closedFailure();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("the call was interrupted while waiting for the reply",
                    ErrorDetails.ofAttempts(1), e, false);
        }
    }

    @Override
    public CompletableFuture<GenerationResult> generateAsync(GenerationRequest request) {
        return async(request, (call, future) -> future.complete(call.answer()));
    }

    /**
     * Begins {@code request} on the caller's thread (a refused request fails the future at once),
     * then, after the answer's delay, has {@code answer} complete the future on the executor unless
     * it was cancelled meanwhile; whatever {@code answer} throws fails the future.
     */
    private CompletableFuture<GenerationResult> async(GenerationRequest request,
            BiConsumer<Call, CompletableFuture<GenerationResult>> answer) {
        Call call;
        try {
            call = begin(request);
        } catch (ImageGenerationException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<GenerationResult> future = new CompletableFuture<>();
        pending.add(future);
        Runnable work = () -> {
            if (future.isDone()) {
                return;
            }
            try {
                answer.accept(call, future);
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        };
        return schedule(work, call.response.delay(), future);
    }

    /**
     * Streams the answer: a {@link FakeResponse#streamed scripted stream} as scripted, any other
     * answer as a server streams it (one event per part, text in two deltas, finish and usage
     * last; with {@code includeThoughts} on a Gemini 3 model a thought summary and an interim
     * draft image come first). A failing answer, and an answer's {@link FakeResponse#after delay},
     * happen here, before the stream is returned: the reply had not started.
     */
    @Override
    public GenerationStream stream(GenerationRequest request) {
        Call call = begin(request);
        awaitDelay(call);
        return open(call);
    }

    /**
     * Streams on the fake's executor (see {@link #stream}), delivering the events to
     * {@code listener} one at a time; cancelling the future or closing the fake ends a scripted pause at once.
     */
    @Override
    public CompletableFuture<GenerationResult> streamAsync(GenerationRequest request, StreamListener listener) {
        Objects.requireNonNull(listener, "listener");
        return async(request, (call, future) -> {
            try (GenerationStream stream = open(call)) {
                future.whenComplete((r, f) -> stream.close());
                for (StreamEvent event : stream) {
                    if (future.isDone()) {
                        return;
                    }
                    try {
                        listener.onEvent(event);
                    } catch (RuntimeException | Error e) {
                        future.completeExceptionally(e);
                        return;
                    }
                }
                future.complete(stream.result());
            }
        });
    }

    private GenerationStream open(Call call) {
        List<FakeStream.Step> steps;
        int continued = 0;
        if (call.response.isStreamScript()) {
            steps = call.response.streamSteps(call.request, call.images, Replies.fingerprint(call.request, call.images));
        } else {
            // A continued generation streams as its joined result (each request answered at once).
            GenerationResult answer = call.joined();
            continued = answer.continuations();
            steps = FakeStream.of(answer);
        }
        FakeGenerationStream[] holder = new FakeGenerationStream[1];
        FakeGenerationStream stream = new FakeGenerationStream(steps, () -> openStreams.remove(holder[0]), call::finish,
                call.request.sink().map(SinkSession::open), continued);
        holder[0] = stream;
        openStreams.add(stream);
        if (closed.getCount() == 0) {
            // The fake was closed meanwhile: the stream must not outlive it.
            stream.close();
        }
        return stream;
    }

    /**
     * Runs {@code work} on the executor, at once or after {@code delay} (a timer cancelled when the
     * future ends first); a closed fake fails the future. The future leaves {@code pending} when done.
     */
    private CompletableFuture<GenerationResult> schedule(Runnable work, Duration delay,
            CompletableFuture<GenerationResult> future) {
        try {
            if (delay.isZero()) {
                executor.execute(work);
            } else {
                ScheduledFuture<?> timer = scheduler.schedule(() -> executeOrFail(work, future),
                        delay.toNanos(), TimeUnit.NANOSECONDS);
                future.whenComplete((result, failure) -> timer.cancel(false));
            }
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(closedFailure());
        }
        future.whenComplete((result, failure) -> pending.remove(future));
        return future;
    }

    private void executeOrFail(Runnable work, CompletableFuture<GenerationResult> future) {
        try {
            executor.execute(work);
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(closedFailure());
        }
    }

    /**
     * Shuts down the threads the fake made (never a lent executor) and fails the calls still
     * waiting on a scripted delay with {@link TransportException}. Later calls fail at once.
     * Closing twice is harmless.
     */
    @Override
    public void close() {
        if (!partOfClient) {
            shutdown();
        }
    }

    /** What {@link #close()} does for a fake of its own; a {@link FakeGeminiClient} calls it when it closes. */
    void shutdown() {
        closed.countDown();
        scheduler.shutdownNow();
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
        }
        for (CompletableFuture<GenerationResult> future : List.copyOf(pending)) {
            future.completeExceptionally(closedFailure());
        }
        for (FakeGenerationStream stream : List.copyOf(openStreams)) {
            stream.close();
        }
    }

    /** Records, checks and picks the answer on the caller's thread, so queued answers follow call order. */
    private Call begin(GenerationRequest request) {
        Objects.requireNonNull(request, "request");
        if (closed.getCount() == 0) {
            throw closedFailure();
        }
        if (recordRequests) {
            recorded.add(request);
        }
        references.checkHistory(request);
        List<byte[]> images = Replies.check(request, references::bytes);
        FakeResponse response = request.continuationToken().map(continuations::get).orElse(null);
        if (response != null) {
            return new Call(request, images, response, servedTiers, priceTable);
        }
        synchronized (scriptLock) {
            response = queue.pollFirst();
            if (response == null) {
                response = rules.stream().filter(rule -> rule.condition().test(request)).findFirst()
                        .map(Rule::response).orElse(defaultResponse);
            }
        }
        return new Call(request, images, response, servedTiers, priceTable);
    }

    private static TransportException closedFailure() {
        return new TransportException("the fake image generation was closed", ErrorDetails.ofAttempts(0), null, false);
    }

    /** Not static: a continued answer records its requests and remembers its tokens in this fake. */
    private final class Call {
        private final GenerationRequest request;
        private final List<byte[]> images;
        private final FakeResponse response;
        private final Function<GenerationRequest, ServedTier> servedTiers;
        private final PriceTable priceTable;

        Call(GenerationRequest request, List<byte[]> images, FakeResponse response,
                Function<GenerationRequest, ServedTier> servedTiers, PriceTable priceTable) {
            this.request = request;
            this.images = images;
            this.response = response;
            this.servedTiers = servedTiers;
            this.priceTable = priceTable;
        }

        /**
         * The scripted answer, continued as {@link #joined()} does; a computed one with the served
         * tier the fake reports, priced as the HTTP client prices it (once, after the join, from the
         * summed usage); with a sink, the images of every reply written through it and committed
         * once, when the whole continued call is answered (atomically, as a transport does).
         */
        GenerationResult answer() {
            GenerationResult result = joined();
            if (!response.isGiven()) {
                result = finish(result);
            }
            return request.sink().isEmpty() ? result : SinkSession.open(request.sink().get()).writeAll(result);
        }

        /** {@code result} with the served tier the fake reports and the price the HTTP client would give it. */
        GenerationResult finish(GenerationResult result) {
            ServedTier served = servedTiers.apply(request);
            if (served.isKnown()) {
                result = result.withServedTier(served);
            }
            return result.priced(priceTable, request);
        }

        /**
         * The answer, continued as the HTTP transports continue it: each continuation request is
         * recorded and answered by the same response, the replies joined.
         */
        GenerationResult joined() {
            ContinuationHops hops = new ContinuationHops(request, ContinuationHops.DEFAULT_MAX_CONTINUATIONS,
                    ContinuationHops.DEFAULT_MAX_WITHOUT_PROGRESS);
            Optional<String> token = hops.add(remembered(response.answer(request, images,
                    Replies.fingerprint(request, images))));
            while (token.isPresent()) {
                GenerationRequest next = request.toBuilder().continuationToken(token.get()).build();
                if (recordRequests) {
                    recorded.add(next);
                }
                token = hops.add(remembered(response.answer(next, images, Replies.fingerprint(next, images))));
            }
            return hops.result();
        }

        private GenerationResult remembered(GenerationResult reply) {
            reply.continuationToken().ifPresent(t -> continuations.put(t, response));
            return reply;
        }
    }

    /** Builds a {@link FakeImageGeneration}. Not thread-safe. */
    public static final class Builder {
        private boolean partOfClient;
        private FakeResponse defaultResponse = FakeResponse.generatedImage();
        private Executor executor;
        private FakeFiles files;
        private final Map<URI, byte[]> urls = new HashMap<>();
        private boolean recordRequests = true;
        private Function<GenerationRequest, ServedTier> servedTiers = request -> ServedTier.NONE;
        private PriceTable priceTable = PriceTable.google();

        private Builder() {
        }

        /**
         * Reports each request as served at the tier it asked for ({@code x-gemini-service-tier}
         * and {@code trafficType}, e.g. {@code flex} and {@code ON_DEMAND_FLEX}); a request without
         * a tier reports none. Off by default: the fake then names no served tier.
         */
        public Builder echoServiceTier() {
            this.servedTiers = request -> request.serviceTier().map(ServedTier::of).orElse(ServedTier.NONE);
            return this;
        }

        /**
         * Reports every call as served at {@code tier}, whatever it asked for: e.g.
         * {@link ServiceTier#STANDARD} to script a priority request that fell back to standard.
         */
        public Builder servedTier(ServiceTier tier) {
            ServedTier served = ServedTier.of(Objects.requireNonNull(tier, "tier"));
            this.servedTiers = request -> served;
            return this;
        }

        /** The prices each answer's {@link GenerationResult#cost()} is estimated with (default {@link PriceTable#google()}). */
        public Builder priceTable(PriceTable table) {
            this.priceTable = Objects.requireNonNull(table, "priceTable");
            return this;
        }

        /**
         * Whether every request is kept for {@link #requests()} and the assertions (default true).
         * A long-running server turns it off: the list grows with every call and holds its images.
         */
        public Builder recordRequests(boolean record) {
            this.recordRequests = record;
            return this;
        }

        /**
         * Resolves image references to Files API URIs against this store, as the service does: a file
         * it holds and is {@code ACTIVE} is read; otherwise the service's 403 or 400. Without a store,
         * every such reference gets the 403.
         */
        public Builder files(FakeFiles store) {
            this.files = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Content the fake "fetches" for an image reference to another URL ({@code https://} or
         * {@code gs://}); a reference to a URL not given here gets the service's 400.
         */
        public Builder urlContent(URI uri, byte[] content) {
            urls.put(Objects.requireNonNull(uri, "uri"), Objects.requireNonNull(content, "content").clone());
            return this;
        }

        /** The answer when neither the queue nor a rule gives one (default {@link FakeResponse#generatedImage()}). */
        public Builder defaultResponse(FakeResponse response) {
            this.defaultResponse = Objects.requireNonNull(response, "response");
            return this;
        }

        /** Runs async calls on the caller's executor, which {@link FakeImageGeneration#close()} leaves running. */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Makes this fake a view of a {@link FakeGeminiClient}: its close() leaves it to the client. */
        Builder partOfClient() {
            this.partOfClient = true;
            return this;
        }
        /** Builds the fake. */
        public FakeImageGeneration build() {
            return new FakeImageGeneration(this);
        }
    }

    @Override
    public String toString() {
        return "FakeImageGeneration[" + requestCount() + " requests, " + queuedResponses() + " queued]";
    }
}
