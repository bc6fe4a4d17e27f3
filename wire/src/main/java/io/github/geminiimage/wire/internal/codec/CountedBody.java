package io.github.geminiimage.wire.internal.codec;

import io.github.geminiimage.wire.JsonBody;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A {@link JsonBody} written by a {@link Writing}: counted once up front, then written on demand,
 * each time the same bytes. Immutable.
 */
final class CountedBody implements JsonBody {

    /** Writes a document to a {@link JsonOutput}; the same calls count and write. */
    @FunctionalInterface
    interface Writing {
        void write(JsonOutput out) throws IOException;
    }

    private final Writing writing;
    private final List<ImageSource> files;
    private final long length;

    /**
     * @param files the images read while writing; each is checked unchanged before the first byte
     */
    CountedBody(Writing writing, List<ImageSource> files) {
        this.writing = writing;
        this.files = List.copyOf(files);
        JsonOutput counter = JsonOutput.counting();
        try {
            writing.write(counter);
        } catch (IOException e) {
            // A counting pass opens no stream; this cannot happen.
            throw new IllegalStateException("counting the body failed", e);
        }
        this.length = counter.count();
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        // Fail before the first byte if a file changed: a body shorter or longer than its
        // Content-Length must never be sent.
        for (ImageSource image : files) {
            image.checkUnchanged();
        }
        JsonOutput o = JsonOutput.writingTo(out);
        writing.write(o);
        o.flush();
        if (o.count() != length) {
            throw new IOException("the body had " + o.count() + " bytes instead of the declared " + length);
        }
    }

    @Override
    public String toString() {
        return "JsonBody[application/json, " + length + " bytes]";
    }
}
