package io.github.geminiimage.wire.internal.codec;

import io.github.geminiimage.domain.sink.SinkSession;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * One part object met by {@link JsonScanner}: where it sits in the compacted copy, and the values
 * cut out of it (the decoded image, the thought signature). Not thread-safe.
 */
final class PartRecord {

    /** Where a cut value sat in the compacted copy: {@code [start, end)} holds its placeholder. */
    record Cut(int start, int end, boolean data) {
    }

    final int start;
    int end;
    boolean hasData;
    byte[] data;
    int dataLength;
    /** Where the decoded image went instead of {@link #data}, when the reply is decoded to a sink. */
    SinkSession.Output written;
    String signature;
    final List<Cut> cuts = new ArrayList<>(2);

    PartRecord(int start) {
        this.start = start;
    }

    /**
     * The JSON text of this part as kept: compacted, its known fields in camelCase, cut values put back.
     *
     * @param compact the scanner's compacted copy the record's offsets point into
     */
    String rawJson(byte[] compact) {
        ByteSink text = new ByteSink(end - start + 64);
        int at = start;
        for (Cut cut : cuts) {
            text.put(compact, at, cut.start() - at);
            text.put('"');
            if (cut.data()) {
                text.put(Base64.getEncoder().encode(Arrays.copyOf(data, dataLength)));
            } else {
                JsonStrings.putEscaped(text, signature);
            }
            text.put('"');
            at = cut.end();
        }
        text.put(compact, at, end - at);
        return new String(text.array(), 0, text.size(), StandardCharsets.UTF_8);
    }
}
