package io.github.geminiimage.domain;

import io.github.geminiimage.domain.error.InvalidRequestException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The output resolution tier of Gemini 3 image models, sent as {@code imageConfig.imageSize}. */
public enum ImageSize {
    SIZE_512("512"),
    SIZE_1K("1K"),
    SIZE_2K("2K"),
    SIZE_4K("4K");

    private final String value;

    ImageSize(String value) {
        this.value = value;
    }

    /** The wire form, uppercase as the API requires: {@code 512}, {@code 1K}, {@code 2K}, {@code 4K}. */
    public String value() {
        return value;
    }

    /**
     * Parses {@code 512}, {@code 1K}, {@code 2K} or {@code 4K}, in any case ({@code 2k} is accepted).
     *
     * @throws InvalidRequestException naming the value and listing the valid ones
     */
    public static ImageSize parse(String text) {
        String normal = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        for (ImageSize size : values()) {
            if (size.value.equals(normal)) {
                return size;
            }
        }
        throw new InvalidRequestException("imageSize", String.valueOf(text),
                "one of " + Arrays.stream(values()).map(ImageSize::value).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return value;
    }
}
