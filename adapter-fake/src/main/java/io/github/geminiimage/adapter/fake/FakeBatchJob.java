package io.github.geminiimage.adapter.fake;

import io.github.geminiimage.adapter.fake.internal.Replies;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.batch.BatchCounts;
import io.github.geminiimage.domain.batch.BatchInputMode;
import io.github.geminiimage.domain.batch.BatchJob;
import io.github.geminiimage.domain.batch.BatchOutput;
import io.github.geminiimage.domain.batch.BatchResult;
import io.github.geminiimage.domain.batch.BatchState;
import io.github.geminiimage.domain.batch.KeyedRequest;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.RpcStatus;
import io.github.geminiimage.wire.BatchOperations;
import io.github.geminiimage.wire.RpcErrors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One job of {@link FakeBatches}: its requests (as the service holds its input), its timeline on the
 * clock, and the outcome of each request once it has run. Requests complete evenly over the run time,
 * in input order. Guarded by the owner's lock.
 */
final class FakeBatchJob {

    static final Duration EXPIRY = Duration.ofHours(48);

    final String name;
    final String displayName;
    final String model;
    final Instant created;
    final List<KeyedRequest> requests;
    final BatchInputMode via;
    private final Duration pendingTime;
    private final Duration runTime;
    private final boolean stalled;
    private final Optional<String> failure;
    private final Function<KeyedRequest, FakeResponse> responses;
    private final Optional<ImageGenerationException>[] outcomes;
    private Instant cancelled;
    boolean resultFileMade;
    /** Reads a request's {@code fileData} references (the shared file store), or throws the service's refusal. */
    private final Function<ImageInput, byte[]> references;

    @SuppressWarnings("unchecked")
    FakeBatchJob(String name, String displayName, String model, Instant created, List<KeyedRequest> requests,
            BatchInputMode via, Duration pendingTime, Duration runTime, boolean stalled, Optional<String> failure,
            Function<KeyedRequest, FakeResponse> responses, Function<ImageInput, byte[]> references) {
        this.name = name;
        this.references = references;
        this.displayName = displayName;
        this.model = model;
        this.created = created;
        this.requests = requests;
        this.via = via;
        this.pendingTime = pendingTime;
        this.runTime = runTime;
        this.stalled = stalled;
        this.failure = failure;
        this.responses = responses;
        this.outcomes = new Optional[requests.size()];
    }

    private Instant runStart() {
        return created.plus(pendingTime);
    }

    private Instant runEnd() {
        return runStart().plus(runTime);
    }

    private Instant expiry() {
        return created.plus(EXPIRY);
    }

    BatchState state(Instant now) {
        if (cancelled != null) {
            return BatchState.CANCELLED;
        }
        if (stalled) {
            return now.isBefore(expiry()) ? BatchState.PENDING : BatchState.EXPIRED;
        }
        if (!runEnd().isBefore(expiry()) && !now.isBefore(expiry())) {
            return BatchState.EXPIRED;
        }
        if (now.isBefore(runStart())) {
            return BatchState.PENDING;
        }
        if (failure.isPresent()) {
            return BatchState.FAILED;
        }
        return now.isBefore(runEnd()) ? BatchState.RUNNING : BatchState.SUCCEEDED;
    }

    /** Requests that have run by {@code now} (or by the cancel, or by the expiry). */
    int completed(Instant now) {
        Instant at = cancelled != null && cancelled.isBefore(now) ? cancelled : now;
        if (stalled || failure.isPresent() || at.isBefore(runStart())) {
            return 0;
        }
        if (at.isAfter(expiry())) {
            at = expiry();
        }
        if (!at.isBefore(runEnd())) {
            return requests.size();
        }
        long elapsed = Duration.between(runStart(), at).toMillis();
        return (int) Math.min(requests.size(), requests.size() * elapsed / Math.max(1, runTime.toMillis()));
    }

