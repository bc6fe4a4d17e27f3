package io.github.geminiimage.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.ManualClock;
import io.github.geminiimage.domain.error.ImageGenerationException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;

/** The fakes one test needs, wired together: a transport, a clock, a sleeper, a scheduler, an observer. */
final class Fixture {

    /** A key that must never show up anywhere but on the wire. */
    static final String SENTINEL_KEY = "Sentinel.Key~7f3a9c";
    static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
    static final String ONE_PIXEL_PNG =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    static final String SUCCESS_BODY = "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":["
            + "{\"text\":\"Here it is\"},{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"" + ONE_PIXEL_PNG + "\"}}]},"
            + "\"finishReason\":\"STOP\",\"index\":0}],"
            + "\"usageMetadata\":{\"promptTokenCount\":7,\"candidatesTokenCount\":1290,\"totalTokenCount\":1297},"
            + "\"modelVersion\":\"gemini-2.5-flash-image\",\"responseId\":\"resp-1\"}";
    static final String GOOGLE_503 = "{\"error\":{\"code\":503,\"message\":\"The model is overloaded. Please try again later.\","
            + "\"status\":\"UNAVAILABLE\"}}";

    final FakeTransport transport = new FakeTransport();
    final ManualClock clock = new ManualClock(START);
    final RecordingSleeper sleeper = new RecordingSleeper(clock);
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final RecordingObserver observer = new RecordingObserver();

    /** Jitter fixed at the middle: each computed delay is 3/4 of its base. */
    static Random halfJitter() {
        return new Random() {
            private static final long serialVersionUID = 1L;

            @Override
            public double nextDouble() {
                return 0.5;
            }
        };
    }

    static GenerationRequest request() {
        return GenerationRequest.builder().prompt("A red apple on a table").build();
    }

    /** What {@code port} throws for {@link #request()}; fails the test when the call succeeds. */
    static ImageGenerationException failure(HttpImageGeneration port) {
        try {
            port.generate(request());
        } catch (ImageGenerationException e) {
            return e;
        }
        throw new AssertionError("the call succeeded");
    }

    /** What {@code port}'s async call for {@link #request()} fails with, running the retry timers until it ends. */
    ImageGenerationException failureAsync(HttpImageGeneration port) {
        var future = port.generateAsync(request());
        while (!future.isDone() && scheduler.runNext()) {
            // run retry timers
        }
        try {
            future.join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(ImageGenerationException.class);
            return (ImageGenerationException) e.getCause();
        }
        throw new AssertionError("the call succeeded");
    }

    HttpImageGeneration port() {
        return port(o -> o);
    }

    HttpImageGeneration port(UnaryOperator<HttpOptions.Builder> options) {
        HttpOptions built = options.apply(HttpOptions.builder().observer(observer)).build();
        return HttpGeminiClient.builder(transport, ApiKey.of(SENTINEL_KEY)).options(built).clock(clock)
                .sleeper(sleeper).random(halfJitter()).executor(scheduler).build().imagesOnly();
    }

    static RetryPolicy policy(int attempts) {
        return RetryPolicy.defaults().withMaxAttempts(attempts);
    }

    /** A test vector's first recorded response. */
    static Vector vector(String fileName) {
        try (InputStream in = Fixture.class.getResourceAsStream("/test-vectors/" + fileName)) {
            if (in == null) {
                throw new IllegalArgumentException("no test vector " + fileName);
            }
            try (JsonReader reader = Json.createReader(in)) {
                JsonObject response = reader.readObject().getJsonArray("exchanges").getJsonObject(0).getJsonObject("response");
                return new Vector(response.getInt("status"), response.get("body").toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A recorded status and body. */
    record Vector(int status, String body) {
    }

    static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9));
    }
}
