package io.github.geminiimage.tck;

import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.port.ImageGenerationPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@link ImageGenerationStreamContract.StreamFixture} of HTTP adapters: each port gets its own
 * {@link RawHttpServer} on loopback that answers {@code streamGenerateContent?alt=sse} as Google
 * does (one {@code data:} line per event, CRLF framing, chunked, a short pause between events) and
 * {@code generateContent} with the same reply whole; or fails before the first event, sends a bare
 * JSON error after the last event, ends without a finish reason, stalls, or cuts the connection.
 * Ports make one attempt and get generous timeouts unless a scenario needs a short one.
 */
public final class RawHttpStreamFixture implements ImageGenerationStreamContract.StreamFixture {

    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    private static final String TAIL = "\"modelVersion\": \"gemini-2.5-flash-image\",\"responseId\": \"tck-stream-1\"}";
    private static final String USAGE = "\"usageMetadata\": {\"promptTokenCount\": 7,\"candidatesTokenCount\": 1290,"
            + "\"totalTokenCount\": 1297},";
    private static final long PAUSE_MILLIS = 20;

    private final HttpPortFactory factory;
    private final List<RawHttpServer> servers = new ArrayList<>();
    private final List<ImageGenerationPort> ports = new ArrayList<>();

    /** A fixture whose ports {@code factory} makes. */
    public RawHttpStreamFixture(HttpPortFactory factory) {
        this.factory = factory;
    }

    private static String event(String parts, String finish, String usage) {
        return "data: {\"candidates\": [{" + (parts.isEmpty() ? "" : "\"content\": {\"parts\": [" + parts
                + "],\"role\": \"model\"},") + finish + "\"index\": 0}]," + usage + TAIL + "\r\n\r\n";
    }

    private static String text(String text) {
        return "{\"text\": \"" + text + "\"}";
    }

    private static final List<String> IMAGE_EVENTS = List.of(
            event(text("Here is "), "", ""),
            event(text("a red bicycle"), "", ""),
            event("{\"inlineData\": {\"mimeType\": \"image/png\",\"data\": \"" + PNG + "\"}}", "", ""),
            event("", "\"finishReason\": \"STOP\",", USAGE));

    private static final String IMAGE_WHOLE = "{\"candidates\": [{\"content\": {\"parts\": [" + text("Here is a red bicycle")
            + ",{\"inlineData\": {\"mimeType\": \"image/png\",\"data\": \"" + PNG + "\"}}],\"role\": \"model\"},"
            + "\"finishReason\": \"STOP\",\"index\": 0}]," + USAGE + TAIL;

    private static final List<String> THOUGHT_EVENTS = List.of(
            event("{\"text\": \"Planning the lighthouse\",\"thought\": true}", "", ""),
            event("{\"text\": \" and the dusk light\",\"thought\": true}", "", ""),
            event("{\"inlineData\": {\"mimeType\": \"image/png\",\"data\": \"" + PNG + "\"},\"thought\": true}", "", ""),
            event("{\"text\": \"Here it is\",\"thoughtSignature\": \"c2lnLXRleHQ=\"}", "", ""),
            event("{\"inlineData\": {\"mimeType\": \"image/png\",\"data\": \"" + PNG + "\"},\"thoughtSignature\": \"c2lnLWltYWdl\"}",
                    "", ""),
            event("", "\"finishReason\": \"STOP\",", USAGE));

    private static final String ERROR_TAIL = "{\n  \"error\": {\n    \"code\": 503,\n    \"message\": \"The model is "
            + "overloaded. Please try again later.\",\n    \"status\": \"UNAVAILABLE\"\n  }\n}\n";

    @Override
    public ImageGenerationPort portStreamingImage() {
        return port(connection -> streamOrWhole(connection, IMAGE_EVENTS, IMAGE_WHOLE), Duration.ofSeconds(60));
    }

    @Override
    public ImageGenerationPort portStreamingThoughts() {
        return port(connection -> streamOrWhole(connection, THOUGHT_EVENTS, IMAGE_WHOLE), Duration.ofSeconds(60));
    }

    @Override
    public ImageGenerationPort portFailingBeforeFirstEvent() {
        return port(connection -> {
            while (connection.readRequest().isPresent()) {
                connection.reply(503, "application/json", ERROR_TAIL.getBytes(StandardCharsets.UTF_8));
            }
        }, Duration.ofSeconds(60));
    }

