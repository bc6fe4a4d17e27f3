package io.github.geminiimage.domain.batch;

import io.github.geminiimage.domain.error.InvalidRequestException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One page of a batch listing (without inline results: read a job with {@code get} for those).
 * Immutable.
 *
 * @param jobs the jobs on this page (possibly none), in the server's order
 * @param nextPageToken the token for the next page; empty on the last page
 */
public record BatchPage(List<BatchJob> jobs, Optional<String> nextPageToken) {

    /** The most jobs asked for on one page. */
    public static final int MAX_PAGE_SIZE = 100;

    /**
     * Checks the page size a listing asks for, before it is sent.
     *
     * @return the size
     * @throws InvalidRequestException naming {@code pageSize}, the value and the range 1 to {@value #MAX_PAGE_SIZE}
     */
    public static int checkPageSize(int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new InvalidRequestException("pageSize", Integer.toString(pageSize), "1 to " + MAX_PAGE_SIZE);
        }
        return pageSize;
    }

    /** Copies the list; an empty or blank token means there is no next page. */
    public BatchPage {
        jobs = List.copyOf(jobs);
        Objects.requireNonNull(nextPageToken, "nextPageToken");
        nextPageToken = nextPageToken.filter(t -> !t.isBlank());
    }

    /**
     * Every job of a listing, fetched lazily: {@code nextPage} is called with the previous page's token
     * (empty for the first) only when the stream needs a job it does not have yet, until a page has no
     * next token. Sequential; a failure of {@code nextPage} is thrown from the terminal operation.
     */
    public static Stream<BatchJob> streamAll(Function<Optional<String>, BatchPage> nextPage) {
        Objects.requireNonNull(nextPage, "nextPage");
        Iterator<BatchJob> jobs = new Iterator<>() {
            private Iterator<BatchJob> page = List.<BatchJob>of().iterator();
            private Optional<String> token = Optional.empty();
            private boolean last;

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && !last) {
                    BatchPage next = nextPage.apply(token);
                    page = next.jobs().iterator();
                    token = next.nextPageToken();
                    last = token.isEmpty();
                }
                return page.hasNext();
            }

            @Override
            public BatchJob next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(jobs, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
