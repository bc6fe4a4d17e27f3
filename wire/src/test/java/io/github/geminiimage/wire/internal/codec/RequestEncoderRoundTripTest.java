package io.github.geminiimage.wire.internal.codec;

import io.github.geminiimage.wire.JsonBody;
import static io.github.geminiimage.wire.RandomInputs.chance;
import static io.github.geminiimage.wire.RandomInputs.check;
import static io.github.geminiimage.wire.RandomInputs.oneOf;
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
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.wire.RandomInputs;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any valid request, encoded by the streaming {@link RequestEncoder} and parsed back with JSON-P,
 * gives the prompt, options, history and image bytes it was built from; the body streams exactly
 * its declared {@code Content-Length}, and a second write (a retry) sends the same bytes.
 * Randomized: see {@link RandomInputs}.
 */
class RequestEncoderRoundTripTest {

    private static final List<HarmCategory> CATEGORIES = List.of(HarmCategory.HARM_CATEGORY_HARASSMENT,
            HarmCategory.HARM_CATEGORY_HATE_SPEECH, HarmCategory.HARM_CATEGORY_SEXUALLY_EXPLICIT,
            HarmCategory.HARM_CATEGORY_DANGEROUS_CONTENT, HarmCategory.HARM_CATEGORY_CIVIC_INTEGRITY);
    private static final List<String> MODELS = List.of("gemini-2.5-flash-image", "gemini-3-pro-image-preview",
            "gemini-3.1-flash-image", "proxy/some-new-model");

