/**
 * The Batch Mode endpoints of the Gemini API (docs/wire-format.md, "Batch Mode"): {@code batchGenerateContent}
 * create, get, list, cancel, delete, each a request builder and a reply reader for the call engine,
 * the JSON read and written by wire's batch package; the job's input spooled once to a temporary
 * JSONL file. Internal: not API.
 */
package io.github.geminiimage.http.internal.calls.batches;
