package io.github.geminiimage.http.internal.engine;

import io.github.geminiimage.domain.CostEstimate;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.error.AuthenticationException;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.GenerationTimeoutException;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.http.CallObserver;
import io.github.geminiimage.http.HttpRequest;
import io.github.geminiimage.http.HttpResponse;
import io.github.geminiimage.http.internal.error.ErrorMapper;
import io.github.geminiimage.http.internal.error.Exceptions;
import io.github.geminiimage.http.internal.error.FailureClassifier;
import io.github.geminiimage.http.internal.error.Redactor;
import io.github.geminiimage.http.internal.retry.RetryDecider;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state of one call across its attempts, and its steps: begin an attempt (build the request,
 * credentials included), read a reply (inflated, capped, decoded or mapped to an error), classify a
 * failure, and decide what follows. Both drivers ({@link CallEngine#execute} blocking,
 * {@link AsyncCall} on timers) run these same steps; only waiting differs.
 */
final class Call<T> {

    private static final System.Logger LOG = System.getLogger(CallEngine.class.getName());
    /** Call ids for the observer: JVM-wide, so one observer shared by several ports never sees two calls as one. */
    private static final AtomicLong IDS = new AtomicLong();

    private final CallEngine engine;
    private final Exchange<T> exchange;
    private final RequestSpec spec;
    private final Optional<CountingRequestBody> body;
    private final AtomicLong received = new AtomicLong();
    private final long id = IDS.incrementAndGet();
    /** Guards {@code completed}: an attempt's start is reported before the end or not at all. */
    private final Object reporting = new Object();
    private boolean completed;
    final Instant start;
    final Instant deadline;
    private volatile Redactor redactor;
    private volatile int attempts;
    private volatile int lastStatus;
    private volatile boolean refreshed;
    private volatile Authenticator.Applied applied;
    /** When the current attempt's request was handed to the transport, for the reply's elapsed time. */
    private volatile Instant sentAt;
    /** The response being read, so that the deadline can close it from the timer. */
    private volatile HttpResponse reading;
    /** The response a reader handed to the caller: the call ends when its new owner says so. */
    private volatile Handover handover;

    Call(CallEngine engine, Exchange<T> exchange, RequestSpec spec, Instant start, Instant deadline) {
        this.engine = engine;
        this.exchange = exchange;
        this.spec = spec;
        this.body = spec.body().map(CountingRequestBody::new);
        this.start = start;
        this.deadline = deadline;
        Redactor base = engine.redactor();
        this.redactor = spec.secretUri() ? secretUri(base, spec.uri()) : base;
    }

    /**
     * Redacts a secret URI whole, its query, and each query value on its own: an echo of the URI may
     * differ from it (the key already redacted in it, parameters reordered or decoded).
     */
    private static Redactor secretUri(Redactor base, java.net.URI uri) {
        Redactor r = base.with(uri.toString()).with(uri.getRawQuery());
        String query = uri.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                String value = pair.substring(pair.indexOf('=') + 1);
                if (value.length() >= 8) { // short values ("1", "media") would blank out unrelated text
                    r = r.with(value).with(java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        return r;
    }

    int attempts() {
        return attempts;
    }

    CallEngine engine() {
        return engine;
    }

    Redactor redactor() {
        return redactor;
    }

    /** Whether building the next request may block on a token fetch (async drivers then do it off the caller's thread). */
    boolean mayBlock() {
        return engine.authenticator().mayBlock();
    }

    /**
     * Starts the next attempt: counts it, tells the observer, builds the request.
     *
     * @throws ImageGenerationException if the credentials could not be had
     * @throws InterruptedIOException if interrupted while waiting for a token
     */
    HttpRequest beginAttempt() throws InterruptedIOException {
        attempts++;
        synchronized (reporting) {
            // An async call may end (deadline, cancel, close) while an attempt begins on another thread:
            // a start reported after the end would open per-call state in the observer that nothing closes.
            if (!completed) {
                engine.observer().attemptStarted(new CallObserver.AttemptStarted(id, exchange.operation(),
                        exchange.modelId(), attempts));
            }
        }
        Authenticator.Applied credentials;
        try {
            credentials = engine.authenticator().apply(Authenticator.withQuery(spec.uri(), spec.query()));
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // The token endpoint's message may quote its reply body: only the failure's type is kept.
            throw new AuthenticationException("could not obtain an access token from the AccessTokenSource ("
                    + e.getClass().getSimpleName() + ")", ErrorDetails.ofAttempts(attempts));
        }
        applied = credentials;
        credentials.token().ifPresent(token -> redactor = redactor.with(token.reveal()));
        List<Map.Entry<String, String>> headers = new ArrayList<>(spec.headers());
        if (spec.headers().stream().noneMatch(h -> h.getKey().equalsIgnoreCase("Accept"))) {
            headers.add(Map.entry("Accept", "application/json"));
        }
        headers.add(Map.entry("User-Agent", engine.options().userAgent()));
        credentials.header().ifPresent(headers::add);
        credentials.quotaProject().filter(quota -> engine.options().extraHeaders().stream()
                .noneMatch(h -> h.getKey().equalsIgnoreCase(quota.getKey()))).ifPresent(headers::add);
        headers.addAll(engine.options().extraHeaders());
        HttpRequest request = new HttpRequest(spec.method(), credentials.uri(), headers, credentials.sensitiveHeaders(),
                body.map(b -> b), deadline);
        sentAt = engine.clock().instant();
        int attempt = attempts;
        Redactor shownWith = redactor;
        whileOpen(() -> engine.observer().requestSent(new CallObserver.RequestSent(id, exchange.operation(), attempt,
                request.method(), Shown.uri(request.uri(), shownWith), Shown.requestHeaders(request, shownWith),
                request.contentLength())));
        return request;
    }

    /** Tells the observer something about an attempt, unless the call already reported its end. */
    private void whileOpen(Runnable report) {
        if (engine.observer().silent()) {
            return;
        }
        synchronized (reporting) {
            if (!completed) {
                report.run();
            }
        }
    }

    /** Reads one reply to its end (a result or a mapped error) and closes it, unless the reader handed it over. */
    AttemptOutcome<T> read(HttpResponse response, boolean async) {
        boolean handedOver = false;
        reading = response;
        try {
            int status = response.statusCode();
            lastStatus = status;
            int attempt = attempts;
            Instant sent = sentAt;
            whileOpen(() -> engine.observer().responseReceived(new CallObserver.ResponseReceived(id, exchange.operation(),
                    attempt, status, Shown.responseHeaders(response.headers(), redactor),
                    sent == null ? Duration.ZERO : Duration.between(sent, engine.clock().instant()))));
            long cap = engine.options().maxResponseBytes();
            if (status >= 200 && status < 300) {
                long replyCap = exchange.policy().replyCap().orElse(cap);
                Reply reply = new Reply(response, ReplyBody.open(response, received, replyCap), replyCap, this);
                T value = exchange.reader().read(reply);
                Handover taken = reply.handover();
                if (taken != null) {
                    handedOver = true;
                    handover = taken;
                    taken.arm(engine);
                }
                return new AttemptOutcome.Success<>(value);
            }
            byte[] errorBody;
            try {
                errorBody = ErrorMapper.readBounded(ReplyBody.open(response, received, cap).stream(),
                        ErrorMapper.MAX_ERROR_BODY_BYTES);
            } catch (ImageGenerationException unreadable) {
                errorBody = new byte[0]; // an encoding we cannot read: the status still says what happened
            }
            ErrorMapper.Mapped mapped = ErrorMapper.map(status, response::header, errorBody, redactor, attempts,
                    engine.clock().instant());
            return new AttemptOutcome.Failure<>(exchange.explain().apply(mapped.exception()), mapped.retryHint());
        } catch (ImageGenerationException e) {
            // The reader's own verdict (malformed, too large): retrying would get the same reply.
            return new AttemptOutcome.Failure<>(Exceptions.redacted(e, redactor, attempts), Optional.empty());
        } catch (IOException | RuntimeException e) {
            return failed(e, !async && Thread.currentThread().isInterrupted());
        } finally {
            reading = null;
            if (!handedOver) {
                CallEngine.closeQuietly(response);
            }
        }
    }

    /** An attempt that failed below HTTP (the transport, the body stream, the credentials). */
    AttemptOutcome<T> failed(Throwable failure, boolean interrupted) {
        boolean deadlinePassed = !engine.clock().instant().isBefore(deadline);
        FailureClassifier.Classified c = FailureClassifier.classify(failure, attempts, interrupted, deadlinePassed,
                budget(), redactor);
        return new AttemptOutcome.Failure<>(c.exception(), Optional.empty());
    }

    /**
     * The one decision after an attempt: done, failed, or try again (now or after a wait). Tells
     * the observer of a retry; the caller reports the end through {@link #completed}.
     */
    Step<T> next(AttemptOutcome<T> outcome) {
        if (outcome instanceof AttemptOutcome.Success<T> success) {
            return new Step.Done<>(success.value());
        }
        AttemptOutcome.Failure<T> failure = (AttemptOutcome.Failure<T>) outcome;
        if (engine.isClosed()) {
            return new Step.Fail<>(engine.closedException(attempts));
        }
        ImageGenerationException cause = failure.exception();
        Exchange.Attempts policy = exchange.policy().attempts();
        boolean canRefresh = policy != Exchange.Attempts.NEVER_RETRIED && engine.authenticator().refreshable() && !refreshed;
        // A call sent once gives up as if its attempts were spent; a refused token may still be refreshed.
        RetryDecider decider = exchange.policy().retry().map(engine::decider).orElse(engine.decider());
        RetryDecider.Decision decision = decider.decide(cause, failure.serverHint(), canRefresh,
                policy == Exchange.Attempts.NORMAL ? attempts : Integer.MAX_VALUE, engine.clock().instant(), deadline);
        if (decision instanceof RetryDecider.GiveUp giveUp) {
            return new Step.Fail<>(giveUp.exception());
        }
        if (decision instanceof RetryDecider.RefreshCredentialsAndRetry) {
            refreshed = true;
            Authenticator.Applied refused = applied;
            if (refused != null) {
                engine.authenticator().refused(refused);
            }
            retryScheduled(Duration.ZERO, cause);
            return new Step.Again<>();
        }
        Duration delay = ((RetryDecider.Retry) decision).delay();
        retryScheduled(delay, cause);
        return new Step.Wait<>(delay);
    }

    private void retryScheduled(Duration delay, ImageGenerationException cause) {
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            LOG.log(System.Logger.Level.DEBUG, exchange.operation() + " attempt " + attempts
                    + exchange.modelId().map(m -> " to " + m).orElse("") + " failed (" + cause.getClass().getSimpleName()
                    + cause.httpStatus().stream().mapToObj(s -> ", HTTP " + s).findFirst().orElse("")
                    + "); retrying in " + delay);
        }
        engine.observer().retryScheduled(new CallObserver.RetryScheduled(id, exchange.operation(), exchange.modelId(),
                attempts + 1, delay, cause));
    }

    /** The call was interrupted (its thread, or a wait between attempts). */
    TransportException interrupted(Throwable cause) {
        return new TransportException("the call was interrupted", ErrorDetails.ofAttempts(attempts), cause, false);
    }

    /** The overall deadline of this call: its exchange's, else the client's. */
    Duration budget() {
        return exchange.policy().deadline().orElse(engine.options().overallDeadline());
    }

    /** The overall deadline passed (the timer's verdict). */
    GenerationTimeoutException deadlinePassed() {
        return new GenerationTimeoutException("the call did not finish within its overall deadline of "
                + budget(), new ErrorDetails(lastStatus, Optional.empty(), Optional.empty(),
                        attempts, Optional.empty()));
    }

    /** Closes the response being read, if any: the deadline passed or the call was cancelled. */
    void abortRead() {
        HttpResponse response = reading;
        if (response != null) {
            CallEngine.closeQuietly(response);
        }
    }

    /**
     * A driver's report that the call ended; only the first report counts. A success whose reply
     * was handed over is not the end: the {@link Handover} reports it.
     */
    void completed(T value, Throwable failure) {
        if (failure == null && handover != null) {
            return;
        }
        // A generation's result carries its estimated cost; the observer (e.g. Micrometer) counts it.
        Optional<CostEstimate> cost = value instanceof GenerationResult result ? result.cost() : Optional.empty();
        report(value == null ? Usage.NONE : exchange.usage().apply(value), failure == null ? cost : Optional.empty(), failure);
    }

    /** A result the driver could not deliver (the call was cancelled or the engine closed meanwhile): released. */
    void abandoned() {
        Handover taken = handover;
        if (taken != null) {
            taken.finish(Usage.NONE, engine.closedException(attempts));
        }
    }

    /** Tells the observer the call ended; only the first report counts. */
    void report(Usage usage, Throwable failure) {
        report(usage, Optional.empty(), failure);
    }

    /** Tells the observer the call ended, with the cost of its result; only the first report counts. */
    void report(Usage usage, Optional<CostEstimate> cost, Throwable failure) {
        synchronized (reporting) {
            if (completed) {
                return;
            }
            completed = true;
        }
        engine.observer().callCompleted(new CallObserver.CallCompleted(id, exchange.operation(), exchange.modelId(),
                attempts,
                lastStatus == 0 ? OptionalInt.empty() : OptionalInt.of(lastStatus),
                body.map(CountingRequestBody::bytesWritten).orElse(0L), received.get(),
                Duration.between(start, engine.clock().instant()), usage, Optional.ofNullable(failure), cost));
    }
}
