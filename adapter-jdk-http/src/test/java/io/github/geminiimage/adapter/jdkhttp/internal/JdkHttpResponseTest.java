package io.github.geminiimage.adapter.jdkhttp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.http.support.TransportSupport;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JdkHttpResponseTest {

    private static final ResponseInfo INFO = new ResponseInfo() {
        @Override
        public int statusCode() {
            return 200;
        }

        @Override
        public HttpHeaders headers() {
            return HttpHeaders.of(Map.of(), (name, value) -> true);
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    };

    private final ScheduledThreadPoolExecutor timer = TransportSupport.timer("body-stream-test-timer", 10);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void closingABodyThatArrivedInFullLeavesTheFinishedSubscriptionAlone() throws Exception {
        RecordingSubscription subscription = new RecordingSubscription();
        JdkHttpResponse stream = new JdkHttpResponse(INFO, exchange());
        stream.onSubscribe(subscription);
        stream.onNext(List.of(ByteBuffer.wrap("{}".getBytes(StandardCharsets.US_ASCII))));
        stream.onComplete();

        assertThat(stream.readAllBytes()).hasSize(2);
        stream.close();

        assertThat(subscription.cancelled).isFalse();
    }

    @Test
    void closingBeforeTheEndCancelsTheSubscription() {
        RecordingSubscription subscription = new RecordingSubscription();
        JdkHttpResponse stream = new JdkHttpResponse(INFO, exchange());
        stream.onSubscribe(subscription);
        stream.onNext(List.of(ByteBuffer.wrap("{\"cand".getBytes(StandardCharsets.US_ASCII))));

        stream.close();

        assertThat(subscription.cancelled).isTrue();
    }

    private ExchangeWatch exchange() {
        return new ExchangeWatch(Instant.now().plusSeconds(30), Duration.ofSeconds(30), timer, e -> { });
    }

    /** A subscription that records whether it was cancelled. */
    private static final class RecordingSubscription implements Flow.Subscription {
        volatile boolean cancelled;

        @Override
        public void request(long n) {
            // the test pushes the items itself
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }
}
