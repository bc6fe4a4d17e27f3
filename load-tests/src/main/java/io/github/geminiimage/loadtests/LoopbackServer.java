package io.github.geminiimage.loadtests;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small HTTP/1.1 server on loopback that reads and discards each request body (by
 * {@code Content-Length} or chunked) and answers with a prepared {@code generateContent} reply, or
 * with the fault a {@link Scenario} in the model id asks for. Keep-alive, one daemon thread per
 * connection. {@code GET /stats} answers its counters as JSON. Run it in its own JVM with
 * {@link #main} (see {@link ServerProcess}) so that its allocations and threads are not counted
 * with the client's.
 */
public final class LoopbackServer implements AutoCloseable {

    /** What the server has seen so far. */
    public record Stats(long accepted, int open, long requests, long bodyBytes) {
    }

    private static final int BUFFER = 64 * 1024;
    private static final int MAX_HEAD_LINE = 16 * 1024;
    private static final String PATH_PREFIX = "/v1beta/models/";
    private static final String PATH_SUFFIX = ":generateContent";
    private static final long STALL_MILLIS = 3_000;
    private static final Pattern STATS = Pattern.compile(
            "\\{\"accepted\":(\\d+),\"open\":(\\d+),\"requests\":(\\d+),\"bodyBytes\":(\\d+)}");

    private final ServerSocket serverSocket;
    private final byte[] okHead;
    private final byte[] okBody;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bodyBytes = new AtomicLong();
    private final Thread acceptor;

    private LoopbackServer(int port, byte[] replyBody) throws IOException {
        this.okBody = replyBody;
        this.okHead = head(200, "OK", replyBody.length, "");
        this.serverSocket = new ServerSocket();
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        this.acceptor = new Thread(this::acceptLoop, "loopback-server-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Starts a server on loopback whose 200 replies carry one PNG-like image of {@code replyImageBytes}.
     *
     * @param port the port, 0 for any free one
     */
    public static LoopbackServer start(int port, int replyImageBytes) throws IOException {
        return new LoopbackServer(port, Payloads.replyWithImage(replyImageBytes));
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI baseUri() {
        return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port());
    }

    /** The port it listens on. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** The size of a 200 reply's body. */
    public int replyBytes() {
        return okBody.length;
    }

    /** Its counters now. */
    public Stats stats() {
        return new Stats(accepted.get(), open.get(), requests.get(), bodyBytes.get());
    }

    /**
     * Asks the server on {@code port} for its counters with {@code GET /stats} over a plain socket.
     *
     * @throws IOException if it does not answer with the expected JSON within 10 s
     */
    public static Stats fetchStats(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /stats HTTP/1.1\r\nHost: loopback\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            Matcher m = STATS.matcher(reply);
            if (!m.find()) {
                throw new IOException("unexpected /stats reply of " + reply.length() + " characters");
            }
            return new Stats(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)),
                    Long.parseLong(m.group(4)));
        }
    }

    /** Stops accepting and closes every connection. */
    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return;
            }
            long n = accepted.incrementAndGet();
            open.incrementAndGet();
            sockets.add(socket);
            Thread worker = new Thread(() -> serve(socket), "loopback-server-" + n);
            worker.setDaemon(true);
            worker.start();
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), BUFFER);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), BUFFER);
            byte[] scratch = new byte[BUFFER];
            while (true) {
                Optional<Request> request = readHead(in);
                if (request.isEmpty()) {
                    return;
                }
                bodyBytes.addAndGet(discardBody(in, request.get(), scratch));
                requests.incrementAndGet();
                if (!respond(request.get(), socket, in, out) || request.get().close()) {
                    return;
                }
            }
        } catch (SocketException | SocketTimeoutException e) {
            // The client went away or was too slow: nothing to answer.
        } catch (IOException e) {
            // A malformed request: the connection just ends.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.decrementAndGet();
            sockets.remove(socket);
        }
    }

    /** The request line and the headers that matter here. */
    private record Request(String method, String target, long contentLength, boolean chunked, boolean close) {
    }

    private static Optional<Request> readHead(InputStream in) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null) {
            return Optional.empty();
        }
        long contentLength = 0;
        boolean chunked = false;
        boolean close = false;
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IOException("malformed header line");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> {
                    // not needed
                }
            }
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3) {
            throw new IOException("malformed request line");
        }
        return Optional.of(new Request(parts[0], parts[1], contentLength, chunked, close));
    }

    private static long discardBody(InputStream in, Request request, byte[] scratch) throws IOException {
        if (!request.chunked()) {
            discard(in, request.contentLength(), scratch);
            return request.contentLength();
        }
        long total = 0;
        while (true) {
            String sizeLine = readLine(in);
            if (sizeLine == null) {
                throw new IOException("end of stream in a chunked body");
            }
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                for (String trailer = readLine(in); trailer != null && !trailer.isEmpty(); trailer = readLine(in)) {
                    // trailers are ignored
                }
                return total;
            }
            discard(in, size, scratch);
            total += size;
            readLine(in);
        }
    }

    private static void discard(InputStream in, long length, byte[] scratch) throws IOException {
        long remaining = length;
        while (remaining > 0) {
            int n = in.read(scratch, 0, (int) Math.min(scratch.length, remaining));
            if (n < 0) {
                throw new IOException("end of stream in the body");
            }
            remaining -= n;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.length() == 0) {
                    return null;
                }
                throw new IOException("end of stream in a line");
            }
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() == MAX_HEAD_LINE) {
                throw new IOException("header line too long");
            }
            line.append((char) b);
        }
    }

    /** Answers one request; false when the connection must end now. */
    private boolean respond(Request request, Socket socket, InputStream in, OutputStream out)
            throws IOException, InterruptedException {
        if (request.method().equals("GET") && request.target().equals("/stats")) {
            Stats s = stats();
            byte[] body = ("{\"accepted\":" + s.accepted() + ",\"open\":" + s.open() + ",\"requests\":" + s.requests()
                    + ",\"bodyBytes\":" + s.bodyBytes() + "}").getBytes(StandardCharsets.US_ASCII);
            return reply(out, head(200, "OK", body.length, ""), body);
        }
        String model = modelOf(request.target());
        String[] fields = model.split("-");
        Optional<Scenario> scenario = fields.length == 4 && fields[0].equals("soak")
                ? Scenario.ofToken(fields[1]) : Optional.empty();
        if (scenario.isEmpty()) {
            return reply(out, okHead, okBody);
        }
        String callId = fields[2];
        int parameter = Integer.parseInt(fields[3]);
        switch (scenario.get()) {
            case OK:
                return reply(out, okHead, okBody);
            case SLOW:
                TimeUnit.MILLISECONDS.sleep(parameter);
                return reply(out, okHead, okBody);
            case DRIBBLE:
                out.write(okHead);
                out.flush();
                int piece = (okBody.length + 3) / 4;
                for (int off = 0; off < okBody.length; off += piece) {
                    TimeUnit.MILLISECONDS.sleep(10);
                    out.write(okBody, off, Math.min(piece, okBody.length - off));
                    out.flush();
                }
                return true;
            case UNAVAILABLE_ONCE:
                return firstAttempt(scenario.get(), callId) ? error(out, 503, "Service Unavailable", "UNAVAILABLE",
                        "The model is overloaded. Please try again later.", "") : reply(out, okHead, okBody);
            case RATE_LIMITED_ONCE:
                return firstAttempt(scenario.get(), callId) ? error(out, 429, "Too Many Requests", "RESOURCE_EXHAUSTED",
                        "Resource has been exhausted (e.g. check quota).", "Retry-After-Ms: " + parameter + "\r\n")
                        : reply(out, okHead, okBody);
            case RESET_ONCE:
                if (firstAttempt(scenario.get(), callId)) {
                    reset(socket);
                    return false;
                }
                return reply(out, okHead, okBody);
            case STALL_ONCE:
                if (firstAttempt(scenario.get(), callId)) {
                    stall(socket, in);
                    return false;
                }
                return reply(out, okHead, okBody);
            case ALWAYS_UNAVAILABLE:
                return error(out, 503, "Service Unavailable", "UNAVAILABLE", "The model is overloaded. Please try again later.", "");
            case ALWAYS_RESET:
                reset(socket);
                return false;
            case BAD_REQUEST:
                return error(out, 400, "Bad Request", "INVALID_ARGUMENT", "Request contains an invalid argument.", "");
            default:
                throw new IllegalStateException("unhandled scenario " + scenario.get());
        }
    }

    private boolean firstAttempt(Scenario scenario, String callId) {
        return failedOnce.add(scenario.token() + "-" + callId);
    }

    private static String modelOf(String target) {
        int start = target.indexOf(PATH_PREFIX);
        int end = target.indexOf(PATH_SUFFIX);
        return start < 0 || end < start ? "" : target.substring(start + PATH_PREFIX.length(), end);
    }

    private static boolean reply(OutputStream out, byte[] head, byte[] body) throws IOException {
        out.write(head);
        out.write(body);
        out.flush();
        return true;
    }

    private static boolean error(OutputStream out, int status, String reason, String word, String message, String extraHeaders)
            throws IOException {
        byte[] body = ("{\n  \"error\": {\n    \"code\": " + status + ",\n    \"message\": \"" + message
                + "\",\n    \"status\": \"" + word + "\"\n  }\n}\n").getBytes(StandardCharsets.UTF_8);
        return reply(out, head(status, reason, body.length, extraHeaders), body);
    }

    private static byte[] head(int status, String reason, int contentLength, String extraHeaders) {
        return ("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json; charset=UTF-8\r\n"
                + extraHeaders + "Content-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static void reset(Socket socket) throws IOException {
        // SO_LINGER 0 makes close() send a RST instead of a FIN.
        socket.setSoLinger(true, 0);
        socket.close();
    }

    private static void stall(Socket socket, InputStream in) throws IOException {
        // Say nothing until the client gives up and closes, or a few seconds pass.
        socket.setSoTimeout((int) STALL_MILLIS);
        try {
            while (in.read() >= 0) {
                // the client sent more: ignore it
            }
        } catch (SocketTimeoutException e) {
            // the client never closed; the connection ends here
        }
    }

    /**
     * Runs a server until its standard input ends: {@code [--port N] [--reply-image-bytes N]}.
     * Prints {@code LISTENING <port>} once it accepts connections.
     */
    public static void main(String[] args) throws IOException {
        Args a = Args.parse(args);
        try (LoopbackServer server = start(a.intValue("port", 0), a.intValue("reply-image-bytes", 1_800_000))) {
            PrintStream out = System.out;
            out.println("LISTENING " + server.port() + " reply-bytes " + server.replyBytes());
            out.flush();
            // The parent closes our stdin (or dies): that is the signal to stop.
            byte[] sink = new byte[256];
            while (System.in.read(sink) >= 0) {
                // ignore input
            }
        }
    }
}
