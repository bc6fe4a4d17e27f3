package io.github.geminiimage.domain.batch;

/**
 * How far a batch job has got ({@code batchStats}, docs/wire-format.md, "Batch Mode"). The wire sends these
 * int64 counters as strings and omits the ones that are zero; here an omitted counter is 0.
 * Immutable.
 *
 * @param total {@code requestCount}: the requests in the job
 * @param succeeded {@code successfulRequestCount}
 * @param failed {@code failedRequestCount}
 * @param pending {@code pendingRequestCount}
 */
public record BatchCounts(long total, long succeeded, long failed, long pending) {

    /** No counts reported. */
    public static final BatchCounts NONE = new BatchCounts(0, 0, 0, 0);

    /** Checks no count is negative. */
    public BatchCounts {
        if (total < 0 || succeeded < 0 || failed < 0 || pending < 0) {
            throw new IllegalArgumentException("batch counts must not be negative; got total " + total + ", succeeded "
                    + succeeded + ", failed " + failed + ", pending " + pending);
        }
    }

    /** Requests finished either way: succeeded plus failed. */
    public long done() {
        return succeeded + failed;
    }

    @Override
    public String toString() {
        return done() + "/" + total + " done (" + succeeded + " succeeded, " + failed + " failed, " + pending + " pending)";
    }
}
