package io.github.geminiimage.adapter.jdkhttp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.google.genai.Client;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.ImageConfig;
import io.github.geminiimage.emulator.EmulatorOutcome;
import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.domain.AspectRatio;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.wire.GenerateContentCodec;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Continuation as Google's own Java SDK (java-genai 2.3.0) does it: the request it sends with a
 * continuation token is the one this library sends for the same request, and it continues a reply
 * of the emulator's {@code continuation} outcome to the image.
 */
@Timeout(60)
class GoogleJavaSdkContinuationTest {

    private static final String KEY = "sdk-key";
    private static final String MODEL = "gemini-2.5-flash-image";
    private static final String PROMPT = "a red bicycle, watercolour";
    private static final String TOKEN = "Q2hrSUFSQUJHQUlnQVNvTUNBTVFBUmdCSUFFb0FUQUI=";

    private static Client client(String baseUrl) {
        return Client.builder().apiKey(KEY).httpOptions(HttpOptions.builder().baseUrl(baseUrl).apiVersion("v1beta")
                .build()).build();
    }

    private static GenerateContentConfig config() {
        return GenerateContentConfig.builder().responseModalities("TEXT", "IMAGE")
                .imageConfig(ImageConfig.builder().aspectRatio("16:9").build()).build();
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void ourRequestWithATokenIsTheJsonJavaGenaiSends() throws IOException {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        try {
            String piece = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Here is \"}],\"role\":\"model\"},"
                    + "\"finishReason\":\"CONTINUATION\",\"continuationToken\":\"" + TOKEN + "\",\"index\":0}]}";
            String rest = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a bicycle\"}],\"role\":\"model\"},"
                    + "\"finishReason\":\"STOP\",\"index\":0}]}";
            server.stubFor(post(urlPathMatching(".*:generateContent")).atPriority(10).willReturn(
                    aResponse().withHeader("Content-Type", "application/json").withBody(piece)));
            server.stubFor(post(urlPathMatching(".*:generateContent")).atPriority(1)
                    .withRequestBody(matchingJsonPath("$.continuationToken", equalTo(TOKEN)))
                    .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(rest)));

            GenerateContentResponse response = client(server.baseUrl()).models.generateContent(MODEL, PROMPT, config());
            assertThat(response.text()).as("java-genai continued and joined the replies").isEqualTo("Here is a bicycle");

            List<String> sent = server.findAll(postRequestedFor(urlPathMatching(".*"))).stream()
                    .map(r -> r.getBodyAsString()).toList();
            assertThat(sent).hasSize(2);
            GenerationRequest ours = GenerationRequest.builder().model(MODEL).prompt(PROMPT)
                    .aspectRatio(AspectRatio.parse("16:9")).build();
            assertThat(json(encode(ours))).as("the first request").isEqualTo(json(sent.get(0)));
            assertThat(json(encode(ours.toBuilder().continuationToken(TOKEN).build())))
                    .as("the request with the token").isEqualTo(json(sent.get(1)));
        } finally {
            server.stop();
        }
    }

    @Test
    void javaGenaiContinuesTheEmulatorsContinuationOutcomeToTheImage() {
        try (GeminiEmulator emulator = GeminiEmulator.builder().apiKey(KEY).start()) {
            emulator.enqueue(EmulatorOutcome.of("continuation"));

            GenerateContentResponse response = client(emulator.baseUri().toString()).models.generateContent(MODEL, PROMPT,
                    config());

            assertThat(response.parts()).anySatisfy(p -> assertThat(p.inlineData()).isPresent());
            assertThat(response.finishReason().knownEnum().toString()).isEqualTo("STOP");
            assertThat(emulator.requests()).filteredOn(r -> r.path().endsWith(":generateContent")).hasSize(2);
        }
    }

    private static String encode(GenerationRequest request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GenerateContentCodec.write(request, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