    /** One event, then a bare JSON error outside the SSE framing (vector 19). */
    @Override
    public ImageGenerationPort portFailingAfterFirstEvent() {
        return port(connection -> {
            while (connection.readRequest().isPresent()) {
                sse(connection, List.of(IMAGE_EVENTS.get(0), ERROR_TAIL), true);
            }
        }, Duration.ofSeconds(60));
    }

    @Override
    public ImageGenerationPort portEndingWithoutFinish() {
        return port(connection -> {
            while (connection.readRequest().isPresent()) {
                sse(connection, IMAGE_EVENTS.subList(0, 3), true);
            }
        }, Duration.ofSeconds(60));
    }

    @Override
    public ImageGenerationPort portStallingAfterFirstEvent() {
        return port(RawHttpStreamFixture::stallAfterFirstEvent, Duration.ofSeconds(60));
    }

    /** A port whose streams deliver one event, then nothing for longer than {@code inactivityTimeout}. */
    public ImageGenerationPort portStallingAfterFirstEvent(Duration inactivityTimeout) {
        return port(RawHttpStreamFixture::stallAfterFirstEvent, inactivityTimeout);
    }

    /** A port whose streams deliver one event, then the server resets the connection in the middle of the body. */
    public ImageGenerationPort portCuttingTheConnectionAfterFirstEvent() {
        return port(connection -> {
            if (connection.readRequest().isPresent()) {
                sse(connection, IMAGE_EVENTS.subList(0, 1), false);
                pause();
                connection.reset();
            }
        }, Duration.ofSeconds(60));
    }

    private static void stallAfterFirstEvent(RawHttpServer.Connection connection) throws IOException, InterruptedException {
        if (connection.readRequest().isPresent()) {
            sse(connection, IMAGE_EVENTS.subList(0, 1), false);
            connection.awaitPeerClose(120_000);
        }
    }

    private static void streamOrWhole(RawHttpServer.Connection connection, List<String> events, String whole)
            throws IOException, InterruptedException {
        for (Optional<RawHttpServer.ReceivedRequest> r = connection.readRequest(); r.isPresent(); r = connection.readRequest()) {
            if (r.get().target().contains(":streamGenerateContent?alt=sse")) {
                sse(connection, events, true);
            } else {
                connection.reply(200, "application/json", whole.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** Sends the head and each event as one chunk, pausing between them; {@code end} sends the last chunk. */
    private static void sse(RawHttpServer.Connection connection, List<String> events, boolean end)
            throws IOException, InterruptedException {
        connection.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Disposition: attachment\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                pause();
            }
            byte[] bytes = events.get(i).getBytes(StandardCharsets.UTF_8);
            connection.write(Integer.toHexString(bytes.length) + "\r\n");
            connection.write(bytes);
            connection.write("\r\n");
        }
        if (end) {
            connection.write("0\r\n\r\n");
        }
    }

    private static void pause() throws InterruptedException {
        Thread.sleep(PAUSE_MILLIS);
    }

    private ImageGenerationPort port(RawHttpServer.Handler handler, Duration inactivityTimeout) {
        RawHttpServer server;
        try {
            server = RawHttpServer.start(handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpOptions options = HttpOptions.builder()
                .baseUri(server.baseUri())
                .connectTimeout(Duration.ofSeconds(2))
                .inactivityTimeout(inactivityTimeout)
                .overallDeadline(Duration.ofMinutes(2))
                .retryPolicy(RetryPolicy.noRetries())
                .build();
        ImageGenerationPort port = factory.create(TckSecrets.SENTINEL_KEY, options);
        synchronized (ports) {
            servers.add(server);
            ports.add(port);
        }
        return port;
    }

    /** Every request the fixture's servers read in full so far, server by server. */
    public List<RawHttpServer.ReceivedRequest> requestsReceived() {
        synchronized (ports) {
            return servers.stream().flatMap(server -> server.requests().stream()).toList();
        }
    }

    @Override
    public void close() {
        synchronized (ports) {
            ports.forEach(ImageGenerationPort::close);
            AssertionError handlerFailed = null;
            for (RawHttpServer server : servers) {
                try {
                    server.close();
                } catch (IOException e) {
                    // closing a loopback server: nothing to do
                } catch (AssertionError e) {
                    handlerFailed = handlerFailed == null ? e : handlerFailed;
                }
            }
            ports.clear();
            servers.clear();
            if (handlerFailed != null) {
                throw handlerFailed;
            }
        }
    }
}
