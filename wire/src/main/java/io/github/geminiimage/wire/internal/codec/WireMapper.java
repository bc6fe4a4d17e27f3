package io.github.geminiimage.wire.internal.codec;

import io.github.geminiimage.domain.BlockReason;
import io.github.geminiimage.domain.Candidate;
import io.github.geminiimage.domain.FinishReason;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.HarmCategory;
import io.github.geminiimage.domain.HarmProbability;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.Modality;
import io.github.geminiimage.domain.ModalityTokens;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.PromptFeedback;
import io.github.geminiimage.domain.SafetyRating;
import io.github.geminiimage.domain.ServedTier;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.grounding.Grounding;
import io.github.geminiimage.domain.grounding.GroundingSource;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Binds the scanner's compacted JSON with JSON-B and maps the wire records to the domain. */
final class WireMapper {

    /** Thread-safe and costly to build: one for the process. */
    private static final Jsonb JSONB = JsonbBuilder.create();

    private final JsonScanner scanner;

    WireMapper(JsonScanner scanner) {
        this.scanner = scanner;
    }

    /** The compacted JSON bound to {@code type}. */
    <T> T bind(Class<T> type, String shape) {
        try {
            return JSONB.fromJson(new String(scanner.compactBytes(), 0, scanner.compactSize(), StandardCharsets.UTF_8), type);
        } catch (RuntimeException e) {
            String why = String.valueOf(e.getMessage());
            throw scanner.malformed("the JSON does not have the shape of " + shape + ": "
                    + (why.length() > 200 ? why.substring(0, 200) + "..." : why));
        }
    }

    GenerationResult result(Wire.Response wire) {
        List<Candidate> candidates = new ArrayList<>();
        List<Wire.Candidate> wireCandidates = orEmpty(wire.candidates());
        for (int i = 0; i < wireCandidates.size(); i++) {
            Wire.Candidate c = wireCandidates.get(i);
            String where = "candidate " + i + ": ";
            List<Part> parts = parts(c.content(), i, "candidate");
            candidates.add(new Candidate(c.index() == null ? 0 : exactInt(c.index(), where + "index"), parts,
                    Optional.ofNullable(c.finishReason()).map(FinishReason::of), Optional.ofNullable(c.finishMessage()),
                    ratings(c.safetyRatings()), grounding(c.groundingMetadata()), Optional.ofNullable(c.continuationToken())));
        }
        Optional<PromptFeedback> feedback = Optional.ofNullable(wire.promptFeedback())
                .map(f -> new PromptFeedback(Optional.ofNullable(f.blockReason()).map(BlockReason::of),
                        Optional.ofNullable(f.blockReasonMessage()), ratings(f.safetyRatings())));
        Optional<String> trafficType = Optional.ofNullable(wire.usageMetadata()).map(Wire.Usage::trafficType);
        return new GenerationResult(candidates, feedback, usage(wire.usageMetadata()),
                Optional.ofNullable(wire.modelVersion()), Optional.ofNullable(wire.responseId()),
                new ServedTier(Optional.empty(), trafficType), Optional.empty());
    }

    /** The parts of candidate or content {@code outer}, each joined with what the scanner cut out of it. */
    List<Part> parts(Wire.Content content, int outer, String label) {
        List<Wire.Part> wireParts = content == null ? List.of() : orEmpty(content.parts());
        List<PartRecord> records = scanner.parts(outer);
        if (records.size() != wireParts.size()) {
            throw scanner.malformed(label + " " + outer + ": " + wireParts.size() + " parts were bound but "
                    + records.size() + " were read");
        }
        List<Part> parts = new ArrayList<>(wireParts.size());
        for (int j = 0; j < wireParts.size(); j++) {
            parts.add(part(wireParts.get(j), records.get(j), label + " " + outer + ", part " + j + ": "));
        }
        return parts;
    }

    /** A part joined with what the scanner cut out of it ({@code where} starts its messages). */
    Part part(Wire.Part wire, PartRecord record, String where) {
        boolean thought = Boolean.TRUE.equals(wire.thought());
        Optional<String> signature = Optional.ofNullable(record.signature);
        if (wire.inlineData() != null) {
            if (wire.text() != null) {
                throw scanner.malformed(where + "a part with both text and inlineData");
            }
            if (!record.hasData) {
                throw scanner.malformed(where + "inlineData has no data");
            }
            String mimeType = wire.inlineData().mimeType();
            if (record.written != null) {
                return writtenPart(record, mimeType, thought, signature, where);
            }
            if (mimeType == null) {
                mimeType = MediaType.sniff(record.data, record.dataLength).map(MediaType::mimeType)
                        .orElseThrow(() -> scanner.malformed(where + "inlineData has no mimeType"));
            }
            if (mimeType.regionMatches(true, 0, "image/", 0, 6)) {
                return new Part.Image(GeneratedImage.ofOwnedBytes(mimeType, record.data, record.dataLength),
                        thought, signature);
            }
            // Not an image (audio, a document): kept as it came so that it can be replayed.
            return new Part.Other(scanner.rawJson(record), thought, signature);
        }
        if (wire.text() != null) {
            return new Part.Text(wire.text(), thought, signature);
        }
        Optional<GeneratedImage> byReference = imageByReference(wire.fileData());
        if (byReference.isPresent()) {
            return new Part.Image(byReference.get(), thought, signature);
        }
        return new Part.Other(scanner.rawJson(record), thought, signature);
    }

