package io.github.geminiimage.http.internal;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.InvalidRequestException;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.SafetySetting;
import io.github.geminiimage.domain.Turn;
import io.github.geminiimage.http.RequestBody;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Encodes a {@link GenerationRequest} as the JSON body of {@code generateContent}. This version
 * builds the whole body in memory; the streaming encoder replaces it.
 */
public final class RequestEncoder {

    private RequestEncoder() {
    }

    /**
     * The request's body, with its exact length known up front, repeatable.
     *
     * @throws InvalidRequestException if an image file cannot be read
     */
    public static RequestBody encode(GenerationRequest request) {
        StringBuilder json = new StringBuilder(256);
        json.append("{\"contents\":[");
        boolean first = true;
        for (Turn turn : request.history()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            appendTurn(json, turn);
        }
        if (!first) {
            json.append(',');
        }
        appendTurn(json, request.userTurn());
        json.append(']');
        request.systemInstruction().ifPresent(text -> {
            json.append(",\"systemInstruction\":{\"parts\":[{\"text\":");
            string(json, text);
            json.append("}]}");
        });
        if (!request.safetySettings().isEmpty()) {
            json.append(",\"safetySettings\":[");
            List<SafetySetting> settings = request.safetySettings();
            for (int i = 0; i < settings.size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                json.append("{\"category\":");
                string(json, settings.get(i).category().value());
                json.append(",\"threshold\":");
                string(json, settings.get(i).threshold().name());
                json.append('}');
            }
            json.append(']');
        }
        json.append(",\"generationConfig\":{\"responseModalities\":[");
        List<String> modalities = request.responseModalities().wireValues();
        for (int i = 0; i < modalities.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            string(json, modalities.get(i));
        }
        json.append(']');
        request.candidateCount().ifPresent(n -> json.append(",\"candidateCount\":").append(n));
        request.temperature().ifPresent(t -> json.append(",\"temperature\":").append(t));
        request.topP().ifPresent(p -> json.append(",\"topP\":").append(p));
        request.topK().ifPresent(k -> json.append(",\"topK\":").append(k));
        request.seed().ifPresent(s -> json.append(",\"seed\":").append(s));
        if (request.aspectRatio().isPresent() || request.imageSize().isPresent()) {
            json.append(",\"imageConfig\":{");
            boolean any = false;
            if (request.aspectRatio().isPresent()) {
                json.append("\"aspectRatio\":");
                string(json, request.aspectRatio().get().value());
                any = true;
            }
            if (request.imageSize().isPresent()) {
                json.append(any ? "," : "").append("\"imageSize\":");
                string(json, request.imageSize().get().value());
            }
            json.append('}');
        }
        json.append("}}");
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        return new RequestBody() {
            @Override
            public long contentLength() {
                return bytes.length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(bytes);
            }
        };
    }

    private static void appendTurn(StringBuilder json, Turn turn) {
        if (turn instanceof Turn.User user) {
            json.append("{\"role\":\"user\",\"parts\":[");
            boolean first = true;
            if (user.text().isPresent()) {
                json.append("{\"text\":");
                string(json, user.text().get());
                json.append('}');
                first = false;
            }
            for (ImageInput image : user.images()) {
                json.append(first ? "" : ",");
                first = false;
                byte[] bytes;
                try {
                    bytes = image.readAllBytes();
                } catch (IOException e) {
                    throw new InvalidRequestException("images", "image " + image + " cannot be read: " + e.getMessage(), e);
                }
                json.append("{\"inlineData\":{\"mimeType\":");
                string(json, image.mediaType().mimeType());
                json.append(",\"data\":\"").append(Base64.getEncoder().encodeToString(bytes)).append("\"}}");
            }
            json.append("]}");
        } else if (turn instanceof Turn.Model model) {
            json.append("{\"role\":\"model\",\"parts\":[");
            List<Part> parts = model.parts();
            for (int i = 0; i < parts.size(); i++) {
                json.append(i > 0 ? "," : "");
                appendPart(json, parts.get(i));
            }
            json.append("]}");
        }
    }

    private static void appendPart(StringBuilder json, Part part) {
        if (part instanceof Part.Other other) {
            // Kept verbatim as received, signature and flags included.
            json.append(other.json());
            return;
        }
        json.append('{');
        if (part instanceof Part.Text text) {
            json.append("\"text\":");
            string(json, text.text());
        } else if (part instanceof Part.Image image) {
            json.append("\"inlineData\":{\"mimeType\":");
            string(json, image.image().mimeType());
            json.append(",\"data\":\"").append(Base64.getEncoder().encodeToString(image.image().bytes())).append("\"}");
        }
        if (part.thought()) {
            json.append(",\"thought\":true");
        }
        Optional<String> signature = part.thoughtSignature();
        if (signature.isPresent()) {
            json.append(",\"thoughtSignature\":");
            string(json, signature.get());
        }
        json.append('}');
    }

    private static void string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
