package io.github.geminiimage.adapter.jdkhttp.internal;

import io.github.geminiimage.http.HttpResponse;
import io.github.geminiimage.http.support.BlockInputStream;
import io.github.geminiimage.http.support.TransportSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A reply of the JDK client as the SPI's {@link HttpResponse}, whose raw body (a
 * {@code Content-Encoding} is left to the core) is an {@link InputStream} fed by the client as a
 * {@link BodySubscriber}. Unlike {@code BodyHandlers.ofInputStream()}, a read waits at most until the
 * inactivity timeout or the deadline (then it fails with {@link java.net.SocketTimeoutException}),
 * answers an interrupt with {@link InterruptedIOException}, and never turns an abort into a clean end
 * of stream. At most two chunks are requested ahead, so memory stays bounded whatever the reply's
 * size. One reader at a time; {@link #close()} and {@link #abort()} from any thread.
 */
public final class JdkHttpResponse extends BlockInputStream implements HttpResponse, BodySubscriber<JdkHttpResponse> {

    private static final List<ByteBuffer> END = Collections.unmodifiableList(new ArrayList<>());

    private final int statusCode;
    private final Map<String, List<String>> headers;
    private final ExchangeWatch exchange;
    private final LinkedBlockingQueue<List<ByteBuffer>> queue = new LinkedBlockingQueue<>();
    private final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
    private volatile Throwable failure;
    private volatile boolean closed;
    private volatile boolean completed;
    private Iterator<ByteBuffer> chunks = Collections.emptyIterator();
    private ByteBuffer current;
    private boolean ended;

    /** The response whose head is {@code info}, checking the clocks of {@code exchange} on every read. */
    public JdkHttpResponse(ResponseInfo info, ExchangeWatch exchange) {
        this.statusCode = info.statusCode();
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        // An immutable, case-insensitive copy without HTTP/2 pseudo-headers (":status"), which are not headers.
        this.headers = HttpHeaders.of(info.headers().map(), (name, value) -> !name.startsWith(":")).map();
    }

    @Override
    public int statusCode() {
        return statusCode;
    }

    @Override
    public Map<String, List<String>> headers() {
        return headers;
    }

    @Override
    public InputStream body() {
        return this;
    }

    @Override
    public CompletionStage<JdkHttpResponse> getBody() {
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
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (closed) {
                throw closedException(failure);
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
            } else if (ended) {
                return -1;
            } else {
                takeNext();
            }
        }
    }

    private void takeNext() throws IOException {
        List<ByteBuffer> next;
        try {
            next = queue.poll(Math.max(exchange.waitBudgetNanos(), 0), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.abort(new InterruptedIOException("interrupted while reading the reply"));
            throw closedException(failure);
        }
        if (next == null) {
            // Timed out: the next pass of the loop reports which clock ran out.
            return;
        }
        if (next == END) {
            Throwable failed = failure;
            if (closed || failed != null) {
                throw failed instanceof IOException io && exchange.abortReason().isEmpty()
                        ? TransportSupport.freshCopy(io) : closedException(failed);
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

    /**
     * Stops reading, wakes a reader and ends the exchange. Cancels the subscription (the client then
     * closes the connection) unless the body already arrived in full.
     */
    @Override
    public void close() {
        abort();
        exchange.finish();
    }

    /** Stops reading and wakes a reader, from the abort path of the exchange. */
    public synchronized void abort() {
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

    private IOException closedException(Throwable cause) {
        return exchange.abortReason().orElseGet(() -> new IOException("the reply body was closed", cause));
    }
}
