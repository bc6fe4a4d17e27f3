package io.github.geminiimage.http.internal.engine;

import io.github.geminiimage.http.AccessToken;
import io.github.geminiimage.http.AccessTokenSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Caches the token of an {@link AccessTokenSource}: fetched when there is none, when it expires
 * within {@link #REFRESH_MARGIN}, or after the server refused it; calls that need a token while one
 * is being fetched wait for that same fetch. Thread-safe.
 */
final class TokenCache {

    /** A token this close to its expiry is replaced before use: a call may take minutes. */
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

    private final AccessTokenSource source;
    private final Clock clock;
    private final Object lock = new Object();
    private AccessToken token;
    private CompletableFuture<AccessToken> fetching;

    TokenCache(AccessTokenSource source, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether a token can be had without a fetch (so without blocking). */
    boolean hasFreshToken() {
        synchronized (lock) {
            return fresh(token);
        }
    }

    /**
     * A token valid for at least {@link #REFRESH_MARGIN} (or the newest the source gave), fetching
     * one if needed. Blocks while a fetch runs.
     *
     * @throws IOException if the source failed (the same failure for every call sharing the fetch)
     */
    AccessToken current() throws IOException {
        CompletableFuture<AccessToken> shared;
        boolean mine = false;
        synchronized (lock) {
            if (fresh(token)) {
                return token;
            }
            if (fetching == null) {
                fetching = new CompletableFuture<>();
                mine = true;
            }
            shared = fetching;
        }
        if (mine) {
            fetchInto(shared);
        }
        try {
            return shared.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting for an access token");
            interrupted.initCause(e);
            throw interrupted;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException("the access token source failed", cause);
        }
    }

    /** Drops {@code refused} (the server answered 401 to it) so the next call fetches anew. */
    void invalidate(AccessToken refused) {
        synchronized (lock) {
            if (token != null && token.equals(refused)) {
                token = null;
            }
        }
    }

    private void fetchInto(CompletableFuture<AccessToken> shared) {
        AccessToken fetched;
        try {
            fetched = Objects.requireNonNull(source.fetch(), "the AccessTokenSource returned null");
        } catch (IOException | RuntimeException | Error e) {
            synchronized (lock) {
                fetching = null;
            }
            shared.completeExceptionally(e);
            return;
        }
        synchronized (lock) {
            token = fetched;
            fetching = null;
        }
        shared.complete(fetched);
    }

    private boolean fresh(AccessToken candidate) {
        return candidate != null && !candidate.expiresBy(clock.instant().plus(REFRESH_MARGIN));
    }
}
