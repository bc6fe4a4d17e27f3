package io.github.geminiimage.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a Files API listing. Immutable.
 *
 * @param files the files on this page (possibly none), in the server's order
 * @param nextPageToken the token for the next page; empty on the last page
 */
public record FilePage(List<StoredFile> files, Optional<String> nextPageToken) {

    /** The most files the Files API returns on one page. */
    public static final int MAX_PAGE_SIZE = 100;

    /** Copies the list; an empty or blank token means there is no next page. */
    public FilePage {
        files = List.copyOf(files);
        Objects.requireNonNull(nextPageToken, "nextPageToken");
        nextPageToken = nextPageToken.filter(t -> !t.isBlank());
    }
}
