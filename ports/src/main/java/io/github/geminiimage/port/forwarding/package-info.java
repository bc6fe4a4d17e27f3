/**
 * Decorators of the ports written once: each interface hands every call to its {@code delegate()},
 * so a decorator (a test that counts calls, a view that also writes to disk, a port that also stops a
 * server when closed) overrides only the calls it changes.
 */
package io.github.geminiimage.port.forwarding;
