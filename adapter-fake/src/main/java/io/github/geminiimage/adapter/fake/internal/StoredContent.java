package io.github.geminiimage.adapter.fake.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of a file held by the fake, in blocks so that files above 2 GiB - 8 (a Java array's
 * limit) fit, given the heap. Immutable once {@link Builder#build() built}; thread-safe.
 */
public final class StoredContent {

    private final List<byte[]> blocks;
    private final long size;

    private StoredContent(List<byte[]> blocks, long size) {
        this.blocks = blocks;
        this.size = size;
    }

    /** Content holding a copy of {@code bytes}. */
    public static StoredContent of(byte[] bytes) {
        return new StoredContent(List.of(bytes.clone()), bytes.length);
    }

    /** The number of bytes. */
    public long size() {
        return size;
    }

    /** Writes every byte to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        for (byte[] block : blocks) {
            out.write(block);
        }
    }

    /**
     * A copy of the bytes.
     *
     * @throws IllegalStateException if the content is too large for one array
     */
    public byte[] toByteArray() {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("the content has " + size + " bytes, too many for one array");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
        blocks.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** Collects blocks. Not thread-safe. */
    public static final class Builder {
        private final List<byte[]> blocks = new ArrayList<>();
        private long size;

        /** Appends a copy of {@code length} bytes of {@code buffer}. */
        public void append(byte[] buffer, int length) {
            if (length > 0) {
                byte[] block = new byte[length];
                System.arraycopy(buffer, 0, block, 0, length);
                blocks.add(block);
                size += length;
            }
        }

        /** The bytes appended so far. */
        public long size() {
            return size;
        }

        /** The content. */
        public StoredContent build() {
            return new StoredContent(List.copyOf(blocks), size);
        }
    }
}
