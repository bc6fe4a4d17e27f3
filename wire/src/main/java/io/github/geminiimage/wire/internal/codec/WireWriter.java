package io.github.geminiimage.wire.internal.codec;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.SafetySetting;
import io.github.geminiimage.domain.SearchGrounding;
import io.github.geminiimage.domain.Turn;
import io.github.geminiimage.domain.VertexOptions;
import io.github.geminiimage.domain.error.InvalidRequestException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes requests and conversations in the wire shape (camelCase, only the fields that are set)
 * to a {@link JsonOutput}. The same code counts and writes, so lengths are exact.
 */
final class WireWriter {

    private WireWriter() {
    }

    /** Writes a {@code generateContent} request body. */
    static void request(GenerationRequest request, JsonOutput o) throws IOException {
        o.ascii("{\"contents\":[");
        turns(request.history(), "history", o);
        if (!request.history().isEmpty()) {
            o.ascii(',');
        }
        o.at("", -1, -1);
        userTurn(request.userTurn(), o);
        o.ascii(']');
        if (request.systemInstruction().isPresent()) {
            o.ascii(",\"systemInstruction\":{\"parts\":[{\"text\":");
            o.string(request.systemInstruction().get(), "systemInstruction");
            o.ascii("}]}");
        }
        generationConfig(request, o);
        List<SafetySetting> settings = request.safetySettings();
        if (!settings.isEmpty()) {
            o.ascii(",\"safetySettings\":[");
            for (int i = 0; i < settings.size(); i++) {
                if (i > 0) {
                    o.ascii(',');
                }
                o.ascii("{\"category\":");
                o.string(settings.get(i).category().value(), "safetySettings.category");
                o.ascii(",\"threshold\":");
                o.string(settings.get(i).threshold().name(), "safetySettings.threshold");
                o.ascii('}');
            }
            o.ascii(']');
        }
        tools(request, o);
        labels(request.vertexOptions().labels(), o);
        if (request.vertexOptions().outputUriPrefix().isPresent()) {
            // Vertex AI only (refused on the Gemini API before encoding): the images go to Cloud Storage.
            o.ascii(",\"outputConfig\":{\"outputUriPrefix\":");
            o.string(request.vertexOptions().outputUriPrefix().get(), "outputConfig.outputUriPrefix");
            o.ascii('}');
        }
        if (request.serviceTier().isPresent()) {
            // Top level and lower case, as java-genai 2.3.0 sends it (docs/wire-format.md, "Service tiers").
            o.ascii(",\"serviceTier\":\"" + request.serviceTier().get().value() + "\"");
        }
        if (request.continuationToken().isPresent()) {
            o.ascii(",\"continuationToken\":");
            o.string(request.continuationToken().get(), "continuationToken");
        }
        o.ascii('}');
    }

    /** {@code tools: [{"googleSearch": {"searchTypes": {...}}}]}, the shape java-genai 2.3.0 sends. */
    private static void tools(GenerationRequest request, JsonOutput o) throws IOException {
        if (request.grounding().isEmpty()) {
            return;
        }
        SearchGrounding grounding = request.grounding().get();
        o.ascii(",\"tools\":[{\"googleSearch\":{\"searchTypes\":{");
        if (grounding.webSearch()) {
            o.ascii("\"webSearch\":{}");
        }
        if (grounding.imageSearch()) {
            o.ascii(grounding.webSearch() ? ",\"imageSearch\":{}" : "\"imageSearch\":{}");
        }
        o.ascii("}}}]");
    }

    /** Writes a conversation document: {@code {"contents":[...]}}. */
    static void conversation(List<Turn> turns, JsonOutput o) throws IOException {
        o.ascii("{\"contents\":[");
        turns(turns, "turns", o);
        o.ascii("]}");
    }

