package io.github.geminiimage.http.property;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.AspectRatio;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.HarmBlockThreshold;
import io.github.geminiimage.domain.HarmCategory;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.ImageModel;
import io.github.geminiimage.domain.ImageSize;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.ModelFamily;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.ResponseModalities;
import io.github.geminiimage.domain.SafetySetting;
import io.github.geminiimage.domain.Turn;
import io.github.geminiimage.http.RequestBody;
import io.github.geminiimage.http.internal.codec.RequestEncoder;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any valid request, encoded by the streaming {@link RequestEncoder} and parsed back with JSON-P,
 * gives the prompt, options, history and image bytes it was built from; the body streams exactly
 * its declared {@code Content-Length}, and a second write (a retry) sends the same bytes.
 */
class RequestEncoderPropertyTest {

    private static final List<HarmCategory> CATEGORIES = List.of(HarmCategory.HARM_CATEGORY_HARASSMENT,
            HarmCategory.HARM_CATEGORY_HATE_SPEECH, HarmCategory.HARM_CATEGORY_SEXUALLY_EXPLICIT,
            HarmCategory.HARM_CATEGORY_DANGEROUS_CONTENT, HarmCategory.HARM_CATEGORY_CIVIC_INTEGRITY);

    @Property(tries = 120)
    void anyValidRequestRoundTripsThroughTheEncoder(@ForAll("requests") GenerationRequest request) throws IOException {
        RequestBody body = RequestEncoder.encode(request);
        byte[] first = write(body);
        byte[] second = write(body);

        assertThat((long) first.length).isEqualTo(body.contentLength()).isEqualTo(RequestEncoder.contentLength(request));
        assertThat(second).isEqualTo(first);
        JsonObject json;
        try (JsonReader reader = Json.createReader(new StringReader(new String(first, java.nio.charset.StandardCharsets.UTF_8)))) {
            json = reader.readObject();
        }
        JsonArray contents = json.getJsonArray("contents");
        assertThat(contents).hasSize(request.history().size() + 1);
        for (int t = 0; t < request.history().size(); t++) {
            requireTurn(request.history().get(t), contents.getJsonObject(t));
        }
        requireTurn(request.userTurn(), contents.getJsonObject(request.history().size()));
        requireOptions(request, json);
    }

    private static byte[] write(RequestBody body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(new OutputStream() {
            @Override
            public void write(int b) {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                out.write(b, off, len);
            }
        });
        return out.toByteArray();
    }

    private static void requireTurn(Turn turn, JsonObject json) throws IOException {
        JsonArray parts = json.getJsonArray("parts");
        if (turn instanceof Turn.User user) {
            assertThat(json.getString("role")).isEqualTo("user");
            int p = 0;
            if (user.text().isPresent()) {
                assertThat(parts.getJsonObject(p++).getString("text")).isEqualTo(user.text().get());
            }
            for (ImageInput image : user.images()) {
                requireImage(parts.getJsonObject(p++), image.mediaType().mimeType(), image.readAllBytes());
            }
            assertThat(parts).hasSize(p);
            return;
        }
        Turn.Model model = (Turn.Model) turn;
        assertThat(json.getString("role")).isEqualTo("model");
        assertThat(parts).hasSize(model.parts().size());
        for (int p = 0; p < parts.size(); p++) {
            Part part = model.parts().get(p);
            JsonObject wire = parts.getJsonObject(p);
            if (part instanceof Part.Other other) {
                try (JsonReader reader = Json.createReader(new StringReader(other.json()))) {
                    assertThat(wire).isEqualTo(reader.readObject());
                }
                continue;
            }
            if (part instanceof Part.Text text) {
                assertThat(wire.getString("text")).isEqualTo(text.text());
            } else {
                GeneratedImage image = ((Part.Image) part).image();
                requireImage(wire, image.mimeType(), image.bytes());
            }
            assertThat(wire.getBoolean("thought", false)).isEqualTo(part.thought());
            assertThat(Optional.ofNullable(wire.getString("thoughtSignature", null))).isEqualTo(part.thoughtSignature());
        }
    }

