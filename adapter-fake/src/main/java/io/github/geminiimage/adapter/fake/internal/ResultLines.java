package io.github.geminiimage.adapter.fake.internal;

import io.github.geminiimage.domain.Candidate;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ModalityTokens;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.RpcStatus;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.wire.batch.BatchInputWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Writes the lines of a batch results file as the service writes them (wire-format-2.md §2.7,
 * vector 23): {@code {"response":{GenerateContentResponse},"key":"..."}} with {@code response}
 * first, as in the real file, or {@code {"key":"...","error":{"code","message","status"}}}.
 * Stateless.
 */
public final class ResultLines {

    private ResultLines() {
    }

    /** Writes the line of a request the model answered. */
    public static void writeResponse(OutputStream out, String key, GenerationResult result) throws IOException {
        StringBuilder json = new StringBuilder(256).append("{\"response\":{");
        boolean first = true;
        if (!result.candidates().isEmpty()) {
            json.append("\"candidates\":[");
            for (int i = 0; i < result.candidates().size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                out.write(ascii(json));
                json.setLength(0);
                writeCandidate(out, result.candidates().get(i));
            }
            json.append(']');
            first = false;
        }
        if (result.promptFeedback().isPresent() && result.promptFeedback().get().blockReason().isPresent()) {
            json.append(first ? "" : ",").append("\"promptFeedback\":{\"blockReason\":")
                    .append(BatchInputWriter.quote(result.promptFeedback().get().blockReason().get().value())).append('}');
            first = false;
        }
        json.append(first ? "" : ",").append("\"usageMetadata\":");
        usage(json, result.usage());
        result.modelVersion().ifPresent(v -> json.append(",\"modelVersion\":").append(BatchInputWriter.quote(v)));
        result.responseId().ifPresent(v -> json.append(",\"responseId\":").append(BatchInputWriter.quote(v)));
        json.append("},\"key\":").append(BatchInputWriter.quote(key)).append("}\n");
        out.write(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the line of a request that failed. */
    public static void writeError(OutputStream out, String key, RpcStatus status) throws IOException {
        String line = "{\"key\":" + BatchInputWriter.quote(key) + ",\"error\":{\"code\":" + status.code() + ",\"message\":"
                + BatchInputWriter.quote(status.message())
                + status.status().map(s -> ",\"status\":" + BatchInputWriter.quote(s)).orElse("") + "}}\n";
        out.write(line.getBytes(StandardCharsets.UTF_8));
    }

    /** The lines of one result, as bytes (for tests and small files). */
    public static byte[] responseLine(String key, GenerationResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeResponse(out, key, result);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    private static void writeCandidate(OutputStream out, Candidate candidate) throws IOException {
        StringBuilder json = new StringBuilder("{\"content\":{\"role\":\"model\",\"parts\":[");
        List<Part> parts = candidate.parts();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            Part part = parts.get(i);
            if (part instanceof Part.Text text) {
                json.append("{\"text\":").append(BatchInputWriter.quote(text.text()));
                tail(json, text.thought(), text.thoughtSignature());
            } else if (part instanceof Part.Image image) {
                GeneratedImage picture = image.image();
                json.append("{\"inlineData\":{\"mimeType\":").append(BatchInputWriter.quote(picture.mimeType()))
                        .append(",\"data\":\"");
                out.write(ascii(json));
                json.setLength(0);
                out.write(Base64.getEncoder().encode(picture.bytes()));
                json.append("\"}");
                tail(json, image.thought(), image.thoughtSignature());
            } else if (part instanceof Part.Other other) {
                json.append(other.json());
                continue;
            }
            json.append('}');
        }
        json.append("]}");
        candidate.finishReason().ifPresent(r -> json.append(",\"finishReason\":").append(BatchInputWriter.quote(r.value())));
        candidate.finishMessage().ifPresent(m -> json.append(",\"finishMessage\":").append(BatchInputWriter.quote(m)));
        json.append(",\"index\":").append(candidate.index()).append('}');
        out.write(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void tail(StringBuilder json, boolean thought, Optional<String> signature) {
        if (thought) {
            json.append(",\"thought\":true");
        }
        signature.ifPresent(s -> json.append(",\"thoughtSignature\":").append(BatchInputWriter.quote(s)));
    }

    private static void usage(StringBuilder json, Usage usage) {
        json.append("{\"promptTokenCount\":").append(usage.promptTokens())
                .append(",\"candidatesTokenCount\":").append(usage.candidatesTokens())
                .append(",\"totalTokenCount\":").append(usage.totalTokens());
        if (usage.thoughtsTokens() > 0) {
            json.append(",\"thoughtsTokenCount\":").append(usage.thoughtsTokens());
        }
        details(json, "promptTokensDetails", usage.promptDetails());
        details(json, "candidatesTokensDetails", usage.candidatesDetails());
        json.append('}');
    }

    private static void details(StringBuilder json, String name, List<ModalityTokens> details) {
        if (details.isEmpty()) {
            return;
        }
        json.append(",\"").append(name).append("\":[");
        for (int i = 0; i < details.size(); i++) {
            json.append(i > 0 ? "," : "").append("{\"modality\":").append(BatchInputWriter.quote(details.get(i).modality().value()))
                    .append(",\"tokenCount\":").append(details.get(i).tokens()).append('}');
        }
        json.append(']');
    }

    private static byte[] ascii(StringBuilder json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
