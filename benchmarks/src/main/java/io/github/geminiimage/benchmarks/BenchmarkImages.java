package io.github.geminiimage.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;

/** BenchmarkImages made in code: image-like bytes with real magic numbers, and replies built around them. */
public final class BenchmarkImages {

    private BenchmarkImages() {
    }

    /** {@code size} random bytes starting with the JPEG magic number. */
    public static byte[] jpegLike(int size, long seed) {
        byte[] bytes = random(size, seed);
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        return bytes;
    }

    /** {@code size} random bytes starting with the PNG signature and an IHDR of 1024x1024. */
    public static byte[] pngLike(int size, long seed) {
        byte[] bytes = random(size, seed);
        byte[] head = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 4, 0, 0, 0, 4, 0};
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    /**
     * A {@code generateContent} reply as Google sends it: a text part, then the image part, then
     * usage metadata, pretty-printed like the real thing.
     */
    public static byte[] reply(byte[] image, String mimeType) {
        String json = "{\n  \"candidates\": [\n    {\n      \"content\": {\n        \"parts\": [\n"
                + "          {\n            \"text\": \"Here is the picture you asked for.\"\n          },\n"
                + "          {\n            \"inlineData\": {\n              \"mimeType\": \"" + mimeType + "\",\n"
                + "              \"data\": \"" + Base64.getEncoder().encodeToString(image) + "\"\n            }\n          }\n"
                + "        ],\n        \"role\": \"model\"\n      },\n      \"finishReason\": \"STOP\",\n      \"index\": 0\n    }\n  ],\n"
                + "  \"usageMetadata\": {\n    \"promptTokenCount\": 12,\n    \"candidatesTokenCount\": 1290,\n"
                + "    \"totalTokenCount\": 1302,\n    \"promptTokensDetails\": [\n      {\n        \"modality\": \"TEXT\",\n"
                + "        \"tokenCount\": 12\n      }\n    ],\n    \"candidatesTokensDetails\": [\n      {\n"
                + "        \"modality\": \"IMAGE\",\n        \"tokenCount\": 1290\n      }\n    ]\n  },\n"
                + "  \"modelVersion\": \"gemini-2.5-flash-image\",\n  \"responseId\": \"fFAeaZ2nLYqVmtkP0eLF-Q0\"\n}\n";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Calls {@code java.util.Base64}'s array methods thousands of times with inputs of every length
     * modulo 3, so its intrinsic (vectorised) paths are compiled before measuring. Without it, a
     * multi-megabyte benchmark measures the slow interpreter path.
     */
    public static void primeBase64() {
        Base64.Encoder encoder = Base64.getEncoder();
        Base64.Decoder decoder = Base64.getDecoder();
        byte[] dst = new byte[8192];
        byte[] back = new byte[6144];
        for (int i = 0; i < 20_000; i++) {
            int n = 3000 + (i % 3) + (i % 7) * 3;
            byte[] src = new byte[n];
            src[i % n] = (byte) i;
            int encoded = encoder.encode(src, dst);
            byte[] trimmed = java.util.Arrays.copyOf(dst, encoded);
            decoder.decode(trimmed, back);
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i += 8) {
            long v = random.nextLong();
            for (int j = 0; j < 8 && i + j < size; j++) {
                bytes[i + j] = (byte) (v >>> (8 * j));
            }
        }
        return bytes;
    }
}
