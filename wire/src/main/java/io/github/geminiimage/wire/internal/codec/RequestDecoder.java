package io.github.geminiimage.wire.internal.codec;

import static io.github.geminiimage.wire.internal.codec.ProtoFields.array;
import static io.github.geminiimage.wire.internal.codec.ProtoFields.bool;
import static io.github.geminiimage.wire.internal.codec.ProtoFields.integer;
import static io.github.geminiimage.wire.internal.codec.ProtoFields.invalid;
import static io.github.geminiimage.wire.internal.codec.ProtoFields.invalidValue;
import static io.github.geminiimage.wire.internal.codec.ProtoFields.member;
import static io.github.geminiimage.wire.internal.codec.ProtoFields.number;
import static io.github.geminiimage.wire.internal.codec.ProtoFields.object;
import static io.github.geminiimage.wire.internal.codec.ProtoFields.requireKnown;
import static io.github.geminiimage.wire.internal.codec.ProtoFields.string;

import io.github.geminiimage.domain.AspectRatio;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.HarmBlockThreshold;
import io.github.geminiimage.domain.HarmCategory;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.ImageModel;
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
import io.github.geminiimage.wire.GenerateContentCodec.FileDataResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
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
 * while it arrives, images decoded straight into their arrays (never held as the body, a JSON tree
 * or a base64 string). What the API refuses is an {@link InvalidRequestException} whose message is
 * the API's 400 message: malformed JSON, unknown members, values of the wrong type, a wrong
 * {@code imageSize} spelling, thinking options a model does not take, invalid base64
 * (docs/wire-format.md, "Requests"). Stateless and thread-safe.
 */
public final class RequestDecoder {

    private static final Set<String> TOP_LEVEL = Set.of("contents", "systemInstruction", "generationConfig",
            "safetySettings", "tools", "toolConfig", "cachedContent", "serviceTier", "labels", "model", "outputConfig",
            "continuationToken");
    private static final Set<String> GENERATION_CONFIG = Set.of("responseModalities", "imageConfig", "candidateCount",
            "temperature", "topP", "topK", "seed", "maxOutputTokens", "stopSequences", "thinkingConfig",
            "presencePenalty", "frequencyPenalty", "responseMimeType", "responseSchema", "responseJsonSchema",
            "responseLogprobs", "logprobs", "mediaResolution", "speechConfig", "enableEnhancedCivicAnswers");
    private static final Set<String> IMAGE_CONFIG = Set.of("aspectRatio", "imageSize", "imageOutputOptions",
            "personGeneration");
    private static final Set<String> IMAGE_SIZES = Set.of("512", "1K", "2K", "4K");
    private static final Set<String> MODALITIES = Set.of("TEXT", "IMAGE", "AUDIO", "MODALITY_UNSPECIFIED");
    /** A Files API URI on any host (Google's or a local server's): {@code .../files/ID}. */
    private static final Pattern FILES_URI = Pattern.compile("^https?://[^/]+/(?:v1beta|v1)/(files/[a-z0-9-]{1,40})$");

    /**
     * What a client library reads a {@code fileData} reference as: a Files API URI on any host is
     * that stored file, anything else the URI itself.
     */
    public static final FileDataResolver REFERENCES = (uri, type) -> {
        Matcher files = FILES_URI.matcher(uri.toString());
        return files.matches() ? ImageInput.ofStoredFile(files.group(1), type) : ImageInput.ofUri(uri, type);
    };

    private final JsonScanner scanner;
    private final WireMapper mapper;
    private final String modelId;
    private final FileDataResolver files;

    private RequestDecoder(JsonScanner scanner, String modelId, FileDataResolver files) {
        this.scanner = scanner;
        this.mapper = new WireMapper(scanner);
        this.modelId = modelId;
        this.files = files;
    }

    /**
     * Reads {@code body} to its end (not closed) as the request of {@code modelId}.
     *
     * @param maxBytes the most bytes read; more fails with {@code ResponseTooLargeException}
     * @param files what each {@code fileData} part's URI names
     * @throws InvalidRequestException with the API's 400 message
     * @throws IOException if reading fails
     */
    public static GenerationRequest decode(InputStream body, String modelId, long maxBytes, FileDataResolver files)
            throws IOException {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(files, "files");
        PushbackInputStream in = new PushbackInputStream(body, 1);
        int first = in.read();
        if (first < 0) {
            // An empty body is an empty request, as the API reads it.
            throw invalid("* GenerateContentRequest.contents: contents is not specified\n");
        }
        in.unread(first);
        RequestDecoder decoder = new RequestDecoder(new JsonScanner(in, maxBytes, OptionalLong.empty(), "request"),
                modelId, files);
        try {
            decoder.scanner.scan(JsonScanner.REQUEST);
            return decoder.request(decoder.mapper.bind(Map.class, "a GenerateContentRequest"));
        } catch (MalformedResponseException e) {
            // The scanner speaks of replies; on the server side a bad body is the caller's 400.
            String message = e.getMessage();
            throw invalid(message.startsWith("Invalid value at ") ? message : "Invalid JSON payload received. " + message);
        }
    }

