package io.github.geminiimage.http.cassette;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.http.HttpRequest;
import io.github.geminiimage.http.HttpResponse;
import io.github.geminiimage.http.HttpTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reply far larger than what a test should hold in memory (a 19 MiB image by default;
 * {@code -Dcassette.large.mib=N} for another size) is recorded and replayed as streams: the
 * document stays small, the payload file is the decoded bytes, the replay is byte-exact. Nothing
 * here holds the body whole, so running it with a small heap ({@code -DargLine=-Xmx48m}) shows the
 * cassette does not either.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LargeBodyTest {

    @TempDir
    Path dir;

    private static final byte[] HEAD = "{\"candidates\": [{\"content\": {\"parts\": [{\"inlineData\": {\"mimeType\": \"image/png\", \"data\": \""
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] TAIL = "\"}}]}}]}\n".getBytes(StandardCharsets.UTF_8);

    /** {@code bytes} pseudo-random bytes, produced as they are read. */
    private static InputStream random(long bytes, long seed) {
        Random random = new Random(seed);
        return new InputStream() {
            private long left = bytes;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                byte[] chunk = new byte[n];
                random.nextBytes(chunk);
                System.arraycopy(chunk, 0, b, off, n);
                left -= n;
                return n;
            }
        };
    }

    /** The reply: JSON around the base64 of the image, encoded on the fly. */
    private static InputStream reply(long imageBytes) throws IOException {
        java.io.PipedInputStream in = new java.io.PipedInputStream(1 << 16);
        java.io.PipedOutputStream out = new java.io.PipedOutputStream(in);
        Thread writer = new Thread(() -> {
            try (out) {
                // Closing the encoder writes its padding; the pipe stays open for the tail.
                try (var encoder = Base64.getEncoder().wrap(new java.io.FilterOutputStream(out) {
                    @Override
                    public void close() {
                        // not the pipe
                    }
                })) {
                    random(imageBytes, 42).transferTo(encoder);
                }
                out.write(TAIL);
            } catch (IOException e) {
                // the reader went away
            }
        }, "large-reply-writer");
        writer.setDaemon(true);
        writer.start();
        return new SequenceInputStream(new java.io.ByteArrayInputStream(HEAD), in);
    }

    private static String digestOf(InputStream in) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aHugeImageReplyIsRecordedAndReplayedAsStreamsWithASmallDocument() throws IOException {
        long imageBytes = Long.getLong("cassette.large.mib", 19) * 1024 * 1024;
        HttpTransport network = new HttpTransport() {
            @Override
            public CompletableFuture<HttpResponse> sendAsync(HttpRequest request) {
                try {
                    InputStream body = reply(imageBytes);
                    return CompletableFuture.completedFuture(new HttpResponse() {
                        @Override
                        public int statusCode() {
                            return 200;
                        }

                        @Override
                        public Map<String, List<String>> headers() {
                            return Map.of("Content-Type", List.of("application/json"));
                        }

                        @Override
                        public InputStream body() {
                            return body;
                        }

                        @Override
                        public void close() {
                        }
                    });
                } catch (IOException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }

            @Override
            public void close() {
            }
        };
        HttpRequest request = new HttpRequest("GET", URI.create("http://127.0.0.1:9/v1beta/large"), List.of(),
                Set.of(), Optional.empty(), Instant.now().plusSeconds(300));
        String live;
        try (CassetteTransport recorder = CassetteTransport.record(dir, network);
                HttpResponse response = recorder.send(request)) {
            live = digestOf(response.body());
        }
        String image = digestOf(random(imageBytes, 42));
        assertThat(Files.size(dir.resolve(image + ".bin"))).isEqualTo(imageBytes);
        assertThat(Files.size(dir.resolve("0001-GET-large.json"))).isLessThan(2_000);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.count()).as("no spool left behind").isEqualTo(2);
        }
        try (CassetteTransport replay = CassetteTransport.replay(dir); HttpResponse response = replay.send(request)) {
            assertThat(digestOf(response.body())).isEqualTo(live);
        }
    }
}
