package io.github.geminiimage.cli.internal;

import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.NotFoundException;
import io.github.geminiimage.domain.error.PermissionDeniedException;
import io.github.geminiimage.domain.file.StoredFile;
import io.github.geminiimage.port.FilesPort;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Turns {@code --image} values into inputs: a Files API name, a URI with a scheme, or a local file
 * (see {@link #resolve}).
 */
final class ImageArguments {

    private static final Pattern FILES_NAME = Pattern.compile("files/[A-Za-z0-9_-]+");
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");

    private ImageArguments() {
    }

    /**
     * The inputs, in order. A value is one of: a Files API name, {@code files/abc123}, whose MIME
     * type is asked of the files port ({@code get}) before the call unless given after a {@code #}
     * ({@code files/abc123#image/png} or {@code files/abc123#png}), which skips the lookup; a URI
     * with a scheme, {@code https://...} or {@code gs://...}, its type taken from the extension of
     * its path (png, jpg, jpeg, webp, heic, heif) or a {@code #type} suffix, else a usage error
     * saying how to add one; anything else, a local file. A value that is both a Files API name and
     * an existing local path is refused as ambiguous. A name the Files API does not hold is an
     * invalid request (exit 3), like a local file that does not exist.
     *
     * @param values the {@code --image} values
     * @param files opens the files port, called at most once and only when a name needs its type looked up
     */
    static List<ImageInput> resolve(List<String> values, Supplier<FilesPort> files) {
        List<ImageInput> images = new ArrayList<>();
        FilesPort port = null;
        try {
            for (String value : values) {
                Optional<MediaType> declared = declaredType(value);
                String bare = declared.isPresent() ? value.substring(0, value.lastIndexOf('#')) : value;
                if (FILES_NAME.matcher(bare).matches()) {
                    if (Files.exists(Path.of(bare))) {
                        throw new UsageException("--image " + value + " is both a Files API name and a local file; "
                                + "write ./" + bare + " for the local file");
                    }
                    if (declared.isPresent()) {
                        images.add(ImageInput.ofStoredFile(bare, declared.get()));
                    } else {
                        if (port == null) {
                            port = files.get();
                        }
                        images.add(ImageInput.ofStoredFile(lookUp(port, bare)));
                    }
                } else if (SCHEME.matcher(bare).matches()) {
                    images.add(reference(value, bare, declared));
                } else {
                    images.add(ImageInput.ofFile(Path.of(value)));
                }
            }
        } finally {
            if (port != null) {
                port.close();
            }
        }
        return images;
    }

    private static StoredFile lookUp(FilesPort port, String name) {
        try {
            return port.get(name);
        } catch (PermissionDeniedException | NotFoundException e) {
            // The Gemini API answers 403 for a name it does not hold: for the user that is a wrong
            // --image value, like a local path that does not exist.
            throw new InvalidRequestException("images", "--image " + name + " is not held by the Files API (never "
                    + "uploaded, deleted, or expired after 48 hours; see gemini-image files list): " + e.getMessage(), e);
        }
    }

    private static ImageInput reference(String value, String bare, Optional<MediaType> declared) {
        URI uri;
        try {
            uri = new URI(bare);
        } catch (URISyntaxException e) {
            throw new UsageException("--image " + shown(bare) + " is not a valid URI: " + e.getReason());
        }
        MediaType type = declared.or(() -> fromExtension(uri)).orElseThrow(() -> new UsageException("--image "
                + shown(bare) + ": the image type is not known from the URL's extension; append it after #, e.g. "
                + shown(bare) + "#image/png (png, jpeg, webp, heic or heif)"));
        return ImageInput.ofUri(uri, type);
    }

    /** The type after the last {@code #}, if the text there names an image type. */
    private static Optional<MediaType> declaredType(String value) {
        int hash = value.lastIndexOf('#');
        if (hash < 0) {
            return Optional.empty();
        }
        String suffix = value.substring(hash + 1).trim().toLowerCase(Locale.ROOT);
        Optional<MediaType> type = suffix.contains("/") ? MediaType.fromMimeType(suffix) : byExtension(suffix);
        if (type.isEmpty() && (suffix.startsWith("image/") || FILES_NAME.matcher(value.substring(0, hash)).matches())) {
            throw new UsageException("--image " + shown(value) + ": \"" + suffix + "\" is not an image type the models "
                    + "read; use one of image/png, image/jpeg, image/webp, image/heic, image/heif");
        }
        return type;
    }

    private static Optional<MediaType> fromExtension(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash ? byExtension(path.substring(dot + 1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    private static Optional<MediaType> byExtension(String extension) {
        switch (extension) {
            case "png":
                return Optional.of(MediaType.PNG);
            case "jpg":
            case "jpeg":
                return Optional.of(MediaType.JPEG);
            case "webp":
                return Optional.of(MediaType.WEBP);
            case "heic":
                return Optional.of(MediaType.HEIC);
            case "heif":
                return Optional.of(MediaType.HEIF);
            default:
                return Optional.empty();
        }
    }

    /** The value without its query: a pre-signed URL's query is a credential. */
    private static String shown(String value) {
        int query = value.indexOf('?');
        return query < 0 ? value : value.substring(0, query) + "?<query hidden>";
    }
}
