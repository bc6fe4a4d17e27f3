package io.github.geminiimage.wire.internal.codec;

import io.github.geminiimage.domain.AspectRatio;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.HarmBlockThreshold;
import io.github.geminiimage.domain.HarmCategory;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.ImageSize;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.PersonGeneration;
import io.github.geminiimage.domain.ResponseModalities;
import io.github.geminiimage.domain.SearchGrounding;
import io.github.geminiimage.domain.ServiceTier;
import io.github.geminiimage.domain.Turn;
import io.github.geminiimage.domain.VertexOptions;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.MalformedResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server side of {@code generateContent}: a request body read into a {@link GenerationRequest}
 * while it arrives, images decoded straight into their arrays. What the library cannot represent,
 * or the API would refuse, is an {@link InvalidRequestException} naming the field, as the API's 400
 * does. Stateless and thread-safe.
 */
public final class RequestDecoder {

    private static final Set<String> TOP_LEVEL = Set.of("contents", "systemInstruction", "generationConfig",
            "safetySettings", "labels", "tools", "toolConfig", "cachedContent", "outputConfig",
            "serviceTier", "continuationToken");
    private static final Set<String> GENERATION_CONFIG = Set.of("responseModalities", "candidateCount", "temperature",
            "topP", "topK", "seed", "imageConfig", "thinkingConfig", "maxOutputTokens", "stopSequences",
            "presencePenalty", "frequencyPenalty", "responseMimeType");
    private static final Set<String> IMAGE_CONFIG = Set.of("aspectRatio", "imageSize", "imageOutputOptions",
            "personGeneration");
    /** A Files API URI on any host (Google's or a local server's): {@code .../files/ID}. */
    private static final Pattern FILES_URI = Pattern.compile("^https?://[^/]+/(?:v1beta|v1)/(files/[a-z0-9-]{1,40})$");

    private RequestDecoder() {
    }

    /**
     * Reads {@code body} to its end (not closed) as the request of {@code modelId}.
     *
     * @param maxBytes the most bytes read; more fails with {@code ResponseTooLargeException}
     * @throws InvalidRequestException if the body is not JSON, has an unknown field, or holds a value
     *     the API refuses (the message names it)
     * @throws IOException if reading fails
     */
    public static GenerationRequest decode(InputStream body, String modelId, long maxBytes) throws IOException {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(modelId, "modelId");
        JsonScanner scanner = new JsonScanner(body, maxBytes, OptionalLong.empty(), "request");
        try {
            scanner.scan(JsonScanner.REQUEST);
            WireMapper mapper = new WireMapper(scanner);
            checkNames(mapper.bind(Map.class, "a GenerateContentRequest"));
            return request(mapper.bind(Wire.Request.class, "a GenerateContentRequest"), mapper, modelId);
        } catch (MalformedResponseException e) {
            // The scanner speaks of replies; on the server side a bad body is the caller's 400.
            throw new InvalidRequestException("body", "Invalid JSON payload received. " + e.getMessage(), e);
        }
    }

