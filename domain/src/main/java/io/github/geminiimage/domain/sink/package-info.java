/**
 * The writing half of {@link io.github.geminiimage.domain.ImageSink}: one {@link
 * io.github.geminiimage.domain.sink.SinkSession} per call takes the images as they are decoded,
 * keeps them in temporary files (or the caller's streams), and moves the files into place when the
 * call succeeded. Used by the codec, the transports, the fake and the batch result savers.
 */
package io.github.geminiimage.domain.sink;
