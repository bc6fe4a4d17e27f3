package io.github.geminiimage.emulator.internal;

import io.github.geminiimage.domain.AspectRatio;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.HarmBlockThreshold;
import io.github.geminiimage.domain.HarmCategory;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.ImageModel;
import io.github.geminiimage.domain.ImageSize;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.ResponseModalities;
import io.github.geminiimage.domain.SearchGrounding;
import io.github.geminiimage.domain.ServiceTier;
import io.github.geminiimage.domain.Turn;
import io.github.geminiimage.domain.VertexOptions;
import io.github.geminiimage.domain.error.InvalidRequestException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a {@code GenerateContentRequest} body into the domain's {@link GenerationRequest}, refusing
 * what Google's front end refuses with its 400s: malformed JSON, unknown members, a wrong
 * {@code imageSize} spelling, thinking options a model does not take, invalid base64.
 */
public final class RequestDecoder {

    private static final Set<String> TOP_LEVEL = Set.of("contents", "systemInstruction", "generationConfig",
            "safetySettings", "tools", "toolConfig", "cachedContent", "serviceTier", "labels", "model", "outputConfig",
            "continuationToken");
    private static final Set<String> GENERATION_CONFIG = Set.of("responseModalities", "imageConfig", "candidateCount",
            "temperature", "topP", "topK", "seed", "maxOutputTokens", "stopSequences", "thinkingConfig",
            "presencePenalty", "frequencyPenalty", "responseMimeType", "responseSchema", "responseJsonSchema",
            "responseLogprobs", "logprobs", "mediaResolution", "speechConfig", "enableEnhancedCivicAnswers");
    private static final Set<String> IMAGE_SIZES = Set.of("512", "1K", "2K", "4K");

    /** Resolves a {@code fileData.fileUri} to the bytes it names. */
    @FunctionalInterface
    public interface FileResolver {
        /**
         * The image a URI names.
         *
         * @throws ApiError as the service answers for a missing file or an unreachable URL
         */
        ImageInput resolve(URI uri, MediaType mediaType);
    }

    /**
     * A decoded request and what the request log keeps of it.
     *
     * @param request the domain request
     * @param prompt the last user turn's text
     * @param imageSizes the byte size of each image of the last user turn
     */
    public record Decoded(GenerationRequest request, Optional<String> prompt, List<Long> imageSizes) {
    }

    private RequestDecoder() {
    }

    /** {@code flex}, {@code standard}, {@code priority}, or the enum spelling {@code SERVICE_TIER_FLEX}. */
    private static ServiceTier serviceTier(String value) {
        String v = value.startsWith("SERVICE_TIER_") ? value.substring("SERVICE_TIER_".length()) : value;
        try {
            return ServiceTier.of(v);
        } catch (InvalidRequestException e) {
            throw ApiError.invalidArgument("Invalid value at 'service_tier' (type.googleapis.com/"
                    + "google.ai.generativelanguage.v1beta.ServiceTier), \"" + value + "\"");
        }
    }

