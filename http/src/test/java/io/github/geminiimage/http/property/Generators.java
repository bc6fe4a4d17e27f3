package io.github.geminiimage.http.property;

import io.github.geminiimage.domain.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/** Arbitraries shared by the properties: texts JSON must escape, image bytes a sniffer accepts. */
final class Generators {

    private Generators() {
    }

    /**
     * Text of any Unicode scalar values, weighted towards what JSON escaping gets wrong: quotes,
     * backslashes, slashes, control characters, characters outside the BMP. No lone surrogates
     * (the builder refuses them; they cannot be UTF-8).
     */
    static Arbitrary<String> text(int maxLength) {
        Arbitrary<Integer> ascii = Arbitraries.integers().between(0x20, 0x7E);
        Arbitrary<Integer> special = Arbitraries.of(0x00, 0x01, 0x08, 0x09, 0x0A, 0x0C, 0x0D, 0x1F, 0x22, 0x2F, 0x5C, 0x7F,
                0x2028, 0x2029, 0xFEFF, 0xFFFD);
        Arbitrary<Integer> bmp = Arbitraries.integers().between(0x80, 0xFFFF).filter(c -> c < 0xD800 || c > 0xDFFF);
        Arbitrary<Integer> astral = Arbitraries.integers().between(0x10000, 0x10FFFF);
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(Tuple.of(6, ascii), Tuple.of(2, special), Tuple.of(2, bmp),
                Tuple.of(1, astral));
        return codePoint.list().ofMaxSize(maxLength).map(Generators::fromCodePoints);
    }

    /** Text that is not blank, as a prompt must be. */
    static Arbitrary<String> nonBlankText(int maxLength) {
        return text(maxLength).filter(s -> !s.isBlank());
    }

    private static String fromCodePoints(List<Integer> codePoints) {
        StringBuilder out = new StringBuilder();
        codePoints.forEach(out::appendCodePoint);
        return out.toString();
    }

    /** The bytes of an image of {@code type}: its magic bytes, then anything. */
    static Arbitrary<byte[]> imageBytes(MediaType type, int maxTail) {
        byte[] head = magic(type);
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxTail).map(tail -> {
            byte[] image = new byte[head.length + tail.length];
            System.arraycopy(head, 0, image, 0, head.length);
            System.arraycopy(tail, 0, image, head.length, tail.length);
            return image;
        });
    }

    static byte[] magic(MediaType type) {
        return switch (type) {
            case PNG -> new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
            case JPEG -> new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
            case WEBP -> "RIFF\0\0\0\0WEBP".getBytes(StandardCharsets.ISO_8859_1);
            case HEIC -> "\0\0\0\u0018ftypheic".getBytes(StandardCharsets.ISO_8859_1);
            case HEIF -> "\0\0\0\u0018ftypmif1".getBytes(StandardCharsets.ISO_8859_1);
        };
    }
}
