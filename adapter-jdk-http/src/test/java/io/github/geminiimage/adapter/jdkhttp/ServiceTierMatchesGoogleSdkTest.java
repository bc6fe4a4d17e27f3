package io.github.geminiimage.adapter.jdkhttp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.genai.Client;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.HttpOptions;
import com.sun.net.httpserver.HttpServer;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.ResponseModalities;
import io.github.geminiimage.domain.ServiceTier;
import io.github.geminiimage.port.ImageGenerationPort;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The request body this library sends for a service tier, compared as a JSON tree with what
 * Google's java-genai 2.3.0 sends for the same options, both captured by one loopback server.
 */
@Timeout(30)
class ServiceTierMatchesGoogleSdkTest {

    private static final String REPLY = "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"ok\"}]},"
            + "\"finishReason\":\"STOP\",\"index\":0}]}";

    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] reply = REPLY.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @ParameterizedTest
    @EnumSource(ServiceTier.class)
    void ourBodyIsTheSdksJsonTree(ServiceTier tier) {
        try (Client sdk = Client.builder().apiKey("k").httpOptions(HttpOptions.builder().baseUrl(base().toString())
                .apiVersion("v1beta").build()).build()) {
            sdk.models.generateContent("gemini-3-pro-image", "A lighthouse", GenerateContentConfig.builder()
                    .responseModalities("TEXT", "IMAGE").serviceTier(tier.value()).build());
        }
        try (ImageGenerationPort ours = JdkHttpImageGeneration.builder().apiKey("k")
                .options(io.github.geminiimage.http.HttpOptions.builder().baseUri(base()).build()).build()) {
            ours.generate(GenerationRequest.builder().model("gemini-3-pro-image").prompt("A lighthouse")
                    .responseModalities(ResponseModalities.TEXT_AND_IMAGE).serviceTier(tier).build());
        }

        assertThat(bodies).hasSize(2);
        JsonObject sdk = json(bodies.get(0));
        JsonObject ours = json(bodies.get(1));
        assertThat(sdk.getString("serviceTier")).isEqualTo(tier.value());
        assertThat(withoutRoles(ours)).isEqualTo(withoutRoles(sdk));
    }

    private static JsonObject json(String text) {
        try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new java.io.StringReader(text))) {
            return reader.readObject();
        }
    }

    /** java-genai sends {@code "role":"user"} on a single user turn; the API reads a missing role as user. */
    private static JsonObject withoutRoles(JsonObject body) {
        jakarta.json.JsonArrayBuilder contents = jakarta.json.Json.createArrayBuilder();
        for (JsonValue content : body.getJsonArray("contents")) {
            JsonObject c = content.asJsonObject();
            contents.add(jakarta.json.Json.createObjectBuilder(c).remove("role"));
        }
        return jakarta.json.Json.createObjectBuilder(body).add("contents", contents).build();
    }
}