    /**
     * Decodes {@code body} for {@code modelId}.
     *
     * @throws ApiError with Google's 400 for what it refuses
     */
    public static Decoded decode(String modelId, JsonObject body, FileResolver files) {
        JsonMembers.requireKnown(body, TOP_LEVEL, "");
        List<JsonValue> contents = JsonMembers.array(body, "contents", "");
        if (contents.isEmpty()) {
            throw ApiError.invalidArgument("* GenerateContentRequest.contents: contents is not specified\n");
        }
        GenerationRequest.Builder builder = GenerationRequest.builder();
        try {
            builder.model(ImageModel.of(modelId));
        } catch (InvalidRequestException e) {
            throw ApiError.notFound(notFoundMessage(modelId));
        }
        List<Turn> history = new ArrayList<>();
        Optional<String> prompt = Optional.empty();
        List<Long> sizes = new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            JsonValue value = contents.get(i);
            String where = "contents[" + i + "]";
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw JsonMembers.invalidValue(where, value);
            }
            JsonObject content = value.asJsonObject();
            String role = JsonMembers.string(content, "role", where).orElse("user");
            List<JsonValue> parts = JsonMembers.array(content, "parts", where);
            if (parts.isEmpty()) {
                throw ApiError.invalidArgument("* GenerateContentRequest.contents[" + i + "].parts: contents.parts must "
                        + "not be empty.\n");
            }
            boolean last = i == contents.size() - 1;
            if (role.equals("model")) {
                if (last) {
                    throw ApiError.invalidArgument("Please ensure that multiturn requests alternate between user and "
                            + "model, and that the last turn is a user turn.");
                }
                history.add(new Turn.Model(modelParts(parts, where)));
            } else if (role.equals("user")) {
                UserParts user = userParts(parts, where, files);
                if (last) {
                    prompt = user.text;
                    user.text.ifPresent(builder::prompt);
                    user.images.forEach(builder::addImage);
                    user.images.forEach(image -> sizes.add(image.sizeBytes()));
                } else {
                    history.add(new Turn.User(user.text, user.images));
                }
            } else {
                throw ApiError.invalidArgument("Please use a valid role: user, model.");
            }
        }
        builder.history(history);
        JsonMembers.object(body, "systemInstruction", "").ifPresent(instruction -> {
            UserParts parts = userParts(JsonMembers.array(instruction, "parts", "system_instruction"), "system_instruction",
                    files);
            parts.text.ifPresent(builder::systemInstruction);
        });
        List<JsonValue> safety = JsonMembers.array(body, "safetySettings", "");
        for (int i = 0; i < safety.size(); i++) {
            String where = "safety_settings[" + i + "]";
            JsonObject setting = safety.get(i).asJsonObject();
            String category = JsonMembers.string(setting, "category", where).orElse("HARM_CATEGORY_UNSPECIFIED");
            String threshold = JsonMembers.string(setting, "threshold", where).orElse("");
            try {
                builder.addSafetySetting(HarmCategory.of(category), HarmBlockThreshold.valueOf(threshold));
            } catch (IllegalArgumentException e) {
                throw ApiError.invalidArgument("Invalid value at '" + where + ".threshold' "
                        + "(type.googleapis.com/google.ai.generativelanguage.v1beta.SafetySetting.HarmBlockThreshold), \""
                        + threshold + "\"");
            }
        }
        JsonMembers.object(body, "generationConfig", "").ifPresent(config -> generationConfig(config, modelId, builder));
        grounding(JsonMembers.array(body, "tools", "")).ifPresent(builder::grounding);
        JsonMembers.object(body, "outputConfig", "").flatMap(config -> JsonMembers.string(config, "outputUriPrefix", "output_config"))
                .ifPresent(prefix -> builder.vertexOptions(VertexOptions.NONE.withOutputUriPrefix(prefix)));
        JsonMembers.string(body, "serviceTier", "").ifPresent(tier -> builder.serviceTier(serviceTier(tier)));
        JsonMembers.string(body, "continuationToken", "").ifPresent(builder::continuationToken);
        try {
            return new Decoded(builder.build(), prompt, List.copyOf(sizes));
        } catch (InvalidRequestException e) {
            throw ApiError.invalidArgument(e.getMessage());
        }
    }

    /** Google's 404 for a model id it does not serve. */
    public static String notFoundMessage(String modelId) {
        return "models/" + modelId + " is not found for API version v1beta, or is not supported for generateContent. "
                + "Call ListModels to see the list of available models and their supported methods.";
    }

    /**
     * The search grounding of {@code tools[].googleSearch}: its {@code searchTypes} ({@code webSearch},
     * {@code imageSearch}), web search when it names none, as the API reads it.
     */
    private static Optional<SearchGrounding> grounding(List<JsonValue> tools) {
        boolean web = false;
        boolean image = false;
        for (int i = 0; i < tools.size(); i++) {
            if (tools.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
                throw JsonMembers.invalidValue("tools[" + i + "]", tools.get(i));
            }
            Optional<JsonObject> search = JsonMembers.object(tools.get(i).asJsonObject(), "googleSearch", "tools[" + i + "]");
            if (search.isEmpty()) {
                continue;
            }
            Optional<JsonObject> types = JsonMembers.object(search.get(), "searchTypes", "tools[" + i + "].google_search");
            boolean webType = types.flatMap(t -> JsonMembers.member(t, "webSearch")).isPresent();
            boolean imageType = types.flatMap(t -> JsonMembers.member(t, "imageSearch")).isPresent();
            web |= webType || !imageType;
            image |= imageType;
        }
        if (web && image) {
            return Optional.of(SearchGrounding.WEB_AND_IMAGE);
        }
        return web ? Optional.of(SearchGrounding.WEB) : image ? Optional.of(SearchGrounding.IMAGE) : Optional.empty();
    }

    private static void generationConfig(JsonObject config, String modelId, GenerationRequest.Builder builder) {
        String where = "generation_config";
        JsonMembers.requireKnown(config, GENERATION_CONFIG, "generationConfig");
        List<JsonValue> modalities = JsonMembers.array(config, "responseModalities", where);
        if (!modalities.isEmpty()) {
            boolean text = false;
            for (JsonValue modality : modalities) {
                String word = modality instanceof jakarta.json.JsonString s ? s.getString().toUpperCase(Locale.ROOT) : "";
                if (!Set.of("TEXT", "IMAGE", "AUDIO", "MODALITY_UNSPECIFIED").contains(word)) {
                    throw JsonMembers.invalidValue(where + ".response_modalities", modality);
                }
                text |= word.equals("TEXT");
            }
            builder.responseModalities(text ? ResponseModalities.TEXT_AND_IMAGE : ResponseModalities.IMAGE_ONLY);
        }
        JsonMembers.object(config, "imageConfig", where).ifPresent(image -> {
            JsonMembers.string(image, "aspectRatio", where + ".image_config").ifPresent(ratio -> {
                try {
                    builder.aspectRatio(AspectRatio.parse(ratio));
                } catch (InvalidRequestException e) {
                    throw ApiError.invalidArgument("Unsupported aspect ratio: " + ratio + ". " + e.getMessage());
                }
            });
            JsonMembers.string(image, "imageSize", where + ".image_config").ifPresent(size -> {
                if (!IMAGE_SIZES.contains(size)) {
                    throw ApiError.invalidArgument("Invalid image size \"" + size + "\"; supported values are "
                            + "\"512\", \"1K\", \"2K\" and \"4K\" (uppercase K).");
                }
                builder.imageSize(ImageSize.parse(size));
            });
        });
        JsonMembers.integer(config, "candidateCount", where).ifPresent(builder::candidateCount);
        JsonMembers.number(config, "temperature", where).ifPresent(builder::temperature);
        JsonMembers.number(config, "topP", where).ifPresent(builder::topP);
        JsonMembers.integer(config, "topK", where).ifPresent(builder::topK);
        JsonMembers.integer(config, "seed", where).ifPresent(builder::seed);
        JsonMembers.object(config, "thinkingConfig", where).ifPresent(thinking -> {
            if (!ImageModel.of(modelId).family().takesThinkingConfig()) {
                throw ApiError.invalidArgument("Thinking is not enabled for models/" + modelId);
            }
            if (JsonMembers.member(thinking, "thinkingLevel").isPresent()
                    && JsonMembers.member(thinking, "thinkingBudget").isPresent()) {
                throw ApiError.invalidArgument("You can only set only one of thinking budget and thinking level.");
            }
            builder.includeThoughts(JsonMembers.bool(thinking, "includeThoughts", where + ".thinking_config"));
        });
    }

    private record UserParts(Optional<String> text, List<ImageInput> images) {
    }

    private static UserParts userParts(List<JsonValue> parts, String where, FileResolver files) {
        StringBuilder text = null;
        List<ImageInput> images = new ArrayList<>();
        for (int j = 0; j < parts.size(); j++) {
            String at = where + ".parts[" + j + "]";
            JsonObject part = parts.get(j).asJsonObject();
            Optional<String> partText = JsonMembers.string(part, "text", at);
            Optional<JsonObject> inline = JsonMembers.object(part, "inlineData", at);
            Optional<JsonObject> file = JsonMembers.object(part, "fileData", at);
            if (partText.isPresent()) {
                text = text == null ? new StringBuilder(partText.get()) : text.append('\n').append(partText.get());
            } else if (inline.isPresent()) {
                String mime = JsonMembers.string(inline.get(), "mimeType", at + ".inline_data").orElse("");
                byte[] bytes = base64(JsonMembers.string(inline.get(), "data", at + ".inline_data").orElse(""),
                        at + ".inline_data.data");
                images.add(ImageInput.ofOwnedBytes(bytes, mediaType(mime)));
            } else if (file.isPresent()) {
                String mime = JsonMembers.string(file.get(), "mimeType", at + ".file_data").orElse("");
                String uri = JsonMembers.string(file.get(), "fileUri", at + ".file_data").orElse("");
                URI parsed;
                try {
                    parsed = URI.create(uri);
                } catch (IllegalArgumentException e) {
                    throw ApiError.invalidArgument("Invalid file_uri: " + uri);
                }
                images.add(files.resolve(parsed, mediaType(mime)));
            }
        }
        return new UserParts(Optional.ofNullable(text).map(StringBuilder::toString), images);
    }

    private static List<Part> modelParts(List<JsonValue> parts, String where) {
        List<Part> out = new ArrayList<>();
        for (int j = 0; j < parts.size(); j++) {
            String at = where + ".parts[" + j + "]";
            JsonObject part = parts.get(j).asJsonObject();
            boolean thought = JsonMembers.bool(part, "thought", at);
            Optional<String> signature = JsonMembers.string(part, "thoughtSignature", at);
            Optional<String> text = JsonMembers.string(part, "text", at);
            Optional<JsonObject> inline = JsonMembers.object(part, "inlineData", at);
            if (text.isPresent()) {
                out.add(new Part.Text(text.get(), thought, signature));
            } else if (inline.isPresent()) {
                String mime = JsonMembers.string(inline.get(), "mimeType", at + ".inline_data").orElse("");
                byte[] bytes = base64(JsonMembers.string(inline.get(), "data", at + ".inline_data").orElse(""),
                        at + ".inline_data.data");
                out.add(new Part.Image(GeneratedImage.ofOwnedBytes(mime, bytes), thought, signature));
            } else {
                out.add(new Part.Other(part.toString(), thought, signature));
            }
        }
        return out;
    }

    private static MediaType mediaType(String mime) {
        return MediaType.fromMimeType(mime).orElseThrow(() -> ApiError.invalidArgument(
                "Unsupported MIME type: " + mime));
    }

    /** Standard or URL-safe base64, padded or not, as proto3 JSON parsers accept. */
    private static byte[] base64(String data, String where) {
        try {
            String normal = data.replace('-', '+').replace('_', '/');
            normal += "===".substring(0, (4 - normal.length() % 4) % 4);
            return Base64.getDecoder().decode(normal);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidArgument("Invalid value at '" + where + "' (TYPE_BYTES), Base64 decoding failed for \""
                    + (data.length() > 40 ? data.substring(0, 40) + "..." : data) + "\"");
        }
    }
}
