package io.github.geminiimage.domain;

import io.github.geminiimage.domain.error.InvalidRequestException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Request fields only Vertex AI accepts: the output format, whether people may be drawn, billing
 * labels, and a Cloud Storage prefix the images are written under. The Gemini API rejects them, so
 * a request carrying any is refused before sending unless it goes to a Vertex endpoint. Immutable;
 * start from {@link #NONE} and add with the {@code with...} methods.
 *
 * @param outputMimeType the format of the generated images: {@code image/png} or {@code image/jpeg}
 * @param compressionQuality the JPEG quality, 0 to 100 (JPEG output only)
 * @param personGeneration whether people may be drawn
 * @param labels billing labels: at most {@value #MAX_LABELS}; keys of 1 to 63 and values of 0 to 63
 *     lowercase letters, digits, {@code _} or {@code -}, keys starting with a letter; kept sorted by key
 * @param outputUriPrefix where Vertex AI writes the images, {@code gs://bucket/prefix/}
 *     ({@code outputConfig.outputUriPrefix})
 */
public record VertexOptions(Optional<MediaType> outputMimeType, OptionalInt compressionQuality,
        Optional<PersonGeneration> personGeneration, Map<String, String> labels, Optional<String> outputUriPrefix) {

    /** No Vertex-only field set. */
    public static final VertexOptions NONE = new VertexOptions(Optional.empty(), OptionalInt.empty(), Optional.empty(), Map.of(),
            Optional.empty());

    /** The most labels Google Cloud allows on a resource. */
    public static final int MAX_LABELS = 64;

    private static final String LABEL_KEY = "[a-z][a-z0-9_-]{0,62}";
    private static final String LABEL_VALUE = "[a-z0-9_-]{0,63}";

    /**
     * Checks every value and copies the labels.
     *
     * @throws InvalidRequestException naming the field, the value and the limit
     */
    public VertexOptions {
        Objects.requireNonNull(outputMimeType, "outputMimeType");
        Objects.requireNonNull(compressionQuality, "compressionQuality");
        Objects.requireNonNull(personGeneration, "personGeneration");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(outputUriPrefix, "outputUriPrefix");
        outputUriPrefix.filter(prefix -> !prefix.matches("gs://[a-z0-9][a-z0-9._-]{1,221}[a-z0-9](/.*)?")).ifPresent(prefix -> {
            throw new InvalidRequestException("outputConfig.outputUriPrefix", prefix,
                    "a Cloud Storage URI gs://BUCKET/PREFIX (lowercase bucket name of 3 to 222 characters)");
        });
        outputMimeType.filter(type -> type != MediaType.PNG && type != MediaType.JPEG).ifPresent(type -> {
            throw new InvalidRequestException("imageOutputOptions.mimeType", type.mimeType(), "image/png or image/jpeg");
        });
        if (compressionQuality.isPresent()) {
            int quality = compressionQuality.getAsInt();
            if (quality < 0 || quality > 100) {
                throw new InvalidRequestException("imageOutputOptions.compressionQuality", Integer.toString(quality), "0 to 100");
            }
            if (outputMimeType.isEmpty() || outputMimeType.get() != MediaType.JPEG) {
                throw new InvalidRequestException("imageOutputOptions.compressionQuality", Integer.toString(quality),
                        "only with outputMimeType image/jpeg");
            }
        }
        if (labels.size() > MAX_LABELS) {
            throw new InvalidRequestException("labels", labels.size() + " labels", "at most " + MAX_LABELS);
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        labels.forEach((key, value) -> {
            Objects.requireNonNull(key, "label key");
            Objects.requireNonNull(value, "label value");
            if (!key.matches(LABEL_KEY)) {
                throw new InvalidRequestException("labels", key,
                        "label keys of 1 to 63 lowercase letters, digits, _ or -, starting with a letter");
            }
            if (!value.matches(LABEL_VALUE)) {
                throw new InvalidRequestException("labels." + key, value, "0 to 63 lowercase letters, digits, _ or -");
            }
            sorted.put(key, value);
        });
        labels = Collections.unmodifiableMap(sorted);
    }

    /** Options with the fields before {@code outputUriPrefix}, and no output prefix. */
    public VertexOptions(Optional<MediaType> outputMimeType, OptionalInt compressionQuality,
            Optional<PersonGeneration> personGeneration, Map<String, String> labels) {
        this(outputMimeType, compressionQuality, personGeneration, labels, Optional.empty());
    }

    /**
     * These options with the Cloud Storage prefix Vertex AI writes the images under
     * ({@code outputConfig.outputUriPrefix}, e.g. {@code gs://my-bucket/renders/}); the reply then
     * names each image's {@code gs://} URI instead of carrying its bytes.
     *
     * @throws InvalidRequestException unless it is {@code gs://BUCKET} or {@code gs://BUCKET/PREFIX}
     */
    public VertexOptions withOutputUriPrefix(String prefix) {
        return new VertexOptions(outputMimeType, compressionQuality, personGeneration, labels,
                Optional.of(Objects.requireNonNull(prefix, "outputUriPrefix")));
    }

    /** These options with the output format ({@code imageConfig.imageOutputOptions.mimeType}). */
    public VertexOptions withOutputMimeType(MediaType type) {
        return new VertexOptions(Optional.of(Objects.requireNonNull(type, "outputMimeType")), compressionQuality,
                personGeneration, labels, outputUriPrefix);
    }

    /**
     * These options with the JPEG quality ({@code imageConfig.imageOutputOptions.compressionQuality});
     * set {@link #withOutputMimeType} to JPEG first.
     */
    public VertexOptions withCompressionQuality(int quality) {
        return new VertexOptions(outputMimeType, OptionalInt.of(quality), personGeneration, labels, outputUriPrefix);
    }

    /** These options with the person-generation rule ({@code imageConfig.personGeneration}). */
    public VertexOptions withPersonGeneration(PersonGeneration rule) {
        return new VertexOptions(outputMimeType, compressionQuality, Optional.of(Objects.requireNonNull(rule, "personGeneration")),
                labels, outputUriPrefix);
    }

    /** These options with one more label (replacing one of the same key). */
    public VertexOptions withLabel(String key, String value) {
        Map<String, String> more = new TreeMap<>(labels);
        more.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new VertexOptions(outputMimeType, compressionQuality, personGeneration, more, outputUriPrefix);
    }

    /** Whether no field is set. */
    public boolean isEmpty() {
        return outputMimeType.isEmpty() && compressionQuality.isEmpty() && personGeneration.isEmpty() && labels.isEmpty()
                && outputUriPrefix.isEmpty();
    }

    /**
     * The first field set, as named on the wire with its value (e.g.
     * {@code imageConfig.imageOutputOptions.mimeType = image/jpeg}), for messages; empty if none.
     */
    public Optional<String> firstField() {
        if (outputMimeType.isPresent()) {
            return Optional.of("imageConfig.imageOutputOptions.mimeType = " + outputMimeType.get().mimeType());
        }
        if (personGeneration.isPresent()) {
            return Optional.of("imageConfig.personGeneration = " + personGeneration.get());
        }
        if (!labels.isEmpty()) {
            return Optional.of("labels = " + labels);
        }
        if (outputUriPrefix.isPresent()) {
            return Optional.of("outputConfig.outputUriPrefix = " + outputUriPrefix.get());
        }
        return Optional.empty();
    }
}
