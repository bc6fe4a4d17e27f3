package io.github.geminiimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The request log under concurrency: calls held while others complete are each logged with their
 * own path and status (the JDK server's exchange attributes are shared on Java 17, so a log keyed by
 * them mixed calls up).
 */
@Timeout(60)
class ConcurrentRequestLogTest {

    private static final int HELD = 8;

    @Test
    void callsHeldWhileOthersCompleteAreLoggedWithTheirOwnStatus() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(HELD + 1);
        try (GeminiEmulator emulator = GeminiEmulator.builder().apiKey("right").start()) {
            emulator.holdRefusedCallsUntil(HELD + 1);
            List<CompletableFuture<HttpResponse<String>>> refused = new ArrayList<>();
            for (int i = 0; i < HELD; i++) {
                refused.add(CompletableFuture.supplyAsync(() -> Http.get(emulator.baseUri(), "/v1beta/models/refused",
                        Http.key("wrong")), callers));
            }
            // While those are held, calls with the right key complete.
            for (int i = 0; i < HELD; i++) {
                assertThat(Http.get(emulator.baseUri(), "/v1beta/models/gemini-2.5-flash-image", Http.key("right"))
                        .statusCode()).isEqualTo(200);
            }
            // The last refusal releases the held ones.
            assertThat(Http.get(emulator.baseUri(), "/v1beta/models/refused", Http.key("wrong")).statusCode()).isEqualTo(400);
            for (CompletableFuture<HttpResponse<String>> call : refused) {
                assertThat(call.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(400);
            }

            assertThat(emulator.requests()).hasSize(2 * HELD + 1).allSatisfy(r -> assertThat(r.status())
                    .as(r.path()).isEqualTo(r.path().endsWith("/refused") ? 400 : 200));
        } finally {
            callers.shutdownNow();
        }
    }
}
