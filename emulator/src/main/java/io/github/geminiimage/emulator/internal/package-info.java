/**
 * The emulator's HTTP server: routing, key checks, Google's JSON shapes in and out, the Files store
 * on disk, Batch Mode over the fake and the control API. Not API: it may change in any release.
 */
package io.github.geminiimage.emulator.internal;
