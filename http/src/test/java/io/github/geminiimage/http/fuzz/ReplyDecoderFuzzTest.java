package io.github.geminiimage.http.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.wire.GenerateContentCodec;
import io.github.geminiimage.wire.Trickle;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The reply decoder over any bytes a server could send: it returns a result or throws the
 * library's typed exception, nothing else (no {@code IOException} from an in-memory stream, no
 * unchecked JDK exception, no {@code Error}), and the answer never depends on how the bytes were
 * split into reads or on a declared length that is true.
 */
class ReplyDecoderFuzzTest {

    /** Large enough that only the chunked target's own cap is ever reached. */
    private static final long MAX_BYTES = 1 << 20;

    /** Decodes the bytes as one stream, with and without their length declared; both must agree. */
    @FuzzTest(maxDuration = "10m")
    @DictionaryFile(resourcePath = "reply.dict")
    void aWholeReplyDecodesOrFailsTyped(byte[] reply) throws IOException {
        Outcome undeclared = decode(new ByteArrayInputStream(reply), OptionalLong.empty(), MAX_BYTES);
        Outcome declared = decode(new ByteArrayInputStream(reply), OptionalLong.of(reply.length), MAX_BYTES);
        undeclared.requireSameAs(declared, "with and without Content-Length");
    }

    /**
     * The first byte chooses how the rest is served: its low three bits the largest read, bit 3
     * zero-byte reads, bits 4-5 the declared length (none, true, half, double), bit 6 a cap below
     * the reply's size, and the whole byte seeds the read sizes. The outcome must be the one of
     * the whole reply decoded at once; under the cap, a failure.
     */
    @FuzzTest(maxDuration = "10m")
    @DictionaryFile(resourcePath = "reply.dict")
    void aReplyInRandomChunksDecodesLikeTheWholeReply(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        int mode = input[0] & 0xFF;
        byte[] reply = Arrays.copyOfRange(input, 1, input.length);
        int maxChunk = new int[] {1, 2, 3, 5, 17, 4096, 32 * 1024, 70_000}[mode & 7];
        boolean zeroReads = (mode & 8) != 0;
        OptionalLong declared = switch ((mode >> 4) & 3) {
            case 0 -> OptionalLong.empty();
            case 1 -> OptionalLong.of(reply.length);
            case 2 -> OptionalLong.of(reply.length / 2);
            default -> OptionalLong.of(reply.length * 2L);
        };
        boolean capped = (mode & 64) != 0 && reply.length > 1;
        long cap = capped ? reply.length / 2 : MAX_BYTES;

        Outcome chunked = decode(chunked(reply, mode, maxChunk, zeroReads), declared, cap);
        if (capped) {
            if (chunked.result != null) {
                throw new AssertionError("a reply of " + reply.length + " bytes decoded under a cap of " + cap);
            }
            return;
        }
        // A Content-Length, even a lying one, may only change how arrays are sized, never the answer.
        Outcome whole = decode(new ByteArrayInputStream(reply), OptionalLong.empty(), cap);
        whole.requireSameAs(chunked, "whole and in chunks of at most " + maxChunk + " bytes");
    }

    private static Outcome decode(InputStream in, OptionalLong declared, long cap) throws IOException {
        try {
            return new Outcome(GenerateContentCodec.read(in, declared, cap), null);
        } catch (ImageGenerationException e) {
            FuzzChecks.requireWellFormed(e);
            return new Outcome(null, e);
        }
    }

    /** A result or a typed failure. */
    private record Outcome(GenerationResult result, ImageGenerationException failure) {

        void requireSameAs(Outcome other, String how) {
            if (result != null && !result.equals(other.result)
                    || failure != null && (other.failure == null || failure.getClass() != other.failure.getClass())) {
                throw new AssertionError("decoding " + how + " disagrees: " + describe() + " vs " + other.describe());
            }
        }

        private String describe() {
            return result != null ? "a result with " + result.candidates().size() + " candidates"
                    : Objects.toString(failure);
        }
    }

    /**
     * {@code data} in reads of pseudo-random sizes from 1 to {@code maxChunk}, with the occasional
     * read of zero bytes when asked to; reproducible from its seed.
     */
    private static Trickle chunked(byte[] data, long seed, int maxChunk, boolean zeroReads) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        int max = Math.max(1, maxChunk);
        return new Trickle(data, () -> zeroReads && random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(max));
    }
}
