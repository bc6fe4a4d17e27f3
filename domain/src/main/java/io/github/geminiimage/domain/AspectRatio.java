package io.github.geminiimage.domain;

import io.github.geminiimage.domain.error.InvalidRequestException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The output aspect ratios the Gemini image models accept, sent as {@code imageConfig.aspectRatio}. */
public enum AspectRatio {
    RATIO_1_1(1, 1),
    RATIO_2_3(2, 3),
    RATIO_3_2(3, 2),
    RATIO_3_4(3, 4),
    RATIO_4_3(4, 3),
    RATIO_4_5(4, 5),
    RATIO_5_4(5, 4),
    RATIO_9_16(9, 16),
    RATIO_16_9(16, 9),
    RATIO_21_9(21, 9),
    RATIO_1_4(1, 4),
    RATIO_4_1(4, 1),
    RATIO_1_8(1, 8),
    RATIO_8_1(8, 1);

    private final int width;
    private final int height;

    AspectRatio(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** The wire form, e.g. {@code 16:9}. */
    public String value() {
        return width + ":" + height;
    }

    /** The width term of the ratio. */
    public int widthTerm() {
        return width;
    }

    /** The height term of the ratio. */
    public int heightTerm() {
        return height;
    }

    /** Whether this is one of the ten ratios every image model takes (not 1:4, 4:1, 1:8, 8:1). */
    public boolean isStandard() {
        return ordinal() <= RATIO_21_9.ordinal();
    }

    /**
     * Parses the wire form ({@code "16:9"}, surrounding spaces allowed).
     *
     * @throws InvalidRequestException naming the value and listing the valid ones
     */
    public static AspectRatio parse(String text) {
        String trimmed = text == null ? "" : text.trim().replace(" ", "");
        for (AspectRatio ratio : values()) {
            if (ratio.value().equals(trimmed)) {
                return ratio;
            }
        }
        throw new InvalidRequestException("aspectRatio", String.valueOf(text),
                "one of " + Arrays.stream(values()).map(AspectRatio::value).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return value();
    }
}