    /**
     * When the job next changes after {@code now}: it starts, a request completes, it ends or
     * expires; empty once it has ended.
     */
    Optional<Instant> nextChange(Instant now) {
        if (state(now).isTerminal()) {
            return Optional.empty();
        }
        if (stalled || !runEnd().isBefore(expiry())) {
            return Optional.of(expiry());
        }
        if (now.isBefore(runStart())) {
            return Optional.of(runStart());
        }
        int done = completed(now);
        long nextDoneMillis = (long) Math.ceil((done + 1) * (double) runTime.toMillis() / Math.max(1, requests.size()));
        Instant nextDone = runStart().plusMillis(nextDoneMillis);
        return Optional.of(nextDone.isBefore(runEnd()) ? nextDone : runEnd());
    }

    void cancel(Instant now) {
        cancelled = now;
    }

    Optional<Instant> endTime(Instant now) {
        BatchState state = state(now);
        if (!state.isTerminal()) {
            return Optional.empty();
        }
        if (cancelled != null) {
            return Optional.of(cancelled);
        }
        return Optional.of(state.equals(BatchState.EXPIRED) ? expiry() : state.equals(BatchState.FAILED) ? runStart() : runEnd());
    }

    /** Whether the job has results to read: it succeeded, or was cancelled after some requests ran. */
    boolean hasOutput(Instant now) {
        BatchState state = state(now);
        return state.equals(BatchState.SUCCEEDED) || state.equals(BatchState.CANCELLED) && completed(now) > 0;
    }

    String resultFileName() {
        return "files/batch-" + name.substring("batches/".length());
    }

    BatchJob view(Instant now) {
        int done = completed(now);
        int failed = failedAmong(done);
        BatchState state = state(now);
        BatchJob.Builder job = BatchJob.builder(name, "models/" + model, state).displayName(displayName).createTime(created)
                .counts(new BatchCounts(requests.size(), done - failed, failed, state.isTerminal() ? 0 : requests.size() - done))
                .updateTime(endTime(now).orElse(now.isBefore(runStart()) ? created : now));
        endTime(now).ifPresent(job::endTime);
        failure.filter(f -> state.equals(BatchState.FAILED)).ifPresent(f -> job.error(new RpcStatus(13, f, Optional.of("INTERNAL"))));
        if (hasOutput(now)) {
            job.output(via == BatchInputMode.INLINE ? new BatchOutput.Inline(done) : new BatchOutput.ResponsesFile(resultFileName()));
        }
        return job.build();
    }

    private int failedAmong(int done) {
        int failed = 0;
        for (int i = 0; i < done; i++) {
            if (outcome(i).isPresent()) {
                failed++;
            }
        }
        return failed;
    }

    /** The failure of request {@code i}, or empty if it succeeded; evaluated once, when first needed. */
    Optional<ImageGenerationException> outcome(int i) {
        if (outcomes[i] == null) {
            outcomes[i] = run(i).error();
        }
        return outcomes[i];
    }

    /** The results file of the first {@code count} requests, as the service writes it. */
    byte[] resultFile(int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (int i = 0; i < count; i++) {
                BatchResult result = run(i);
                if (result.isSuccess()) {
                    BatchOperations.resultLine(result.key(), result.result().orElseThrow()).writeTo(out);
                } else {
                    BatchOperations.errorLine(result.key(), RpcErrors.toStatus(result.error().orElseThrow())).writeTo(out);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    /** Runs request {@code i} as the fake's {@code generate} would. */
    BatchResult run(int i) {
        KeyedRequest keyed = requests.get(i);
        if (outcomes[i] != null && outcomes[i].isPresent()) {
            return BatchResult.failure(keyed.key(), outcomes[i].get());
        }
        try {
            List<byte[]> images = Replies.check(keyed.request(), references);
            byte[] fingerprint = Replies.fingerprint(keyed.request(), images);
            GenerationResult result = responses.apply(keyed).answer(keyed.request(), images, fingerprint);
            return BatchResult.success(keyed.key(), result);
        } catch (ImageGenerationException e) {
            return BatchResult.failure(keyed.key(), e);
        }
    }
}
