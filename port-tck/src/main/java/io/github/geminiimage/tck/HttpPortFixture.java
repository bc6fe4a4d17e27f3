package io.github.geminiimage.tck;

import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.port.ImageGenerationPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * What the HTTP {@link ImageGenerationPortContract.PortFixture}s share: the ports of
 * {@link #portAnsweringAfter} reach raw loopback servers that hold each request for the delay and
 * then answer with an image, unless the client closes the connection first (a server that can see
 * the client hang up, which the cancellation test watches). The fixture counts the requests held and
 * those so aborted, and waits on the counts. A subclass makes its ports; its {@code close()} closes
 * what it started and calls this one.
 */
public abstract class HttpPortFixture implements ImageGenerationPortContract.PortFixture {

    private final List<RawHttpServer> servers = new ArrayList<>();
    private final Object counters = new Object();
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger aborted = new AtomicInteger();

    /** A port to {@code baseUri} whose calls end after {@code deadline}, closed with the fixture. */
    protected abstract ImageGenerationPort port(URI baseUri, Duration deadline);

    @Override
    public ImageGenerationPort portAnsweringAfter(Duration delay) {
        return port(holdingServer(delay), delay.plusSeconds(10));
    }

    @Override
    public boolean awaitAnsweringCallsArrived(int count, Duration timeout) throws InterruptedException {
        return awaitUntil(() -> held.get() >= count, timeout);
    }

    @Override
    public boolean awaitAnsweringCallsAborted(Duration timeout) throws InterruptedException {
        return awaitUntil(() -> held.get() > 0 && aborted.get() >= held.get(), timeout);
    }

    /** Starts a server that holds each request for {@code delay}; its base URI. */
    private URI holdingServer(Duration delay) {
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
