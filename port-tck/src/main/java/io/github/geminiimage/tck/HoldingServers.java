package io.github.geminiimage.tck;

import io.github.geminiimage.domain.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The serving side of {@link ImageGenerationPortContract.PortFixture#portAnsweringAfter} for an HTTP
 * fixture: raw loopback servers that hold each request for a delay and then answer with an image,
 * unless the client closes the connection first. It counts the requests held and those the client
 * so aborted, which the fixture's {@code awaitAnsweringCalls...} methods wait on. Thread-safe.
 */
public final class HoldingServers implements AutoCloseable {

    private final List<RawHttpServer> servers = new ArrayList<>();
    private final Object counters = new Object();
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger aborted = new AtomicInteger();

    /**
     * Starts a server that holds each request for {@code delay}, closed with this object.
     *
     * @return the server's base URI
     */
    public URI start(Duration delay) {
        RawHttpServer server;
        try {
            server = RawHttpServer.start(c -> {
                if (c.readRequest().isEmpty()) {
                    return;
                }
                signal(held);
                if (c.awaitPeerClose(delay.toMillis())) {
                    signal(aborted);
                } else {
                    c.reply(200, "application/json", RecordedReplies.forOutcome(Outcome.IMAGE));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (servers) {
            servers.add(server);
        }
        return server.baseUri();
    }

    /** Waits up to {@code timeout} until {@code count} requests are held; whether they were. */
    public boolean awaitHeld(int count, Duration timeout) throws InterruptedException {
        return awaitUntil(() -> held.get() >= count, timeout);
    }

    /** Waits up to {@code timeout} until every request held was aborted by its client; whether it was. */
    public boolean awaitAllAborted(Duration timeout) throws InterruptedException {
        return awaitUntil(() -> held.get() > 0 && aborted.get() >= held.get(), timeout);
    }

    private void signal(AtomicInteger counter) {
        counter.incrementAndGet();
        synchronized (counters) {
            counters.notifyAll();
        }
    }

    private boolean awaitUntil(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        synchronized (counters) {
            while (!condition.getAsBoolean()) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                counters.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    /** Stops every server started; the first failure to close one is thrown once all were tried. */
    @Override
    public void close() {
        UncheckedIOException failure = null;
        synchronized (servers) {
            for (RawHttpServer server : servers) {
                try {
                    server.close();
                } catch (IOException e) {
                    failure = failure == null ? new UncheckedIOException(e) : failure;
                }
            }
            servers.clear();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