    private static void requireImage(JsonObject part, String mimeType, byte[] bytes) {
        JsonObject inline = part.getJsonObject("inlineData");
        assertThat(inline.getString("mimeType")).isEqualTo(mimeType);
        assertThat(Base64.getDecoder().decode(inline.getString("data"))).isEqualTo(bytes);
    }

    private static void requireOptions(GenerationRequest request, JsonObject json) {
        JsonObject config = json.getJsonObject("generationConfig");
        assertThat(config.getJsonArray("responseModalities").getValuesAs(jakarta.json.JsonString::getString))
                .isEqualTo(request.responseModalities().wireValues());
        assertThat(optionalInt(config, "candidateCount")).isEqualTo(boxed(request.candidateCount()));
        assertThat(optionalInt(config, "topK")).isEqualTo(boxed(request.topK()));
        assertThat(optionalInt(config, "seed")).isEqualTo(boxed(request.seed()));
        assertThat(optionalDouble(config, "temperature")).isEqualTo(boxed(request.temperature()));
        assertThat(optionalDouble(config, "topP")).isEqualTo(boxed(request.topP()));
        JsonObject image = config.getJsonObject("imageConfig");
        assertThat(Optional.ofNullable(image).map(i -> i.getString("aspectRatio", null)))
                .isEqualTo(request.aspectRatio().map(AspectRatio::value));
        assertThat(Optional.ofNullable(image).map(i -> i.getString("imageSize", null)))
                .isEqualTo(request.imageSize().map(ImageSize::value));
        assertThat(Optional.ofNullable(json.getJsonObject("systemInstruction"))
                .map(s -> s.getJsonArray("parts").getJsonObject(0).getString("text"))).isEqualTo(request.systemInstruction());
        List<SafetySetting> settings = new ArrayList<>();
        JsonArray wireSettings = json.getJsonArray("safetySettings");
        if (wireSettings != null) {
            for (int i = 0; i < wireSettings.size(); i++) {
                JsonObject s = wireSettings.getJsonObject(i);
                settings.add(new SafetySetting(HarmCategory.of(s.getString("category")),
                        HarmBlockThreshold.valueOf(s.getString("threshold"))));
            }
        }
        assertThat(settings).isEqualTo(request.safetySettings());
    }

    private static Optional<Integer> optionalInt(JsonObject o, String name) {
        return o.containsKey(name) ? Optional.of(o.getJsonNumber(name).intValueExact()) : Optional.empty();
    }

    private static Optional<Double> optionalDouble(JsonObject o, String name) {
        return o.containsKey(name) ? Optional.of(o.getJsonNumber(name).doubleValue()) : Optional.empty();
    }

    private static Optional<Integer> boxed(java.util.OptionalInt v) {
        return v.isPresent() ? Optional.of(v.getAsInt()) : Optional.empty();
    }

    private static Optional<Double> boxed(java.util.OptionalDouble v) {
        return v.isPresent() ? Optional.of(v.getAsDouble()) : Optional.empty();
    }

    // ---- generators ------------------------------------------------------------------------

    @Provide
    Arbitrary<GenerationRequest> requests() {
        Arbitrary<ImageModel> models = Arbitraries.of("gemini-2.5-flash-image", "gemini-3-pro-image-preview",
                "gemini-3.1-flash-image", "proxy/some-new-model").map(ImageModel::of);
        return models.flatMap(RequestEncoderPropertyTest::requestsFor);
    }

