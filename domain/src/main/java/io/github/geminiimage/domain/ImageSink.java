package io.github.geminiimage.domain;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a reply's images go while they are decoded, instead of into memory: one file, a folder, or
 * streams the caller opens ({@link GenerationRequest.Builder#sink(ImageSink)}); the result's images
 * then {@linkplain GeneratedImage#written() describe what was written}. Files are moved into place
 * only once the whole call succeeded; naming rules: the README's "Writing images straight to disk".
 *
 * @param kind the kind of destination
 * @param path the file ({@link Kind#FILE}) or folder ({@link Kind#FOLDER}); empty for streams
 * @param stem the file name stem of the files written; empty for streams
 * @param opener the caller's opener ({@link Kind#STREAMS}); empty otherwise
 * @param thoughtImages whether thought images are kept as files too
 */
public record ImageSink(Kind kind, Optional<Path> path, Optional<String> stem, Optional<Opener> opener,
        boolean thoughtImages) {

    /** The kinds of destination. */
    public enum Kind {
        /** One file for the final image. */
        FILE,
        /** A folder and a file name stem. */
        FOLDER,
        /** Streams opened by the caller. */
        STREAMS
    }

    /**
     * Opens the stream one image is written to. Called once per image, when its first bytes are
     * decoded; the stream is closed by the library after the image's last byte, or on failure.
     */
    @FunctionalInterface
    public interface Opener {

        /**
         * @param slot which image of the call this is, and its type as read from its first bytes
         * @return a stream to write the image to
         * @throws IOException if it cannot be opened; the call then fails
         */
        OutputStream open(Slot slot) throws IOException;
    }

    /**
     * Which image an {@link Opener} is asked for.
     *
     * @param ordinal the image's place among the images of the call, from 1
     * @param mediaType the type recognised from the image's first bytes, if it is one this library knows
     */
    public record Slot(int ordinal, Optional<MediaType> mediaType) {
        /** Checks the values. */
        public Slot {
            if (ordinal < 1) {
                throw new IllegalArgumentException("ordinal must be at least 1: " + ordinal);
            }
            Objects.requireNonNull(mediaType, "mediaType");
        }
    }

    /**
     * Checks that the fields fit the kind: a path and a stem for files and folders, an opener for streams.
     *
     * @throws IllegalArgumentException if they do not
     */
    public ImageSink {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(stem, "stem");
        Objects.requireNonNull(opener, "opener");
        boolean streams = kind == Kind.STREAMS;
        if (streams != opener.isPresent() || streams == path.isPresent() || streams == stem.isPresent()) {
            throw new IllegalArgumentException("sink: a " + kind + " sink needs " + (streams ? "an opener and no path or stem"
                    : "a path and a stem and no opener"));
        }
    }

    /**
     * The final image (see {@link GenerationResult#finalImage()}) to {@code file}, whose folder must
     * exist when the call is made; any other answer image to {@code stem-N.ext} next to it ({@code N}
     * its place among the reply's images, from 1); thought images to {@code stem-thought-N.ext} when
     * {@link #withThoughtImages() asked for}, otherwise they are not kept. The same rule holds for
     * {@code generate}, {@code stream}, async and batch calls.
     *
     * <p>Each image goes to a hidden temporary file in the target's folder; a failure, a
     * cancellation or a closed stream removes the temporary files, so nothing half-written is ever
     * left under a final name. Existing files are replaced.
     *
     * @throws IllegalArgumentException if {@code file} has no file name
     */
    public static ImageSink toFile(Path file) {
        Objects.requireNonNull(file, "file");
        Path name = file.getFileName();
        if (name == null || name.toString().isEmpty() || name.toString().equals("..")) {
            throw new IllegalArgumentException("sink file: " + file + " has no file name");
        }
        return new ImageSink(Kind.FILE, Optional.of(file), Optional.of(stemOf(name.toString())), Optional.empty(), false);
    }

    /**
     * The images to {@code folder} (created if missing): the final image to {@code folder/stem.ext}
     * (the extension of its media type), the others named as {@link #toFile} names them.
     *
     * @param stem the file name without extension: letters, digits, {@code . - _}, at most 200 characters
     * @throws IllegalArgumentException if the stem is empty, too long, starts with a dot or holds another character
     */
    public static ImageSink toFolder(Path folder, String stem) {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(stem, "stem");
        if (stem.isEmpty() || stem.length() > 200 || stem.startsWith(".") || !stem.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("sink stem: \"" + stem + "\" must be 1 to 200 letters, digits, '.', '-' or '_',"
                    + " not starting with '.'");
        }
        return new ImageSink(Kind.FOLDER, Optional.of(folder), Optional.of(stem), Optional.empty(), false);
    }

    /**
     * Every image of the reply, drafts included, to a stream {@code opener} opens when its first
     * bytes are decoded, on the thread that decodes the reply; the library closes it after the last
     * byte. The caller owns what was written, and a failed call leaves it to the caller to discard.
     */
    public static ImageSink toStreams(Opener opener) {
        Objects.requireNonNull(opener, "opener");
        return new ImageSink(Kind.STREAMS, Optional.empty(), Optional.empty(), Optional.of(opener), false);
    }

    /**
     * This sink, also keeping thought images (the drafts Gemini 3 models send when the request
     * {@linkplain GenerationRequest#includeThoughts() includes thoughts}) as files. Streams get
     * every image anyway.
     */
    public ImageSink withThoughtImages() {
        return new ImageSink(kind, path, stem, opener, true);
    }

    private static String stemOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    @Override
    public String toString() {
        return "ImageSink[" + kind + path.map(p -> " " + p).orElse("") + (kind == Kind.FOLDER ? ", stem " + stem.get() : "")
                + (thoughtImages ? ", with thought images" : "") + "]";
    }
}
