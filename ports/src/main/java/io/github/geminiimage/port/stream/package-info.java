/** What every adapter's {@link io.github.geminiimage.port.GenerationStream} shares, written once. */
package io.github.geminiimage.port.stream;
