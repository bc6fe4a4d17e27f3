package io.github.geminiimage.adapter.httpclient5;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw HTTP/1.1 server on loopback whose replies a test scripts byte by byte: it records every
 * request (with its connection's number) and tells when the client closed a connection.
 */
final class LoopbackServer implements AutoCloseable {

    /** Writes the reply to one request; returns whether to keep the connection for another. */
    @FunctionalInterface
    interface Handler {
        boolean handle(Received request, Connection connection) throws IOException;
    }

    /** One request as it arrived. Header names lower-cased. */
    record Received(int connection, String method, String target, Map<String, String> headers, byte[] body,
            boolean chunked) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** One accepted connection. */
    static final class Connection {
        final int number;
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final CountDownLatch closedByClient = new CountDownLatch(1);

        Connection(int number, Socket socket) throws IOException {
            this.number = number;
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        /** Writes raw text (ASCII) and flushes. */
        void write(String text) throws IOException {
            write(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** Writes a whole reply with a Content-Length. */
        void reply(int status, String body, String... headerLines) throws IOException {
            reply(status, body.getBytes(StandardCharsets.UTF_8), headerLines);
        }

        void reply(int status, byte[] body, String... headerLines) throws IOException {
            StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " X\r\n");
            for (String line : headerLines) {
                head.append(line).append("\r\n");
            }
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            write(head.toString());
            write(body);
        }

        /** Blocks until the client closes (or resets) the connection: how a test stalls a reply. */
        void stallUntilClientCloses() {
            try {
                while (in.read() >= 0) {
                    // Discard whatever else arrives.
                }
            } catch (IOException closed) {
                // A reset is a close too.
            }
            closedByClient.countDown();
        }

        /** Whether the client closed this connection within the time (a guard, not a measure). */
        boolean awaitClosedByClient() throws InterruptedException {
            return closedByClient.await(20, TimeUnit.SECONDS);
        }
    }

    private final ServerSocket server;
    private final Handler handler;
    private final AtomicInteger connectionCount = new AtomicInteger();
    final BlockingQueue<Received> requests = new LinkedBlockingQueue<>();
    final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    LoopbackServer(Handler handler) throws IOException {
        this.handler = handler;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.acceptor = new Thread(this::acceptLoop, "loopback-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
    }

    int port() {
        return server.getLocalPort();
    }

    int connectionCount() {
        return connectionCount.get();
    }

    /** The next request, waiting for it (a guard, not a measure). */
    Received takeRequest() throws InterruptedException {
        Received r = requests.poll(20, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request arrived");
        }
        return r;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Connection connection = new Connection(connectionCount.incrementAndGet(), socket);
                connections.add(connection);
                Thread t = new Thread(() -> serve(connection), "loopback-server-conn-" + connection.number);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Connection connection) {
        try (Socket socket = connection.socket) {
            while (true) {
                Received request = readRequest(connection);
                if (request == null) {
                    connection.closedByClient.countDown();
                    return;
                }
                requests.add(request);
                if (!handler.handle(request, connection)) {
                    return;
                }
            }
        } catch (IOException e) {
            connection.closedByClient.countDown();
        }
    }

    private static Received readRequest(Connection connection) throws IOException {
        String requestLine = readLine(connection.in);
        if (requestLine == null) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(connection.in); line != null && !line.isEmpty(); line = readLine(connection.in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        String[] parts = requestLine.split(" ");
        boolean chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
        byte[] body;
        if (chunked) {
            body = readChunked(connection.in);
        } else {
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            body = connection.in.readNBytes(length);
        }
        return new Received(connection.number, parts[0], parts[1], Map.copyOf(headers), body, chunked);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(readLine(in).trim(), 16);
            if (size == 0) {
                readLine(in);
                return out.toByteArray();
            }
            out.write(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Connection c : connections) {
            c.socket.close();
        }
    }
}
