package io.github.geminiimage.adapter.jdkhttp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The reply body as an {@link InputStream}, fed by the client as a {@link BodySubscriber}. Unlike
 * {@code BodyHandlers.ofInputStream()}, a read waits at most until the inactivity timeout or the
 * deadline (then it fails with {@link java.net.SocketTimeoutException}), answers an interrupt with
 * {@link InterruptedIOException} (the JDK's stream ignores interrupts), and never turns an abort into
 * a clean end of stream. At most two chunks are requested ahead, so memory stays bounded whatever the
 * reply's size. One reader at a time; {@link #close()} and {@link #abort()} from any thread.
 */
public final class ResponseBodyStream extends InputStream implements BodySubscriber<InputStream> {

    private static final List<ByteBuffer> END = Collections.unmodifiableList(new ArrayList<>());

    private final Exchange exchange;
    private final LinkedBlockingQueue<List<ByteBuffer>> queue = new LinkedBlockingQueue<>();
    private final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
    private volatile Throwable failure;
    private volatile boolean closed;
    private volatile boolean completed;
    private Iterator<ByteBuffer> chunks = Collections.emptyIterator();
    private ByteBuffer current;
    private boolean ended;

    /** A stream for one exchange, whose clocks it checks. */
    public ResponseBodyStream(Exchange exchange) {
        this.exchange = Objects.requireNonNull(exchange, "exchange");
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedStage(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        if (!subscription.complete(s) || closed) {
            s.cancel();
            return;
        }
        s.request(2);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.offer(item);
    }

    @Override
    public void onError(Throwable throwable) {
        failure = throwable;
        queue.offer(END);
    }

    @Override
    public void onComplete() {
        completed = true;
        queue.offer(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (closed) {
                throw closedException();
            }
            // The deadline holds even while bytes keep arriving: a slow dribble must not outlive it.
            exchange.checkTime();
            if (current != null && current.hasRemaining()) {
                int n = Math.min(len, current.remaining());
                current.get(b, off, n);
                return n;
            }
            if (chunks.hasNext()) {
                current = chunks.next();
                continue;
            }
            if (ended) {
                return -1;
            }
            takeNext();
        }
    }

    private void takeNext() throws IOException {
        long budget = exchange.waitBudgetNanos();
        if (budget <= 0) {
            exchange.checkTime();
        }
        List<ByteBuffer> next;
        try {
            next = queue.poll(budget, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.abort(new InterruptedIOException("interrupted while reading the reply"));
            throw closedException();
        }
        if (next == null) {
            // Timed out: the next pass of the loop reports which clock ran out.
            exchange.checkTime();
            return;
        }
        if (next == END) {
            Throwable failed = failure;
            if (closed || failed != null) {
                throw failed instanceof IOException io && exchange.abortReason().isEmpty()
                        ? Exchange.copyOf(io) : closedException(failed);
            }
            ended = true;
            return;
        }
        exchange.progress();
        chunks = next.iterator();
        Flow.Subscription s = subscription.getNow(null);
        if (s != null) {
            s.request(1);
        }
    }

    @Override
    public int available() {
        ByteBuffer buffer = current;
        return buffer == null || closed ? 0 : buffer.remaining();
    }

    /**
     * Stops reading and wakes a reader. Cancels the subscription (the client then closes the
     * connection) unless the body already arrived in full.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // After onComplete the subscription is over (Reactive Streams §2.4); cancelling it anyway
        // makes the JDK build an IOException with its stack trace on every call.
        if (!completed) {
            subscription.thenAccept(s -> {
                if (s != null) {
                    s.cancel();
                }
            });
        }
        subscription.complete(null);
        queue.offer(END);
    }

    /** Closes from the abort path of the exchange. */
    public void abort() {
        close();
    }

    private IOException closedException() {
        return closedException(failure);
    }

    private IOException closedException(Throwable cause) {
        if (exchange.abortReason().isPresent()) {
            return Exchange.copyOf(exchange.abortReason().get());
        }
        return new IOException("the reply body was closed", cause);
    }
}
