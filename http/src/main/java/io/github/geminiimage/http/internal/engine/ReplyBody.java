package io.github.geminiimage.http.internal.engine;

import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.error.ResponseTooLargeException;
import io.github.geminiimage.http.HttpResponse;
import io.github.geminiimage.http.support.BlockInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * A reply body as readers see it: counted as it comes off the wire, inflated per its
 * {@code Content-Encoding} (transports never inflate), and capped. A body that claims gzip and is
 * not, or whose gzip stream ends before its end while the HTTP framing was complete, is a
 * {@link MalformedResponseException}; a failure of the connection itself passes through as the
 * transport's {@link IOException}.
 */
final class ReplyBody {

    private final InputStream stream;
    private final OptionalLong declaredLength;

    private ReplyBody(InputStream stream, OptionalLong declaredLength) {
        this.stream = stream;
        this.declaredLength = declaredLength;
    }

    /**
     * Opens {@code response}'s body.
     *
     * @param received counts the bytes read off the wire
     * @param maxBytes the most (inflated) bytes a reader may take; more fails with
     *     {@link ResponseTooLargeException}
     * @throws MalformedResponseException if the encoding is not one the core inflates
     */
    static ReplyBody open(HttpResponse response, AtomicLong received, long maxBytes) {
        Raw raw = new Raw(response.body(), received);
        String encoding = response.header("Content-Encoding").map(v -> v.strip().toLowerCase(Locale.ROOT)).orElse("");
        int status = response.statusCode();
        return switch (encoding) {
            case "", "identity" -> new ReplyBody(new Capped(raw, maxBytes, status), response.contentLength());
            case "gzip", "x-gzip" -> new ReplyBody(new Capped(new Inflating(raw, true, status), maxBytes, status), OptionalLong.empty());
            case "deflate" -> new ReplyBody(new Capped(new Inflating(raw, false, status), maxBytes, status), OptionalLong.empty());
            default -> throw new MalformedResponseException("the reply has a Content-Encoding the library does not decode: "
                    + (encoding.length() > 40 ? encoding.substring(0, 40) + "..." : encoding), details(status));
        };
    }

    /** The body, inflated and capped. */
    InputStream stream() {
        return stream;
    }

    /** The declared length of what {@link #stream()} yields: the {@code Content-Length} of an unencoded body. */
    OptionalLong declaredLength() {
        return declaredLength;
    }

    private static ErrorDetails details(int status) {
        return new ErrorDetails(status, Optional.empty(), Optional.empty(), 1, Optional.empty());
    }

    /** Counts the raw bytes, remembers whether the end was reached and the last failure it threw. */
    private static final class Raw extends BlockInputStream.Filter {
        private final AtomicLong counter;
        private volatile IOException thrown;
        private volatile boolean ended;

        Raw(InputStream in, AtomicLong counter) {
            super(in);
            this.counter = counter;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                thrown = e;
                throw e;
            }
            if (n > 0) {
                counter.addAndGet(n);
            } else if (n < 0) {
                ended = true;
            }
            return n;
        }
    }

    /**
     * Inflates gzip or zlib lazily (the gzip header is read on the first read, not when the body
     * is opened), telling a bad stream from a broken connection.
     */
    private static final class Inflating extends BlockInputStream {
        private final Raw raw;
        private final boolean gzip;
        private final int status;
        private InputStream inflater;

        Inflating(Raw raw, boolean gzip, int status) {
            this.raw = raw;
            this.gzip = gzip;
            this.status = status;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                if (inflater == null) {
                    inflater = gzip ? new GZIPInputStream(raw, 8192) : new InflaterInputStream(raw);
                }
                return inflater.read(b, off, len);
            } catch (IOException e) {
                if (e == raw.thrown) {
                    throw e; // the connection, not the encoding
                }
                String name = gzip ? "gzip" : "deflate";
                String problem = raw.ended ? "ends before its " + name + " stream does (cut short)"
                        : "is not a valid " + name + " stream (" + e.getClass().getSimpleName() + ")";
                throw new MalformedResponseException("the reply body, labelled Content-Encoding: " + name + ", " + problem,
                        details(status), e);
            }
        }

        @Override
        public void close() throws IOException {
            raw.close();
        }
    }

    /** Fails once a reader takes more than the cap; nothing is ever truncated. */
    private static final class Capped extends BlockInputStream.Filter {
        private final long maxBytes;
        private final int status;
        private long total;

        Capped(InputStream in, long maxBytes, int status) {
            super(in);
            this.maxBytes = maxBytes;
            this.status = status;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                total += n;
                if (total > maxBytes) {
                    throw new ResponseTooLargeException("the reply is larger than the limit of " + maxBytes + " bytes",
                            details(status));
                }
            }
            return n;
        }
    }
}