    /** Grounding metadata, when present with anything in it (docs/wire-format.md, "Grounding with Google Search"). */
    private static Optional<Grounding> grounding(Wire.GroundingMetadata wire) {
        if (wire == null) {
            return Optional.empty();
        }
        List<GroundingSource> sources = new ArrayList<>();
        for (Wire.GroundingChunk chunk : orEmpty(wire.groundingChunks())) {
            if (chunk == null) {
                continue;
            }
            if (chunk.image() != null) {
                Wire.ImageChunk image = chunk.image();
                sources.add(GroundingSource.image(image.imageUri(), image.sourceUri(), image.title(), image.domain()));
            } else if (chunk.web() != null) {
                Wire.WebChunk web = chunk.web();
                sources.add(new GroundingSource(Optional.ofNullable(web.title()), Optional.ofNullable(web.uri()),
                        Optional.empty(), Optional.ofNullable(web.domain())));
            }
        }
        Grounding grounding = new Grounding(strings(wire.webSearchQueries()), strings(wire.imageSearchQueries()), sources);
        return grounding.isEmpty() ? Optional.empty() : Optional.of(grounding);
    }

    private static List<String> strings(List<Object> wire) {
        List<String> values = new ArrayList<>();
        for (Object value : orEmpty(wire)) {
            if (value instanceof String text) {
                values.add(text);
            }
        }
        return values;
    }

    /**
     * An image part given by reference ({@code fileData {fileUri, mimeType}}, as Vertex AI answers
     * when the request set an output prefix); empty for other file data, which stays an unknown part.
     */
    private static Optional<GeneratedImage> imageByReference(Wire.FileData file) {
        if (file == null || file.fileUri() == null || file.mimeType() == null
                || !file.mimeType().regionMatches(true, 0, "image/", 0, 6)) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(file.fileUri());
            return uri.isAbsolute() ? Optional.of(GeneratedImage.ofReference(file.mimeType(), uri)) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** A part whose data went to a sink: an image described, or anything else taken back to be kept as JSON. */
    private Part writtenPart(PartRecord record, String declared, boolean thought, Optional<String> signature, String where) {
        String mimeType = declared != null ? declared : record.written.sniffed().map(MediaType::mimeType)
                .orElseThrow(() -> scanner.malformed(where + "inlineData has no mimeType"));
        if (mimeType.regionMatches(true, 0, "image/", 0, 6)) {
            return new Part.Image(record.written.image(mimeType), thought, signature);
        }
        try {
            record.data = record.written.takeBack().orElse(new byte[0]);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        record.dataLength = record.data.length;
        return new Part.Other(scanner.rawJson(record), thought, signature);
    }

    private static List<SafetyRating> ratings(List<Wire.SafetyRating> wire) {
        List<SafetyRating> ratings = new ArrayList<>();
        for (Wire.SafetyRating r : orEmpty(wire)) {
            ratings.add(new SafetyRating(
                    r.category() == null ? HarmCategory.HARM_CATEGORY_UNSPECIFIED : HarmCategory.of(r.category()),
                    r.probability() == null ? HarmProbability.HARM_PROBABILITY_UNSPECIFIED : HarmProbability.of(r.probability()),
                    Boolean.TRUE.equals(r.blocked())));
        }
        return ratings;
    }

    private Usage usage(Wire.Usage u) {
        if (u == null) {
            return Usage.NONE;
        }
        return new Usage(count(u.promptTokenCount(), "promptTokenCount"),
                count(u.candidatesTokenCount(), "candidatesTokenCount"),
                count(u.totalTokenCount(), "totalTokenCount"),
                count(u.thoughtsTokenCount(), "thoughtsTokenCount"),
                count(u.cachedContentTokenCount(), "cachedContentTokenCount"),
                count(u.toolUsePromptTokenCount(), "toolUsePromptTokenCount"),
                details(u.promptTokensDetails(), "promptTokensDetails"),
                details(u.candidatesTokensDetails(), "candidatesTokensDetails"),
                details(u.cacheTokensDetails(), "cacheTokensDetails"),
                details(u.toolUsePromptTokensDetails(), "toolUsePromptTokensDetails"));
    }

    private List<ModalityTokens> details(List<Wire.ModalityTokens> wire, String name) {
        List<ModalityTokens> details = new ArrayList<>();
        for (Wire.ModalityTokens t : orEmpty(wire)) {
            details.add(new ModalityTokens(t.modality() == null ? Modality.MODALITY_UNSPECIFIED : Modality.of(t.modality()),
                    count(t.tokenCount(), "usageMetadata." + name + ".tokenCount")));
        }
        return details;
    }

    private long count(BigDecimal value, String name) {
        if (value == null) {
            return 0;
        }
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw scanner.malformed(name + " is not a whole number of tokens");
        }
    }

    private int exactInt(BigDecimal value, String name) {
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            throw scanner.malformed(name + " is not a whole number");
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
