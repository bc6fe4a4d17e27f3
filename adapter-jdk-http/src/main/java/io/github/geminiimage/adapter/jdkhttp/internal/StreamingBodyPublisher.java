package io.github.geminiimage.adapter.jdkhttp.internal;

import io.github.geminiimage.http.RequestBody;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Publishes a {@link RequestBody} to the client while it is produced: {@link RequestBody#writeTo}
 * runs on a worker thread and writes into an {@link OutputStream} that cuts the bytes into chunks and
 * hands each over only when the client asks for one, so at most a few chunks are in memory. Each
 * subscription writes the body again (it is repeatable). A failing {@code writeTo}, or a body longer
 * or shorter than declared, fails the exchange; a cancelled subscription stops the writer.
 */
public final class StreamingBodyPublisher implements Flow.Publisher<ByteBuffer> {

    /** Bytes per chunk: large enough to keep per-chunk overhead small, small enough to stay cheap. */
    static final int CHUNK_BYTES = 64 * 1024;
    /** Chunks kept for reuse per subscription; the client consumes one or two at a time. */
    static final int RECYCLED_CHUNKS = 4;

    private final RequestBody body;
    private final Executor executor;
    private final ExchangeWatch exchange;
    private final boolean recycleChunks;

    /**
     * A publisher of {@code body} written on {@code executor} (one task per subscription), whose waits
     * are bounded by the clocks of {@code exchange} and stopped by its abort.
     *
     * @param recycleChunks whether a fully consumed chunk is filled again; the transport sets it for
     *     cleartext HTTP/1.1 alone, where the client writes each chunk to the socket as it is and
     *     advances its position to the limit once written, so a 28 MB upload allocates a few chunks.
     *     Over TLS the client keeps consumed chunks until it has encrypted them, and over HTTP/2 it
     *     sends slices of a chunk marked consumed: both would send a refilled chunk's new bytes, so
     *     every chunk is fresh there
     */
    public StreamingBodyPublisher(RequestBody body, Executor executor, ExchangeWatch exchange, boolean recycleChunks) {
        this.body = Objects.requireNonNull(body, "body");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.recycleChunks = recycleChunks;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        Writer writer = new Writer(subscriber);
        subscriber.onSubscribe(writer);
        exchange.onAbort(writer::cancel);
        try {
            executor.execute(writer);
        } catch (RejectedExecutionException e) {
            writer.end(new IOException("the transport was closed"));
        }
    }

    private final class Writer extends OutputStream implements Flow.Subscription, Runnable {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private long demand;
        private boolean cancelled;
        private boolean terminated;
        private IllegalArgumentException badRequest;
        private ByteBuffer buffer;
        private long written;
        // Chunks handed to the client, for reuse once consumed (recycleChunks only).
        private final ByteBuffer[] handedOver = new ByteBuffer[RECYCLED_CHUNKS];

        Writer(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public synchronized void request(long n) {
            if (n <= 0) {
                badRequest = new IllegalArgumentException("non-positive request: " + n);
            } else {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            }
            notifyAll();
        }

        @Override
        public synchronized void cancel() {
            cancelled = true;
            notifyAll();
        }

        @Override
        public void run() {
            try {
                RequestBody.writeExactly(body, this);
                if (buffer != null) {
                    emit();
                }
                end(null);
            } catch (IOException | RuntimeException | Error e) {
                end(e); // a no-op once the subscription was cancelled: the client no longer wants the body
                if (e instanceof Error error) {
                    throw error;
                }
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            while (len > 0) {
                if (buffer == null) {
                    buffer = nextChunk((int) Math.min(CHUNK_BYTES, Math.max(1, body.contentLength() - written)));
                }
                int n = Math.min(len, buffer.remaining());
                buffer.put(b, off, n);
                off += n;
                len -= n;
                written += n;
                if (!buffer.hasRemaining()) {
                    emit();
                }
            }
        }

        /** A chunk of {@code size} bytes: a consumed one again when allowed, otherwise a new one. */
        private ByteBuffer nextChunk(int size) {
            if (!recycleChunks || size < CHUNK_BYTES && written == 0) {
                // Not allowed, or the whole body fits one chunk: nothing to reuse.
                return ByteBuffer.allocate(size);
            }
            int free = -1;
            for (int i = 0; i < handedOver.length; i++) {
                ByteBuffer chunk = handedOver[i];
                if (chunk == null) {
                    free = free < 0 ? i : free;
                } else if (!chunk.hasRemaining()) {
                    // Every byte of it was written to the socket; the client holds it no more.
                    return chunk.clear().limit(size);
                }
            }
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).limit(size);
            if (free >= 0) {
                handedOver[free] = chunk;
            }
            return chunk;
        }

        private void emit() throws IOException {
            awaitDemand();
            ByteBuffer chunk = buffer.flip();
            // The client may keep this chunk until it is on the wire: only nextChunk may reuse it, once consumed.
            buffer = null;
            exchange.progress();
            subscriber.onNext(chunk);
        }

        private synchronized void awaitDemand() throws IOException {
            while (demand == 0 && !cancelled && badRequest == null) {
                exchange.checkTime();
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, Math.min(exchange.waitBudgetNanos(), TimeUnit.SECONDS.toNanos(1)));
                } catch (InterruptedException e) {
                    // Only close() interrupts this thread (shutdownNow): stop writing.
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("the transport was closed while sending the request");
                }
            }
            if (cancelled) {
                throw new IOException("the request body is no longer wanted");
            }
            if (badRequest != null) {
                throw badRequest;
            }
            demand--;
        }

        /** Signals the end, a failure unless {@code failure} is null, once and never after a cancel. */
        void end(Throwable failure) {
            synchronized (this) {
                if (terminated || cancelled) {
                    return;
                }
                terminated = true;
            }
            if (failure == null) {
                subscriber.onComplete();
            } else {
                subscriber.onError(failure);
            }
        }
    }
}