    static LongStream seeds() {
        return RandomInputs.seeds(200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void anyValidRequestRoundTripsThroughTheEncoderWithItsExactLength(long seed) {
        check(seed, random -> {
            GenerationRequest request = request(random);
            JsonBody body = RequestEncoder.encode(request);
            byte[] first = write(body);
            byte[] second = write(body);

            assertThat((long) first.length).isEqualTo(body.contentLength()).isEqualTo(RequestEncoder.contentLength(request));
            requireSameBytes(second, first, "the body written again");
            JsonObject json;
            try (JsonReader reader = Json.createReader(new StringReader(new String(first, StandardCharsets.UTF_8)))) {
                json = reader.readObject();
            }
            JsonArray contents = json.getJsonArray("contents");
            assertThat(contents).hasSize(request.history().size() + 1);
            for (int t = 0; t < request.history().size(); t++) {
                requireTurn(request.history().get(t), contents.getJsonObject(t));
            }
            requireTurn(request.userTurn(), contents.getJsonObject(request.history().size()));
            requireOptions(request, json);
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void anyValidRequestReadBackByTheServerSideEncodesToTheSameBytes(long seed) {
        check(seed, random -> {
            GenerationRequest request = request(random);
            byte[] sent = write(RequestEncoder.encode(request));

            GenerationRequest received = RequestDecoder.decode(new java.io.ByteArrayInputStream(sent),
                    request.model().id(), Long.MAX_VALUE, RequestDecoder.REFERENCES);

            byte[] again = write(RequestEncoder.encode(received));
            requireSameBytes(again, sent, "the request read back and encoded again");
        });
    }

    private static byte[] write(JsonBody body) throws IOException {
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
        requireSameBytes(Base64.getDecoder().decode(inline.getString("data")), bytes, mimeType + " image");
    }

    /** Equal arrays, or a failure that says where they part (not a dump of the bytes). */
    private static void requireSameBytes(byte[] actual, byte[] expected, String what) {
        assertThat(Arrays.mismatch(actual, expected)).as("%s: first differing byte of %d, %d expected", what,
                actual.length, expected.length).isEqualTo(-1);
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

    // ---- inputs ------------------------------------------------------------------------------

    /** A request within its model family's limits, each option set or not. */
    private static GenerationRequest request(SplittableRandom random) {
        ImageModel model = ImageModel.of(oneOf(random, MODELS));
        ModelFamily family = model.family();
        GenerationRequest.Builder b = GenerationRequest.builder().model(model);
        if (chance(random, 0.8)) {
            b.prompt(RandomInputs.nonBlankText(random, 60));
        }
        b.images(images(random, family, Math.min(3, family.maxInputImages()), 40_000));
        if (chance(random, 0.5)) {
            b.aspectRatio(oneOf(random, sorted(family.aspectRatios())));
        }
        if (family.takesImageSize() && !family.imageSizes().isEmpty() && chance(random, 0.5)) {
            b.imageSize(oneOf(random, sorted(family.imageSizes())));
        }
        b.responseModalities(oneOf(random, ResponseModalities.values()));
        if (chance(random, 0.3)) {
            b.candidateCount(random.nextInt(1, 9));
        }
        if (chance(random, 0.4)) {
            b.temperature(chance(random, 0.8) ? random.nextDouble(0, 2) : oneOf(random, 0.0, 1e-7, 2.0));
        }
        if (chance(random, 0.4)) {
            b.topP(chance(random, 0.8) ? random.nextDouble() : oneOf(random, 0.0, Double.MIN_VALUE, 1.0));
        }
        if (chance(random, 0.3)) {
            b.topK(chance(random, 0.8) ? random.nextInt(1, Integer.MAX_VALUE) : oneOf(random, 1, Integer.MAX_VALUE));
        }
        if (chance(random, 0.3)) {
            b.seed(random.nextInt());
        }
        if (chance(random, 0.3)) {
            b.systemInstruction(RandomInputs.text(random, 40));
        }
        for (HarmCategory category : CATEGORIES) {
            if (random.nextBoolean()) {
                b.addSafetySetting(new SafetySetting(category, oneOf(random, HarmBlockThreshold.values())));
            }
        }
        if (chance(random, 0.4)) {
            List<Turn> history = new ArrayList<>();
            for (int n = random.nextInt(4); n > 0; n--) {
                history.add(turn(random, family));
            }
            b.history(history);
        }
        try {
            return b.build();
        } catch (InvalidRequestException e) {
            // Only "no prompt and no image" is left to chance; any other refusal is a bug here.
            if (!"prompt".equals(e.field().orElse(""))) {
                throw e;
            }
            return b.prompt("a red apple").build();
        }
    }

    private static List<ImageInput> images(SplittableRandom random, ModelFamily family, int max, int maxTail) {
        List<MediaType> types = sorted(family.inputTypes());
        List<ImageInput> images = new ArrayList<>();
        for (int n = random.nextInt(max + 1); n > 0; n--) {
            images.add(ImageInput.ofBytes(RandomInputs.imageBytes(random, oneOf(random, types), maxTail)));
        }
        return images;
    }

    private static Turn turn(SplittableRandom random, ModelFamily family) {
        if (random.nextBoolean()) {
            while (true) {
                Optional<String> text = random.nextBoolean() ? Optional.of(RandomInputs.nonBlankText(random, 30)) : Optional.empty();
                List<ImageInput> images = images(random, family, 1, 2_000);
                if (text.isPresent() || !images.isEmpty()) {
                    return new Turn.User(text, images);
                }
            }
        }
        List<Part> parts = new ArrayList<>();
        for (int n = random.nextInt(1, 4); n > 0; n--) {
            boolean thought = random.nextBoolean();
            parts.add(switch (random.nextInt(3)) {
                case 0 -> new Part.Text(RandomInputs.text(random, 30), thought, signature(random));
                case 1 -> new Part.Image(GeneratedImage.of("image/png", RandomInputs.imageBytes(random, MediaType.PNG, 3_000)),
                        thought, signature(random));
                default -> new Part.Other("{\"functionCall\":{\"name\":" + Json.createValue(RandomInputs.text(random, 20))
                        + ",\"args\":{}}}", thought, Optional.empty());
            });
        }
        return new Turn.Model(parts);
    }

    private static Optional<String> signature(SplittableRandom random) {
        return random.nextBoolean() ? Optional.of(RandomInputs.string(random, RandomInputs.PRINTABLE_ASCII, 0, 60))
                : Optional.empty();
    }

    /** A set's elements in a fixed order, so that a seed draws the same ones on every JVM. */
    private static <T> List<T> sorted(Collection<T> values) {
        List<T> list = new ArrayList<>(values);
        list.sort(Comparator.comparing(String::valueOf));
        return list;
    }
}
