package io.github.geminiimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Standing rules: per-prompt faults for concurrent calls, first-attempt faults, sized images, dribbled and bodiless replies. */
@Timeout(60)
class EmulatorRulesTest {

    private static final String KEY = "test-key";
    private static final String PATH = "/v1beta/models/gemini-2.5-flash-image:generateContent";
    private static GeminiEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = GeminiEmulator.builder().apiKey(KEY).start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.reset();
    }

    private static String request(String prompt) {
        return "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + prompt + "\"}]}],"
                + "\"generationConfig\":{\"responseModalities\":[\"TEXT\",\"IMAGE\"]}}";
    }

    private static HttpResponse<String> generate(String prompt) {
        return Http.post(emulator.baseUri(), PATH, request(prompt), Http.key(KEY));
    }

    private static byte[] image(HttpResponse<String> reply) {
        JsonObject data = Http.json(reply.body()).getJsonArray("candidates").getJsonObject(0).getJsonObject("content")
                .getJsonArray("parts").stream().map(p -> p.asJsonObject()).filter(p -> p.containsKey("inlineData"))
                .findFirst().orElseThrow().getJsonObject("inlineData");
        return Base64.getDecoder().decode(data.getString("data"));
    }

    @Test
    void concurrentCallsEachGetTheFaultTheirPromptNames() throws Exception {
        emulator.rule(EmulatorRule.whenPromptContains("[down]", EmulatorOutcome.of("server-error")),
                EmulatorRule.whenPromptContains("[bad]", EmulatorOutcome.of("invalid-request")));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> replies = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String tag = List.of("[down]", "[bad]", "[fine]").get(i % 3);
                String prompt = "call " + i + " " + tag;
                replies.add(pool.submit(() -> generate(prompt)));
            }
            for (int i = 0; i < replies.size(); i++) {
                int expected = List.of(503, 400, 200).get(i % 3);
                assertThat(replies.get(i).get().statusCode()).as("call %d", i).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFirstAttemptRuleFailsEachPromptOnceSoARetrySucceeds() {
        emulator.rule(EmulatorRule.whenPromptContains("[once]", EmulatorOutcome.of("rate-limited")
                .withRetryAfter(Duration.ofMillis(5))).onFirstAttemptOnly());

        HttpResponse<String> first = generate("call 1 [once]");
        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.body()).containsPattern("\"retryDelay\":\\s*\"0.005s\"");
        assertThat(generate("call 1 [once]").statusCode()).isEqualTo(200);
        assertThat(generate("call 2 [once]").statusCode()).isEqualTo(429);
        assertThat(generate("call 2 [once]").statusCode()).isEqualTo(200);
    }

    @Test
    void aRuleSetOverHttpAnswersWithAPngOfExactlyTheSizeAskedAndDribblesIt() {
        HttpResponse<String> set = Http.post(emulator.baseUri(), "/emulator/v1/rules", "{\"rules\": [{\"outcome\": \"image\", "
                + "\"imageBytes\": 5000, \"dribble\": \"5ms\", \"promptContains\": \"sized\"}]}", java.util.Map.of());
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(Http.json(set.body()).getInt("added")).isEqualTo(1);

        byte[] png = image(generate("a sized picture"));

        assertThat(png).hasSize(5000);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(image(generate("a drawn picture")).length).isNotEqualTo(5000);
    }

    @Test
    void aQueuedImageOutcomeTakesAnImageSizeToo() {
        HttpResponse<String> set = Http.post(emulator.baseUri(), "/emulator/v1/outcomes",
                "{\"outcomes\": [{\"outcome\": \"image\", \"imageBytes\": 777}]}", java.util.Map.of());
        assertThat(set.statusCode()).isEqualTo(200);

        assertThat(image(generate("anything"))).hasSize(777);
    }

    @Test
    void aBodyDiscardingRuleAnswersEveryCallWithoutDecodingItsBody() {
        emulator.rule(EmulatorRule.always(EmulatorOutcome.of("image").withImageBytes(4000)).discardingBody());

        // Not even JSON: the body is read and thrown away.
        HttpResponse<String> reply = Http.post(emulator.baseUri(), PATH, "x".repeat(200_000), Http.key(KEY));

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(image(reply)).hasSize(4000);
        assertThat(emulator.requests()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.prompt()).isEmpty();
        });
        assertThat(Http.post(emulator.baseUri(), PATH, "{}", Http.key("wrong")).statusCode())
                .as("the key is still checked").isEqualTo(400);
    }

    @Test
    void aResetDropsTheRules() {
        emulator.rule(EmulatorRule.always(EmulatorOutcome.of("server-error")));
        assertThat(generate("any").statusCode()).isEqualTo(503);

        emulator.reset();

        assertThat(generate("any").statusCode()).isEqualTo(200);
    }

    @Test
    void badRulesAreRefusedNamingTheField() {
        HttpResponse<String> noSize = Http.post(emulator.baseUri(), "/emulator/v1/rules",
                "{\"rules\": [{\"outcome\": \"image\", \"discardBody\": true}]}", java.util.Map.of());
        assertThat(noSize.statusCode()).isEqualTo(400);
        assertThat(noSize.body()).contains("discardBody").contains("imageBytes");

        HttpResponse<String> tooSmall = Http.post(emulator.baseUri(), "/emulator/v1/rules",
                "{\"rules\": [{\"outcome\": \"image\", \"imageBytes\": 10}]}", java.util.Map.of());
        assertThat(tooSmall.statusCode()).isEqualTo(400);
        assertThat(tooSmall.body()).contains("imageBytes: 10 is not 33 to 67108864");

        HttpResponse<String> unknown = Http.post(emulator.baseUri(), "/emulator/v1/rules",
                "{\"rules\": [{\"outcome\": \"image\", \"when\": \"x\"}]}", java.util.Map.of());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("Unknown name \\\"when\\\"");

        assertThatThrownBy(() -> EmulatorOutcome.of("server-error").withImageBytes(100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("imageBytes: only image");
        assertThatThrownBy(() -> EmulatorRule.whenPromptContains("x", EmulatorOutcome.of("image").withImageBytes(100))
                .discardingBody()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("discardBody");
    }
}
