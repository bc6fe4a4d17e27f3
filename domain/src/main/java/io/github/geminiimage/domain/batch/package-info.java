/**
 * Batch Mode's values (a job, its state and counts, its output, the results of its keyed requests,
 * the submit options) and the rules every batch port follows: how a job's input is checked and sent
 * ({@link io.github.geminiimage.domain.batch.BatchInputCheck}) and when a job is polled ({@link
 * io.github.geminiimage.domain.batch.BatchAwait}). No JSON, no I/O: the line formats are in the wire
 * module, saving images to a folder beside the batch port.
 */
package io.github.geminiimage.domain.batch;
