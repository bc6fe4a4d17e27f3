/**
 * How the command line works: the picocli commands, the switch between transports, output files,
 * the progress line, the report and its JSON writer, the session file and the exit codes. Not API.
 * Must not use JSON-B (ArchUnit confines it to the http internals) and must not be used by the library.
 */
package io.github.geminiimage.cli.internal;
