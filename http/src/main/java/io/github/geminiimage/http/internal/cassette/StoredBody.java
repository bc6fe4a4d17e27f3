package io.github.geminiimage.http.internal.cassette;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A body as a cassette holds it: empty, binary (one file by SHA-256) or text (literal segments and
 * out-of-line base64 payloads). Immutable.
 */
sealed interface StoredBody {

    /** The body's length in bytes as replayed. */
    long bytes();

    /** No body. */
    record Empty() implements StoredBody {
        @Override
        public long bytes() {
            return 0;
        }
    }

    /** A body that is not UTF-8 text, stored as one file named by its SHA-256. */
    record Binary(String sha256, long bytes) implements StoredBody {
        public Binary {
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    /** UTF-8 text, its large base64 values stored out of line. */
    record Text(List<Segment> segments, long bytes) implements StoredBody {
        public Text {
            segments = List.copyOf(segments);
        }
    }

    /** A piece of a text body. */
    sealed interface Segment {
    }

    /** Text as is. */
    record Literal(String text) implements Segment {
    }

    /** A base64 value whose decoded bytes are the file named {@code sha256}; re-encoded on replay. */
    record Payload(String sha256, boolean urlSafe, long decodedBytes) implements Segment {

        /** The length of the base64 text (padded, as the canonical encoder writes it). */
        long encodedLength() {
            return (decodedBytes + 2) / 3 * 4;
        }
    }

    /** The JSON-B form. */
    default Documents.Body toDocument() {
        if (this instanceof Binary binary) {
            return new Documents.Body(binary.bytes(), binary.sha256(), null);
        }
        if (this instanceof Text text) {
            List<Object> out = new ArrayList<>();
            for (Segment segment : text.segments()) {
                if (segment instanceof Literal literal) {
                    out.add(literal.text());
                } else {
                    Payload payload = (Payload) segment;
                    out.add(new Documents.Blob(payload.urlSafe() ? null : payload.sha256(),
                            payload.urlSafe() ? payload.sha256() : null, payload.decodedBytes()));
                }
            }
            return new Documents.Body(text.bytes(), null, out);
        }
        return null;
    }

    /** Reads the JSON-B form (segments arrive as strings and maps). */
    static StoredBody fromDocument(Documents.Body body, String where) {
        if (body == null) {
            return new Empty();
        }
        if (body.binary() != null) {
            return new Binary(Hashes.requireSha256(body.binary(), where + ".binary"), body.bytes());
        }
        List<Segment> segments = new ArrayList<>();
        if (body.text() != null) {
            for (Object element : body.text()) {
                if (element instanceof String s) {
                    segments.add(new Literal(s));
                } else if (element instanceof Map<?, ?> map) {
                    Object standard = map.get("base64");
                    Object url = map.get("base64url");
                    Object bytes = map.get("bytes");
                    if ((standard == null) == (url == null) || !(bytes instanceof Number n)) {
                        throw new IllegalStateException(where + ".text: a payload needs one of base64 or base64url, "
                                + "and bytes");
                    }
                    String sha = Hashes.requireSha256(String.valueOf(standard != null ? standard : url), where + ".text");
                    segments.add(new Payload(sha, url != null, n.longValue()));
                } else {
                    throw new IllegalStateException(where + ".text: an element is neither text nor a payload: " + element);
                }
            }
        }
        long length = 0;
        for (Segment segment : segments) {
            length += segment instanceof Literal l ? Utf8.length(l.text()) : ((Payload) segment).encodedLength();
        }
        return new Text(segments, length);
    }
}
