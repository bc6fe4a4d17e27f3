package io.github.geminiimage.http.internal.files;

import io.github.geminiimage.domain.ErrorDetails;
import io.github.geminiimage.domain.FileState;
import io.github.geminiimage.domain.GenerationTimeoutException;
import io.github.geminiimage.domain.InvalidRequestException;
import io.github.geminiimage.domain.StoredFile;
import io.github.geminiimage.http.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Waits until a file is {@code ACTIVE} (docs/wire-format.md, "Files": poll {@code files.get} every 1-5 s):
 * polls with a growing interval, the last poll at the deadline. {@code FAILED} is an
 * {@link InvalidRequestException} with the server's reason; still processing at the deadline a
 * {@link GenerationTimeoutException}. Each poll is an ordinary call (retried by the engine).
 */
public final class ActivePoller {

    /** The growth of the interval between polls. */
    static final double GROWTH = 1.5;

    private ActivePoller() {
    }

    /**
     * Polls {@code name} until it is active.
     *
     * @param firstInterval the wait after the first poll
     * @param maxInterval the longest wait between polls
     */
    public static CompletableFuture<StoredFile> await(Driver driver, Endpoint endpoint, String name, Duration timeout,
            Duration firstInterval, Duration maxInterval) {
        Instant deadline = driver.now().plus(timeout);
        return poll(driver, endpoint, name, timeout, deadline, firstInterval, maxInterval);
    }

    private static CompletableFuture<StoredFile> poll(Driver driver, Endpoint endpoint, String name, Duration timeout,
            Instant deadline, Duration interval, Duration maxInterval) {
        return driver.call(FileExchanges.get(endpoint, name)).thenCompose(file -> {
            if (file.state().equals(FileState.ACTIVE)) {
                return CompletableFuture.completedFuture(file);
            }
            if (file.state().equals(FileState.FAILED)) {
                String reason = file.error().map(e -> e.message().isEmpty() ? "code " + e.code() : e.message())
                        .orElse("no reason given");
                return CompletableFuture.failedFuture(new InvalidRequestException("file " + name
                        + " ended FAILED, so it can never be used: " + reason, ErrorDetails.ofAttempts(1)));
            }
            Duration left = Duration.between(driver.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                return CompletableFuture.failedFuture(new GenerationTimeoutException("file " + name + " is still "
                        + file.state() + " after awaitActive's timeout of " + timeout, new ErrorDetails(200,
                                Optional.empty(), Optional.empty(), 1, Optional.empty())));
            }
            Duration wait = interval.compareTo(left) < 0 ? interval : left;
            Duration next = Duration.ofNanos((long) Math.min(interval.toNanos() * GROWTH, maxInterval.toNanos()));
            return driver.delay(wait).thenCompose(ignored -> poll(driver, endpoint, name, timeout, deadline, next,
                    maxInterval));
        });
    }
}
