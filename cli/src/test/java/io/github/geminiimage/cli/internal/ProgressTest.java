package io.github.geminiimage.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.http.CallObserver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private static RuntimeException http429() {
        return new RateLimitedException("HTTP 429", new ErrorDetails(429, java.util.Optional.of("RESOURCE_EXHAUSTED"),
                java.util.Optional.empty(), 1, java.util.Optional.empty()), java.util.Optional.empty(),
                io.github.geminiimage.domain.error.QuotaScope.UNKNOWN);
    }

    @Test
    void onATerminalEveryFrameFitsTheWidth_soARetryNeverWraps() {
        try (Progress progress = new Progress(err, true, 80)) {
            progress.start("image 2 of 3: generating with gemini-3.1-flash-image-preview over httpclient5");
            progress.retryScheduled(new CallObserver.RetryScheduled(1L, "generateContent", Optional.of("gemini-3.1-flash-image-preview"), 3, Duration.ofMillis(34_400), http429()));
        }

        String[] frames = bytes.toString(StandardCharsets.UTF_8).split("\r");
        assertThat(Arrays.stream(frames).mapToInt(String::length).max().orElse(0)).isLessThanOrEqualTo(79);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("retry 2 in 34.4 s after HTTP 429").doesNotContain("\n");
    }

    @Test
    void onAPipeARetryIsOneLine_soALongWaitIsExplained() {
        try (Progress progress = new Progress(err, false, 80)) {
            progress.start("generating");
            progress.retryScheduled(new CallObserver.RetryScheduled(1L, "generateContent", Optional.of("gemini-2.5-flash-image"), 2, Duration.ofSeconds(35), http429()));
        }

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("gemini-image: gemini-2.5-flash-image: retry 1 in 35 s after HTTP 429");
    }

    @Test
    void onATerminalThoughtsShowTheirNewestWordsOnOneLineThatFitsTheWidth() {
        try (Progress progress = new Progress(err, true, 60)) {
            progress.start("streaming from gemini-3-pro-image over jdk");
            progress.thought("**Planning the scene**\n\nI am placing the lighthouse on the left third of the frame ");
            progress.thought("and the setting sun behind it");
        }

        String text = bytes.toString(StandardCharsets.UTF_8);
        String[] frames = text.split("\r");
        assertThat(Arrays.stream(frames).mapToInt(String::length).max().orElse(0)).isLessThanOrEqualTo(59);
        assertThat(text).contains("thinking: ...").contains("setting sun behind it").doesNotContain("\n");
    }

    @Test
    void onAPipeThoughtsAreNotShown() {
        try (Progress progress = new Progress(err, false, 80)) {
            progress.start("streaming");
            progress.thought("a thought");
        }

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