    private GenerationRequest request(Map<?, ?> body) {
        requireKnown(body, TOP_LEVEL, "");
        List<?> contents = array(body, "contents", "");
        if (contents.isEmpty()) {
            throw invalid("* GenerateContentRequest.contents: contents is not specified\n");
        }
        GenerationRequest.Builder builder = GenerationRequest.builder().model(ImageModel.of(modelId));
        List<Turn> history = new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            String where = "contents[" + i + "]";
            if (!(contents.get(i) instanceof Map<?, ?> content)) {
                throw invalidValue(where, contents.get(i));
            }
            String role = string(content, "role", where).orElse("user");
            List<?> parts = array(content, "parts", where);
            if (parts.isEmpty()) {
                throw invalid("* GenerateContentRequest.contents[" + i + "].parts: contents.parts must not be empty.\n");
            }
            boolean last = i == contents.size() - 1;
            if (role.equals("model")) {
                if (last) {
                    throw invalid("Please ensure that multiturn requests alternate between user and model, and that the "
                            + "last turn is a user turn.");
                }
                history.add(new Turn.Model(modelParts(parts, i, where)));
            } else if (role.equals("user")) {
                Turn.User user = userParts(parts, i, where);
                if (last) {
                    user.text().ifPresent(builder::prompt);
                    builder.images(user.images());
                } else {
                    history.add(user);
                }
            } else {
                throw invalid("Please use a valid role: user, model.");
            }
        }
        builder.history(history);
        object(body, "systemInstruction", "").ifPresent(instruction ->
                systemInstruction(array(instruction, "parts", "system_instruction")).ifPresent(builder::systemInstruction));
        List<?> safety = array(body, "safetySettings", "");
        for (int i = 0; i < safety.size(); i++) {
            String where = "safety_settings[" + i + "]";
            if (!(safety.get(i) instanceof Map<?, ?> setting)) {
                throw invalidValue(where, safety.get(i));
            }
            String category = string(setting, "category", where).orElse("HARM_CATEGORY_UNSPECIFIED");
            String threshold = string(setting, "threshold", where).orElse("");
            try {
                builder.addSafetySetting(HarmCategory.of(category), HarmBlockThreshold.valueOf(threshold));
            } catch (IllegalArgumentException e) {
                throw invalid("Invalid value at '" + where + ".threshold' (type.googleapis.com/"
                        + "google.ai.generativelanguage.v1beta.SafetySetting.HarmBlockThreshold), \"" + threshold + "\"");
            }
        }
        VertexOptions vertex = VertexOptions.NONE;
        Optional<Map<?, ?>> config = object(body, "generationConfig", "");
        if (config.isPresent()) {
            vertex = generationConfig(config.get(), builder);
        }
        grounding(array(body, "tools", "")).ifPresent(builder::grounding);
        Optional<Map<?, ?>> labels = object(body, "labels", "");
        if (labels.isPresent()) {
            for (Map.Entry<?, ?> label : labels.get().entrySet()) {
                if (!(label.getValue() instanceof String value)) {
                    throw invalidValue("labels." + label.getKey(), label.getValue());
                }
                vertex = vertex.withLabel(String.valueOf(label.getKey()), value);
            }
        }
        Optional<String> prefix = object(body, "outputConfig", "")
                .flatMap(output -> string(output, "outputUriPrefix", "output_config"));
        if (prefix.isPresent()) {
            vertex = vertex.withOutputUriPrefix(prefix.get());
        }
        if (!vertex.isEmpty()) {
            builder.vertexOptions(vertex);
        }
        string(body, "serviceTier", "").ifPresent(tier -> builder.serviceTier(serviceTier(tier)));
        string(body, "continuationToken", "").ifPresent(builder::continuationToken);
        return builder.build();
    }

    /** {@code flex}, {@code standard}, {@code priority}, or the enum spelling {@code SERVICE_TIER_FLEX}. */
    private static ServiceTier serviceTier(String value) {
        String v = value.startsWith("SERVICE_TIER_") ? value.substring("SERVICE_TIER_".length()) : value;
        try {
            return ServiceTier.of(v);
        } catch (InvalidRequestException e) {
            throw invalid("Invalid value at 'service_tier' (type.googleapis.com/"
                    + "google.ai.generativelanguage.v1beta.ServiceTier), \"" + value + "\"");
        }
    }

    /** The texts of a user turn (joined by a line break when several) and its images, in order. */
    private Turn.User userParts(List<?> parts, int content, String where) {
        List<PartRecord> records = scanner.parts(content);
        StringBuilder text = null;
        List<ImageInput> images = new ArrayList<>();
        for (int j = 0; j < parts.size(); j++) {
            String at = where + ".parts[" + j + "]";
            Map<?, ?> part = (Map<?, ?>) parts.get(j);
            Optional<String> partText = string(part, "text", at);
            Optional<Map<?, ?>> inline = object(part, "inlineData", at);
            Optional<Map<?, ?>> file = object(part, "fileData", at);
            if (partText.isPresent()) {
                text = text == null ? new StringBuilder(partText.get()) : text.append('\n').append(partText.get());
            } else if (inline.isPresent()) {
                MediaType type = mediaType(string(inline.get(), "mimeType", at + ".inline_data").orElse(""));
                PartRecord record = records.get(j);
                byte[] bytes = !record.hasData ? new byte[0] : record.data.length == record.dataLength ? record.data
                        : Arrays.copyOf(record.data, record.dataLength);
                images.add(ImageInput.ofOwnedBytes(bytes, type));
            } else if (file.isPresent()) {
                MediaType type = mediaType(string(file.get(), "mimeType", at + ".file_data").orElse(""));
                String uri = string(file.get(), "fileUri", at + ".file_data").orElse("");
                URI parsed;
                try {
                    parsed = URI.create(uri);
                } catch (IllegalArgumentException e) {
                    throw invalid("Invalid file_uri: " + uri);
                }
                images.add(files.resolve(parsed, type));
            }
        }
        return new Turn.User(Optional.ofNullable(text).map(StringBuilder::toString), images);
    }

    /** A model turn's parts as they came: texts, images, thoughts and their signatures, anything else kept. */
    private List<Part> modelParts(List<?> parts, int content, String where) {
        List<PartRecord> records = scanner.parts(content);
        List<Part> out = new ArrayList<>(parts.size());
        for (int j = 0; j < parts.size(); j++) {
            String at = where + ".parts[" + j + "]";
            Map<?, ?> part = (Map<?, ?>) parts.get(j);
            Wire.InlineData inline = object(part, "inlineData", at)
                    .map(o -> new Wire.InlineData(string(o, "mimeType", at + ".inline_data").orElse(null))).orElse(null);
            Wire.FileData file = object(part, "fileData", at).map(o -> new Wire.FileData(
                    string(o, "mimeType", at + ".file_data").orElse(null), string(o, "fileUri", at + ".file_data")
                            .orElse(null))).orElse(null);
            Wire.Part wire = new Wire.Part(string(part, "text", at).orElse(null), bool(part, "thought", at), inline,
                    file);
            out.add(mapper.part(wire, records.get(j), "content " + content + ", part " + j + ": "));
        }
        return out;
    }

    /** The texts of the system instruction's parts, joined by a line break. */
    private static Optional<String> systemInstruction(List<?> parts) {
        StringBuilder text = null;
        for (int j = 0; j < parts.size(); j++) {
            if (!(parts.get(j) instanceof Map<?, ?> part)) {
                throw invalidValue("system_instruction.parts[" + j + "]", parts.get(j));
            }
            Optional<String> partText = string(part, "text", "system_instruction.parts[" + j + "]");
            if (partText.isPresent()) {
                text = text == null ? new StringBuilder(partText.get()) : text.append('\n').append(partText.get());
            }
        }
        return Optional.ofNullable(text).map(StringBuilder::toString);
    }

    /**
     * The search grounding of {@code tools[].googleSearch}: its {@code searchTypes} ({@code webSearch},
     * {@code imageSearch}), web search when it names none, as the API reads it.
     */
    private static Optional<SearchGrounding> grounding(List<?> tools) {
        boolean web = false;
        boolean image = false;
        for (int i = 0; i < tools.size(); i++) {
            if (!(tools.get(i) instanceof Map<?, ?> tool)) {
                throw invalidValue("tools[" + i + "]", tools.get(i));
            }
            Optional<Map<?, ?>> search = object(tool, "googleSearch", "tools[" + i + "]");
            if (search.isEmpty()) {
                continue;
            }
            Optional<Map<?, ?>> types = object(search.get(), "searchTypes", "tools[" + i + "].google_search");
            boolean webType = types.flatMap(t -> member(t, "webSearch")).isPresent();
            boolean imageType = types.flatMap(t -> member(t, "imageSearch")).isPresent();
            web |= webType || !imageType;
            image |= imageType;
        }
        if (web && image) {
            return Optional.of(SearchGrounding.WEB_AND_IMAGE);
        }
        return web ? Optional.of(SearchGrounding.WEB) : image ? Optional.of(SearchGrounding.IMAGE) : Optional.empty();
    }

    /** Reads {@code generationConfig} into {@code builder}; gives the Vertex AI options it holds. */
    private VertexOptions generationConfig(Map<?, ?> config, GenerationRequest.Builder builder) {
        String where = "generation_config";
        requireKnown(config, GENERATION_CONFIG, "generationConfig");
        List<?> modalities = array(config, "responseModalities", where);
        if (!modalities.isEmpty()) {
            boolean text = false;
            for (Object modality : modalities) {
                String word = modality instanceof String s ? s.toUpperCase(Locale.ROOT) : "";
                if (!MODALITIES.contains(word)) {
                    throw invalidValue(where + ".response_modalities", modality);
                }
                text |= word.equals("TEXT");
            }
            builder.responseModalities(text ? ResponseModalities.TEXT_AND_IMAGE : ResponseModalities.IMAGE_ONLY);
        }
        VertexOptions vertex = VertexOptions.NONE;
        Optional<Map<?, ?>> image = object(config, "imageConfig", where);
        if (image.isPresent()) {
            vertex = imageConfig(image.get(), where + ".image_config", builder);
        }
        integer(config, "candidateCount", where).ifPresent(builder::candidateCount);
        number(config, "temperature", where).ifPresent(builder::temperature);
        number(config, "topP", where).ifPresent(builder::topP);
        integer(config, "topK", where).ifPresent(builder::topK);
        integer(config, "seed", where).ifPresent(builder::seed);
        object(config, "thinkingConfig", where).ifPresent(thinking -> {
            if (!ImageModel.of(modelId).family().takesThinkingConfig()) {
                throw invalid("Thinking is not enabled for models/" + modelId);
            }
            if (member(thinking, "thinkingLevel").isPresent() && member(thinking, "thinkingBudget").isPresent()) {
                throw invalid("You can only set only one of thinking budget and thinking level.");
            }
            builder.includeThoughts(bool(thinking, "includeThoughts", where + ".thinking_config"));
        });
        return vertex;
    }

    private static VertexOptions imageConfig(Map<?, ?> image, String where, GenerationRequest.Builder builder) {
        requireKnown(image, IMAGE_CONFIG, where);
        string(image, "aspectRatio", where).ifPresent(ratio -> {
            try {
                builder.aspectRatio(AspectRatio.parse(ratio));
            } catch (InvalidRequestException e) {
                throw invalid("Unsupported aspect ratio: " + ratio + ". " + e.getMessage());
            }
        });
        string(image, "imageSize", where).ifPresent(size -> {
            if (!IMAGE_SIZES.contains(size)) {
                throw invalid("Invalid image size \"" + size + "\"; supported values are \"512\", \"1K\", \"2K\" and "
                        + "\"4K\" (uppercase K).");
            }
            builder.imageSize(ImageSize.parse(size));
        });
        VertexOptions vertex = VertexOptions.NONE;
        Optional<Map<?, ?>> output = object(image, "imageOutputOptions", where);
        if (output.isPresent()) {
            String at = where + ".image_output_options";
            Optional<String> mime = string(output.get(), "mimeType", at);
            if (mime.isPresent()) {
                vertex = vertex.withOutputMimeType(MediaType.fromMimeType(mime.get())
                        .orElseThrow(() -> invalidValue(at + ".mime_type", mime.get())));
            }
            Optional<Integer> quality = integer(output.get(), "compressionQuality", at);
            if (quality.isPresent()) {
                vertex = vertex.withCompressionQuality(quality.get());
            }
        }
        Optional<String> people = string(image, "personGeneration", where);
        if (people.isPresent()) {
            try {
                vertex = vertex.withPersonGeneration(PersonGeneration.valueOf(people.get()));
            } catch (IllegalArgumentException e) {
                throw invalidValue(where + ".person_generation", people.get());
            }
        }
        return vertex;
    }

    private static MediaType mediaType(String mime) {
        return MediaType.fromMimeType(mime).orElseThrow(() -> invalid("Unsupported MIME type: " + mime));
    }
}
