package io.github.geminiimage.wire.internal.codec;

import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.ImageInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The bytes of an image to send as base64: an input image (maybe a file) or a model image replayed. */
interface ImageSource {

    /** The number of bytes the stream must hold. */
    long size();

    /** Opens the bytes; the caller closes the stream. */
    InputStream open() throws IOException;

    /** Names the image in error messages (a file's path, never its content). */
    String describe();

    /**
     * Checks, before anything is sent, that a file still has the size it had when checked.
     *
     * @throws IOException naming the file and both sizes if it changed
     */
    void checkUnchanged() throws IOException;

    static ImageSource of(ImageInput input) {
        return new ImageSource() {
            @Override
            public long size() {
                return input.sizeBytes();
            }

            @Override
            public InputStream open() throws IOException {
                return input.openStream();
            }

            @Override
            public String describe() {
                Optional<Path> file = input.file();
                return file.isPresent() ? "image file " + file.get() : "image";
            }

            @Override
            public void checkUnchanged() throws IOException {
                Optional<Path> file = input.file();
                if (file.isPresent()) {
                    long now = Files.size(file.get());
                    if (now != input.sizeBytes()) {
                        throw new IOException("image file " + file.get() + " changed size since it was checked: was "
                                + input.sizeBytes() + " bytes, now " + now + "; the request was not sent");
                    }
                }
            }
        };
    }

    static ImageSource of(GeneratedImage image) {
        return new ImageSource() {
            @Override
            public long size() {
                return image.size();
            }

            @Override
            public InputStream open() {
                return image.openStream();
            }

            @Override
            public String describe() {
                return "model image";
            }

            @Override
            public void checkUnchanged() {
                // Held in memory and immutable.
            }
        };
    }
}
