package io.github.geminiimage.domain;

import static io.github.geminiimage.domain.AspectRatio.*;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The families of Gemini image models this library knows, with their capabilities. A model id
 * belongs to the family whose id it starts with; ids no family claims get {@link #UNKNOWN}, whose
 * limits are permissive so that a model released tomorrow still works.
 */
public enum ModelFamily {
    /** {@code gemini-2.5-flash-image}: 3 images of 7 MB, PNG out, one fixed size per ratio, 1290 tokens. */
    GEMINI_2_5_FLASH_IMAGE("gemini-2.5-flash-image", 3, 7L * 1024 * 1024,
            EnumSet.of(MediaType.PNG, MediaType.JPEG, MediaType.WEBP), standardRatios(),
            EnumSet.noneOf(ImageSize.class), MediaType.PNG),
    /** {@code gemini-3-pro-image}: 14 images, HEIC/HEIF too, 1K/2K/4K, JPEG out. */
    GEMINI_3_PRO_IMAGE("gemini-3-pro-image", 14, 7L * 1024 * 1024,
            EnumSet.allOf(MediaType.class), standardRatios(),
            EnumSet.of(ImageSize.SIZE_1K, ImageSize.SIZE_2K, ImageSize.SIZE_4K), MediaType.JPEG),
    /** {@code gemini-3.1-flash-image}: 14 images, 512/1K/2K/4K, the extra ratios 1:4 4:1 1:8 8:1. */
    GEMINI_3_1_FLASH_IMAGE("gemini-3.1-flash-image", 14, 7L * 1024 * 1024,
            EnumSet.allOf(MediaType.class), EnumSet.allOf(AspectRatio.class),
            EnumSet.allOf(ImageSize.class), MediaType.JPEG),
    /**
     * {@code gemini-3.1-flash-lite-image} ("Nano Banana 2 Lite"): 14 images, 1K only, every ratio of
     * 3.1 Flash Image, thinks, no grounding with Google Search (docs/wire-format.md, "Models").
     */
    GEMINI_3_1_FLASH_LITE_IMAGE("gemini-3.1-flash-lite-image", 14, 7L * 1024 * 1024,
            EnumSet.allOf(MediaType.class), EnumSet.allOf(AspectRatio.class),
            EnumSet.of(ImageSize.SIZE_1K), MediaType.JPEG),
    /** Any other id: every type, ratio and size allowed, 14 images, the size limit of the endpoint only. */
    UNKNOWN("", 14, Long.MAX_VALUE, EnumSet.allOf(MediaType.class), EnumSet.allOf(AspectRatio.class),
            EnumSet.allOf(ImageSize.class), MediaType.PNG);

    private static final Map<AspectRatio, PixelSize> FLASH_2_5_SIZES = new EnumMap<>(AspectRatio.class);
    private static final Map<AspectRatio, PixelSize> GEMINI_3_1K_SIZES = new EnumMap<>(AspectRatio.class);

    static {
        put(FLASH_2_5_SIZES, RATIO_1_1, 1024, 1024);
        put(FLASH_2_5_SIZES, RATIO_2_3, 832, 1248);
        put(FLASH_2_5_SIZES, RATIO_3_2, 1248, 832);
        put(FLASH_2_5_SIZES, RATIO_3_4, 864, 1184);
        put(FLASH_2_5_SIZES, RATIO_4_3, 1184, 864);
        put(FLASH_2_5_SIZES, RATIO_4_5, 896, 1152);
        put(FLASH_2_5_SIZES, RATIO_5_4, 1152, 896);
        put(FLASH_2_5_SIZES, RATIO_9_16, 768, 1344);
        put(FLASH_2_5_SIZES, RATIO_16_9, 1344, 768);
        put(FLASH_2_5_SIZES, RATIO_21_9, 1536, 672);

        // Gemini 3 at 1K (docs/wire-format.md, "Usage and image sizes"); 2K and 4K are exact multiples of it.
        put(GEMINI_3_1K_SIZES, RATIO_1_1, 1024, 1024);
        put(GEMINI_3_1K_SIZES, RATIO_2_3, 848, 1264);
        put(GEMINI_3_1K_SIZES, RATIO_3_2, 1264, 848);
        put(GEMINI_3_1K_SIZES, RATIO_3_4, 896, 1200);
        put(GEMINI_3_1K_SIZES, RATIO_4_3, 1200, 896);
        put(GEMINI_3_1K_SIZES, RATIO_4_5, 928, 1152);
        put(GEMINI_3_1K_SIZES, RATIO_5_4, 1152, 928);
        put(GEMINI_3_1K_SIZES, RATIO_9_16, 768, 1376);
        put(GEMINI_3_1K_SIZES, RATIO_16_9, 1376, 768);
        put(GEMINI_3_1K_SIZES, RATIO_21_9, 1584, 672);
        // The extreme ratios of 3.1 Flash Image keep the 1K pixel budget on a 16-pixel grid.
        put(GEMINI_3_1K_SIZES, RATIO_1_4, 512, 2048);
        put(GEMINI_3_1K_SIZES, RATIO_4_1, 2048, 512);
        put(GEMINI_3_1K_SIZES, RATIO_1_8, 384, 3072);
        put(GEMINI_3_1K_SIZES, RATIO_8_1, 3072, 384);
    }

    private final String idPrefix;
    private final int maxInputImages;
    private final long maxImageBytes;
    private final Set<MediaType> inputTypes;
    private final Set<AspectRatio> aspectRatios;
    private final Set<ImageSize> imageSizes;
    private final MediaType outputType;

    ModelFamily(String idPrefix, int maxInputImages, long maxImageBytes, Set<MediaType> inputTypes,
            Set<AspectRatio> aspectRatios, Set<ImageSize> imageSizes, MediaType outputType) {
        this.idPrefix = idPrefix;
        this.maxInputImages = maxInputImages;
        this.maxImageBytes = maxImageBytes;
        this.inputTypes = inputTypes;
        this.aspectRatios = aspectRatios;
        this.imageSizes = imageSizes;
        this.outputType = outputType;
    }

    /** The family a model id belongs to, by prefix (case-insensitive); {@link #UNKNOWN} if none. */
    public static ModelFamily of(String modelId) {
        String id = modelId.toLowerCase(Locale.ROOT);
        if (id.startsWith("models/")) {
            id = id.substring("models/".length());
        }
        // Longest prefix first: "gemini-3.1-..." must not fall into "gemini-3-...".
        for (ModelFamily family : new ModelFamily[] {GEMINI_3_1_FLASH_LITE_IMAGE, GEMINI_3_1_FLASH_IMAGE, GEMINI_3_PRO_IMAGE,
                GEMINI_2_5_FLASH_IMAGE}) {
            if (id.startsWith(family.idPrefix)) {
                return family;
            }
        }
        return UNKNOWN;
    }

    /** The most input images a request may carry. */
    public int maxInputImages() {
        return maxInputImages;
    }

    /**
     * The most bytes one inline input image may have on Vertex AI, as its model card documents
     * ({@link Long#MAX_VALUE} when unknown). The Gemini API limits the whole request instead; where
     * each limit applies is the endpoint's choice (the http module's {@code InlineLimits}).
     */
    public long maxImageBytes() {
        return maxImageBytes;
    }

    /** The input image formats accepted. */
    public Set<MediaType> inputTypes() {
        return Set.copyOf(inputTypes);
    }

    /** The output aspect ratios accepted. */
    public Set<AspectRatio> aspectRatios() {
        return Set.copyOf(aspectRatios);
    }

    /** The image sizes accepted; empty when the model takes no {@code imageSize} at all. */
    public Set<ImageSize> imageSizes() {
        return Set.copyOf(imageSizes);
    }

    /** Whether {@code imageConfig.imageSize} may be sent to this family. */
    public boolean takesImageSize() {
        return !imageSizes.isEmpty();
    }

    /**
     * Whether {@code generationConfig.thinkingConfig} (and so {@code includeThoughts}) may be sent:
     * Gemini 3 image models think and take it; 2.5 Flash Image does not think and answers 400
     * "Thinking is not enabled" (docs/wire-format.md, "Requests"). Unknown ids are allowed.
     */
    public boolean takesThinkingConfig() {
        return this != GEMINI_2_5_FLASH_IMAGE;
    }

    /**
     * Whether the family takes grounding with Google Search of that kind ({@code tools.googleSearch}):
     * web search on Gemini 3 Pro Image and 3.1 Flash Image, image search on 3.1 Flash Image only,
     * neither on 2.5 Flash Image nor 3.1 Flash-Lite Image (docs/wire-format.md, "Grounding with
     * Google Search"). Unknown ids are allowed.
     */
    public boolean takesSearchGrounding(SearchGrounding grounding) {
        return switch (this) {
            case GEMINI_3_PRO_IMAGE -> !grounding.imageSearch();
            case GEMINI_3_1_FLASH_IMAGE, UNKNOWN -> true;
            default -> false;
        };
    }

    /** The format the model answers in (PNG for 2.5 Flash Image, JPEG for Gemini 3 models). */
    public MediaType outputType() {
        return outputType;
    }

    /**
     * The pixel size of the image the model returns for a ratio and size. Gemini 2.5 has one fixed
     * size per ratio and ignores {@code size}; Gemini 3 defaults to 1K.
     *
     * @return the size, or empty for {@link #UNKNOWN} or a ratio the family does not take
     */
    public Optional<PixelSize> outputPixels(AspectRatio ratio, Optional<ImageSize> size) {
        switch (this) {
            case GEMINI_2_5_FLASH_IMAGE:
                return Optional.ofNullable(FLASH_2_5_SIZES.get(ratio));
            case GEMINI_3_PRO_IMAGE:
            case GEMINI_3_1_FLASH_IMAGE:
            case GEMINI_3_1_FLASH_LITE_IMAGE:
                if (!aspectRatios.contains(ratio)) {
                    return Optional.empty();
                }
                PixelSize base = GEMINI_3_1K_SIZES.get(ratio);
                ImageSize tier = size.orElse(ImageSize.SIZE_1K);
                switch (tier) {
                    case SIZE_512:
                        return Optional.of(new PixelSize(base.width() / 2, base.height() / 2));
                    case SIZE_2K:
                        return Optional.of(new PixelSize(base.width() * 2, base.height() * 2));
                    case SIZE_4K:
                        return Optional.of(new PixelSize(base.width() * 4, base.height() * 4));
                    default:
                        return Optional.of(base);
                }
            default:
                return Optional.empty();
        }
    }

    /** The output tokens billed per image (docs/wire-format.md, "Usage and image sizes"); 1290 when unknown. */
    public int tokensPerImage(Optional<ImageSize> size) {
        ImageSize tier = size.orElse(ImageSize.SIZE_1K);
        switch (this) {
            case GEMINI_3_PRO_IMAGE:
                return tier == ImageSize.SIZE_4K ? 2000 : 1120;
            case GEMINI_3_1_FLASH_LITE_IMAGE:
                // Google publishes no figure for Lite; its only size is 1K, billed here like the other Gemini 3 models at 1K.
                return 1120;
            case GEMINI_3_1_FLASH_IMAGE:
                return tier == ImageSize.SIZE_512 ? 747 : tier == ImageSize.SIZE_4K ? 2000 : 1120;
            default:
                return 1290;
        }
    }

    private static void put(Map<AspectRatio, PixelSize> map, AspectRatio ratio, int width, int height) {
        map.put(ratio, new PixelSize(width, height));
    }

    private static Set<AspectRatio> standardRatios() {
        EnumSet<AspectRatio> set = EnumSet.noneOf(AspectRatio.class);
        for (AspectRatio ratio : AspectRatio.values()) {
            if (ratio.isStandard()) {
                set.add(ratio);
            }
        }
        return set;
    }
}