    private static void generationConfig(GenerationRequest request, JsonOutput o) throws IOException {
        o.ascii(",\"generationConfig\":{\"responseModalities\":[");
        List<String> modalities = request.responseModalities().wireValues();
        for (int i = 0; i < modalities.size(); i++) {
            if (i > 0) {
                o.ascii(',');
            }
            o.string(modalities.get(i), "responseModalities");
        }
        o.ascii(']');
        if (request.candidateCount().isPresent()) {
            o.ascii(",\"candidateCount\":");
            o.ascii(Integer.toString(request.candidateCount().getAsInt()));
        }
        if (request.temperature().isPresent()) {
            o.ascii(",\"temperature\":");
            o.ascii(Double.toString(request.temperature().getAsDouble()));
        }
        if (request.topP().isPresent()) {
            o.ascii(",\"topP\":");
            o.ascii(Double.toString(request.topP().getAsDouble()));
        }
        if (request.topK().isPresent()) {
            o.ascii(",\"topK\":");
            o.ascii(Integer.toString(request.topK().getAsInt()));
        }
        if (request.seed().isPresent()) {
            o.ascii(",\"seed\":");
            o.ascii(Integer.toString(request.seed().getAsInt()));
        }
        imageConfig(request, o);
        // The builder refuses includeThoughts for families without thinking; this keeps it off the wire regardless.
        if (request.includeThoughts() && request.model().family().takesThinkingConfig()) {
            o.ascii(",\"thinkingConfig\":{\"includeThoughts\":true}");
        }
        o.ascii('}');
    }

    private static void imageConfig(GenerationRequest request, JsonOutput o) throws IOException {
        VertexOptions vertex = request.vertexOptions();
        boolean ratio = request.aspectRatio().isPresent();
        // The builder refuses imageSize for families without it; this keeps it off the wire regardless.
        boolean size = request.imageSize().isPresent() && request.model().family().takesImageSize();
        if (!ratio && !size && vertex.outputMimeType().isEmpty() && vertex.personGeneration().isEmpty()) {
            return;
        }
        o.ascii(",\"imageConfig\":{");
        String separator = "";
        if (ratio) {
            o.ascii("\"aspectRatio\":");
            o.string(request.aspectRatio().get().value(), "aspectRatio");
            separator = ",";
        }
        if (size) {
            o.ascii(separator + "\"imageSize\":");
            o.string(request.imageSize().get().value(), "imageSize");
            separator = ",";
        }
        // Vertex AI only: the call refuses them on the Gemini API before encoding.
        if (vertex.outputMimeType().isPresent()) {
            o.ascii(separator + "\"imageOutputOptions\":{\"mimeType\":");
            o.string(vertex.outputMimeType().get().mimeType(), "imageOutputOptions.mimeType");
            if (vertex.compressionQuality().isPresent()) {
                o.ascii(",\"compressionQuality\":" + vertex.compressionQuality().getAsInt());
            }
            o.ascii('}');
            separator = ",";
        }
        if (vertex.personGeneration().isPresent()) {
            o.ascii(separator + "\"personGeneration\":");
            o.string(vertex.personGeneration().get().name(), "personGeneration");
        }
        o.ascii('}');
    }

    private static void labels(Map<String, String> labels, JsonOutput o) throws IOException {
        if (labels.isEmpty()) {
            return;
        }
        o.ascii(",\"labels\":{");
        String separator = "";
        for (Map.Entry<String, String> label : labels.entrySet()) {
            o.ascii(separator);
            o.string(label.getKey(), "labels");
            o.ascii(':');
            o.string(label.getValue(), "labels");
            separator = ",";
        }
        o.ascii('}');
    }

    private static void turns(List<Turn> turns, String prefix, JsonOutput o) throws IOException {
        for (int t = 0; t < turns.size(); t++) {
            if (t > 0) {
                o.ascii(',');
            }
            o.at(prefix, t, -1);
            Turn turn = turns.get(t);
            if (turn instanceof Turn.User user) {
                userTurn(user, o);
            } else {
                modelTurn((Turn.Model) turn, prefix, t, o);
            }
        }
    }

