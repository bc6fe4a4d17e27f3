/**
 * The batch line formats and helpers shared by every batch port implementation: the JSONL input
 * line {@code {"key":...,"request":{GenerateContentRequest}}} ({@link io.github.geminiimage.domain.batch.BatchInputWriter}),
 * the result line {@code {"key":...,"response":{...}}} or {@code {"key":...,"error":{...}}}
 * ({@link io.github.geminiimage.domain.batch.BatchResultReader}), the mapping of a per-request
 * {@code google.rpc.Status} to the typed exceptions ({@link io.github.geminiimage.domain.batch.BatchErrors}),
 * and saving a job's images to a folder ({@link io.github.geminiimage.domain.batch.BatchImageFolder}).
 * The JSON of one request and of one response is written and read by the caller's codec, through
 * {@link io.github.geminiimage.domain.batch.RequestJsonWriter} and
 * {@link io.github.geminiimage.domain.batch.ResponseJsonReader}, so that batch lines use the very
 * encoder and streaming decoder of {@code generateContent}. Depends on the domain and the JDK only.
 */
package io.github.geminiimage.domain.batch;
