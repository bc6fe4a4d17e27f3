package io.github.geminiimage.domain.grounding;

import java.util.Objects;
import java.util.Optional;

/**
 * One source the model used when grounded with Google Search (a {@code groundingChunks[]} entry):
 * a web page ({@code web {uri, title}}) or an image found by image search
 * ({@code image {imageUri, sourceUri, title, domain}}). Google's terms ask applications to show
 * these. Immutable.
 *
 * @param title the page or image title, when given
 * @param uri the page: {@code web.uri}, or the page an image was found on ({@code image.sourceUri})
 * @param imageUri the image itself ({@code image.imageUri}), for an image source
 * @param domain the site's domain ({@code image.domain}), when given
 */
public record GroundingSource(Optional<String> title, Optional<String> uri, Optional<String> imageUri,
        Optional<String> domain) {

    /** Checks the values are present. */
    public GroundingSource {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(imageUri, "imageUri");
        Objects.requireNonNull(domain, "domain");
    }

    /** A web page source. */
    public static GroundingSource web(String uri, String title) {
        return new GroundingSource(Optional.ofNullable(title), Optional.ofNullable(uri), Optional.empty(), Optional.empty());
    }

    /** An image search source: the image, the page it is on, its title and domain (any may be null). */
    public static GroundingSource image(String imageUri, String sourceUri, String title, String domain) {
        return new GroundingSource(Optional.ofNullable(title), Optional.ofNullable(sourceUri),
                Optional.ofNullable(imageUri), Optional.ofNullable(domain));
    }

    /** Whether this source is an image found by image search. */
    public boolean isImage() {
        return imageUri.isPresent();
    }

    /** A one-line label for people: the title (or domain) and the link. */
    public String label() {
        String name = title.or(() -> domain).orElse("");
        String link = uri.or(() -> imageUri).orElse("");
        return name.isEmpty() ? link : link.isEmpty() ? name : name + " <" + link + ">";
    }
}
