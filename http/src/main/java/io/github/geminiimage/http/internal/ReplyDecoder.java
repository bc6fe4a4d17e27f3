package io.github.geminiimage.http.internal;

import io.github.geminiimage.domain.BlockReason;
import io.github.geminiimage.domain.Candidate;
import io.github.geminiimage.domain.ErrorDetails;
import io.github.geminiimage.domain.FinishReason;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.HarmCategory;
import io.github.geminiimage.domain.HarmProbability;
import io.github.geminiimage.domain.MalformedResponseException;
import io.github.geminiimage.domain.Modality;
import io.github.geminiimage.domain.ModalityTokens;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.PromptFeedback;
import io.github.geminiimage.domain.ResponseTooLargeException;
import io.github.geminiimage.domain.SafetyRating;
import io.github.geminiimage.domain.Usage;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decodes a {@code GenerateContentResponse} body into a {@link GenerationResult}. This version
 * reads the whole body and parses a JSON-P tree; the streaming decoder replaces it.
 */
public final class ReplyDecoder {

    private ReplyDecoder() {
    }

    /**
     * Reads and decodes a reply body, reading at most {@code maxBytes} bytes of it.
     *
     * @throws MalformedResponseException if the body is not a valid reply
     * @throws ResponseTooLargeException if it is longer than {@code maxBytes}
     * @throws IOException if reading the stream fails
     */
    public static GenerationResult decode(InputStream body, OptionalLong declaredLength, long maxBytes) throws IOException {
        if (declaredLength.isPresent() && declaredLength.getAsLong() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        long total = 0;
        int n;
        while ((n = body.read(chunk)) != -1) {
            total += n;
            if (total > maxBytes) {
                throw tooLarge(maxBytes);
            }
            buffer.write(chunk, 0, n);
        }
        JsonObject root;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(buffer.toByteArray()))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw malformed("the reply is not a JSON object", null);
            }
            root = value.asJsonObject();
        } catch (JsonException e) {
            throw malformed("the reply is not valid JSON", e);
        }
        try {
            return result(root);
        } catch (ClassCastException | IllegalArgumentException | NullPointerException e) {
            throw malformed("the reply has an unexpected shape", e);
        }
    }

    private static GenerationResult result(JsonObject root) {
        List<Candidate> candidates = new ArrayList<>();
        JsonArray array = array(root, "candidates");
        for (int c = 0; c < array.size(); c++) {
            JsonObject candidate = array.getJsonObject(c);
            List<Part> parts = new ArrayList<>();
            JsonValue content = candidate.get("content");
            if (content != null && content.getValueType() == JsonValue.ValueType.OBJECT) {
                JsonArray partArray = array(content.asJsonObject(), "parts");
                for (int p = 0; p < partArray.size(); p++) {
                    parts.add(part(partArray.getJsonObject(p), c, p));
                }
            }
            candidates.add(new Candidate(candidate.getInt("index", 0), parts,
                    string(candidate, "finishReason").map(FinishReason::of), string(candidate, "finishMessage"),
                    ratings(array(candidate, "safetyRatings"))));
        }
        Optional<PromptFeedback> feedback = Optional.empty();
        if (root.get("promptFeedback") instanceof JsonObject pf) {
            feedback = Optional.of(new PromptFeedback(string(pf, "blockReason").map(BlockReason::of),
                    string(pf, "blockReasonMessage"), ratings(array(pf, "safetyRatings"))));
        }
        Usage usage = Usage.NONE;
        if (root.get("usageMetadata") instanceof JsonObject u) {
            usage = new Usage(count(u, "promptTokenCount"), count(u, "candidatesTokenCount"), count(u, "totalTokenCount"),
                    count(u, "thoughtsTokenCount"), count(u, "cachedContentTokenCount"), count(u, "toolUsePromptTokenCount"),
                    details(array(u, "promptTokensDetails")), details(array(u, "candidatesTokensDetails")),
                    details(array(u, "cacheTokensDetails")), details(array(u, "toolUsePromptTokensDetails")));
        }
        return new GenerationResult(candidates, feedback, usage, string(root, "modelVersion"), string(root, "responseId"));
    }

    private static Part part(JsonObject part, int c, int p) {
        boolean thought = part.getBoolean("thought", false);
        Optional<String> signature = string(part, "thoughtSignature");
        if (part.get("text") instanceof JsonString text) {
            return new Part.Text(text.getString(), thought, signature);
        }
        JsonValue inline = part.containsKey("inlineData") ? part.get("inlineData") : part.get("inline_data");
        if (inline instanceof JsonObject data) {
            String mime = string(data, "mimeType").or(() -> string(data, "mime_type")).orElse("application/octet-stream");
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(string(data, "data").orElse(""));
            } catch (IllegalArgumentException e) {
                throw malformed("candidate " + c + ", part " + p + ": invalid base64 image data", e);
            }
            return new Part.Image(GeneratedImage.ofOwnedBytes(mime, bytes), thought, signature);
        }
        return new Part.Other(part.toString(), thought, signature);
    }

    private static List<SafetyRating> ratings(JsonArray array) {
        List<SafetyRating> ratings = new ArrayList<>();
        for (JsonValue value : array) {
            JsonObject rating = value.asJsonObject();
            ratings.add(new SafetyRating(HarmCategory.of(string(rating, "category").orElse("HARM_CATEGORY_UNSPECIFIED")),
                    HarmProbability.of(string(rating, "probability").orElse("HARM_PROBABILITY_UNSPECIFIED")),
                    rating.getBoolean("blocked", false)));
        }
        return ratings;
    }

    private static List<ModalityTokens> details(JsonArray array) {
        List<ModalityTokens> details = new ArrayList<>();
        for (JsonValue value : array) {
            JsonObject detail = value.asJsonObject();
            details.add(new ModalityTokens(Modality.of(string(detail, "modality").orElse("MODALITY_UNSPECIFIED")),
                    count(detail, "tokenCount")));
        }
        return details;
    }

    private static JsonArray array(JsonObject object, String name) {
        return object.get(name) instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY;
    }

    private static Optional<String> string(JsonObject object, String name) {
        return object.get(name) instanceof JsonString s ? Optional.of(s.getString()) : Optional.empty();
    }

    private static long count(JsonObject object, String name) {
        return object.get(name) instanceof JsonNumber n ? n.longValue() : 0;
    }

    private static MalformedResponseException malformed(String message, Throwable cause) {
        return new MalformedResponseException(message, details(), cause);
    }

    private static ResponseTooLargeException tooLarge(long maxBytes) {
        return new ResponseTooLargeException("the reply is larger than the cap of " + maxBytes + " bytes", details());
    }

    private static ErrorDetails details() {
        return new ErrorDetails(200, Optional.empty(), Optional.empty(), 1, Optional.empty());
    }
}