    private static GenerationRequest request(Wire.Request wire, WireMapper mapper, String modelId) {
        List<Wire.Content> contents = wire.contents() == null ? List.of() : wire.contents();
        if (contents.isEmpty()) {
            throw new InvalidRequestException("contents", "* GenerateContentRequest.contents: contents is not specified",
                    (Throwable) null);
        }
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            Wire.Content content = contents.get(i);
            List<Part> parts = mapper.parts(content, i, "content");
            String role = content.role() == null ? "user" : content.role();
            switch (role) {
                case "user" -> turns.add(userTurn(parts, content.parts(), i));
                case "model" -> turns.add(new Turn.Model(parts));
                default -> throw new InvalidRequestException("contents[" + i + "].role",
                        "Please use a valid role: user, model.", (Throwable) null);
            }
        }
        if (!(turns.get(turns.size() - 1) instanceof Turn.User last)) {
            throw new InvalidRequestException("contents", "the last content must have the role user", (Throwable) null);
        }
        GenerationRequest.Builder builder = GenerationRequest.builder().model(modelId)
                .history(turns.subList(0, turns.size() - 1));
        last.text().ifPresent(builder::prompt);
        builder.images(last.images());
        systemInstruction(wire.systemInstruction()).ifPresent(builder::systemInstruction);
        if (wire.generationConfig() != null) {
            generationConfig(wire.generationConfig(), builder);
        }
        if (wire.safetySettings() != null) {
            for (Wire.SafetySetting setting : wire.safetySettings()) {
                builder.addSafetySetting(HarmCategory.of(setting.category()), threshold(setting.threshold()));
            }
        }
        VertexOptions vertex = vertexOptions(wire);
        if (!vertex.isEmpty()) {
            builder.vertexOptions(vertex);
        }
        grounding(wire.tools()).ifPresent(builder::grounding);
        if (wire.serviceTier() != null) {
            builder.serviceTier(serviceTier(wire.serviceTier()));
        }
        if (wire.continuationToken() != null) {
            builder.continuationToken(wire.continuationToken());
        }
        return builder.build();
    }

    /** The tier named as the API spells it: {@code flex}, or the enum spelling {@code SERVICE_TIER_FLEX}. */
    private static ServiceTier serviceTier(String value) {
        String v = value.startsWith("SERVICE_TIER_") ? value.substring("SERVICE_TIER_".length()) : value;
        try {
            return ServiceTier.of(v);
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException("serviceTier", "Invalid value at 'service_tier' (" + value
                    + "): one of flex, standard, priority", (Throwable) null);
        }
    }

    /** A user turn's texts (joined by a line break when several) and images, in order. */
    private static Turn.User userTurn(List<Part> parts, List<Wire.Part> wireParts, int index) {
        StringBuilder text = null;
        List<ImageInput> images = new ArrayList<>();
        for (int j = 0; j < parts.size(); j++) {
            Part part = parts.get(j);
            String field = "contents[" + index + "].parts[" + j + "]";
            if (part instanceof Part.Text t) {
                text = text == null ? new StringBuilder(t.text()) : text.append('\n').append(t.text());
            } else if (wireParts.get(j).fileData() != null) {
                // Before Part.Image: a reference may name a stored file, which only reference() tells.
                images.add(reference(wireParts.get(j).fileData(), field));
            } else if (part instanceof Part.Image image) {
                images.add(image.image().asInput());
            } else {
                throw new InvalidRequestException(field, field + ": a user part holds a text, inlineData or fileData",
                        (Throwable) null);
            }
        }
        return new Turn.User(Optional.ofNullable(text).map(StringBuilder::toString), images);
    }

    private static ImageInput reference(Wire.FileData fileData, String field) {
        if (fileData.fileUri() == null) {
            throw new InvalidRequestException(field + ".fileData.fileUri", field + ".fileData: fileUri is missing",
                    (Throwable) null);
        }
        MediaType type = Optional.ofNullable(fileData.mimeType()).flatMap(MediaType::fromMimeType)
                .orElseThrow(() -> new InvalidRequestException(field + ".fileData.mimeType",
                        "Unsupported MIME type: " + fileData.mimeType(), (Throwable) null));
        Matcher files = FILES_URI.matcher(fileData.fileUri());
        if (files.matches()) {
            return ImageInput.ofStoredFile(files.group(1), type);
        }
        return ImageInput.ofUri(URI.create(fileData.fileUri()), type);
    }

    private static Optional<String> systemInstruction(Wire.Content instruction) {
        if (instruction == null || instruction.parts() == null) {
            return Optional.empty();
        }
        StringBuilder text = null;
        for (Wire.Part part : instruction.parts()) {
            if (part.text() != null) {
                text = text == null ? new StringBuilder(part.text()) : text.append('\n').append(part.text());
            }
        }
        return Optional.ofNullable(text).map(StringBuilder::toString);
    }

    private static void generationConfig(Wire.GenerationConfig config, GenerationRequest.Builder builder) {
        if (config.responseModalities() != null && !config.responseModalities().isEmpty()) {
            builder.responseModalities(modalities(config.responseModalities()));
        }
        if (config.candidateCount() != null) {
            builder.candidateCount(whole(config.candidateCount(), "generationConfig.candidateCount"));
        }
        if (config.temperature() != null) {
            builder.temperature(config.temperature().doubleValue());
        }
        if (config.topP() != null) {
            builder.topP(config.topP().doubleValue());
        }
        if (config.topK() != null) {
            builder.topK(whole(config.topK(), "generationConfig.topK"));
        }
        if (config.seed() != null) {
            builder.seed(whole(config.seed(), "generationConfig.seed"));
        }
        Wire.ImageConfig image = config.imageConfig();
        if (image != null) {
            if (image.aspectRatio() != null) {
                builder.aspectRatio(AspectRatio.parse(image.aspectRatio()));
            }
            if (image.imageSize() != null) {
                builder.imageSize(ImageSize.parse(image.imageSize()));
            }
        }
        if (config.thinkingConfig() != null && Boolean.TRUE.equals(config.thinkingConfig().includeThoughts())) {
            builder.includeThoughts(true);
        }
    }

    private static ResponseModalities modalities(List<String> values) {
        List<String> upper = values.stream().map(v -> v.toUpperCase(Locale.ROOT)).toList();
        for (ResponseModalities modalities : ResponseModalities.values()) {
            if (Set.copyOf(modalities.wireValues()).equals(Set.copyOf(upper))) {
                return modalities;
            }
        }
        throw new InvalidRequestException("generationConfig.responseModalities", values.toString(),
                "[\"TEXT\",\"IMAGE\"] or [\"IMAGE\"] for an image model");
    }

    /**
     * The search grounding the tools ask for: {@code googleSearch} with its {@code searchTypes}; no
     * search type named means web search, as the API reads it. Other tools are not for image models here.
     */
    private static Optional<SearchGrounding> grounding(List<Wire.Tool> tools) {
        boolean web = false;
        boolean image = false;
        for (Wire.Tool tool : tools == null ? List.<Wire.Tool>of() : tools) {
            if (tool == null || tool.googleSearch() == null) {
                continue;
            }
            Wire.SearchTypes types = tool.googleSearch().searchTypes();
            boolean anyType = types != null && (types.webSearch() != null || types.imageSearch() != null);
            web |= !anyType || types.webSearch() != null;
            image |= anyType && types.imageSearch() != null;
        }
        if (web && image) {
            return Optional.of(SearchGrounding.WEB_AND_IMAGE);
        }
        return web ? Optional.of(SearchGrounding.WEB) : image ? Optional.of(SearchGrounding.IMAGE) : Optional.empty();
    }

    private static VertexOptions vertexOptions(Wire.Request wire) {
        VertexOptions options = VertexOptions.NONE;
        Wire.ImageConfig image = wire.generationConfig() == null ? null : wire.generationConfig().imageConfig();
        if (image != null && image.imageOutputOptions() != null) {
            Wire.ImageOutputOptions output = image.imageOutputOptions();
            if (output.mimeType() != null) {
                options = options.withOutputMimeType(MediaType.fromMimeType(output.mimeType()).orElseThrow(() ->
                        new InvalidRequestException("generationConfig.imageConfig.imageOutputOptions.mimeType",
                                output.mimeType(), "image/png or image/jpeg")));
            }
            if (output.compressionQuality() != null) {
                options = options.withCompressionQuality(whole(output.compressionQuality(),
                        "generationConfig.imageConfig.imageOutputOptions.compressionQuality"));
            }
        }
        if (image != null && image.personGeneration() != null) {
            options = options.withPersonGeneration(named(PersonGeneration.class, image.personGeneration(),
                    "generationConfig.imageConfig.personGeneration"));
        }
        if (wire.labels() != null) {
            for (Map.Entry<String, String> label : wire.labels().entrySet()) {
                options = options.withLabel(label.getKey(), label.getValue());
            }
        }
        if (wire.outputConfig() != null && wire.outputConfig().outputUriPrefix() != null) {
            options = options.withOutputUriPrefix(wire.outputConfig().outputUriPrefix());
        }
        return options;
    }

    private static HarmBlockThreshold threshold(String value) {
        return named(HarmBlockThreshold.class, value, "safetySettings.threshold");
    }

    private static <E extends Enum<E>> E named(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidRequestException(field, String.valueOf(value), "one of " + List.of(type.getEnumConstants()));
        }
    }

    private static int whole(BigDecimal value, String field) {
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidRequestException(field, value.toPlainString(), "a whole number");
        }
    }

    /** Refuses an unknown field as the API does: {@code Unknown name "x": Cannot find field.} */
    private static void checkNames(Map<?, ?> request) {
        unknown(request, TOP_LEVEL, "");
        if (request.get("generationConfig") instanceof Map<?, ?> config) {
            unknown(config, GENERATION_CONFIG, "generation_config.");
            if (config.get("imageConfig") instanceof Map<?, ?> image) {
                unknown(image, IMAGE_CONFIG, "generation_config.image_config.");
            }
        }
    }

    private static void unknown(Map<?, ?> object, Set<String> known, String prefix) {
        for (Object key : object.keySet()) {
            String name = String.valueOf(key);
            if (!known.contains(name) && !known.contains(camel(name))) {
                throw new InvalidRequestException(prefix + name, "Invalid JSON payload received. Unknown name \""
                        + name + "\" at '" + prefix + "': Cannot find field.", (Throwable) null);
            }
        }
    }

    private static String camel(String name) {
        StringBuilder camel = new StringBuilder(name.length());
        boolean upper = false;
        for (char ch : name.toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return camel.toString();
    }
}
