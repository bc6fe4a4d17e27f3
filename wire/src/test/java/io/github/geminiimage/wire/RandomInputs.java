package io.github.geminiimage.wire;

import io.github.geminiimage.domain.MediaType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * Seeds and seeded random inputs for the randomized tests of this module.
 *
 * <p>A randomized test is a {@code @ParameterizedTest} over {@link #seeds(int)} whose body runs
 * in {@link #check(long, Case)}: each case draws its inputs from a {@link SplittableRandom} made
 * from its seed, and a failure names the seed. The seeds come from a fixed base, so every run
 * tries the same cases; {@code -Dproperty.seed=N} runs only the case of seed {@code N} (replay),
 * {@code -Dproperty.baseSeed=N} draws another set of seeds (explore).
 */
public final class RandomInputs {

    /** The system property that replays one seed. */
    public static final String SEED_PROPERTY = "property.seed";
    /** The system property that picks another set of seeds. */
    public static final String BASE_SEED_PROPERTY = "property.baseSeed";
    private static final long DEFAULT_BASE_SEED = 0x6E6D_2026_0301L;

    private RandomInputs() {
    }

    /** A randomized case: its inputs come from {@code random} and nowhere else. */
    @FunctionalInterface
    public interface Case {
        void run(SplittableRandom random) throws Exception;
    }

    /** {@code count} seeds from the base seed, or only the one of {@code -Dproperty.seed}. */
    public static LongStream seeds(int count) {
        String replay = System.getProperty(SEED_PROPERTY, "").trim();
        if (!replay.isEmpty()) {
            return LongStream.of(Long.parseLong(replay));
        }
        SplittableRandom base = new SplittableRandom(Long.getLong(BASE_SEED_PROPERTY, DEFAULT_BASE_SEED));
        return LongStream.generate(base::nextLong).limit(count);
    }

    /** Runs the case of {@code seed}; any failure is rethrown with the seed and how to replay it. */
    public static void check(long seed, Case body) {
        try {
            body.run(new SplittableRandom(seed));
        } catch (Exception | AssertionError e) {
            throw new AssertionError("seed " + seed + " (replay with -D" + SEED_PROPERTY + "=" + seed + "): " + e, e);
        }
    }

    // ---- choices ----------------------------------------------------------------------------

    /** True with probability {@code p}. */
    public static boolean chance(SplittableRandom random, double p) {
        return random.nextDouble() < p;
    }

    @SafeVarargs
    public static <T> T oneOf(SplittableRandom random, T... values) {
        return values[random.nextInt(values.length)];
    }

    public static <T> T oneOf(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** An index drawn with the given weights: {@code weighted(r, 3, 1)} is 0 three times in four. */
    public static int weighted(SplittableRandom random, int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int draw = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return i;
            }
        }
        throw new AssertionError("unreachable");
    }

    /** A length in {@code [0, max]}, often at the ends. */
    public static int length(SplittableRandom random, int max) {
        return switch (weighted(random, 1, 1, 8)) {
            case 0 -> 0;
            case 1 -> max;
            default -> random.nextInt(max + 1);
        };
    }

    // ---- text -------------------------------------------------------------------------------

    /**
     * Text of any Unicode scalar values, weighted towards what JSON escaping gets wrong: quotes,
     * backslashes, slashes, control characters, characters outside the BMP. No lone surrogates
     * (a request refuses them; they cannot be UTF-8).
     */
    public static String text(SplittableRandom random, int maxLength) {
        int length = length(random, maxLength);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.appendCodePoint(switch (weighted(random, 6, 2, 2, 1)) {
                case 0 -> random.nextInt(0x20, 0x7F);
                case 1 -> oneOf(random, 0x00, 0x01, 0x08, 0x09, 0x0A, 0x0C, 0x0D, 0x1F, 0x22, 0x2F, 0x5C, 0x7F, 0x2028, 0x2029,
                        0xFEFF, 0xFFFD);
                case 2 -> {
                    int c = random.nextInt(0x80, 0x10000 - 0x800);
                    yield c < 0xD800 ? c : c + 0x800;
                }
                default -> random.nextInt(0x10000, 0x110000);
            });
        }
        return out.toString();
    }

    /** Text that is not blank, as a prompt must be. */
    public static String nonBlankText(SplittableRandom random, int maxLength) {
        while (true) {
            String text = text(random, maxLength);
            if (!text.isBlank()) {
                return text;
            }
        }
    }

    /** Any {@code char}s, lone surrogates included. */
    public static String chars(SplittableRandom random, int maxLength) {
        int length = length(random, maxLength);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) random.nextInt(0x10000));
        }
        return out.toString();
    }

    /** Characters of {@code alphabet}, between {@code min} and {@code max} of them. */
    public static String string(SplittableRandom random, String alphabet, int min, int max) {
        int length = random.nextInt(min, max + 1);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** Every printable ASCII character. */
    public static final String PRINTABLE_ASCII = range('!', '~');
    public static final String ALPHANUMERIC = range('a', 'z') + range('A', 'Z') + range('0', '9');

    private static String range(char from, char to) {
        StringBuilder out = new StringBuilder();
        for (char c = from; c <= to; c++) {
            out.append(c);
        }
        return out.toString();
    }

    /** An API key: Google-shaped, {@code sk-}-shaped, alphanumeric, or any printable ASCII. */
    public static String apiKey(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> "AIza" + string(random, ALPHANUMERIC + "-_", 35, 35);
            case 1 -> "sk-" + string(random, range('a', 'z') + range('0', '9'), 16, 48);
            case 2 -> string(random, ALPHANUMERIC, 12, 64);
            default -> string(random, PRINTABLE_ASCII, 12, 64);
        };
    }

    // ---- bytes ------------------------------------------------------------------------------

    public static byte[] bytes(SplittableRandom random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The bytes of an image of {@code type}: its magic bytes, then up to {@code maxTail} of anything. */
    public static byte[] imageBytes(SplittableRandom random, MediaType type, int maxTail) {
        byte[] head = magic(type);
        byte[] image = bytes(random, head.length + length(random, maxTail));
        System.arraycopy(head, 0, image, 0, head.length);
        return image;
    }

    public static byte[] magic(MediaType type) {
        return switch (type) {
            case PNG -> new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
            case JPEG -> new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
            case WEBP -> "RIFF\0\0\0\0WEBP".getBytes(StandardCharsets.ISO_8859_1);
            case HEIC -> "\0\0\0\u0018ftypheic".getBytes(StandardCharsets.ISO_8859_1);
            case HEIF -> "\0\0\0\u0018ftypmif1".getBytes(StandardCharsets.ISO_8859_1);
        };
    }

    // ---- time -------------------------------------------------------------------------------

    /** From nothing to centuries, with nanosecond remainders that do not fit a double exactly. */
    public static Duration duration(SplittableRandom random) {
        long seconds = switch (weighted(random, 3, 2, 1)) {
            case 0 -> random.nextLong(121);
            case 1 -> random.nextLong(100_000_001L);
            default -> random.nextLong(10_000_000_001L);
        };
        return Duration.ofSeconds(seconds, random.nextInt(1_000_000_000));
    }

    /** Any whole second from year 1 to year 9999. */
    public static Instant instant(SplittableRandom random) {
        return Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_800L));
    }
}
