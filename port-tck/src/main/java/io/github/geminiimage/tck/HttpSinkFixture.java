package io.github.geminiimage.tck;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.geminiimage.domain.Candidate;
import io.github.geminiimage.domain.FinishReason;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.port.ImageGenerationPort;
import io.github.geminiimage.wire.ErrorEnvelope;
import io.github.geminiimage.wire.GenerateContentCodec;
import io.github.geminiimage.wire.JsonBody;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link ImageSinkContract.SinkFixture} of an HTTP adapter: a loopback server (the JDK's)
 * answering {@code generateContent} and {@code streamGenerateContent} with the scripted images,
 * encoded by the library's own reply encoder. Ports are made without retries, so that a failure
 * is seen once.
 */
public final class HttpSinkFixture implements ImageSinkContract.SinkFixture {

    private enum Script { ANSWER, FAIL_AFTER_IMAGE, STALL_AFTER_IMAGE }

    private record Scripted(Script script, byte[] draft, byte[] image) {
    }

    private final HttpPortFactory factory;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Scripted> scripts = new ConcurrentHashMap<>();
    private final List<ImageGenerationPort> ports = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger keys = new AtomicInteger();

    /** Starts the server; ports are made by {@code factory}. */
    public HttpSinkFixture(HttpPortFactory factory) {
        this.factory = factory;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    @Override
    public ImageGenerationPort portAnswering(byte[] draft, byte[] image) {
        return port(new Scripted(Script.ANSWER, draft, image));
    }

    @Override
    public ImageGenerationPort portFailingAfterImage(byte[] image) {
        return port(new Scripted(Script.FAIL_AFTER_IMAGE, null, image));
    }

    @Override
    public ImageGenerationPort portStallingAfterImage(byte[] image) {
        return port(new Scripted(Script.STALL_AFTER_IMAGE, null, image));
    }

    private ImageGenerationPort port(Scripted scripted) {
        // Each port gets its own key: the server tells the scripts apart by it.
        String key = "sink-key-" + keys.incrementAndGet();
        scripts.put(key, scripted);
        HttpOptions options = HttpOptions.builder().baseUri(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .retryPolicy(RetryPolicy.noRetries()).build();
        ImageGenerationPort port = factory.create(key, options);
        ports.add(port);
        return port;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            Scripted scripted = scripts.get(String.valueOf(exchange.getRequestHeaders().getFirst("x-goog-api-key")));
            if (scripted == null) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            boolean streamed = exchange.getRequestURI().getPath().endsWith(":streamGenerateContent");
            if (streamed) {
                stream(exchange, scripted);
            } else {
                generate(exchange, scripted);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void generate(HttpExchange exchange, Scripted scripted) throws IOException {
        List<Part> parts = scripted.draft() == null ? List.of(imagePart(scripted.image(), false))
                : List.of(imagePart(scripted.draft(), true), imagePart(scripted.image(), false));
        byte[] body = bytes(GenerateContentCodec.encodeReply(result(parts, true)));
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        if (scripted.script() == Script.ANSWER) {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            return;
        }
        // Chunked, and ended in the middle of the image's base64: the JSON is cut short.
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body, 0, body.length / 2);
        }
    }

    private void stream(HttpExchange exchange, Scripted scripted) throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        if (scripted.draft() != null) {
            GenerateContentCodec.writeEvent(result(List.of(imagePart(scripted.draft(), true)), false), Optional.empty(), out);
        }
        boolean finish = scripted.script() == Script.ANSWER;
        GenerateContentCodec.writeEvent(result(List.of(imagePart(scripted.image(), false)), finish), Optional.empty(), out);
        out.flush();
        if (scripted.script() == Script.FAIL_AFTER_IMAGE) {
            out.write("data: ".getBytes(StandardCharsets.US_ASCII));
            out.write(ErrorEnvelope.of(503, "UNAVAILABLE", "The model is overloaded.").toJson());
            out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } else if (scripted.script() == Script.STALL_AFTER_IMAGE) {
            // A bound, not an assertion: the client closes the stream long before.
            closing.await(20, TimeUnit.SECONDS);
        }
        try {
            out.close();
        } catch (IOException e) {
            // The client closed first.
        }
    }

    private static Part imagePart(byte[] bytes, boolean thought) {
        return new Part.Image(GeneratedImage.of("image/png", bytes), thought, Optional.empty());
    }

    private static GenerationResult result(List<Part> parts, boolean finished) {
        return new GenerationResult(List.of(new Candidate(0, parts, finished ? Optional.of(FinishReason.STOP) : Optional.empty(),
                Optional.empty(), List.of())), Optional.empty(), Usage.NONE, Optional.empty(), Optional.empty());
    }

    private static byte[] bytes(JsonBody body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) body.contentLength());
        body.writeTo(out);
        return out.toByteArray();
    }

    @Override
    public void close() {
        closing.countDown();
        for (ImageGenerationPort port : ports) {
            port.close();
        }
        server.stop(0);
        threads.shutdownNow();
    }
}
