package io.github.geminiimage.adapter.jdkhttp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.genai.Client;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GoogleSearch;
import com.google.genai.types.GroundingChunk;
import com.google.genai.types.GroundingMetadata;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.ImageSearch;
import com.google.genai.types.SearchTypes;
import com.google.genai.types.Tool;
import com.google.genai.types.WebSearch;
import com.sun.net.httpserver.HttpServer;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.domain.SearchGrounding;
import io.github.geminiimage.domain.grounding.Grounding;
import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.port.GenerationStream;
import io.github.geminiimage.port.ImageGenerationPort;
import io.github.geminiimage.wire.GenerateContentCodec;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Grounding with Google Search against Google's own Java SDK (java-genai 2.3.0): the request body it
 * builds for each option has the same {@code tools} tree as ours, and it reads the emulator's
 * scripted {@code grounded} answer's sources as our decoder does.
 */
@Timeout(60)
class GroundingWithGoogleSdkTest {

    private static final String KEY = "sdk-key";
    private static final String MODEL = "gemini-3.1-flash-image";
    @AutoClose
    static final GeminiEmulator emulator = GeminiEmulator.builder().apiKey(KEY).start();

    private static Tool sdkTool(SearchGrounding grounding) {
        SearchTypes.Builder types = SearchTypes.builder();
        if (grounding.webSearch()) {
            types.webSearch(WebSearch.builder().build());
        }
        if (grounding.imageSearch()) {
            types.imageSearch(ImageSearch.builder().build());
        }
        return Tool.builder().googleSearch(GoogleSearch.builder().searchTypes(types.build()).build()).build();
    }

    /** The body java-genai sends for a generate call with {@code config}, captured by a loopback server. */
    private static JsonObject sdkBody(GenerateContentConfig config) throws IOException {
        AtomicReference<byte[]> body = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            body.set(exchange.getRequestBody().readAllBytes());
            byte[] reply = "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"ok\"}]},\"finishReason\":\"STOP\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        server.start();
        try (Client client = Client.builder().apiKey(KEY).httpOptions(HttpOptions.builder()
                .baseUrl("http://127.0.0.1:" + server.getAddress().getPort()).apiVersion("v1beta").build()).build()) {
            client.models.generateContent(MODEL, "A quetzal", config);
        } finally {
            server.stop(0);
        }
        return Json.createReader(new StringReader(new String(body.get(), StandardCharsets.UTF_8))).readObject();
    }

    private static JsonObject ourBody(GenerationRequest request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GenerateContentCodec.encode(request).writeTo(out);
        return Json.createReader(new StringReader(out.toString(StandardCharsets.UTF_8))).readObject();
    }

    @ParameterizedTest
    @EnumSource(SearchGrounding.class)
    void theToolsTreeIsTheOneJavaGenaiBuildsForTheSameOption(SearchGrounding grounding) throws IOException {
        JsonObject sdk = sdkBody(GenerateContentConfig.builder().responseModalities("TEXT", "IMAGE")
                .tools(sdkTool(grounding)).build());
        JsonObject ours = ourBody(GenerationRequest.builder().model(MODEL).prompt("A quetzal").grounding(grounding).build());

        assertThat(ours.get("tools")).isEqualTo(sdk.get("tools"));
    }

    @Test
    void javaGenaiReadsTheEmulatorsScriptedGroundingAsOurDecoderDoes() {
        emulator.enqueue("grounded", "grounded");
        GenerateContentResponse sdkResponse;
        try (Client client = Client.builder().apiKey(KEY).httpOptions(HttpOptions.builder()
                .baseUrl(emulator.baseUri().toString()).apiVersion("v1beta").build()).build()) {
            sdkResponse = client.models.generateContent(MODEL, "A quetzal", GenerateContentConfig.builder()
                    .responseModalities("TEXT", "IMAGE").tools(sdkTool(SearchGrounding.WEB_AND_IMAGE)).build());
        }
        GenerationResult ours;
        try (ImageGenerationPort port = port()) {
            ours = port.generate(GenerationRequest.builder().model(MODEL).prompt("A quetzal")
                    .grounding(SearchGrounding.WEB_AND_IMAGE).build());
        }

        GroundingMetadata metadata = sdkResponse.candidates().orElseThrow().get(0).groundingMetadata().orElseThrow();
        Grounding grounding = ours.grounding().orElseThrow();
        assertThat(metadata.webSearchQueries().orElseThrow()).isEqualTo(grounding.webSearchQueries()).isNotEmpty();
        assertThat(metadata.imageSearchQueries().orElseThrow()).isEqualTo(grounding.imageSearchQueries()).isNotEmpty();
        List<GroundingChunk> chunks = metadata.groundingChunks().orElseThrow();
        assertThat(chunks).hasSameSizeAs(grounding.sources()).hasSize(2);
        assertThat(chunks.get(0).web().flatMap(w -> w.uri())).isEqualTo(grounding.sources().get(0).uri());
        assertThat(chunks.get(1).image().flatMap(i -> i.imageUri())).isEqualTo(grounding.sources().get(1).imageUri());
        assertThat(chunks.get(1).image().flatMap(i -> i.sourceUri())).isEqualTo(grounding.sources().get(1).uri());
        assertThat(ours.outcome()).isEqualTo(Outcome.IMAGE);
    }

    @Test
    void aStreamFromTheEmulatorEndsWithTheGrounding() {
        emulator.enqueue("grounded");
        GenerationResult result;
        try (ImageGenerationPort port = port();
                GenerationStream stream = port.stream(GenerationRequest.builder().model(MODEL).prompt("A quetzal")
                        .grounding(SearchGrounding.IMAGE).build())) {
            stream.events().forEach(event -> { });
            result = stream.result();
        }

        assertThat(result.grounding().orElseThrow().imageSearchQueries()).containsExactly("A quetzal");
        assertThat(result.grounding().orElseThrow().webSearchQueries()).isEmpty();
    }

    private static ImageGenerationPort port() {
        return JdkHttpImageGeneration.builder().baseUri(emulator.baseUri()).apiKey(KEY).build();
    }
}
