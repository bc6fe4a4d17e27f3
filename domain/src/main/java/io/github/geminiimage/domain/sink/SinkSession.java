package io.github.geminiimage.domain.sink;

import io.github.geminiimage.domain.Candidate;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageSink;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.PixelSize;
import io.github.geminiimage.domain.WrittenImage;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.TransportException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One call's images on their way to an {@link ImageSink}. A decoder {@linkplain #begin() begins}
 * an {@link Output} per image and writes its bytes as they are decoded; the result built from the
 * reply then holds {@linkplain GeneratedImage#written() written} images without bytes. When the
 * call succeeded, {@link #commit(GenerationResult)} moves the temporary files to their names (the
 * rule is {@link ImageSink}'s) and returns the result describing the final files; when it failed,
 * {@link #abort()} removes them. Its methods may be called from several threads (a stream may be
 * closed while another thread decodes); {@link #abort()} wins over a write in progress.
 */
public final class SinkSession {

    /** Bytes of each image kept to recognise its type and read its pixel size. */
    static final int HEAD = 32 * 1024;
    private static final SecureRandom TEMP_NAMES = new SecureRandom();

    private final ImageSink sink;
    /** The session of the whole call when this one is one request's {@linkplain #part() part}; else null. */
    private final SinkSession parent;
    private final Map<GeneratedImage, Output> pending = new IdentityHashMap<>();
    private final List<Output> outputs = new ArrayList<>();
    private int ordinal;
    private boolean aborted;
    private boolean committed;

    private SinkSession(ImageSink sink, SinkSession parent) {
        this.sink = sink;
        this.parent = parent;
    }

    /** A session writing to {@code sink}. */
    public static SinkSession open(ImageSink sink) {
        return new SinkSession(Objects.requireNonNull(sink, "sink"), null);
    }

    /**
     * A session for one request (one attempt) of a call made of several, such as a continued
     * generation: its images are numbered after those begun before in this session and its other
     * parts; its {@link #commit} moves nothing but hands its files over to this session, which
     * moves them into place when it is committed itself (once, with the joined result, whose final
     * image names the final file); its {@link #abort} removes only its own files, so a retried
     * request starts afresh without touching the earlier requests' images.
     */
    public SinkSession part() {
        synchronized (this) {
            checkOpen();
        }
        return new SinkSession(sink, this);
    }

    private synchronized int nextOrdinal() {
        checkOpen();
        return ++ordinal;
    }

    /** Takes over the files of a committed part; removes them when this session is already closed. */
    private void adopt(List<Output> handed, Map<GeneratedImage, Output> images) {
        boolean open;
        synchronized (this) {
            open = !aborted && !committed;
            if (open) {
                outputs.addAll(handed);
                pending.putAll(images);
            }
        }
        if (!open) {
            for (Output output : handed) {
                output.discard();
            }
        }
    }

    /** The sink written to. */
    public ImageSink sink() {
        return sink;
    }

    /** A new image, the next in the call. Its file or stream is opened with its first bytes. */
    public synchronized Output begin() {
        checkOpen();
        Output output = new Output(parent == null ? ++ordinal : parent.nextOrdinal());
        outputs.add(output);
        return output;
    }

    /**
     * Writes an image held in memory through the sink (for a source that has the bytes already:
     * the fake, a result read back), returning its written form.
     *
     * @throws TransportException if the sink cannot be written
     */
    public GeneratedImage write(GeneratedImage image) {
        Objects.requireNonNull(image, "image");
        Output output = begin();
        try {
            try (OutputStream out = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    output.write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    output.write(b, off, len);
                }
            }) {
                image.writeTo(out);
            }
            output.end();
        } catch (IOException e) {
            throw failure(e);
        }
        return output.image(image.mimeType());
    }

    /**
     * {@code result} (or a stream's chunk) with every image held in memory written through the
     * sink, not yet committed.
     *
     * @throws TransportException if the sink cannot be written
     */
    public GenerationResult writeImages(GenerationResult result) {
        try {
            return replaceImages(result, (image, thought) -> image.written().isPresent() ? image : write(image));
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /**
     * {@code result} with every image held in memory written through the sink, then
     * {@linkplain #commit committed}; on failure the session is aborted.
     */
    public GenerationResult writeAll(GenerationResult result) {
        try {
            return commit(writeImages(result));
        } catch (RuntimeException | Error e) {
            abort();
            throw e;
        }
    }

    /**
     * Moves the files of the images in {@code result} to their names and returns the result
     * describing them. Temporary files of images the sink does not keep (drafts, unless asked for;
     * images no longer in the result) are removed. Call once, after the whole call succeeded.
     *
     * @throws TransportException if a file cannot be moved into place (the temporary files are removed)
     */
    public GenerationResult commit(GenerationResult result) {
        Objects.requireNonNull(result, "result");
        synchronized (this) {
            if (aborted) {
                throw failure(new IOException("the call was closed before its images were moved into place"));
            }
            checkOpen();
            committed = true;
        }
        if (parent != null) {
            List<Output> handed;
            Map<GeneratedImage, Output> images;
            synchronized (this) {
                handed = new ArrayList<>(outputs);
                images = new IdentityHashMap<>(pending);
                outputs.clear();
                pending.clear();
            }
            parent.adopt(handed, images);
            return result;
        }
        Optional<GeneratedImage> finalImage = result.finalImage();
        try {
            GenerationResult done = replaceImages(result, (image, thought) -> {
                Output output;
                synchronized (this) {
                    output = pending.remove(image);
                }
                if (output == null) {
                    return image;
                }
                boolean isFinal = finalImage.isPresent() && finalImage.get() == image;
                return GeneratedImage.ofWritten(output.place(isFinal, thought));
            });
            return done;
        } catch (IOException e) {
            throw failure(e);
        } finally {
            discardAll();
        }
    }

    /**
     * {@code result} with {@code image} (a written image it holds, compared by identity) now at
     * {@code file}: for a caller that moved the committed file elsewhere, so that what reads the
     * image later (a conversation saved to disk) finds it.
     */
    public static GenerationResult relocated(GenerationResult result, GeneratedImage image, Path file) {
        Objects.requireNonNull(file, "file");
        WrittenImage written = image.written().orElseThrow(() -> new IllegalArgumentException("the image is not a written one"));
        GeneratedImage moved = GeneratedImage.ofWritten(written.at(file));
        try {
            return replaceImages(result, (each, thought) -> each == image ? moved : each);
        } catch (IOException e) {
            throw new IllegalStateException(e); // the mapper does no I/O
        }
    }

    /** Removes every temporary file and closes every open stream; harmless when called again or after commit. */
    public void abort() {
        synchronized (this) {
            if (aborted) {
                return;
            }
            aborted = true;
        }
        discardAll();
    }

    private void discardAll() {
        List<Output> all;
        synchronized (this) {
            all = new ArrayList<>(outputs);
            outputs.clear();
            pending.clear();
        }
        for (Output output : all) {
            output.discard();
        }
    }

    private void checkOpen() {
        if (aborted) {
            throw new IllegalStateException("the sink session was aborted");
        }
        if (committed) {
            throw new IllegalStateException("the sink session was committed");
        }
    }

    private static TransportException failure(IOException e) {
        return new TransportException("cannot write the image: " + e.getMessage(), ErrorDetails.ofAttempts(1), e, false);
    }

    @FunctionalInterface
    private interface ImageMapper {
        GeneratedImage map(GeneratedImage image, boolean thought) throws IOException;
    }

    private static GenerationResult replaceImages(GenerationResult result, ImageMapper mapper) throws IOException {
        List<Candidate> candidates = new ArrayList<>(result.candidates().size());
        for (Candidate c : result.candidates()) {
            List<Part> parts = new ArrayList<>(c.parts().size());
            for (Part part : c.parts()) {
                if (part instanceof Part.Image image && !image.image().isReference()) {
                    // An image by reference is already stored where the reply says: nothing to write.
                    parts.add(new Part.Image(mapper.map(image.image(), image.thought()), image.thought(),
                            image.thoughtSignature()));
                } else {
                    parts.add(part);
                }
            }
            candidates.add(new Candidate(c.index(), parts, c.finishReason(), c.finishMessage(), c.safetyRatings(), c.grounding(),
                    c.continuationToken()));
        }
        return new GenerationResult(candidates, result.promptFeedback(), result.usage(), result.modelVersion(),
                result.responseId(), result.servedTier(), result.cost(), result.continuations());
    }

    private Path folder() throws IOException {
        Path path = sink.path().orElseThrow().toAbsolutePath();
        if (sink.kind() == ImageSink.Kind.FILE) {
            Path parent = path.getParent();
            if (!Files.isDirectory(parent)) {
                throw new IOException("the folder " + parent + " of the sink file does not exist");
            }
            return parent;
        }
        Files.createDirectories(path);
        return path;
    }

    /**
     * One image being written: its bytes go to a temporary file (or the caller's stream) as they
     * come; the first {@value #HEAD} bytes are also kept to tell its type and pixel size. Written
     * by one thread; {@link SinkSession#abort()} may interrupt it from another.
     */
    public final class Output {

        private final int number;
        private final byte[] head = new byte[HEAD];
        private int headLength;
        private long count;
        private Path temp;
        private OutputStream out;
        private boolean ended;
        private WrittenImage described;

        private Output(int number) {
            this.number = number;
        }

        /**
         * Appends {@code b[off, off + len)} to the image.
         *
         * @throws IOException if the file or stream cannot be written, or the session was aborted
         */
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            if (headLength < HEAD) {
                int n = Math.min(len, HEAD - headLength);
                System.arraycopy(b, off, head, headLength, n);
                headLength += n;
            }
            OutputStream target = open();
            target.write(b, off, len);
            count += len;
        }

        /** The image's bytes are all written: closes its file or stream. */
        public void end() throws IOException {
            OutputStream target = open();
            synchronized (SinkSession.this) {
                ended = true;
            }
            target.close();
        }

        /** The bytes written so far. */
        public long count() {
            return count;
        }

        /** The type recognised from the first bytes, if known. */
        public Optional<MediaType> sniffed() {
            return MediaType.sniff(head, headLength);
        }

        /**
         * The image as the result holds it until the call ends: described, without a path.
         *
         * @param mimeType the MIME type the server sent
         */
        public GeneratedImage image(String mimeType) {
            Objects.requireNonNull(mimeType, "mimeType");
            described = new WrittenImage(Optional.empty(), mimeType, PixelSize.fromHeader(head, headLength), count);
            GeneratedImage image = GeneratedImage.ofWritten(described);
            synchronized (SinkSession.this) {
                checkOpen();
                pending.put(image, this);
            }
            return image;
        }

        /**
         * The bytes back, for a value that turned out not to be an image (kept as JSON for replay);
         * the output is then discarded. Empty when they went to a caller's stream.
         */
        public Optional<byte[]> takeBack() throws IOException {
            if (temp == null) {
                return sink.kind() == ImageSink.Kind.STREAMS ? Optional.empty() : Optional.of(new byte[0]);
            }
            byte[] bytes = Files.readAllBytes(temp);
            discard();
            return Optional.of(bytes);
        }

        private OutputStream open() throws IOException {
            synchronized (SinkSession.this) {
                if (aborted) {
                    throw new IOException("the call was closed while the image was written");
                }
                if (out != null) {
                    return out;
                }
                if (sink.kind() == ImageSink.Kind.STREAMS) {
                    OutputStream opened = sink.opener().orElseThrow().open(new ImageSink.Slot(number, sniffed()));
                    out = Objects.requireNonNull(opened, "the sink's opener returned null");
                } else {
                    Path dir = folder();
                    String name = "." + sink.stem().orElseThrow() + "-" + number + "."
                            + Long.toUnsignedString(TEMP_NAMES.nextLong(), 36) + ".part";
                    temp = dir.resolve(name);
                    out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                }
                return out;
            }
        }

        /** Moves the file to its name (or removes it when the sink does not keep it); the image's description there. */
        private WrittenImage place(boolean isFinal, boolean thought) throws IOException {
            WrittenImage image = described;
            if (sink.kind() == ImageSink.Kind.STREAMS) {
                return image;
            }
            if (temp == null) {
                return image.nowhere();
            }
            if (thought && !sink.thoughtImages()) {
                Files.deleteIfExists(temp);
                return image.nowhere();
            }
            Path dir = temp.getParent();
            String ext = image.mediaType().or(this::sniffed).map(MediaType::fileExtension).orElse("bin");
            String stem = sink.stem().orElseThrow();
            Path target;
            if (isFinal) {
                target = sink.kind() == ImageSink.Kind.FILE ? sink.path().orElseThrow().toAbsolutePath()
                        : dir.resolve(stem + "." + ext);
            } else {
                target = dir.resolve(stem + (thought ? "-thought-" : "-") + number + "." + ext);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
            return image.at(target);
        }

        private void discard() {
            OutputStream stream;
            Path file;
            synchronized (SinkSession.this) {
                stream = ended ? null : out;
                file = temp;
                temp = null;
                ended = true;
            }
            if (stream != null) {
                try {
                    stream.close();
                } catch (IOException | RuntimeException e) {
                    // Discarding after a failure: the first failure is the one reported.
                }
            }
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // Nothing more can be done; the name starts with a dot and ends in .part.
                }
            }
        }
    }
}
