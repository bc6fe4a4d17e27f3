package io.github.geminiimage.adapter.fake;

import io.github.geminiimage.adapter.fake.internal.FileReplies;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.Turn;
import io.github.geminiimage.domain.file.StoredFile;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the image references ({@code fileData}) of a request the way the service does: a Files
 * API URI to a file of the {@link FakeFiles} store (403 if not held, 400 if not {@code ACTIVE}),
 * another URL to content registered with the fake (400 if it cannot be fetched).
 */
final class FakeReferences {

    private static final String FILES_PATH = "/v1beta/files/";

    private final Optional<FakeFiles> files;
    private final Map<URI, byte[]> urls;

    FakeReferences(Optional<FakeFiles> files, Map<URI, byte[]> urls) {
        this.files = files;
        this.urls = Map.copyOf(urls);
    }

    /** Checks the references of earlier turns, which the service fetches too. */
    void checkHistory(GenerationRequest request) {
        for (Turn turn : request.history()) {
            if (turn instanceof Turn.User user) {
                user.images().stream().filter(ImageInput::isReference).forEach(this::bytes);
            }
        }
    }

    /** The referenced bytes, or the service's refusal. */
    byte[] bytes(ImageInput image) {
        URI uri = image.uri().orElseThrow();
        byte[] content;
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (host.equals("generativelanguage.googleapis.com") && path.startsWith(FILES_PATH)) {
            String id = path.substring(FILES_PATH.length());
            Map.Entry<StoredFile, byte[]> held = files.flatMap(f -> f.lookup("files/" + id))
                    .orElseThrow(() -> FileReplies.notFound("files/" + id));
            if (!held.getKey().isActive()) {
                throw FileReplies.notActive(id);
            }
            content = held.getValue();
        } else {
            content = urls.get(uri);
            if (content == null) {
                throw FileReplies.cannotFetch(uri);
            }
        }
        if (MediaType.sniff(content).filter(t -> t == image.mediaType()).isEmpty()) {
            throw FileReplies.unreadableImage();
        }
        return content.clone();
    }
}
