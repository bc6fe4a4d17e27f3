package io.github.geminiimage.http.internal.calls;

import io.github.geminiimage.domain.FinishReason;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.continuation.ContinuationHops;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.sink.SinkSession;
import io.github.geminiimage.domain.stream.StreamEvent;
import io.github.geminiimage.http.internal.engine.CallEngine;
import io.github.geminiimage.http.internal.engine.Exchange;
import io.github.geminiimage.http.internal.error.FailureClassifier;
import io.github.geminiimage.port.GenerationStream;
import io.github.geminiimage.port.stream.PulledGenerationStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Automatic continuation, the one place for it (docs/wire-format.md, "Continuation"): a reply whose
 * first candidate stopped with {@code CONTINUATION} and a token is followed by the same request sent
 * again with {@code continuationToken}, until a reply finishes, {@link ContinuationHops} says stop
 * (the bounds in {@code HttpOptions}) or the call's overall deadline, which covers every request,
 * has passed; the replies are joined with {@link GenerationResult#followedBy}. Each request is its
 * own call for the engine (retries, observer, usage); a failing one fails the whole call. A request
 * with {@code automaticContinuation(false)} is sent once. One instance per call; not thread-safe.
 */
public final class Continuation {

    private static final Duration MAX_BUDGET = Duration.ofDays(36_500);

    private final CallEngine engine;
    private final GenerationRequest request;
    private final ContinuationHops hops;
    private final UnaryOperator<GenerationResult> finish;
    /**
     * With a sink, the session of the whole call when it may be continued: each request's attempt
     * writes through a {@linkplain SinkSession#part() part} of it, and the files are moved into place
     * once, with the joined result; a failure, a cancel or a close removes every request's files.
     * Empty without a sink or continuation (each attempt then commits its own session, as always).
     */
    private final Optional<SinkSession> session;
    private Instant deadline;

    private Continuation(CallEngine engine, GenerationRequest request, UnaryOperator<GenerationResult> finish) {
        this.engine = engine;
        this.request = request;
        this.finish = finish;
        this.hops = new ContinuationHops(request, engine.settings().maxContinuations(),
                engine.settings().maxContinuationsWithoutProgress());
        this.session = hops.enabled() ? request.sink().map(SinkSession::open) : Optional.empty();
    }

    /**
     * The first request's exchange; its deadline (the flex one for a flex call, else the overall
     * deadline) covers every request of the call, which all keep the exchange's retry policy (a
     * flex call's flex policy).
     */
    private <T> Exchange<T> first(BiFunction<GenerationRequest, Optional<SinkSession>, Exchange<T>> exchanges) {
        Instant start = engine.clock().instant();
        Exchange<T> first;
        try {
            first = exchanges.apply(request, session);
        } catch (RuntimeException | Error e) {
            abort();
            throw e;
        }
        Duration budget = first.policy().deadline().orElse(engine.settings().overallDeadline());
        // A deadline of centuries means none, as for the engine: capped so the instant cannot overflow.
        this.deadline = start.plus(budget.compareTo(MAX_BUDGET) > 0 ? MAX_BUDGET : budget);
        return first;
    }

    /**
     * The joined result, its images moved into place (with a sink) and finished once ({@code finish}
     * prices it from the summed usage).
     */
    private GenerationResult done() {
        GenerationResult joined = hops.result();
        return finish.apply(session.isPresent() ? session.get().commit(joined) : joined);
    }

    /** Removes the files of every request of the call (with a sink); harmless after {@link #done()}. */
    private void abort() {
        session.ifPresent(SinkSession::abort);
    }

    /**
     * Runs {@code request} on the calling thread, continuing it as long as the bounds allow.
     *
     * @param exchanges the exchange of a request (the first one, then each with its token), given
     *     the call's sink session when there is one
     * @param finish applied once to the joined result (e.g. to price it)
     */
    public static GenerationResult generate(CallEngine engine, GenerationRequest request,
            BiFunction<GenerationRequest, Optional<SinkSession>, Exchange<GenerationResult>> exchanges,
            UnaryOperator<GenerationResult> finish) {
        Continuation hops = new Continuation(engine, request, finish);
        Exchange<GenerationResult> first = hops.first(exchanges);
        try {
            Optional<GenerationRequest> next = hops.next(engine.execute(first));
            while (next.isPresent()) {
                next = hops.next(engine.execute(exchanges.apply(next.get(), hops.session).withDeadline(hops.remaining())));
            }
            return hops.done();
        } catch (RuntimeException | Error e) {
            hops.abort();
            throw e;
        }
    }

    /**
     * Runs {@code request} without blocking, continuing it as {@link #generate} does. Cancelling the
     * returned future cancels the request in flight.
     */
    public static CompletableFuture<GenerationResult> generateAsync(CallEngine engine, GenerationRequest request,
            BiFunction<GenerationRequest, Optional<SinkSession>, Exchange<GenerationResult>> exchanges,
            UnaryOperator<GenerationResult> finish) {
        Continuation hops = new Continuation(engine, request, finish);
        Exchange<GenerationResult> first = hops.first(exchanges);
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
            if (f != null) {
                hops.abort();
            }
        });
        CompletableFuture<GenerationResult> call;
        try {
            call = engine.executeAsync(first);
        } catch (RuntimeException | Error e) {
            hops.abort();
            throw e;
        }
        hops.sendAsync(call, exchanges, inFlight, result);
        return result;
    }

    private void sendAsync(CompletableFuture<GenerationResult> call,
            BiFunction<GenerationRequest, Optional<SinkSession>, Exchange<GenerationResult>> exchanges,
            AtomicReference<CompletableFuture<GenerationResult>> inFlight, CompletableFuture<GenerationResult> result) {
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
                if (next.isEmpty()) {
                    result.complete(done());
                    return;
                }
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            CompletableFuture<GenerationResult> again;
            try {
                again = engine.executeAsync(exchanges.apply(next.get(), session).withDeadline(remaining()));
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
     * @param exchanges the exchange opening the stream of a request, given the call's sink session
     *     when there is one
     * @param finish applied once to the joined result of a continued stream
     */
    public static GenerationStream stream(CallEngine engine, GenerationRequest request,
            BiFunction<GenerationRequest, Optional<SinkSession>, Exchange<GenerationStream>> exchanges,
            UnaryOperator<GenerationResult> finish) {
        Continuation hops = new Continuation(engine, request, finish);
        Exchange<GenerationStream> first = hops.first(exchanges);
        GenerationStream opened;
        try {
            opened = engine.execute(first);
        } catch (RuntimeException | Error e) {
            hops.abort();
            throw e;
        }
        return !hops.hops.enabled() ? opened : hops.continuing(opened, exchanges);
    }

    /**
     * Opens {@code request}'s stream without blocking; the stream continues as in {@link #stream}.
     * Cancelling the returned future cancels the opening.
     */
    public static CompletableFuture<GenerationStream> streamAsync(CallEngine engine, GenerationRequest request,
            BiFunction<GenerationRequest, Optional<SinkSession>, Exchange<GenerationStream>> exchanges,
            UnaryOperator<GenerationResult> finish) {
        Continuation hops = new Continuation(engine, request, finish);
        Exchange<GenerationStream> first = hops.first(exchanges);
        CompletableFuture<GenerationStream> opened;
        try {
            opened = engine.executeAsync(first);
        } catch (RuntimeException | Error e) {
            hops.abort();
            throw e;
        }
        if (!hops.hops.enabled()) {
            return opened;
        }
        CompletableFuture<GenerationStream> continuing = opened.thenApply(stream -> hops.continuing(stream, exchanges));
        continuing.whenComplete((stream, failure) -> {
            if (failure != null) {
                hops.abort();
            }
            if (continuing.isCancelled()) {
                opened.cancel(true);
                // Opened just before the cancel: nobody else will close that stream.
                opened.thenAccept(GenerationStream::close);
            }
        });
        return continuing;
    }

    private GenerationStream continuing(GenerationStream opened,
            BiFunction<GenerationRequest, Optional<SinkSession>, Exchange<GenerationStream>> exchanges) {
        return new ContinuedStream(opened,
                next -> engine.execute(exchanges.apply(next, session).withDeadline(remaining())));
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
    private final class ContinuedStream extends PulledGenerationStream {

        private final Function<GenerationRequest, GenerationStream> openNext;
        private volatile GenerationStream current;
        private volatile boolean closed;
        private Iterator<StreamEvent> events;
        private StreamEvent.Finished held;
        private Usage before = Usage.NONE;
        private volatile GenerationResult done;

        ContinuedStream(GenerationStream first, Function<GenerationRequest, GenerationStream> openNext) {
            this.current = first;
            this.openNext = openNext;
        }

        @Override
        public void close() {
            closed = true;
            current.close();
            if (done == null) {
                abort(); // closed before the end: no file of any request stays
            }
        }

        @Override
        protected void pull() {
            try {
                step();
            } catch (RuntimeException | Error e) {
                abort(); // a failing request fails the call: no file of any request stays
                throw e;
            }
        }

        /**
         * Passes on the next event of the current request's stream or, at its end, either opens the
         * next request's stream or ends this one with the joined result.
         */
        private void step() {
            if (events == null) {
                events = current.iterator();
            }
            if (events.hasNext()) {
                StreamEvent event = events.next();
                releaseHeld();
                if (event instanceof StreamEvent.Finished f && f.reason().equals(FinishReason.CONTINUATION)) {
                    held = f; // dropped if the stream is continued, delivered if not
                } else if (event instanceof StreamEvent.UsageUpdate u) {
                    emit(new StreamEvent.UsageUpdate(before.plus(u.usage())));
                } else {
                    emit(event);
                }
                return;
            }
            GenerationResult reply = current.result();
            Optional<GenerationRequest> next = next(reply);
            if (next.isEmpty() || closed) {
                releaseHeld();
                try {
                    done = done();
                } catch (ImageGenerationException e) {
                    throw failed(e);
                }
                complete(done);
                return;
            }
            held = null;
            before = hops.result().usage();
            current = Objects.requireNonNull(openNext.apply(next.get()), "stream");
            events = null;
            if (closed) {
                current.close();
            }
        }

        private void releaseHeld() {
            if (held != null) {
                emit(held);
                held = null;
            }
        }

        @Override
        public String toString() {
            return "ContinuedStream[" + (current == null ? "" : current.toString()) + (hasEnded() ? ", ended" : "") + "]";
        }
    }
}
