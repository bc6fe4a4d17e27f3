/**
 * The batch JSONL line formats: the input line {@code {"key":...,"request":{GenerateContentRequest}}}
 * ({@link io.github.geminiimage.wire.batch.BatchInputWriter}), the result line
 * {@code {"key":...,"response":{...}}} or {@code {"key":...,"error":{...}}}
 * ({@link io.github.geminiimage.wire.batch.BatchResultReader}), and the mapping of a per-request
 * {@code google.rpc.Status} to the typed exceptions ({@link io.github.geminiimage.wire.RpcErrors}).
 * One request and one response are written and read by the caller's codec through
 * {@link io.github.geminiimage.wire.batch.RequestJsonWriter} and
 * {@link io.github.geminiimage.wire.batch.ResponseJsonReader}.
 */
package io.github.geminiimage.wire.batch;
