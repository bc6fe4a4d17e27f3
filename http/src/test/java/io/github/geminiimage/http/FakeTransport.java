package io.github.geminiimage.http;

import io.github.geminiimage.http.support.BlockInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link HttpTransport} that plays a script: each exchange takes the next step (a
 * reply, an I/O failure, a reply that is held back, or a block until interrupted). Records every
 * request with the bytes its body wrote, and counts responses opened and not yet closed.
 */
final class FakeTransport implements HttpTransport {

    /** What one exchange does. */
    sealed interface Step permits Reply, Failure, Thrown, Held, BlockUntilInterrupted {
    }

    /** A reply with a status, headers and a body that may break off with an exception. */
    record Reply(int status, Map<String, List<String>> headers, byte[] body, IOException failAfterBody) implements Step {
    }

    /** The exchange fails before any reply. */
    record Failure(IOException exception) implements Step {
    }

    /** The exchange fails before any reply with what the function makes of the request (checked or unchecked). */
    record Thrown(java.util.function.Function<HttpRequest, ? extends Exception> exception) implements Step {
    }

    /** sendAsync returns a future the test completes (or not) itself. */
    record Held(CompletableFuture<HttpResponse> future) implements Step {
    }

    /** send blocks until the thread is interrupted, then throws InterruptedIOException with the flag set. */
    record BlockUntilInterrupted(CountDownLatch entered) implements Step {
    }

    /** A recorded exchange. */
    record Recorded(HttpRequest request, byte[] body) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Deque<Step> script = new ArrayDeque<>();
    private Step repeat;
    final List<Recorded> requests = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<HttpResponse>> asyncFutures = new CopyOnWriteArrayList<>();
    final List<FakeResponse> responses = new CopyOnWriteArrayList<>();
    final AtomicInteger openResponses = new AtomicInteger();
    final AtomicInteger closeCalls = new AtomicInteger();
    /** Runs at the start of every exchange (e.g. to move the fake clock as if the exchange took time). */
    volatile java.util.function.Consumer<HttpRequest> onExchange = r -> { };

    FakeTransport reply(int status, String body, String... headerPairs) {
        return reply(status, body.getBytes(StandardCharsets.UTF_8), headerPairs);
    }

    FakeTransport reply(int status, byte[] body, String... headerPairs) {
        script.add(new Reply(status, headers(headerPairs), body, null));
        return this;
    }

    FakeTransport replyThenBreak(int status, String partialBody, IOException failure, String... headerPairs) {
        script.add(new Reply(status, headers(headerPairs), partialBody.getBytes(StandardCharsets.UTF_8), failure));
        return this;
    }

    FakeTransport fail(IOException exception) {
        script.add(new Failure(exception));
        return this;
    }

    /** The exchange fails with an exception made from the request, e.g. one that quotes its URI. */
    FakeTransport fail(java.util.function.Function<HttpRequest, ? extends Exception> exception) {
        script.add(new Thrown(exception));
        return this;
    }

    FakeTransport hold(CompletableFuture<HttpResponse> future) {
        script.add(new Held(future));
        return this;
    }

    FakeTransport blockUntilInterrupted(CountDownLatch entered) {
        script.add(new BlockUntilInterrupted(entered));
        return this;
    }

    /** Every exchange after the script ran out answers like this. */
    FakeTransport always(int status, String body, String... headerPairs) {
        repeat = new Reply(status, headers(headerPairs), body.getBytes(StandardCharsets.UTF_8), null);
        return this;
    }

    int requestCount() {
        return requests.size();
    }

    Recorded lastRequest() {
        return requests.get(requests.size() - 1);
    }

    FakeResponse response(int status, byte[] body, Map<String, List<String>> headers) {
        return new FakeResponse(new Reply(status, headers, body, null));
    }

    private synchronized Step next() {
        Step step = script.poll();
        if (step == null) {
            if (repeat == null) {
                throw new AssertionError("the fake transport's script ran out");
            }
            return repeat;
        }
        return step;
    }

    private void record(HttpRequest request) throws IOException {
        onExchange.accept(request);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (request.body().isPresent()) {
            request.body().get().writeTo(out);
        }
        byte[] bytes = out.toByteArray();
        if (bytes.length != request.contentLength()) {
            throw new AssertionError("the body wrote " + bytes.length + " bytes but declared " + request.contentLength());
        }
        requests.add(new Recorded(request, bytes));
    }

    @Override
    public HttpResponse send(HttpRequest request) throws IOException {
        record(request);
        Step step = next();
        if (step instanceof Failure f) {
            throw f.exception();
        }
        if (step instanceof Thrown t) {
            Exception e = t.exception().apply(request);
            if (e instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) e;
        }
        if (step instanceof BlockUntilInterrupted b) {
            b.entered().countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the reply");
            }
        }
        if (step instanceof Held h) {
            return h.future().join();
        }
        return new FakeResponse((Reply) step);
    }

    @Override
    public CompletableFuture<HttpResponse> sendAsync(HttpRequest request) {
        try {
            record(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Step step = next();
        CompletableFuture<HttpResponse> future;
        if (step instanceof Failure f) {
            future = CompletableFuture.failedFuture(f.exception());
        } else if (step instanceof Thrown t) {
            Exception e = t.exception().apply(request);
            future = CompletableFuture.failedFuture(e instanceof RuntimeException ? new java.util.concurrent.CompletionException(e) : e);
        } else if (step instanceof Held h) {
            future = h.future();
        } else if (step instanceof Reply r) {
            future = CompletableFuture.completedFuture(new FakeResponse(r));
        } else {
            throw new AssertionError("cannot block in sendAsync");
        }
        asyncFutures.add(future);
        return future;
    }

    @Override
    public void close() {
        closeCalls.incrementAndGet();
    }

    private static Map<String, List<String>> headers(String... pairs) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            headers.computeIfAbsent(pairs[i], k -> new ArrayList<>()).add(pairs[i + 1]);
        }
        return headers;
    }

    /** A response that counts itself open until closed; closing makes further reads fail. */
    final class FakeResponse implements HttpResponse {
        private final Reply reply;
        private final InputStream body;
        private volatile boolean closed;

        FakeResponse(Reply reply) {
            this.reply = reply;
            InputStream bytes = new ByteArrayInputStream(reply.body());
            this.body = new BlockInputStream() {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (closed) {
                        throw new IOException("the response was closed");
                    }
                    int n = bytes.read(b, off, len);
                    if (n < 0 && reply.failAfterBody() != null) {
                        throw reply.failAfterBody();
                    }
                    return n;
                }
            };
            openResponses.incrementAndGet();
            responses.add(this);
        }

        @Override
        public int statusCode() {
            return reply.status();
        }

        @Override
        public Map<String, List<String>> headers() {
            return reply.headers();
        }

        @Override
        public InputStream body() {
            return body;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                openResponses.decrementAndGet();
            }
        }

        boolean isClosed() {
            return closed;
        }
    }
}
