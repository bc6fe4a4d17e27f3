package io.github.geminiimage.http.internal.calls;

import io.github.geminiimage.domain.FinishReason;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.StreamEvent;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.continuation.ContinuationHops;
import io.github.geminiimage.http.internal.engine.CallEngine;
import io.github.geminiimage.http.internal.engine.Exchange;
import io.github.geminiimage.http.internal.error.FailureClassifier;
import io.github.geminiimage.port.GenerationStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Automatic continuation, the one place for it (docs/wire-format.md, "Continuation"): a reply whose
 * first candidate stopped with {@code CONTINUATION} and a token is followed by the same request sent
 * again with {@code continuationToken}, until a reply finishes, the bounds of
 * {@code HttpOptions.maxContinuations} and {@code maxContinuationsWithoutProgress} are reached
 * ({@link ContinuationHops} decides), or the call's overall deadline (which covers every request)
 * has passed; the replies are joined with {@link GenerationResult#followedBy}. A request with
 * {@code automaticContinuation(false)} is sent once. Each request is its own call for the engine (retries, observer, usage); a failing
 * continuation request fails the whole call. One instance per call; not thread-safe.
 */
public final class Continuation {

    private static final Duration MAX_BUDGET = Duration.ofDays(36_500);

    private final CallEngine engine;
    private final GenerationRequest request;
    private final Instant deadline;
    private final ContinuationHops hops;

    private Continuation(CallEngine engine, GenerationRequest request, Instant start, Duration budget) {
        this.engine = engine;
        this.request = request;
        // A deadline of centuries means none, as for the engine: capped so the instant cannot overflow.
        this.deadline = start.plus(budget.compareTo(MAX_BUDGET) > 0 ? MAX_BUDGET : budget);
        this.hops = new ContinuationHops(request, engine.settings().maxContinuations(),
                engine.settings().maxContinuationsWithoutProgress());
    }

    private static Continuation start(CallEngine engine, GenerationRequest request, Exchange<?> first) {
        Instant start = engine.clock().instant();
        return new Continuation(engine, request, start, first.policy().deadline().orElse(engine.settings().overallDeadline()));
    }

    /**
     * Runs {@code request} on the calling thread, continuing it as long as the bounds allow.
     *
     * @param exchanges the exchange of a request (the first one, then each with its token)
     */
    public static GenerationResult generate(CallEngine engine, GenerationRequest request,
            Function<GenerationRequest, Exchange<GenerationResult>> exchanges) {
        Exchange<GenerationResult> first = exchanges.apply(request);
        Continuation hops = start(engine, request, first);
        Optional<GenerationRequest> next = hops.next(engine.execute(first));
        while (next.isPresent()) {
            next = hops.next(engine.execute(exchanges.apply(next.get()).withDeadline(hops.remaining())));
        }
        return hops.hops.result();
    }

    /**
     * Runs {@code request} without blocking, continuing it as {@link #generate} does. Cancelling the
     * returned future cancels the request in flight.
     */
    public static CompletableFuture<GenerationResult> generateAsync(CallEngine engine, GenerationRequest request,
            Function<GenerationRequest, Exchange<GenerationResult>> exchanges) {
        Exchange<GenerationResult> first = exchanges.apply(request);
        Continuation hops = start(engine, request, first);
        if (!hops.hops.enabled()) {
            return engine.executeAsync(first);
        }
        CompletableFuture<GenerationResult> result = new CompletableFuture<>();
        AtomicReference<CompletableFuture<GenerationResult>> inFlight = new AtomicReference<>();
        result.whenComplete((r, f) -> {
            CompletableFuture<GenerationResult> call = inFlight.get();
            if (call != null) {
                call.cancel(true);
            }
        });
        hops.sendAsync(engine.executeAsync(first), exchanges, inFlight, result);
        return result;
    }

    private void sendAsync(CompletableFuture<GenerationResult> call, Function<GenerationRequest,
            Exchange<GenerationResult>> exchanges, AtomicReference<CompletableFuture<GenerationResult>> inFlight,
            CompletableFuture<GenerationResult> result) {
        inFlight.set(call);
        if (result.isDone()) {
            call.cancel(true);
            return;
        }
        call.whenComplete((reply, failure) -> {
            if (failure != null) {
                result.completeExceptionally(FailureClassifier.unwrap(failure));
                return;
            }
            Optional<GenerationRequest> next;
            try {
                next = next(reply);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            if (next.isEmpty()) {
                result.complete(hops.result());
                return;
            }
            CompletableFuture<GenerationResult> again;
            try {
                again = engine.executeAsync(exchanges.apply(next.get()).withDeadline(remaining()));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            sendAsync(again, exchanges, inFlight, result);
        });
    }

    /**
     * Opens {@code request}'s stream on the calling thread; the returned stream goes on with a new
     * request (opened on the consumer's thread) whenever one ends with {@code CONTINUATION}, as
     * {@link #generate} does.
     *
     * @param exchanges the exchange opening the stream of a request
     */
    public static GenerationStream stream(CallEngine engine, GenerationRequest request,
            Function<GenerationRequest, Exchange<GenerationStream>> exchanges) {
        Exchange<GenerationStream> first = exchanges.apply(request);
        Continuation hops = start(engine, request, first);
        GenerationStream opened = engine.execute(first);
        return !hops.hops.enabled() ? opened : hops.continuing(opened, exchanges);
    }

    /**
     * Opens {@code request}'s stream without blocking; the stream continues as in {@link #stream}.
     * Cancelling the returned future cancels the opening.
     */
    public static CompletableFuture<GenerationStream> streamAsync(CallEngine engine, GenerationRequest request,
            Function<GenerationRequest, Exchange<GenerationStream>> exchanges) {
        Exchange<GenerationStream> first = exchanges.apply(request);
        Continuation hops = start(engine, request, first);
        CompletableFuture<GenerationStream> opened = engine.executeAsync(first);
        if (!hops.hops.enabled()) {
            return opened;
        }
        CompletableFuture<GenerationStream> continuing = opened.thenApply(stream -> hops.continuing(stream, exchanges));
        continuing.whenComplete((stream, failure) -> {
            if (continuing.isCancelled()) {
                opened.cancel(true);
                // Opened just before the cancel: nobody else will close that stream.
                opened.thenAccept(GenerationStream::close);
            }
        });
        return continuing;
    }

    private GenerationStream continuing(GenerationStream opened,
            Function<GenerationRequest, Exchange<GenerationStream>> exchanges) {
        return new ContinuedStream(opened, next -> engine.execute(exchanges.apply(next).withDeadline(remaining())));
    }

    /** The time left of the overall deadline, never below a millisecond (the engine then times out). */
    private Duration remaining() {
        Duration left = Duration.between(engine.clock().instant(), deadline);
        return left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
    }

    /**
     * Joins {@code reply} to what came before and says what to send next: the request with the
     * reply's token, or nothing when the generation finished, a bound was reached or the overall
     * deadline has passed.
     */
    private Optional<GenerationRequest> next(GenerationResult reply) {
        Optional<String> token = hops.add(reply);
        if (token.isEmpty() || !engine.clock().instant().isBefore(deadline)) {
            return Optional.empty();
        }
        return Optional.of(request.toBuilder().continuationToken(token.get()).build());
    }

    /**
     * A stream that goes on into the next request's stream when one ends with {@code CONTINUATION}:
     * the events of every request in order, except the {@code Finished(CONTINUATION)} of a request
     * that was continued; usage updates give the sum so far; {@link #result()} is the joined result.
     */
    private final class ContinuedStream implements GenerationStream {

        private final Function<GenerationRequest, GenerationStream> openNext;
        private final Deque<StreamEvent> pending = new ArrayDeque<>();
        private volatile GenerationStream current;
        private volatile boolean closed;
        private Iterator<StreamEvent> events;
        private StreamEvent.Finished held;
        private Usage before = Usage.NONE;
        private boolean taken;
        private boolean ended;

        ContinuedStream(GenerationStream first, Function<GenerationRequest, GenerationStream> openNext) {
            this.current = first;
            this.openNext = openNext;
        }

        @Override
        public Iterator<StreamEvent> iterator() {
            if (taken) {
                throw new IllegalStateException("the events of a stream can be taken only once");
            }
            taken = true;
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return fetch();
                }

                @Override
                public StreamEvent next() {
                    if (!fetch()) {
                        throw new NoSuchElementException("the stream has ended");
                    }
                    return pending.removeFirst();
                }
            };
        }

        @Override
        public Stream<StreamEvent> events() {
            Iterator<StreamEvent> it = iterator();
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
                    false).onClose(this::close);
        }

        @Override
        public GenerationResult result() {
            while (fetch()) {
                pending.removeFirst();
            }
            return hops.result();
        }

        @Override
        public void close() {
            closed = true;
            current.close();
        }

        private boolean fetch() {
            while (pending.isEmpty()) {
                if (ended) {
                    return false;
                }
                if (events == null) {
                    events = current.iterator();
                }
                if (events.hasNext()) {
                    StreamEvent event = events.next();
                    if (held != null) {
                        pending.add(held);
                        held = null;
                    }
                    if (event instanceof StreamEvent.Finished f && f.reason().equals(FinishReason.CONTINUATION)) {
                        held = f; // dropped if the stream is continued, delivered if not
                    } else if (event instanceof StreamEvent.UsageUpdate u) {
                        pending.add(new StreamEvent.UsageUpdate(before.plus(u.usage())));
                    } else {
                        pending.add(event);
                    }
                    continue;
                }
                GenerationResult reply = current.result();
                Optional<GenerationRequest> next = next(reply);
                if (next.isEmpty() || closed) {
                    if (held != null) {
                        pending.add(held);
                        held = null;
                    }
                    ended = true;
                    continue;
                }
                held = null;
                before = hops.result().usage();
                current = Objects.requireNonNull(openNext.apply(next.get()), "stream");
                events = null;
                if (closed) {
                    current.close();
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return "ContinuedStream[" + (current == null ? "" : current.toString()) + (ended ? ", ended" : "") + "]";
        }
    }
}
