package io.github.geminiimage.tck;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP/1.1 server on loopback for faults WireMock cannot make at the byte level: a reply cut
 * short, a reset in the middle of the body, a stall after the headers, a slow dribble, a connection
 * closed while idle. Each accepted connection is served by the {@link Handler} on its own daemon
 * thread named {@code tck-raw-server-*}. Counts connections, and records each request head and
 * the SHA-256 of its body. Closing it closes every connection and fails if a handler failed.
 */
public final class RawHttpServer implements AutoCloseable {

    /** Serves one connection. */
    @FunctionalInterface
    public interface Handler {
        /** Reads requests from and writes replies to {@code connection}; may return at any point. */
        void serve(Connection connection) throws IOException, InterruptedException;
    }

    /** A request as the server read it: method, target, headers (names lower-cased), body length and digest. */
    public record ReceivedRequest(String method, String target, Map<String, String> headers, long bodyLength,
            String bodySha256) {

        /** A header's value, the name compared case-insensitively. */
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    /** One accepted connection. */
    public final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final AtomicInteger bodyBytesRead = new AtomicInteger();
        private final java.util.concurrent.CountDownLatch peerClosed = new java.util.concurrent.CountDownLatch(1);

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        /** Reads one request (head and a body of {@code Content-Length} bytes), or empty at end of stream. */
        public Optional<ReceivedRequest> readRequest() throws IOException {
            String requestLine = readLine();
            if (requestLine == null) {
                return Optional.empty();
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            long length = Long.parseLong(headers.getOrDefault("content-length", "0"));
            MessageDigest sha = sha256();
            byte[] buffer = new byte[64 * 1024];
            long remaining = length;
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    throw new IOException("the client closed the connection in the middle of the body");
                }
                sha.update(buffer, 0, n);
                remaining -= n;
                bodyBytesRead.addAndGet(n);
            }
            String[] parts = requestLine.split(" ");
            ReceivedRequest request = new ReceivedRequest(parts[0], parts[1], Map.copyOf(headers), length,
                    HexFormat.of().formatHex(sha.digest()));
            requests.add(request);
            return Optional.of(request);
        }

        /** Reads exactly {@code n} bytes (of a body), failing at end of stream. */
        public byte[] readN(int n) throws IOException {
            byte[] bytes = in.readNBytes(n);
            if (bytes.length < n) {
                throw new IOException("end of stream after " + bytes.length + " of " + n + " bytes");
            }
            return bytes;
        }

        /** Reads only the request head and leaves the body unread. */
        public Optional<String> readRequestHead() throws IOException {
            String requestLine = readLine();
            if (requestLine == null) {
                return Optional.empty();
            }
            for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
                // skip headers
            }
            return Optional.of(requestLine);
        }

        /** Writes text as ISO-8859-1 bytes and flushes. */
        public void write(String text) throws IOException {
            write(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        /** Writes bytes and flushes. */
        public void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** Writes a complete reply with a {@code Content-Length}. */
        public void reply(int status, String contentType, byte[] body) throws IOException {
            write("HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length
                    + "\r\n\r\n");
            write(body);
        }

        /**
         * Writes {@code chunk} again and again, up to {@code maxBytes} in all, until a write fails
         * because the peer closed the connection (then {@link #peerClosedWithin} says so).
         *
         * @return how many bytes were written
         */
        public long writeUntilPeerCloses(byte[] chunk, long maxBytes) {
            long written = 0;
            try {
                while (written < maxBytes) {
                    out.write(chunk);
                    out.flush();
                    written += chunk.length;
                }
            } catch (IOException e) {
                peerClosed.countDown();
            }
            return written;
        }

        /** Whether the peer closed the connection: waits up to {@code millis} for end of stream or a reset. */
        public boolean awaitPeerClose(long millis) throws IOException {
            socket.setSoTimeout((int) millis);
            try {
                byte[] sink = new byte[64 * 1024];
                while (true) {
                    if (in.read(sink) < 0) {
                        peerClosed.countDown();
                        return true;
                    }
                }
            } catch (java.net.SocketTimeoutException e) {
                return false;
            } catch (SocketException e) {
                peerClosed.countDown();
                return true;
            }
        }

        /**
         * Whether the handler, waiting in {@link #awaitPeerClose}, saw the peer close the connection
         * within {@code millis}.
         */
        public boolean peerClosedWithin(long millis) throws InterruptedException {
            return peerClosed.await(millis, TimeUnit.MILLISECONDS);
        }

        /** Sends a TCP reset instead of a clean close. */
        public void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        /** Closes the connection cleanly. */
        public void close() throws IOException {
            socket.close();
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int previous = -1;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return line.size() == 0 && previous < 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
                }
                if (b == '\n' && previous == '\r') {
                    byte[] bytes = line.toByteArray();
                    return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
                }
                line.write(b);
                previous = b;
            }
        }
    }

    private final ServerSocket serverSocket;
    private final Handler handler;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<ReceivedRequest> requests = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
    private final List<Throwable> handlerFailures = new CopyOnWriteArrayList<>();
    private final List<Thread> workers = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private RawHttpServer(Handler handler) throws IOException {
        this.handler = handler;
        this.serverSocket = new ServerSocket();
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.acceptor = new Thread(this::acceptLoop, "tck-raw-server-acceptor-" + serverSocket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a server on a free loopback port serving every connection with {@code handler}. */
    public static RawHttpServer start(Handler handler) throws IOException {
        return new RawHttpServer(handler);
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI baseUri() {
        return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + serverSocket.getLocalPort());
    }

    /** How many connections were accepted. */
    public int connectionCount() {
        return connections.get();
    }

    /** The requests read in full so far. */
    public List<ReceivedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Waits up to {@code millis} for the next accepted connection. */
    public Optional<Connection> nextConnection(long millis) throws InterruptedException {
        return Optional.ofNullable(accepted.poll(millis, TimeUnit.MILLISECONDS));
    }

    /** Failures thrown by handlers (other than the client going away). */
    public List<Throwable> handlerFailures() {
        return List.copyOf(handlerFailures);
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return;
            }
            connections.incrementAndGet();
            sockets.add(socket);
            Thread worker = new Thread(() -> serve(socket), "tck-raw-server-" + serverSocket.getLocalPort() + "-"
                    + connections.get());
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            Connection connection = new Connection(socket);
            accepted.add(connection);
            handler.serve(connection);
        } catch (SocketException e) {
            // The client went away: expected in fault scenarios.
        } catch (IOException e) {
            if (!socket.isClosed()) {
                handlerFailures.add(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            handlerFailures.add(e);
        }
    }

    /** A new SHA-256 digest. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /**
     * Stops accepting and closes every connection, then fails if a handler failed: a fault scenario
     * whose server broke is not the scenario the test meant, so its test must not pass.
     *
     * @throws AssertionError naming the first handler failure (the others suppressed)
     */
    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket socket : new ArrayList<>(sockets)) {
            socket.close();
        }
        // A handler fails on its own thread, maybe after the test's last read: give the handlers,
        // whose sockets are now closed, a moment to end, so what they throw is seen here.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        for (Thread worker : workers) {
            long left = until - System.nanoTime();
            if (left > 0) {
                try {
                    worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        List<Throwable> failures = handlerFailures();
        handlerFailures.clear();
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError("the loopback server's handler failed " + failures.size()
                    + " time(s), first: " + failures.get(0), failures.get(0));
            failures.subList(1, failures.size()).forEach(error::addSuppressed);
            throw error;
        }
    }
}
