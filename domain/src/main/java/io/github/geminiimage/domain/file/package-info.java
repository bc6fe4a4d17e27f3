/**
 * The Files API's values: a file to upload ({@link io.github.geminiimage.domain.file.FileUpload}), a
 * stored file ({@link io.github.geminiimage.domain.file.StoredFile}) with its state, source, checksum
 * and processing error, and one page of a listing.
 */
package io.github.geminiimage.domain.file;
