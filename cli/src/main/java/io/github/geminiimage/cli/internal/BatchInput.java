package io.github.geminiimage.cli.internal;

import io.github.geminiimage.domain.AspectRatio;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.ImageSize;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.ModelFamily;
import io.github.geminiimage.domain.batch.KeyedRequest;
import io.github.geminiimage.domain.error.InvalidRequestException;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * The input file of {@code batch submit}: one JSON object per line with exactly the names
 * {@code key} and {@code prompt} (required) and {@code images}, {@code aspectRatio},
 * {@code imageSize} (optional; a line's value overrides the option). Images are paths (relative to
 * the input file's folder), {@code files/...} names, or {@code https://} URLs; the type of a
 * reference is taken from its extension, PNG when it has none. Blank lines are skipped.
 *
 * <p>{@link #check()} reads the whole file once and reports every bad line with its number, before
 * anything is sent; {@link #requests()} then reads it again, one line at a time, as the port consumes it.
 */
final class BatchInput {

    /** Bad lines reported at most. */
    static final int MAX_REPORTED = 20;
    private static final int MAX_LINE_CHARS = 1024 * 1024;
    private static final Set<String> NAMES = Set.of("key", "prompt", "images", "aspectRatio", "imageSize");

    private final Path file;
    private final String model;
    private final Optional<String> aspectRatio;
    private final Optional<String> imageSize;

    BatchInput(Path file, String model, Optional<String> aspectRatio, Optional<String> imageSize) {
        this.file = file.toAbsolutePath().normalize();
        this.model = model;
        this.aspectRatio = aspectRatio;
        this.imageSize = imageSize;
    }

    Path file() {
        return file;
    }

    /**
     * Reads every line and checks it.
     *
     * @return the number of requests
     * @throws InvalidRequestException listing the bad lines (at most {@value #MAX_REPORTED}) with their numbers
     * @throws FileProblem if the file cannot be read
     */
    long check() {
        List<String> problems = new ArrayList<>();
        long bad = 0;
        long count = 0;
        Set<String> keys = new HashSet<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    KeyedRequest request = parse(line, number);
                    if (!keys.add(request.key())) {
                        throw new InvalidRequestException("key", request.key(), "a key no other line uses");
                    }
                    count++;
                } catch (InvalidRequestException e) {
                    bad++;
                    if (problems.size() < MAX_REPORTED) {
                        problems.add("line " + number + ": " + e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            throw new FileProblem("cannot read the input " + file + ": " + e.getMessage(), e);
        }
        if (bad > 0) {
            String more = bad > problems.size() ? System.lineSeparator() + "  ... and " + (bad - problems.size()) + " more" : "";
            throw new InvalidRequestException("input", file + " has " + bad + " bad line(s); nothing was sent:"
                    + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", problems) + more, (Throwable) null);
        }
        if (count == 0) {
            throw new InvalidRequestException("input", file + " holds no request; nothing was sent", (Throwable) null);
        }
        return count;
    }

    /** The requests, read lazily from the file each time the iterable is iterated. */
    Iterable<KeyedRequest> requests() {
        return () -> new Iterator<>() {
            private final BufferedReader reader = open();
            private long number;
            private KeyedRequest next;

            @Override
            public boolean hasNext() {
                try {
                    while (next == null) {
                        String line = reader.readLine();
                        if (line == null) {
                            reader.close();
                            return false;
                        }
                        number++;
                        if (!line.isBlank()) {
                            next = parse(line, number);
                        }
                    }
                    return true;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public KeyedRequest next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                KeyedRequest result = next;
                next = null;
                return result;
            }
        };
    }

    private BufferedReader open() {
        try {
            return Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FileProblem("cannot read the input " + file + ": " + e.getMessage(), e);
        }
    }

    private KeyedRequest parse(String line, long number) {
        if (line.length() > MAX_LINE_CHARS) {
            throw new InvalidRequestException("line", "has " + line.length() + " characters, more than " + MAX_LINE_CHARS, (Throwable) null);
        }
        String key = null;
        String prompt = null;
        List<String> images = new ArrayList<>();
        Optional<String> ratio = aspectRatio;
        Optional<String> size = imageSize;
        // Read as the only element of an array: JSON-B stops after the first value it binds, so a
        // second object on the line would otherwise be dropped silently; inside an array it is an
        // element too many (or, without a comma, a syntax error).
        List<?> values;
        try {
            values = CliJson.read(new ByteArrayInputStream(("[" + line + "\n]").getBytes(StandardCharsets.UTF_8)), List.class);
        } catch (IOException e) {
            throw new InvalidRequestException("line", "is not a JSON object (" + e.getMessage() + ")", (Throwable) null);
        }
        if (values.size() != 1 || !(values.get(0) instanceof Map<?, ?> object)) {
            throw new InvalidRequestException("line", values.size() > 1 ? "has more after its object; one object per line"
                    : "is not a JSON object", (Throwable) null);
        }
        for (Map.Entry<?, ?> member : object.entrySet()) {
            String name = (String) member.getKey();
            Object value = member.getValue();
            if (!NAMES.contains(name)) {
                throw new InvalidRequestException(name, "is not a known name; a line holds exactly key, prompt, images, "
                        + "aspectRatio, imageSize", (Throwable) null);
            }
            if (name.equals("images")) {
                if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
                    throw new InvalidRequestException(name, "must be an array of strings", (Throwable) null);
                }
                list.forEach(image -> images.add((String) image));
                continue;
            }
            if (!(value instanceof String text)) {
                throw new InvalidRequestException(name, "must be a string", (Throwable) null);
            }
            switch (name) {
                case "key" -> key = text;
                case "prompt" -> prompt = text;
                case "aspectRatio" -> ratio = Optional.of(text);
                default -> size = Optional.of(text);
            }
        }
        if (key == null || prompt == null) {
            throw new InvalidRequestException(key == null ? "key" : "prompt", "is missing; key and prompt are required", (Throwable) null);
        }
        GenerationRequest.Builder builder = GenerationRequest.builder().model(model).prompt(prompt);
        ratio.ifPresent(r -> builder.aspectRatio(ratio(r)));
        size.ifPresent(s -> builder.imageSize(ImageSize.parse(s)));
        for (String image : images) {
            builder.addImage(image(image));
        }
        return KeyedRequest.of(key, builder.build());
    }

    /** The ratio; one that is not a ratio at all is refused listing only the ratios of the job's model. */
    private AspectRatio ratio(String value) {
        try {
            return AspectRatio.parse(value);
        } catch (InvalidRequestException e) {
            ModelFamily family = ModelFamily.of(model);
            throw new InvalidRequestException("aspectRatio", value, "one of " + family.aspectRatios().stream().sorted()
                    .map(AspectRatio::value).toList() + " for " + (family == ModelFamily.UNKNOWN ? "model " : "") + model);
        }
    }

    private ImageInput image(String reference) {
        if (reference.startsWith("files/")) {
            return ImageInput.ofStoredFile(reference, typeOf(reference));
        }
        if (reference.startsWith("https://") || reference.startsWith("gs://")) {
            return ImageInput.ofUri(URI.create(reference), typeOf(URI.create(reference).getPath()));
        }
        return ImageInput.ofFile(file.getParent().resolve(reference));
    }

    private static MediaType typeOf(String path) {
        String lower = path == null ? "" : path.toLowerCase(Locale.ROOT);
        for (MediaType type : MediaType.values()) {
            if (lower.endsWith("." + type.fileExtension()) || type == MediaType.JPEG && lower.endsWith(".jpeg")) {
                return type;
            }
        }
        return MediaType.PNG;
    }
}