    private static Arbitrary<GenerationRequest> requestsFor(ImageModel model) {
        ModelFamily family = model.family();
        Arbitrary<List<ImageInput>> images = image(family, 40_000).list().ofMaxSize(Math.min(3, family.maxInputImages()));
        return Builders.withBuilder(() -> GenerationRequest.builder().model(model))
                .use(Generators.nonBlankText(60)).withProbability(0.8).in(GenerationRequest.Builder::prompt)
                .use(images).in(GenerationRequest.Builder::images)
                .use(Arbitraries.of(family.aspectRatios())).withProbability(0.5).in(GenerationRequest.Builder::aspectRatio)
                .use(family.imageSizes().isEmpty() || !family.takesImageSize() ? Arbitraries.just((ImageSize) null)
                        : Arbitraries.of(family.imageSizes())).withProbability(0.5)
                .in((b, size) -> size == null ? b : b.imageSize(size))
                .use(Arbitraries.of(ResponseModalities.class)).in(GenerationRequest.Builder::responseModalities)
                .use(Arbitraries.integers().between(1, 8)).withProbability(0.3).in(GenerationRequest.Builder::candidateCount)
                .use(Arbitraries.doubles().between(0, 2).ofScale(17).withSpecialValue(1e-7).withSpecialValue(2.0)).withProbability(0.4)
                .in(GenerationRequest.Builder::temperature)
                .use(Arbitraries.doubles().between(0, 1).ofScale(17).withSpecialValue(Double.MIN_VALUE)).withProbability(0.4)
                .in(GenerationRequest.Builder::topP)
                .use(Arbitraries.integers().greaterOrEqual(1)).withProbability(0.3).in(GenerationRequest.Builder::topK)
                .use(Arbitraries.integers()).withProbability(0.3).in(GenerationRequest.Builder::seed)
                .use(Generators.text(40)).withProbability(0.3).in(GenerationRequest.Builder::systemInstruction)
                .use(safetySettings()).in((b, settings) -> {
                    settings.forEach(b::addSafetySetting);
                    return b;
                })
                .use(turn(family).list().ofMaxSize(3)).withProbability(0.4).in(GenerationRequest.Builder::history)
                .build(b -> {
                    try {
                        return b.build();
                    } catch (io.github.geminiimage.domain.InvalidRequestException e) {
                        // Only "no prompt and no image" is left to chance; any other refusal is a bug here.
                        if (!"prompt".equals(e.field().orElse(""))) {
                            throw e;
                        }
                        return b.prompt("a red apple").build();
                    }
                });
    }

    private static Arbitrary<ImageInput> image(ModelFamily family, int maxTail) {
        return Arbitraries.of(family.inputTypes()).flatMap(type -> Generators.imageBytes(type, maxTail)).map(ImageInput::ofBytes);
    }

    private static Arbitrary<List<SafetySetting>> safetySettings() {
        return Arbitraries.subsetOf(CATEGORIES).flatMap(categories -> {
            List<Arbitrary<SafetySetting>> each = new ArrayList<>();
            for (HarmCategory category : categories) {
                each.add(Arbitraries.of(HarmBlockThreshold.class).map(t -> new SafetySetting(category, t)));
            }
            return Combinators.combine(each).as(list -> list);
        });
    }

    private static Arbitrary<Turn> turn(ModelFamily family) {
        Arbitrary<Turn> user = Combinators.combine(Generators.nonBlankText(30).optional(), image(family, 2_000).list().ofMaxSize(1))
                .filter((text, images) -> text.isPresent() || !images.isEmpty())
                .as((text, images) -> new Turn.User(text, images));
        Arbitrary<Optional<String>> signature = Arbitraries.strings().withCharRange((char) 0x21, (char) 0x7E).ofMaxLength(60).optional();
        Arbitrary<Part> text = Combinators.combine(Generators.text(30), Arbitraries.of(true, false), signature)
                .as(Part.Text::new);
        Arbitrary<Part> picture = Combinators.combine(Generators.imageBytes(MediaType.PNG, 3_000), Arbitraries.of(true, false),
                signature).as((bytes, thought, sig) -> new Part.Image(GeneratedImage.of("image/png", bytes), thought, sig));
        Arbitrary<Part> other = Combinators.combine(Generators.text(20), Arbitraries.of(true, false))
                .as((name, thought) -> new Part.Other("{\"functionCall\":{\"name\":" + Json.createValue(name) + ",\"args\":{}}}",
                        thought, Optional.empty()));
        Arbitrary<Turn> model = Arbitraries.oneOf(text, picture, other).list().ofMinSize(1).ofMaxSize(3).map(Turn.Model::new);
        return Arbitraries.oneOf(user, model);
    }
}
