package io.github.geminiimage.domain;

import io.github.geminiimage.domain.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One image generation or editing request. Built with {@link #builder()}; {@link Builder#build()}
 * enforces the model's limits and every range, so an instance is always valid. Immutable and
 * thread-safe.
 */
public final class GenerationRequest {

    /**
     * The inline request limit of Google's endpoint (100 MB of JSON since January 2026). The
     * builder refuses requests whose body would be larger; transports may set a lower limit, and
     * each endpoint its own inline limits (per image on Vertex AI, for instance), checked when the
     * call is made.
     */
    public static final long MAX_REQUEST_BYTES = 100L * 1000 * 1000;

    /** Room for the JSON around the payloads (field names, generation config, safety settings). */
    private static final long JSON_OVERHEAD_BYTES = 4096;

    private final ImageModel model;
    private final String prompt;
    private final List<ImageInput> images;
    private final AspectRatio aspectRatio;
    private final ImageSize imageSize;
    private final ResponseModalities responseModalities;
    private final Integer candidateCount;
    private final Double temperature;
    private final Double topP;
    private final Integer topK;
    private final Integer seed;
    private final String systemInstruction;
    private final List<SafetySetting> safetySettings;
    private final List<Turn> history;
    private final boolean includeThoughts;
    private final VertexOptions vertexOptions;
    private final SearchGrounding grounding;
    private final ServiceTier serviceTier;
    private final ImageSink sink;
    private final String continuationToken;
    private final boolean automaticContinuation;

    private GenerationRequest(Builder b) {
        this.model = b.model;
        this.prompt = b.prompt;
        this.images = List.copyOf(b.images);
        this.aspectRatio = b.aspectRatio;
        this.imageSize = b.imageSize;
        this.responseModalities = b.responseModalities;
        this.candidateCount = b.candidateCount;
        this.temperature = b.temperature;
        this.topP = b.topP;
        this.topK = b.topK;
        this.seed = b.seed;
        this.systemInstruction = b.systemInstruction;
        this.safetySettings = List.copyOf(b.safetySettings);
        this.history = List.copyOf(b.history);
        this.includeThoughts = b.includeThoughts;
        this.vertexOptions = b.vertexOptions;
        this.grounding = b.grounding;
        this.serviceTier = b.serviceTier;
        this.sink = b.sink;
        this.continuationToken = b.continuationToken;
        this.automaticContinuation = b.automaticContinuation;
    }

    /** A new builder with the defaults: model {@code gemini-2.5-flash-image}, text and image back. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's values, to derive a changed request. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.model = model;
        b.prompt = prompt;
        b.images.addAll(images);
        b.aspectRatio = aspectRatio;
        b.imageSize = imageSize;
        b.responseModalities = responseModalities;
        b.candidateCount = candidateCount;
        b.temperature = temperature;
        b.topP = topP;
        b.topK = topK;
        b.seed = seed;
        b.systemInstruction = systemInstruction;
        b.safetySettings.addAll(safetySettings);
        b.history.addAll(history);
        b.includeThoughts = includeThoughts;
        b.vertexOptions = vertexOptions;
        b.grounding = grounding;
        b.serviceTier = serviceTier;
        b.sink = sink;
        b.continuationToken = continuationToken;
        b.automaticContinuation = automaticContinuation;
        return b;
    }

    /** The model to call. */
    public ImageModel model() {
        return model;
    }

    /** The text instruction. */
    public Optional<String> prompt() {
        return Optional.ofNullable(prompt);
    }

    /** The input images, in the order they are sent (after the prompt). */
    public List<ImageInput> images() {
        return images;
    }

    /** The output aspect ratio; when absent the model matches the input image, else 1:1. */
    public Optional<AspectRatio> aspectRatio() {
        return Optional.ofNullable(aspectRatio);
    }

    /** The output size tier (Gemini 3 models only). */
    public Optional<ImageSize> imageSize() {
        return Optional.ofNullable(imageSize);
    }

    /** What to answer with. */
    public ResponseModalities responseModalities() {
        return responseModalities;
    }

    /** {@code candidateCount}, 1 to 8, when set. */
    public OptionalInt candidateCount() {
        return candidateCount == null ? OptionalInt.empty() : OptionalInt.of(candidateCount);
    }

    /** {@code temperature}, 0 to 2, when set. */
    public OptionalDouble temperature() {
        return temperature == null ? OptionalDouble.empty() : OptionalDouble.of(temperature);
    }

    /** {@code topP}, 0 to 1, when set. */
    public OptionalDouble topP() {
        return topP == null ? OptionalDouble.empty() : OptionalDouble.of(topP);
    }

    /** {@code topK}, at least 1, when set. */
    public OptionalInt topK() {
        return topK == null ? OptionalInt.empty() : OptionalInt.of(topK);
    }

    /** {@code seed}, when set (best effort on the server). */
    public OptionalInt seed() {
        return seed == null ? OptionalInt.empty() : OptionalInt.of(seed);
    }

    /** The system instruction, when set. */
    public Optional<String> systemInstruction() {
        return Optional.ofNullable(systemInstruction);
    }

    /** The safety settings, at most one per category. */
    public List<SafetySetting> safetySettings() {
        return safetySettings;
    }

    /** The earlier turns replayed before this one, oldest first. */
    public List<Turn> history() {
        return history;
    }

    /**
     * Whether the model is asked to return its thoughts
     * ({@code generationConfig.thinkingConfig.includeThoughts}): thought summaries as text parts
     * and, on Gemini 3 image models, interim draft images, all flagged {@code thought}. Thinking
     * happens (and is billed) either way; this only makes it visible. Default false.
     */
    public boolean includeThoughts() {
        return includeThoughts;
    }

    /**
     * The fields only Vertex AI accepts ({@link VertexOptions#NONE} by default); a request with any
     * set is refused before sending to the Gemini API.
     */
    public VertexOptions vertexOptions() {
        return vertexOptions;
    }

    /**
     * Grounding with Google Search, when asked for ({@code tools: [{"googleSearch": ...}]}): the
     * reply then names its queries and sources ({@link GenerationResult#grounding()}).
     */
    public Optional<SearchGrounding> grounding() {
        return Optional.ofNullable(grounding);
    }

    /**
     * The service tier asked for (top-level {@code serviceTier}); empty sends none and the server
     * serves it as standard. A flex call may take up to 15 minutes: the HTTP client gives it its own
     * overall deadline and retry policy ({@code HttpOptions.flexDeadline}, {@code flexRetryPolicy}).
     */
    public Optional<ServiceTier> serviceTier() {
        return Optional.ofNullable(serviceTier);
    }

    /**
     * Where the reply's images are written while they are decoded, instead of being held in
     * memory; empty (the default) to hold them. Not sent to the server. See {@link ImageSink}.
     */
    public Optional<ImageSink> sink() {
        return Optional.ofNullable(sink);
    }

    /** This request with its images going to {@code sink}. */
    public GenerationRequest withSink(ImageSink sink) {
        return toBuilder().sink(Objects.requireNonNull(sink, "sink")).build();
    }

    /**
     * The top-level {@code continuationToken}: this request resumes a generation that stopped with
     * {@link FinishReason#CONTINUATION} (docs/wire-format.md, "Continuation").
     */
    public Optional<String> continuationToken() {
        return Optional.ofNullable(continuationToken);
    }

    /**
     * Whether a reply that stops with {@link FinishReason#CONTINUATION} is continued by the client
     * (the same request sent again with the reply's token, within the call's overall deadline, the
     * replies joined into one result). Default true; when false such a reply is returned as it is,
     * with {@link Outcome#INCOMPLETE} and {@link GenerationResult#continuationToken()}. Not sent.
     */
    public boolean automaticContinuation() {
        return automaticContinuation;
    }

    /**
     * This request resuming {@code partial}, a result of it that stopped with
     * {@link Outcome#INCOMPLETE}: the same request with {@code partial}'s continuation token. Join
     * the reply with {@link GenerationResult#followedBy}.
     *
     * @throws InvalidRequestException if {@code partial} has no continuation token
     */
    public GenerationRequest resuming(GenerationResult partial) {
        Objects.requireNonNull(partial, "partial");
        String token = partial.continuationToken().orElseThrow(() -> new InvalidRequestException("continuationToken",
                "none", "a result with outcome INCOMPLETE (this one is " + partial.outcome() + ")"));
        return toBuilder().continuationToken(token).build();
    }

    /** This request's own turn (the prompt and images), as it is recorded in a conversation. */
    public Turn.User userTurn() {
        return new Turn.User(prompt(), images);
    }

    @Override
    public String toString() {
        return "GenerationRequest[model=" + model + ", prompt=" + (prompt == null ? "none" : prompt.length() + " chars")
                + ", images=" + images.size() + ", aspectRatio=" + aspectRatio + ", imageSize=" + imageSize
                + ", history=" + history.size() + " turns" + (includeThoughts ? ", includeThoughts" : "")
                + (vertexOptions.isEmpty() ? "" : ", " + vertexOptions) + (grounding == null ? "" : ", grounding=" + grounding)
                + (serviceTier == null ? "" : ", serviceTier=" + serviceTier.value()) + (sink == null ? "" : ", " + sink)
                + (continuationToken == null ? "" : ", continuationToken=" + continuationToken.length() + " chars")
                + (automaticContinuation ? "" : ", automaticContinuation=false") + "]";
    }

    /** Builds a {@link GenerationRequest}; {@link #build()} checks everything. Not thread-safe. */
    public static final class Builder {
        private ImageModel model = ImageModel.GEMINI_2_5_FLASH_IMAGE;
        private String prompt;
        private final List<ImageInput> images = new ArrayList<>();
        private AspectRatio aspectRatio;
        private ImageSize imageSize;
        private ResponseModalities responseModalities = ResponseModalities.TEXT_AND_IMAGE;
        private ImageSink sink;
        private Integer candidateCount;
        private Double temperature;
        private Double topP;
        private Integer topK;
        private Integer seed;
        private String systemInstruction;
        private final List<SafetySetting> safetySettings = new ArrayList<>();
        private final List<Turn> history = new ArrayList<>();
        private boolean includeThoughts;
        private VertexOptions vertexOptions = VertexOptions.NONE;
        private SearchGrounding grounding;
        private ServiceTier serviceTier;
        private String continuationToken;
        private boolean automaticContinuation = true;

        private Builder() {
        }

        /** The model (default {@code gemini-2.5-flash-image}). */
        public Builder model(ImageModel model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** The model by id (any id; unknown ids get permissive limits). */
        public Builder model(String modelId) {
            return model(ImageModel.of(modelId));
        }

        /** The text instruction. */
        public Builder prompt(String prompt) {
            this.prompt = Objects.requireNonNull(prompt, "prompt");
            return this;
        }

        /** Adds an input image after those already added. */
        public Builder addImage(ImageInput image) {
            images.add(Objects.requireNonNull(image, "image"));
            return this;
        }

        /** Replaces the input images. */
        public Builder images(List<ImageInput> newImages) {
            images.clear();
            newImages.forEach(this::addImage);
            return this;
        }

        /** The output aspect ratio. */
        public Builder aspectRatio(AspectRatio aspectRatio) {
            this.aspectRatio = Objects.requireNonNull(aspectRatio, "aspectRatio");
            return this;
        }

        /** The output size tier (Gemini 3 models only). */
        public Builder imageSize(ImageSize imageSize) {
            this.imageSize = Objects.requireNonNull(imageSize, "imageSize");
            return this;
        }

        /** What to answer with (default text and image). */
        public Builder responseModalities(ResponseModalities modalities) {
            this.responseModalities = Objects.requireNonNull(modalities, "responseModalities");
            return this;
        }

        /** {@code candidateCount}, 1 to 8. */
        public Builder candidateCount(int count) {
            this.candidateCount = count;
            return this;
        }

        /** {@code temperature}, 0 to 2. */
        public Builder temperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        /** {@code topP}, 0 to 1. */
        public Builder topP(double topP) {
            this.topP = topP;
            return this;
        }

        /** {@code topK}, at least 1. */
        public Builder topK(int topK) {
            this.topK = topK;
            return this;
        }

        /** {@code seed}. */
        public Builder seed(int seed) {
            this.seed = seed;
            return this;
        }

        /** The system instruction. */
        public Builder systemInstruction(String instruction) {
            this.systemInstruction = Objects.requireNonNull(instruction, "systemInstruction");
            return this;
        }

        /** Adds a safety setting (one per category). */
        public Builder addSafetySetting(SafetySetting setting) {
            safetySettings.add(Objects.requireNonNull(setting, "safetySetting"));
            return this;
        }

        /** Adds a safety setting (one per category). */
        public Builder addSafetySetting(HarmCategory category, HarmBlockThreshold threshold) {
            return addSafetySetting(new SafetySetting(category, threshold));
        }

        /** Replaces the earlier turns replayed before this request (oldest first). */
        public Builder history(List<Turn> turns) {
            history.clear();
            turns.forEach(t -> history.add(Objects.requireNonNull(t, "turn")));
            return this;
        }

        /**
         * Asks the model to return its thoughts ({@code thinkingConfig.includeThoughts}); only
         * models that think take it (not {@code gemini-2.5-flash-image}: {@link #build()} refuses).
         * Streaming shows them as they come; interim images only arrive with it.
         */
        public Builder includeThoughts(boolean include) {
            this.includeThoughts = include;
            return this;
        }

        /**
         * Fields only Vertex AI accepts: output format and JPEG quality, person generation, billing
         * labels. Sending the request to the Gemini API fails before any I/O.
         */
        public Builder vertexOptions(VertexOptions options) {
            this.vertexOptions = Objects.requireNonNull(options, "vertexOptions");
            return this;
        }

        /**
         * Grounding with Google Search: web, image or both. Only models that take it
         * ({@link ModelFamily#takesSearchGrounding}); {@link #build()} refuses the others.
         */
        public Builder grounding(SearchGrounding grounding) {
            this.grounding = Objects.requireNonNull(grounding, "grounding");
            return this;
        }

        /** Drops grounding with Google Search (the default). */
        public Builder noGrounding() {
            this.grounding = null;
            return this;
        }

        /**
         * The service tier to ask for: {@link ServiceTier#FLEX} (half price, up to 15 minutes,
         * may be shed with 503), {@link ServiceTier#STANDARD} or {@link ServiceTier#PRIORITY}.
         * Not set by default (the server's standard).
         */
        public Builder serviceTier(ServiceTier tier) {
            this.serviceTier = Objects.requireNonNull(tier, "serviceTier");
            return this;
        }

        /**
         * Resumes a generation: the {@code continuationToken} of a reply to this same request that
         * stopped with {@link FinishReason#CONTINUATION} (base64, as the server sent it).
         */
        public Builder continuationToken(String token) {
            this.continuationToken = Objects.requireNonNull(token, "continuationToken");
            return this;
        }

        /** Sends no continuation token. */
        public Builder clearContinuationToken() {
            this.continuationToken = null;
            return this;
        }

        /**
         * Writes the reply's images to {@code sink} while they are decoded instead of holding
         * them (see {@link ImageSink}).
         */
        public Builder sink(ImageSink sink) {
            this.sink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /** Holds the reply's images in memory again (the default). */
        public Builder noSink() {
            this.sink = null;
            return this;
        }

        /**
         * Whether a reply that stops with {@code CONTINUATION} is continued automatically (default
         * true); false returns it as an {@link Outcome#INCOMPLETE} result carrying its token.
         */
        public Builder automaticContinuation(boolean automatic) {
            this.automaticContinuation = automatic;
            return this;
        }

        /**
         * Checks every value against the model's limits and ranges and builds the request.
         *
         * @throws InvalidRequestException naming the field, the value and the limit
         */
        public GenerationRequest build() {
            ModelFamily family = model.family();
            String modelName = family == ModelFamily.UNKNOWN ? "model " + model.id() : model.id();
            if ((prompt == null || prompt.isBlank()) && images.isEmpty()) {
                throw new InvalidRequestException("prompt", String.valueOf(prompt), "a non-blank prompt or at least one image");
            }
            if (prompt != null && prompt.isBlank()) {
                throw new InvalidRequestException("prompt", prompt, "non-blank text, or no prompt with at least one image");
            }
            checkText("prompt", prompt);
            checkToken(continuationToken);
            checkText("systemInstruction", systemInstruction);
            checkTurnsHaveParts(history);
            if (images.size() > family.maxInputImages()) {
                throw new InvalidRequestException("images", images.size() + " images is more than the limit of "
                        + modelName + ": at most " + family.maxInputImages() + " images; got " + images.size(), (Throwable) null);
            }
            for (int i = 0; i < images.size(); i++) {
                ImageInput image = images.get(i);
                if (!family.inputTypes().contains(image.mediaType())) {
                    throw new InvalidRequestException("images[" + i + "]", image.mediaType().mimeType(),
                            "one of " + mimeList(family.inputTypes()) + " for " + modelName);
                }
            }
            if (aspectRatio != null && !family.aspectRatios().contains(aspectRatio)) {
                throw new InvalidRequestException("aspectRatio", aspectRatio.value(),
                        "one of " + family.aspectRatios().stream().sorted().map(AspectRatio::value).toList()
                                + " for " + modelName);
            }
            if (imageSize != null && !family.takesImageSize()) {
                throw new InvalidRequestException("imageSize", imageSize.value(),
                        "no imageSize for " + modelName + " (it has one fixed size per aspect ratio)");
            }
            if (imageSize != null && !family.imageSizes().contains(imageSize)) {
                throw new InvalidRequestException("imageSize", imageSize.value(),
                        "one of " + family.imageSizes().stream().sorted().map(ImageSize::value).toList() + " for " + modelName);
            }
            if (grounding != null && !family.takesSearchGrounding(grounding)) {
                throw new InvalidRequestException("grounding", grounding.name() + ": " + modelName + " does not take "
                        + (family.takesSearchGrounding(SearchGrounding.WEB) ? "image search grounding; use WEB"
                                : "grounding with Google Search")
                        + " (gemini-3-pro-image takes web search, gemini-3.1-flash-image web and image search)",
                        (Throwable) null);
            }
            if (includeThoughts && !family.takesThinkingConfig()) {
                throw new InvalidRequestException("includeThoughts", "true",
                        "false for " + modelName + " (the model does not think and refuses a thinking config)");
            }
            if (candidateCount != null && (candidateCount < 1 || candidateCount > 8)) {
                throw new InvalidRequestException("candidateCount", candidateCount.toString(), "1 to 8");
            }
            if (temperature != null && !(temperature >= 0 && temperature <= 2)) {
                throw new InvalidRequestException("temperature", temperature.toString(), "0.0 to 2.0");
            }
            if (topP != null && !(topP >= 0 && topP <= 1)) {
                throw new InvalidRequestException("topP", topP.toString(), "0.0 to 1.0");
            }
            if (topK != null && topK < 1) {
                throw new InvalidRequestException("topK", topK.toString(), "at least 1");
            }
            Set<HarmCategory> categories = new HashSet<>();
            for (SafetySetting setting : safetySettings) {
                if (!categories.add(setting.category())) {
                    throw new InvalidRequestException("safetySettings", setting.category().value(), "at most one setting per category");
                }
            }
            long size = estimatedBodyBytes();
            if (size > MAX_REQUEST_BYTES) {
                throw new InvalidRequestException("images", "the request body would be about " + size
                        + " bytes, more than the endpoint's limit of " + MAX_REQUEST_BYTES + " bytes", (Throwable) null);
            }
            return new GenerationRequest(this);
        }

        private long estimatedBodyBytes() {
            long size = JSON_OVERHEAD_BYTES + utf8Estimate(prompt) + utf8Estimate(systemInstruction)
                    + (continuationToken == null ? 0 : continuationToken.length());
            for (ImageInput image : images) {
                size += image.base64Length();
            }
            for (Turn turn : history) {
                if (turn instanceof Turn.User user) {
                    size += utf8Estimate(user.text().orElse(null));
                    for (ImageInput image : user.images()) {
                        size += image.base64Length();
                    }
                } else if (turn instanceof Turn.Model modelTurn) {
                    for (Part part : modelTurn.parts()) {
                        size += part.thoughtSignature().map(String::length).orElse(0);
                        if (part instanceof Part.Text text) {
                            size += utf8Estimate(text.text());
                        } else if (part instanceof Part.Image image) {
                            size += 4L * ((image.image().size() + 2) / 3);
                        } else if (part instanceof Part.Other other) {
                            size += other.json().length();
                        }
                    }
                }
            }
            return size;
        }

        /** The server answers a turn without parts with a 400; refusing it here spares the call. */
        private static void checkTurnsHaveParts(List<Turn> turns) {
            for (int t = 0; t < turns.size(); t++) {
                Turn turn = turns.get(t);
                boolean empty = turn instanceof Turn.User user ? user.text().isEmpty() && user.images().isEmpty()
                        : ((Turn.Model) turn).parts().isEmpty();
                if (empty) {
                    throw new InvalidRequestException("history[" + t + "]", "a " + (turn instanceof Turn.User ? "user" : "model")
                            + " turn without parts is not allowed (the server answers 400 \"contents.parts must not be empty\"); "
                            + "drop the turn, as Conversation does", (Throwable) null);
                }
            }
        }

        /** The token is opaque but base64: anything else was not taken from a reply. */
        private static void checkToken(String token) {
            if (token == null) {
                return;
            }
            if (token.isEmpty()) {
                throw new InvalidRequestException("continuationToken", "\"\"", "the non-empty base64 token of a reply");
            }
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                boolean base64 = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                        || c == '+' || c == '/' || c == '=' || c == '-' || c == '_';
                if (!base64) {
                    throw new InvalidRequestException("continuationToken", InvalidRequestException.shorten(token),
                            "base64 as the reply sent it (character '" + c + "' at index " + i + " is not base64)");
                }
            }
        }

        private static long utf8Estimate(String text) {
            return text == null ? 0 : text.length() * 3L;
        }

        private static void checkText(String field, String text) {
            if (text == null) {
                return;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        i++;
                        continue;
                    }
                    throw new InvalidRequestException(field, "text with a lone surrogate U+"
                            + Integer.toHexString(c).toUpperCase() + " at index " + i + " cannot be encoded as UTF-8", (Throwable) null);
                }
                if (Character.isLowSurrogate(c)) {
                    throw new InvalidRequestException(field, "text with a lone surrogate U+"
                            + Integer.toHexString(c).toUpperCase() + " at index " + i + " cannot be encoded as UTF-8", (Throwable) null);
                }
            }
        }

        private static String mimeList(Set<MediaType> types) {
            return types.stream().sorted().map(MediaType::mimeType).toList().toString();
        }
    }
}
