package io.github.geminiimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The emulator's wire format as a plain HTTP client sees it: Google's shapes, keys, errors, streams, control API. */
@Timeout(60)
class EmulatorWireTest {

    private static final String KEY = "test-key";
    private static final String IMAGE_REQUEST = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"a red apple\"}]}],"
            + "\"generationConfig\":{\"responseModalities\":[\"TEXT\",\"IMAGE\"],\"imageConfig\":{\"aspectRatio\":\"16:9\"}}}";
    @AutoClose
    static final GeminiEmulator emulator = GeminiEmulator.builder().apiKey(KEY).start();

    @BeforeEach
    void reset() {
        emulator.reset();
    }

    @Test
    void generatesARealPngAtTheModelsExactSizeOnV1betaAndV1() throws IOException {
        for (String version : List.of("v1beta", "v1")) {
            HttpResponse<String> reply = Http.post(emulator.baseUri(), "/" + version
                    + "/models/gemini-2.5-flash-image:generateContent", IMAGE_REQUEST, Http.key(KEY));
            assertThat(reply.statusCode()).isEqualTo(200);
            JsonObject candidate = Http.json(reply.body()).getJsonArray("candidates").getJsonObject(0);
            assertThat(candidate.getString("finishReason")).isEqualTo("STOP");
            assertThat(candidate.getInt("index")).isZero();
            JsonObject image = candidate.getJsonObject("content").getJsonArray("parts").stream()
                    .map(p -> p.asJsonObject()).filter(p -> p.containsKey("inlineData")).findFirst().orElseThrow()
                    .getJsonObject("inlineData");
            assertThat(image.getString("mimeType")).isEqualTo("image/png");
            BufferedImage picture = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(image.getString("data"))));
            assertThat(picture.getWidth()).isEqualTo(1344);
            assertThat(picture.getHeight()).isEqualTo(768);
            JsonObject usage = Http.json(reply.body()).getJsonObject("usageMetadata");
            assertThat(usage.getJsonArray("candidatesTokensDetails").getJsonObject(0).getInt("tokenCount")).isEqualTo(1290);
        }
    }

    @Test
    void gemini3RepliesCarryThoughtSignaturesAndTakesTheKeyAsAQueryParameter() {
        HttpResponse<String> reply = Http.post(emulator.baseUri(), "/v1beta/models/gemini-3-pro-image-preview:generateContent?key="
                + KEY, IMAGE_REQUEST.replace("\"16:9\"", "\"1:1\",\"imageSize\":\"2K\""), Map.of());
        assertThat(reply.statusCode()).isEqualTo(200);
        JsonObject image = Http.json(reply.body()).getJsonArray("candidates").getJsonObject(0).getJsonObject("content")
                .getJsonArray("parts").stream().map(p -> p.asJsonObject()).filter(p -> p.containsKey("inlineData"))
                .findFirst().orElseThrow();
        assertThat(image.getJsonObject("inlineData").getString("mimeType")).isEqualTo("image/jpeg");
        assertThat(image.getString("thoughtSignature")).isNotEmpty();
    }

    @Test
    void aWrongKeyIsGooglesApiKeyInvalid400AndAMissingKeyA403() {
        HttpResponse<String> wrong = Http.post(emulator.baseUri(), "/v1beta/models/gemini-2.5-flash-image:generateContent",
                IMAGE_REQUEST, Http.key("other"));
        assertThat(wrong.statusCode()).isEqualTo(400);
        JsonObject error = Http.json(wrong.body()).getJsonObject("error");
        assertThat(error.getString("status")).isEqualTo("INVALID_ARGUMENT");
        assertThat(error.getJsonArray("details").getJsonObject(0).getString("reason")).isEqualTo("API_KEY_INVALID");
        HttpResponse<String> missing = Http.post(emulator.baseUri(), "/v1beta/models/gemini-2.5-flash-image:generateContent",
                IMAGE_REQUEST, Map.of());
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(Http.json(missing.body()).getJsonObject("error").getString("status")).isEqualTo("PERMISSION_DENIED");
    }

    @Test
    void unknownModelsAre404AndValidationIsGoogles400() {
        HttpResponse<String> unknown = Http.post(emulator.baseUri(), "/v1beta/models/gemini-9-ultra:generateContent",
                IMAGE_REQUEST, Http.key(KEY));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Http.json(unknown.body()).getJsonObject("error").getString("status")).isEqualTo("NOT_FOUND");
        HttpResponse<String> lowercase = Http.post(emulator.baseUri(), "/v1beta/models/gemini-3-pro-image:generateContent",
                IMAGE_REQUEST.replace("\"16:9\"", "\"16:9\",\"imageSize\":\"1k\""), Http.key(KEY));
        assertThat(lowercase.statusCode()).isEqualTo(400);
        HttpResponse<String> unknownField = Http.post(emulator.baseUri(), "/v1beta/models/gemini-3-pro-image:generateContent",
                IMAGE_REQUEST.replace("\"contents\"", "\"bogus\":1,\"contents\""), Http.key(KEY));
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(Http.json(unknownField.body()).getJsonObject("error").getString("message")).contains("Unknown name \"bogus\"");
        HttpResponse<String> thinking = Http.post(emulator.baseUri(), "/v1beta/models/gemini-2.5-flash-image:generateContent",
                IMAGE_REQUEST.replace("\"responseModalities\"", "\"thinkingConfig\":{\"includeThoughts\":true},\"responseModalities\""),
                Http.key(KEY));
        assertThat(thinking.statusCode()).isEqualTo(400);
        assertThat(thinking.body()).contains("Thinking is not enabled");
    }

    @Test
    void streamsSseWithCrlfFramingAndTheFinishOnTheLastEvent() {
        HttpResponse<String> reply = Http.post(emulator.baseUri(),
                "/v1beta/models/gemini-2.5-flash-image:streamGenerateContent?alt=sse", IMAGE_REQUEST, Http.key(KEY));
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        assertThat(reply.body()).startsWith("data: ").endsWith("\r\n\r\n");
        String[] events = reply.body().split("\r\n\r\n");
        assertThat(events.length).isGreaterThanOrEqualTo(2);
        JsonObject last = Http.json(events[events.length - 1].substring("data: ".length()));
        assertThat(last.getJsonArray("candidates").getJsonObject(0).getString("finishReason")).isEqualTo("STOP");
        assertThat(last.getJsonObject("usageMetadata").getInt("totalTokenCount")).isPositive();
        assertThat(reply.body()).contains("\"inlineData\"");
    }

    @Test
    void streamsAJsonArrayWithoutAltSse() {
        HttpResponse<String> reply = Http.post(emulator.baseUri(),
                "/v1beta/models/gemini-2.5-flash-image:streamGenerateContent", IMAGE_REQUEST, Http.key(KEY));
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(jakarta.json.Json.createReader(new java.io.StringReader(reply.body())).readArray()).hasSizeGreaterThan(1);
    }

    @Test
    void queuedOutcomesAnswerTheNextCallsThenTheImageAgain() {
        HttpResponse<String> queued = Http.post(emulator.baseUri(), "/emulator/v1/outcomes",
                "{\"outcomes\":[{\"outcome\":\"rate-limited\",\"retryAfter\":\"2s\"},\"server-error\"]}", Map.of());
        assertThat(queued.statusCode()).isEqualTo(200);
        HttpResponse<String> limited = Http.post(emulator.baseUri(), "/v1beta/models/gemini-2.5-flash-image:generateContent",
                IMAGE_REQUEST, Http.key(KEY));
        assertThat(limited.statusCode()).isEqualTo(429);
        JsonObject error = Http.json(limited.body()).getJsonObject("error");
        assertThat(error.getString("status")).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(error.getJsonArray("details").stream().map(d -> d.asJsonObject())
                .filter(d -> d.getString("@type").endsWith("RetryInfo")).findFirst().orElseThrow()
                .getString("retryDelay")).isEqualTo("2s");
        assertThat(Http.post(emulator.baseUri(), "/v1beta/models/gemini-2.5-flash-image:generateContent", IMAGE_REQUEST,
                Http.key(KEY)).statusCode()).isEqualTo(503);
        assertThat(Http.post(emulator.baseUri(), "/v1beta/models/gemini-2.5-flash-image:generateContent", IMAGE_REQUEST,
                Http.key(KEY)).statusCode()).isEqualTo(200);
    }

    @Test
    void theRequestLogShowsPromptAndImagesButNeverKeysOrBytes() {
        String edit = "{\"contents\":[{\"parts\":[{\"text\":\"make it blue\"},{\"inlineData\":{\"mimeType\":\"image/png\","
                + "\"data\":\"" + Base64.getEncoder().encodeToString(Tiny.PNG) + "\"}}]}]}";
        Http.post(emulator.baseUri(), "/v1beta/models/gemini-2.5-flash-image:generateContent?key=" + KEY, edit, Map.of());
        HttpResponse<String> log = Http.get(emulator.baseUri(), "/emulator/v1/requests", Map.of());
        assertThat(log.body()).doesNotContain(KEY).doesNotContain(Base64.getEncoder().encodeToString(Tiny.PNG));
        JsonObject entry = Http.json(log.body()).getJsonArray("requests").getJsonObject(0);
        assertThat(entry.getString("prompt")).isEqualTo("make it blue");
        assertThat(entry.getString("model")).isEqualTo("gemini-2.5-flash-image");
        assertThat(entry.getInt("imageCount")).isEqualTo(1);
        assertThat(entry.getJsonArray("imageSizes").getJsonNumber(0).longValue()).isEqualTo(Tiny.PNG.length);
        assertThat(emulator.requests()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(200));
    }

    @Test
    void vertexPathsTakeABearerTokenAndAnswerWithoutCandidateIndex() {
        HttpResponse<String> reply = Http.post(emulator.baseUri(),
                "/v1/projects/p/locations/global/publishers/google/models/gemini-2.5-flash-image:generateContent",
                IMAGE_REQUEST, Map.of("Authorization", "Bearer " + KEY));
        assertThat(reply.statusCode()).isEqualTo(200);
        JsonObject body = Http.json(reply.body());
        assertThat(body.getJsonArray("candidates").getJsonObject(0).containsKey("index")).isFalse();
        assertThat(body.containsKey("createTime")).isTrue();
        HttpResponse<String> none = Http.post(emulator.baseUri(),
                "/v1/projects/p/locations/global/publishers/google/models/gemini-2.5-flash-image:generateContent",
                IMAGE_REQUEST, Map.of());
        assertThat(none.statusCode()).isEqualTo(401);
    }

    @Test
    void vertexStreamsOnV1beta1AndExpressModeTakesAKey() {
        HttpResponse<String> stream = Http.post(emulator.baseUri(),
                "/v1beta1/projects/p/locations/us-central1/publishers/google/models/gemini-2.5-flash-image"
                        + ":streamGenerateContent?alt=sse", IMAGE_REQUEST, Map.of("Authorization", "Bearer " + KEY));
        assertThat(stream.statusCode()).isEqualTo(200);
        String[] events = stream.body().split("\r\n\r\n");
        JsonObject last = Http.json(events[events.length - 1].substring("data: ".length()));
        assertThat(last.getJsonObject("usageMetadata").getString("trafficType")).isEqualTo("ON_DEMAND");
        assertThat(last.getJsonArray("candidates").getJsonObject(0).getString("finishReason")).isEqualTo("STOP");
        HttpResponse<String> express = Http.post(emulator.baseUri(),
                "/v1/publishers/google/models/gemini-2.5-flash-image:generateContent", IMAGE_REQUEST, Http.key(KEY));
        assertThat(express.statusCode()).isEqualTo(200);
        HttpResponse<String> wrongToken = Http.post(emulator.baseUri(),
                "/v1/projects/p/locations/global/publishers/google/models/gemini-2.5-flash-image:generateContent",
                IMAGE_REQUEST, Map.of("Authorization", "Bearer nope"));
        assertThat(wrongToken.statusCode()).isEqualTo(401);
        assertThat(Http.json(wrongToken.body()).getJsonObject("error").getString("status")).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void aTransportFailureDropsTheConnectionAndAMidStreamErrorIsAnErrorEvent() {
        emulator.enqueue("transport-failure");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Http.post(emulator.baseUri(),
                "/v1beta/models/gemini-2.5-flash-image:generateContent", IMAGE_REQUEST, Http.key(KEY)))
                .isInstanceOf(java.io.UncheckedIOException.class);
        emulator.imageGeneration().when(r -> true, io.github.geminiimage.adapter.fake.FakeResponse.streamed(
                io.github.geminiimage.adapter.fake.FakeStream.builder().text("half ").fail(() ->
                        new io.github.geminiimage.domain.error.ServerErrorException("overloaded",
                                new io.github.geminiimage.domain.error.ErrorDetails(503, java.util.Optional.of("UNAVAILABLE"),
                                        java.util.Optional.of("The model is overloaded."), 1, java.util.Optional.empty())))
                        .build()));
        HttpResponse<String> stream = Http.post(emulator.baseUri(),
                "/v1beta/models/gemini-2.5-flash-image:streamGenerateContent?alt=sse", IMAGE_REQUEST, Http.key(KEY));
        assertThat(stream.statusCode()).isEqualTo(200);
        String[] events = stream.body().split("\r\n\r\n");
        assertThat(events).hasSize(2);
        assertThat(Http.json(events[1].substring("data: ".length())).getJsonObject("error").getInt("code")).isEqualTo(503);
    }

    @Test
    void aScriptedBatchRequestFailsInsideItsJobWithItsRpcStatus() throws InterruptedException {
        assertThat(Http.post(emulator.baseUri(), "/emulator/v1/batch-failures",
                "{\"failures\":[{\"key\":\"b\",\"outcome\":\"invalid-request\"}]}", Map.of()).statusCode()).isEqualTo(200);
        String item = "{\"request\":{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}]},\"metadata\":{\"key\":\"%s\"}}";
        HttpResponse<String> created = Http.post(emulator.baseUri(), "/v1beta/models/gemini-2.5-flash-image:batchGenerateContent",
                "{\"batch\":{\"display_name\":\"two\",\"input_config\":{\"requests\":{\"requests\":["
                        + item.formatted("a") + "," + item.formatted("b") + "]}}}}", Http.key(KEY));
        assertThat(created.statusCode()).isEqualTo(200);
        JsonObject operation = Http.json(created.body());
        assertThat(operation.getJsonObject("metadata").getString("state")).isEqualTo("BATCH_STATE_PENDING");
        assertThat(operation.getJsonObject("metadata").getJsonObject("batchStats").getString("requestCount")).isEqualTo("2");
        JsonObject done = operation;
        for (int i = 0; i < 200 && !done.getBoolean("done", false); i++) {
            Thread.sleep(50);
            done = Http.json(Http.get(emulator.baseUri(), "/v1beta/" + operation.getString("name"), Http.key(KEY)).body());
        }
        assertThat(done.getJsonObject("metadata").getString("state")).isEqualTo("BATCH_STATE_SUCCEEDED");
        assertThat(done.getJsonObject("metadata").getJsonObject("batchStats").getString("failedRequestCount")).isEqualTo("1");
        var responses = done.getJsonObject("response").getJsonObject("inlinedResponses").getJsonArray("inlinedResponses");
        assertThat(responses.getJsonObject(0).containsKey("response")).isTrue();
        assertThat(responses.getJsonObject(1).getJsonObject("error").getInt("code")).isEqualTo(3);
        assertThat(responses.getJsonObject(1).getJsonObject("metadata").getString("key")).isEqualTo("b");
        assertThat(done.getJsonObject("metadata").getJsonObject("output")).isEqualTo(done.getJsonObject("response").entrySet()
                .stream().filter(e -> !e.getKey().equals("@type")).collect(jakarta.json.Json::createObjectBuilder,
                        (b, e) -> b.add(e.getKey(), e.getValue()), (a, b) -> { }).build());
    }

    @Test
    void listsAndGetsModels() {
        HttpResponse<String> list = Http.get(emulator.baseUri(), "/v1beta/models", Http.key(KEY));
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(Http.json(list.body()).getJsonArray("models")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(Http.get(emulator.baseUri(), "/v1beta/models/gemini-3-pro-image", Http.key(KEY)).statusCode()).isEqualTo(200);
        assertThat(Http.get(emulator.baseUri(), "/v1beta/models/nope", Http.key(KEY)).statusCode()).isEqualTo(404);
    }
}
