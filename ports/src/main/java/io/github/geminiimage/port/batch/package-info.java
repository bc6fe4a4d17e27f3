/** Saving a batch job's images to a folder, for {@link io.github.geminiimage.port.BatchPort#saveImages}. */
package io.github.geminiimage.port.batch;
