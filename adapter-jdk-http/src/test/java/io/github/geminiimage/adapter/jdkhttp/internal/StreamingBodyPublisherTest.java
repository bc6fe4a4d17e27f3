package io.github.geminiimage.adapter.jdkhttp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.http.support.TransportSupport;
import io.github.geminiimage.tck.PatternBody;
import io.github.geminiimage.tck.RawHttpServer;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamingBodyPublisherTest {

    private static final int BODY_BYTES = 5 * 1024 * 1024 + 17;

    private final ScheduledThreadPoolExecutor timer = TransportSupport.timer("publisher-test-timer", 10);
    private final ExecutorService uploads = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
        uploads.shutdownNow();
    }

    @Test
    void chunksTheClientConsumedAreFilledAgainSoABigBodyNeedsOnlyAFew() throws Exception {
        PatternBody body = new PatternBody(BODY_BYTES);

        Client client = publish(body, true, true);

        assertThat(client.sha256()).isEqualTo(body.sha256());
        assertThat(client.chunks).isGreaterThan(80);
        assertThat(client.distinctChunks()).isLessThanOrEqualTo(StreamingBodyPublisher.RECYCLED_CHUNKS);
    }

    @Test
    void aChunkTheClientStillHoldsIsNeverFilledAgain() throws Exception {
        PatternBody body = new PatternBody(BODY_BYTES);

        // A client that asks for more while keeping every chunk unread, as TLS or a slow socket may.
        Client client = publish(body, true, false);

        assertThat(client.distinctChunks()).isEqualTo(client.chunks);
        assertThat(client.sha256OfHeldChunks()).isEqualTo(body.sha256());
    }

    @Test
    void withoutRecyclingEveryChunkIsNew() throws Exception {
        PatternBody body = new PatternBody(BODY_BYTES);

        Client client = publish(body, false, true);

        assertThat(client.sha256()).isEqualTo(body.sha256());
        assertThat(client.distinctChunks()).isEqualTo(client.chunks);
    }

    private Client publish(PatternBody body, boolean recycle, boolean consume) throws Exception {
        ExchangeWatch exchange = new ExchangeWatch(Instant.now().plusSeconds(60), Duration.ofSeconds(60), timer, e -> { });
        Client client = new Client(consume);
        new StreamingBodyPublisher(body, uploads, exchange, recycle).subscribe(client);
        client.done.get(60, TimeUnit.SECONDS);
        return client;
    }

    /** Reads each chunk to its limit (as cleartext HTTP/1.1 does once written) or keeps it unread, then asks for more. */
    private static final class Client implements Flow.Subscriber<ByteBuffer> {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final boolean consume;
        final MessageDigest sha = RawHttpServer.sha256();
        final Set<ByteBuffer> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        final List<ByteBuffer> held = new ArrayList<>();
        Flow.Subscription subscription;
        int chunks;

        Client(boolean consume) {
            this.consume = consume;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(ByteBuffer chunk) {
            chunks++;
            seen.add(chunk);
            if (consume) {
                byte[] bytes = new byte[chunk.remaining()];
                chunk.get(bytes);
                sha.update(bytes);
            } else {
                held.add(chunk);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }

        int distinctChunks() {
            return seen.size();
        }

        String sha256() {
            return HexFormat.of().formatHex(sha.digest());
        }

        String sha256OfHeldChunks() {
            MessageDigest digest = RawHttpServer.sha256();
            for (ByteBuffer chunk : held) {
                digest.update(chunk.duplicate());
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