    private static void userTurn(Turn.User turn, JsonOutput o) throws IOException {
        o.ascii("{\"role\":\"user\",\"parts\":[");
        boolean first = true;
        if (turn.text().isPresent()) {
            o.ascii("{\"text\":");
            o.string(turn.text().get(), "text");
            o.ascii('}');
            first = false;
        }
        for (ImageInput image : turn.images()) {
            if (!first) {
                o.ascii(',');
            }
            first = false;
            if (image.isReference()) {
                o.ascii("{\"fileData\":{\"mimeType\":");
                o.string(image.mediaType().mimeType(), "fileData.mimeType");
                o.ascii(",\"fileUri\":");
                o.string(image.uri().orElseThrow().toString(), "fileData.fileUri");
                o.ascii("}}");
                continue;
            }
            inlineData(image.mediaType().mimeType(), ImageSource.of(image), o);
        }
        o.ascii("]}");
    }

    private static void modelTurn(Turn.Model turn, String prefix, int t, JsonOutput o) throws IOException {
        o.ascii("{\"role\":\"model\",\"parts\":[");
        List<Part> parts = turn.parts();
        for (int p = 0; p < parts.size(); p++) {
            if (p > 0) {
                o.ascii(',');
            }
            o.at(prefix, t, p);
            part(parts.get(p), o);
        }
        o.ascii("]}");
    }

    /** Writes one part of a model turn (or of a reply's candidate) as it came, signature included. */
    static void part(Part part, JsonOutput o) throws IOException {
        if (part instanceof Part.Other other) {
            o.rawJson(other.json(), "json");
            return;
        }
        if (part instanceof Part.Text text) {
            o.ascii("{\"text\":");
            o.string(text.text(), "text");
        } else {
            Part.Image image = (Part.Image) part;
            o.ascii('{');
            if (image.image().isReference()) {
                o.ascii("\"fileData\":{\"mimeType\":");
                o.string(image.image().mimeType(), "fileData.mimeType");
                o.ascii(",\"fileUri\":");
                o.string(image.image().uri().orElseThrow().toString(), "fileData.fileUri");
                o.ascii('}');
            } else {
                inlineDataMember(image.image().mimeType(), ImageSource.of(image.image()), o);
            }
        }
        if (part.thought()) {
            o.ascii(",\"thought\":true");
        }
        Optional<String> signature = part.thoughtSignature();
        if (signature.isPresent()) {
            o.ascii(",\"thoughtSignature\":");
            o.string(signature.get(), "thoughtSignature");
        }
        o.ascii('}');
    }

    private static void inlineData(String mimeType, ImageSource image, JsonOutput o) throws IOException {
        o.ascii('{');
        inlineDataMember(mimeType, image, o);
        o.ascii('}');
    }

    private static void inlineDataMember(String mimeType, ImageSource image, JsonOutput o) throws IOException {
        o.ascii("\"inlineData\":{\"mimeType\":");
        o.string(mimeType, "inlineData.mimeType");
        o.ascii(",\"data\":\"");
        o.base64(image);
        o.ascii("\"}");
    }

    /** Every image of the request that is read from a file when sent. */
    static List<ImageSource> sources(List<Turn> history, List<ImageInput> current) {
        List<ImageSource> sources = new ArrayList<>();
        for (Turn turn : history) {
            if (turn instanceof Turn.User user) {
                user.images().forEach(i -> sources.add(ImageSource.of(i)));
            }
        }
        current.forEach(i -> sources.add(ImageSource.of(i)));
        return sources;
    }

    /**
     * Checks that every part kept as raw JSON is one JSON object, so the body is valid JSON.
     *
     * @throws InvalidRequestException naming the turn and part otherwise
     */
    static void checkRawParts(List<Turn> turns, String prefix) {
        for (int t = 0; t < turns.size(); t++) {
            if (turns.get(t) instanceof Turn.Model model) {
                for (int p = 0; p < model.parts().size(); p++) {
                    if (model.parts().get(p) instanceof Part.Other other) {
                        Optional<String> problem = JsonScanner.objectProblem(other.json());
                        if (problem.isPresent()) {
                            String field = prefix + "[" + t + "].parts[" + p + "].json";
                            throw new InvalidRequestException(field, field + ": the kept part is not one JSON object ("
                                    + problem.get() + ")", (Throwable) null);
                        }
                    }
                }
            }
        }
    }
}
