package io.github.geminiimage.http.cassette;

import io.github.geminiimage.http.RequestBody;
import io.github.geminiimage.http.HttpRequest;
import io.github.geminiimage.http.HttpResponse;
import io.github.geminiimage.http.HttpTransport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** An in-memory "network": answers each request with what the function makes of it, and keeps every request and body. */
final class ScriptedServer implements HttpTransport {

    /** A reply. */
    record Reply(int status, Map<String, List<String>> headers, byte[] body) {
    }

    /** A request as it arrived, body included. */
    record Seen(HttpRequest request, byte[] body) {
    }

    private final Function<Seen, Reply> answer;
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    volatile boolean closed;

    ScriptedServer(Function<Seen, Reply> answer) {
        this.answer = answer;
    }

    @Override
    public CompletableFuture<HttpResponse> sendAsync(HttpRequest request) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            if (request.body().isPresent()) {
                RequestBody.writeExactly(request.body().get(), body);
            }
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        Seen s = new Seen(request, body.toByteArray());
        seen.add(s);
        Reply reply = answer.apply(s);
        return CompletableFuture.completedFuture(new HttpResponse() {
            private final InputStream in = new ByteArrayInputStream(reply.body());

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
                return in;
            }

            @Override
            public void close() {
                try {
                    in.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }

    @Override
    public void close() {
        closed = true;
    }
}
