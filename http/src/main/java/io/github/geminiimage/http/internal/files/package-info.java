/**
 * The Files API over the call engine (docs/wire-format.md, "Files"): the request builders and reply readers
 * of get, list, delete, download and the resumable upload's start, chunk, query and cancel, plus the
 * upload's resume loop (protocol logic, not retry logic: the engine's retry decider and deadline
 * bound it). Depends on the domain, the http SPI and the engine; never on an adapter. Not API.
 */
package io.github.geminiimage.http.internal.files;
