package io.github.geminiimage.wire.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.ResponseTooLargeException;
import io.github.geminiimage.wire.GenerateContentCodec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The server half refuses what the API refuses with the API's exact 400 message, as an emulator answers it. */
class ServerSideRequestMessagesTest {

    private static final String TEXT = "{\"contents\":[{\"parts\":[{\"text\":\"a cat\"}]}]";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "unknown top-level member|" + TEXT + ",\"bogus\":1}|gemini-3-pro-image"
                + "|Invalid JSON payload received. Unknown name \"bogus\": Cannot find field.",
        "unknown generationConfig member|" + TEXT + ",\"generation_config\":{\"foo\":1}}|gemini-3-pro-image"
                + "|Invalid JSON payload received. Unknown name \"foo\" at 'generation_config': Cannot find field.",
        "unknown imageConfig member|" + TEXT + ",\"generationConfig\":{\"imageConfig\":{\"fancy\":1}}}|gemini-3-pro-image"
                + "|Invalid JSON payload received. Unknown name \"fancy\" at 'generation_config.image_config': Cannot find field.",
        "no contents|{}|gemini-3-pro-image|`* GenerateContentRequest.contents: contents is not specified\n`",
        "empty body||gemini-3-pro-image|`* GenerateContentRequest.contents: contents is not specified\n`",
        "empty parts|{\"contents\":[{\"parts\":[]}]}|gemini-3-pro-image"
                + "|`* GenerateContentRequest.contents[0].parts: contents.parts must not be empty.\n`",
        "model turn last|{\"contents\":[{\"role\":\"model\",\"parts\":[{\"text\":\"x\"}]}]}|gemini-3-pro-image"
                + "|Please ensure that multiturn requests alternate between user and model, and that the last turn is a user turn.",
        "unknown role|{\"contents\":[{\"role\":\"tool\",\"parts\":[{\"text\":\"x\"}]}]}|gemini-3-pro-image"
                + "|Please use a valid role: user, model.",
        "thinking on 2.5|" + TEXT + ",\"generationConfig\":{\"thinkingConfig\":{\"includeThoughts\":true}}}"
                + "|gemini-2.5-flash-image|Thinking is not enabled for models/gemini-2.5-flash-image",
        "budget and level|" + TEXT + ",\"generationConfig\":{\"thinkingConfig\":{\"thinkingLevel\":\"high\","
                + "\"thinkingBudget\":10}}}|gemini-3-pro-image|You can only set only one of thinking budget and thinking level.",
        "lowercase k|" + TEXT + ",\"generationConfig\":{\"imageConfig\":{\"imageSize\":\"1k\"}}}|gemini-3-pro-image"
                + "|Invalid image size \"1k\"; supported values are \"512\", \"1K\", \"2K\" and \"4K\" (uppercase K).",
        "seed of the wrong type|" + TEXT + ",\"generationConfig\":{\"seed\":true}}|gemini-3-pro-image"
                + "|Invalid value at 'generation_config.seed', true",
        "fractional seed|" + TEXT + ",\"generationConfig\":{\"seed\":1.5}}|gemini-3-pro-image"
                + "|Invalid value at 'generation_config.seed' (TYPE_INT32), 1.5",
        "unknown modality|" + TEXT + ",\"generationConfig\":{\"responseModalities\":[\"SMELL\"]}}|gemini-3-pro-image"
                + "|Invalid value at 'generation_config.response_modalities', \"SMELL\"",
        "unknown tier|" + TEXT + ",\"serviceTier\":\"cheap\"}|gemini-3-pro-image|Invalid value at 'service_tier' "
                + "(type.googleapis.com/google.ai.generativelanguage.v1beta.ServiceTier), \"cheap\"",
        "unknown threshold|" + TEXT + ",\"safetySettings\":[{\"category\":\"HARM_CATEGORY_HARASSMENT\",\"threshold\":"
                + "\"SOME\"}]}|gemini-3-pro-image|Invalid value at 'safety_settings[0].threshold' (type.googleapis.com/"
                + "google.ai.generativelanguage.v1beta.SafetySetting.HarmBlockThreshold), \"SOME\"",
        "bad base64|{\"contents\":[{\"parts\":[{\"text\":\"x\"},{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":"
                + "\"ab!d\"}}]}]}|gemini-3-pro-image|Invalid value at 'contents[0].parts[1].inline_data.data' (TYPE_BYTES), "
                + "Base64 decoding failed: unexpected character '!' at character 2 of the value",
        "unsupported MIME type|{\"contents\":[{\"parts\":[{\"fileData\":{\"mimeType\":\"image/gif\",\"fileUri\":"
                + "\"https://example.com/a.gif\"}}]}]}|gemini-3-pro-image|Unsupported MIME type: image/gif"})
    void refusesWithTheApisMessage(String name, String body, String model, String message) {
        assertThatThrownBy(() -> read(body == null ? "" : body, model)).isInstanceOf(InvalidRequestException.class)
                .hasMessage(message);
    }

    @Test
    void snakeCaseNamesAndNumbersAsStringsAreReadAsTheApiReadsThem() throws IOException {
        GenerationRequest request = read("{\"contents\":[{\"parts\":[{\"text\":\"a\"},{\"text\":\"cat\"}]}],"
                + "\"system_instruction\":{\"parts\":[{\"text\":\"be brief\"}]},\"generation_config\":{\"response_modalities\":"
                + "[\"image\"],\"image_config\":{\"aspect_ratio\":\"16:9\",\"image_size\":\"2K\"},\"seed\":\"7\"}}",
                "gemini-3-pro-image");

        assertThat(request.prompt()).contains("a\ncat");
        assertThat(request.systemInstruction()).contains("be brief");
        assertThat(request.aspectRatio().orElseThrow().value()).isEqualTo("16:9");
        assertThat(request.seed()).hasValue(7);
    }

    @Test
    void eachFileDataUriGoesToTheServersResolverAndWhatItThrowsPassesThrough() throws IOException {
        List<URI> asked = new ArrayList<>();
        ImageInput stored = ImageInput.ofBytes(Fixtures.jpeg(2000, 1), MediaType.JPEG);
        String body = "{\"contents\":[{\"parts\":[{\"text\":\"x\"},{\"fileData\":{\"mimeType\":\"image/png\",\"fileUri\":"
                + "\"http://127.0.0.1:1/v1beta/files/abc\"}}]}]}";

        GenerationRequest request = GenerateContentCodec.readRequest(stream(body), "gemini-3-pro-image", 1 << 20,
                (uri, type) -> {
                    asked.add(uri);
                    return stored;
                });

        assertThat(asked).containsExactly(URI.create("http://127.0.0.1:1/v1beta/files/abc"));
        assertThat(request.images()).containsExactly(stored);
        assertThatThrownBy(() -> GenerateContentCodec.readRequest(stream(body), "gemini-3-pro-image", 1 << 20,
                (uri, type) -> {
                    throw new IllegalStateException("not here");
                })).isInstanceOf(IllegalStateException.class).hasMessage("not here");
    }

    @Test
    void anInlineImageIsDecodedToItsBytesAndABodyOverTheCapIsTooLarge() throws IOException {
        byte[] jpeg = Fixtures.jpeg(100_000, 2);
        String body = "{\"contents\":[{\"parts\":[{\"inlineData\":{\"mimeType\":\"image/jpeg\",\"data\":\""
                + Base64.getEncoder().encodeToString(jpeg) + "\"}}]}]}";

        assertThat(read(body, "gemini-3-pro-image").images().get(0).readAllBytes()).isEqualTo(jpeg);
        assertThatThrownBy(() -> GenerateContentCodec.readRequest(stream(body), "gemini-3-pro-image", 100))
                .isInstanceOf(ResponseTooLargeException.class);
    }

    private static GenerationRequest read(String body, String model) throws IOException {
        return GenerateContentCodec.readRequest(stream(body), model, 1 << 20);
    }

    private static ByteArrayInputStream stream(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }
}
