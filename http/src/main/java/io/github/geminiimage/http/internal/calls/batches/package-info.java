/**
 * The Batch Mode endpoints of the Gemini API (docs/wire-format.md, "Batch Mode"): {@code batchGenerateContent}
 * create, get, list, cancel, delete, each a request builder and a reply reader for the call engine;
 * the operation JSON read with the streaming line scanner, so a reply with thousands of inline images
 * is never held; the job's input spooled once to a temporary JSONL file. Internal: not API. Depends on
 * the domain, the engine and the public codec only.
 */
package io.github.geminiimage.http.internal.calls.batches;
