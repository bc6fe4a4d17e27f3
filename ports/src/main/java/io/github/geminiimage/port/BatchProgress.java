package io.github.geminiimage.port;

import io.github.geminiimage.domain.batch.BatchJob;

/**
 * Told of a batch job's state while {@link BatchPort#await} polls it: once per poll, with the job as
 * read (state and counts). Called on the polling thread, so it must return quickly; an exception it
 * throws is ignored.
 */
@FunctionalInterface
public interface BatchProgress {

    /** Ignores every report. */
    BatchProgress NONE = job -> { };

    /** Reports the job as the latest poll read it. */
    void onPoll(BatchJob job);
}
