/**
 * The batch JSONL lines over HTTP: {@link io.github.geminiimage.http.batch.BatchLineCodec}, written
 * and read through the public codec. The batch port itself is the client's view
 * {@link io.github.geminiimage.http.HttpBatches}. Depends on the wire codec only.
 */
package io.github.geminiimage.http.batch;
