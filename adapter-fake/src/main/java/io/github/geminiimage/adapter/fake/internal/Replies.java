package io.github.geminiimage.adapter.fake.internal;

import io.github.geminiimage.domain.AspectRatio;
import io.github.geminiimage.domain.BlockReason;
import io.github.geminiimage.domain.Candidate;
import io.github.geminiimage.domain.FinishReason;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.ImageModel;
import io.github.geminiimage.domain.ImageSize;
import io.github.geminiimage.domain.Modality;
import io.github.geminiimage.domain.ModalityTokens;
import io.github.geminiimage.domain.ModelFamily;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.PixelSize;
import io.github.geminiimage.domain.PromptFeedback;
import io.github.geminiimage.domain.ResponseModalities;
import io.github.geminiimage.domain.SearchGrounding;
import io.github.geminiimage.domain.Turn;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.NotFoundException;
import io.github.geminiimage.domain.grounding.Grounding;
import io.github.geminiimage.domain.grounding.GroundingSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What the fake answers, built the way the real models answer: checks a real call makes before and
 * at the server, the output size and format of the model, thought signatures on Gemini 3 models,
 * token counts from the tables of docs/wire-format.md, "Usage and image sizes". Stateless and thread-safe.
 */
public final class Replies {

    private static final int MAX_CAPTION_CHARS = 60;

    private Replies() {
    }

    /**
     * Runs every check a real call makes: the domain's validation again (a request is a value, but
     * a file image may have changed since it was built), each image readable, a retired or unknown
     * model id refused as the server does (404, see {@link #servesModel}), and on Gemini 3 models every replayed image part signed
     * (the server's 400).
     *
     * @return the request's input image bytes, read once, in order
     * @throws InvalidRequestException or {@link NotFoundException} as the real call would
     */
    public static List<byte[]> check(GenerationRequest request) {
        return check(request, image -> {
            throw FileReplies.cannotFetch(image.uri().orElseThrow());
        });
    }

    /**
     * {@link #check(GenerationRequest)} for a request whose image references ({@code fileData}) are
     * read by {@code references}, which throws the service's refusal for one it cannot fetch.
     */
    public static List<byte[]> check(GenerationRequest request, Function<ImageInput, byte[]> references) {
        request.toBuilder().build();
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < request.images().size(); i++) {
            ImageInput image = request.images().get(i);
            try {
                images.add(image.isReference() ? references.apply(image) : image.readAllBytes());
            } catch (IOException e) {
                throw new InvalidRequestException("images[" + i + "]", "image " + (i + 1)
                        + " cannot be read: " + e.getMessage(), e);
            }
        }
        checkModel(request.model());
        if (isGemini3(request.model().family())) {
            checkSignatures(request.history());
        }
        return images;
    }

    /**
     * Refuses a model the fake does not serve as the endpoint does: a retired id names its
     * replacement, any other id the ids that are served.
     *
     * @throws NotFoundException the server's 404
     */
    public static void checkModel(ImageModel model) {
        if (model.isRetired() || !servesModel(model.id())) {
            String message = "models/" + modelName(model.id()) + " is not found for API version v1beta, or is not "
                    + "supported for generateContent";
            String replacement = model.replacedBy().map(r -> " (replaced by " + r + ")")
                    .orElse(" (the fake serves the image models gemini-2.5-flash-image, gemini-3-pro-image and "
                            + "gemini-3.1-flash-image, the Gemini 3 ones also as -preview ids, each with an optional "
                            + "-MM-YYYY date; ids are case-sensitive)");
            throw new NotFoundException("HTTP 404 NOT_FOUND: " + message + replacement,
                    new ErrorDetails(404, Optional.of("NOT_FOUND"), Optional.of(message), 1, Optional.empty()));
        }
    }

    /**
     * The ids the fake answers, as the endpoint does: the image model families
     * the domain knows, exactly as spelt (ids are case-sensitive), the Gemini 3 ones with an optional {@code -preview}
     * and an optional dated suffix {@code -MM-YYYY}; {@code models/} in front is allowed. Anything
     * else (another family, an Imagen id, an upper-case id) is the server's 404.
     */
    private static final Pattern SERVED_MODEL =
            Pattern.compile("(models/)?gemini-(2\\.5-flash-image|(3-pro-image|3\\.1-flash-image)(-preview)?)(-\\d{2}-\\d{4})?");

    /** Whether the fake (like the endpoint) serves {@code modelId}; retired ids are checked separately. */
    public static boolean servesModel(String modelId) {
        return SERVED_MODEL.matcher(modelId).matches();
    }

    private static String modelName(String modelId) {
        return modelId.startsWith("models/") ? modelId.substring("models/".length()) : modelId;
    }

    private static void checkSignatures(List<Turn> history) {
        for (int t = 0; t < history.size(); t++) {
            if (history.get(t) instanceof Turn.Model model) {
                List<Part> parts = model.parts();
                for (int p = 0; p < parts.size(); p++) {
                    Part part = parts.get(p);
                    if (part instanceof Part.Image && !part.thought() && part.thoughtSignature().isEmpty()) {
                        // The exact words of the real 400 (test vector 12), positions 1-based.
                        String message = "Image part is missing a thought_signature in content position " + (t + 1)
                                + ", part position " + (p + 1) + ". Please refer to "
                                + "https://ai.google.dev/gemini-api/docs/thought-signatures#model-behavior for more details.";
                        throw new InvalidRequestException("HTTP 400 INVALID_ARGUMENT: " + message,
                                new ErrorDetails(400, Optional.of("INVALID_ARGUMENT"), Optional.of(message), 1, Optional.empty()));
                    }
                }
            }
        }
    }

    /** A SHA-256 digest of everything that shapes the answer: the same request always gives the same one. */
    public static byte[] fingerprint(GenerationRequest request, List<byte[]> imageBytes) {
        MessageDigest digest = sha256();
        update(digest, request.model().id());
        update(digest, request.prompt().orElse(""));
        update(digest, request.systemInstruction().orElse(""));
        update(digest, request.aspectRatio().map(AspectRatio::value).orElse(""));
        update(digest, request.imageSize().map(ImageSize::value).orElse(""));
        update(digest, request.responseModalities().name());
        update(digest, request.seed().isPresent() ? Integer.toString(request.seed().getAsInt()) : "");
        for (Turn turn : request.history()) {
            if (turn instanceof Turn.User user) {
                update(digest, "user:" + user.text().orElse("") + ":" + user.images().size());
            } else if (turn instanceof Turn.Model model) {
                for (Part part : model.parts()) {
                    update(digest, "model:" + part.thought() + ":" + part.thoughtSignature().orElse("")
                            + (part instanceof Part.Text text ? ":" + text.text() : ":" + part.getClass().getSimpleName()));
                }
            }
        }
        for (byte[] image : imageBytes) {
            digest.update(image);
        }
        return digest.digest();
    }

    /**
     * The pixel size the model gives: the requested ratio, else the first input image's ratio (or,
     * in a conversation, that of the latest image in it) nearest among the model's ratios, else
     * 1:1. Ids of no known family get the Gemini 3 sizes.
     */
    public static PixelSize outputPixels(GenerationRequest request, List<byte[]> imageBytes) {
        ModelFamily table = sizeTable(request.model().family());
        AspectRatio ratio = request.aspectRatio()
                .orElseGet(() -> referencePixels(request, imageBytes).map(p -> nearest(p, table))
                        .orElse(AspectRatio.RATIO_1_1));
        return table.outputPixels(ratio, request.imageSize())
                .orElseThrow(() -> new IllegalStateException("no pixel size for " + ratio + " on " + table));
    }

    /** The generated picture for a request, in the model's output format. */
    public static GeneratedImage picture(GenerationRequest request, List<byte[]> imageBytes, byte[] fingerprint) {
        PixelSize size = outputPixels(request, imageBytes);
        String caption = request.prompt().orElse("edited image");
        byte[] bytes = PictureRenderer.render(size, request.model().family().outputType(), caption, fingerprint);
        return GeneratedImage.ofOwnedBytes(request.model().family().outputType().mimeType(), bytes);
    }

    /**
     * A successful answer with {@code image}: a short text part first when text was asked for, the
     * image, finish reason {@code STOP}, thought signatures on Gemini 3 models, usage from the tables.
     */
    public static GenerationResult withImage(GenerationRequest request, GeneratedImage image, byte[] fingerprint) {
        List<Part> parts = new ArrayList<>();
        boolean signed = isGemini3(request.model().family());
        String text = "";
        if (request.responseModalities() == ResponseModalities.TEXT_AND_IMAGE) {
            text = request.images().isEmpty() && request.history().isEmpty()
                    ? "Here is an image of " + caption(request) + "."
                    : "Here is the edited image: " + caption(request) + ".";
            // Gemini 3 signs the first text part when it comes before the first image
            // (docs/wire-format.md, "Thought signatures").
            parts.add(new Part.Text(text, false, signed ? Optional.of(signature(fingerprint, 1)) : Optional.empty()));
        }
        parts.add(new Part.Image(image, false, signed ? Optional.of(signature(fingerprint, 2)) : Optional.empty()));
        long candidates = tokensPerImage(request) + textTokens(text);
        GenerationResult result = result(request, fingerprint, List.of(candidate(parts, FinishReason.STOP, Optional.empty())),
                Optional.empty(), candidates, List.of(new ModalityTokens(Modality.IMAGE, tokensPerImage(request))));
        return request.includeThoughts() && signed ? withThoughts(request, result, image) : result;
    }

    /**
     * What a Gemini 3 image model adds when asked to include thoughts: a thought summary and an
     * interim draft (flagged thought, unsigned) before the answer; the last draft is the final
     * picture, as Google documents. The thought tokens are billed in {@code thoughtsTokenCount}.
     */
    private static GenerationResult withThoughts(GenerationRequest request, GenerationResult result, GeneratedImage image) {
        String thought = "**Planning the composition**\n\nI'm laying out " + caption(request)
                + ", then drawing a draft to check it.";
        List<Part> parts = new ArrayList<>();
        parts.add(new Part.Text(thought, true, Optional.empty()));
        parts.add(new Part.Image(image, true, Optional.empty()));
        Candidate answer = result.candidates().get(0);
        parts.addAll(answer.parts());
        Usage u = result.usage();
        long thoughts = textTokens(thought) + tokensPerImage(request);
        Usage usage = new Usage(u.promptTokens(), u.candidatesTokens(), u.totalTokens() + thoughts, thoughts,
                u.cachedTokens(), u.toolUsePromptTokens(), u.promptDetails(), u.candidatesDetails(), u.cacheDetails(),
                u.toolUsePromptDetails());
        return new GenerationResult(List.of(new Candidate(answer.index(), parts, answer.finishReason(),
                answer.finishMessage(), answer.safetyRatings(), answer.grounding())), result.promptFeedback(), usage, result.modelVersion(),
                result.responseId());
    }

    /**
     * {@code result} with its images given by reference when the request asked Vertex AI to write
     * them to Cloud Storage ({@code outputConfig.outputUriPrefix}): each non-thought image becomes
     * {@code fileData} naming {@code PREFIX/<response id>-<n>.<ext>}, as Vertex AI answers.
     */
    public static GenerationResult byReferenceIfAsked(GenerationRequest request, GenerationResult result) {
        Optional<String> prefix = request.vertexOptions().outputUriPrefix();
        if (prefix.isEmpty()) {
            return result;
        }
        String base = prefix.get().endsWith("/") ? prefix.get() : prefix.get() + "/";
        String id = result.responseId().orElse("image");
        List<Candidate> candidates = new ArrayList<>();
        int n = 0;
        for (Candidate c : result.candidates()) {
            List<Part> parts = new ArrayList<>();
            for (Part part : c.parts()) {
                if (part instanceof Part.Image image && !image.thought() && !image.image().isReference()) {
                    String ext = image.image().mediaType().map(t -> t.name().toLowerCase(java.util.Locale.ROOT)).orElse("img");
                    java.net.URI uri = java.net.URI.create(base + id + "-" + (n++) + "." + ext);
                    parts.add(new Part.Image(GeneratedImage.ofReference(image.image().mimeType(), uri), false,
                            image.thoughtSignature()));
                } else {
                    parts.add(part);
                }
            }
            candidates.add(new Candidate(c.index(), parts, c.finishReason(), c.finishMessage(), c.safetyRatings(),
                    c.grounding(), c.continuationToken()));
        }
        return new GenerationResult(candidates, result.promptFeedback(), result.usage(), result.modelVersion(),
                result.responseId(), result.servedTier(), result.cost(), result.continuations());
    }

    /** {@code result} with {@code grounding} on its first candidate (none without candidates). */
    public static GenerationResult withGrounding(GenerationResult result, Optional<Grounding> grounding) {
        if (result.candidates().isEmpty()) {
            return result;
        }
        List<Candidate> candidates = new ArrayList<>(result.candidates());
        candidates.set(0, candidates.get(0).withGrounding(grounding));
        return new GenerationResult(candidates, result.promptFeedback(), result.usage(), result.modelVersion(),
                result.responseId(), result.servedTier(), result.cost(), result.continuations());
    }

    /**
     * {@code result} grounded as {@code request} asks: its prompt as the web and/or image query, one
     * made-up {@code example.com} source per query; unchanged without grounding in the request.
     */
    public static GenerationResult grounded(GenerationRequest request, GenerationResult result) {
        if (request.grounding().isEmpty()) {
            return result;
        }
        SearchGrounding asked = request.grounding().get();
        String query = request.prompt().orElse("the pictures");
        String slug = Base64.getUrlEncoder().withoutPadding().encodeToString(
                query.getBytes(StandardCharsets.UTF_8));
        slug = slug.substring(0, Math.min(12, slug.length()));
        List<String> web = asked.webSearch() ? List.of(query) : List.of();
        List<String> images = asked.imageSearch() ? List.of(query) : List.of();
        List<GroundingSource> sources = new ArrayList<>();
        if (asked.webSearch()) {
            sources.add(GroundingSource.web("https://example.com/pages/" + slug, "About " + query));
        }
        if (asked.imageSearch()) {
            sources.add(GroundingSource.image("https://images.example.com/" + slug + ".jpg",
                    "https://example.com/gallery/" + slug, "Picture of " + query, "example.com"));
        }
        return withGrounding(result, Optional.of(new Grounding(web, images, sources)));
    }

    /** An answer with text only and finish reason {@code STOP}. */
    public static GenerationResult textOnly(GenerationRequest request, String text, byte[] fingerprint) {
        Optional<String> signature = isGemini3(request.model().family())
                ? Optional.of(signature(fingerprint, 1)) : Optional.empty();
        List<Part> parts = List.of(new Part.Text(text, false, signature));
        return result(request, fingerprint, List.of(candidate(parts, FinishReason.STOP, Optional.empty())),
                Optional.empty(), textTokens(text), List.of(new ModalityTokens(Modality.TEXT, textTokens(text))));
    }

    /**
     * One piece of a generation that is not finished: a text part (signed on Gemini 3), finish
     * reason {@code CONTINUATION} and the token that gets the rest.
     */
    public static GenerationResult continuationPiece(GenerationRequest request, String text, String token,
            byte[] fingerprint) {
        GenerationResult piece = textOnly(request, text, fingerprint);
        Candidate c = piece.candidates().get(0);
        return new GenerationResult(List.of(new Candidate(c.index(), c.parts(), Optional.of(FinishReason.CONTINUATION),
                Optional.empty(), List.of(), Optional.empty(), Optional.of(token))), piece.promptFeedback(), piece.usage(),
                piece.modelVersion(), piece.responseId());
    }

    /** A blocked prompt: no candidates, {@code promptFeedback.blockReason}, prompt tokens only. */
    public static GenerationResult promptBlocked(GenerationRequest request, BlockReason reason, byte[] fingerprint) {
        PromptFeedback feedback = new PromptFeedback(Optional.of(reason), Optional.empty(), List.of());
        return result(request, fingerprint, List.of(), Optional.of(feedback), 0, List.of());
    }

    /** A candidate with no content that finished with {@code reason} (e.g. {@code IMAGE_SAFETY}, {@code NO_IMAGE}). */
    public static GenerationResult finishedWithoutImage(GenerationRequest request, FinishReason reason,
            Optional<String> message, byte[] fingerprint) {
        return result(request, fingerprint, List.of(candidate(List.of(), reason, message)), Optional.empty(), 0, List.of());
    }

    private static GenerationResult result(GenerationRequest request, byte[] fingerprint, List<Candidate> candidates,
            Optional<PromptFeedback> feedback, long candidateTokens, List<ModalityTokens> candidateDetails) {
        long promptText = textTokens(request.prompt().orElse("")) + textTokens(request.systemInstruction().orElse(""));
        long promptImages = 0;
        promptImages += (long) request.images().size() * inputImageTokens(request.model().family());
        for (Turn turn : request.history()) {
            if (turn instanceof Turn.User user) {
                promptText += textTokens(user.text().orElse(""));
                promptImages += (long) user.images().size() * inputImageTokens(request.model().family());
            } else if (turn instanceof Turn.Model model) {
                for (Part part : model.parts()) {
                    if (part instanceof Part.Text text) {
                        promptText += textTokens(text.text());
                    } else if (part instanceof Part.Image) {
                        promptImages += inputImageTokens(request.model().family());
                    }
                }
            }
        }
        List<ModalityTokens> promptDetails = new ArrayList<>();
        if (promptText > 0) {
            promptDetails.add(new ModalityTokens(Modality.TEXT, promptText));
        }
        if (promptImages > 0) {
            promptDetails.add(new ModalityTokens(Modality.IMAGE, promptImages));
        }
        long prompt = promptText + promptImages;
        Usage usage = new Usage(prompt, candidateTokens, prompt + candidateTokens, 0, 0, 0, promptDetails,
                candidateDetails, List.of(), List.of());
        String responseId = Base64.getUrlEncoder().withoutPadding().encodeToString(fingerprint).substring(0, 22);
        return new GenerationResult(candidates, feedback, usage, Optional.of(request.model().id()), Optional.of(responseId));
    }

    private static Candidate candidate(List<Part> parts, FinishReason reason, Optional<String> message) {
        return new Candidate(0, parts, Optional.of(reason), message, List.of());
    }

    /** Output tokens per image: 1290 on 2.5 Flash Image, 1120 or 2000 on 3 Pro Image (ModelFamily#tokensPerImage). */
    public static long tokensPerImage(GenerationRequest request) {
        return request.model().family().tokensPerImage(request.imageSize());
    }

    private static long inputImageTokens(ModelFamily family) {
        // 2.5 Flash Image bills an input image like an output one (1290, the seed proxy's example);
        // Gemini 3 bills media_resolution_high, its default for images: 1120.
        return family == ModelFamily.GEMINI_2_5_FLASH_IMAGE || family == ModelFamily.UNKNOWN ? 1290 : 1120;
    }

    /** About four characters per token, as Gemini's tokenizer averages on English text. */
    static long textTokens(String text) {
        int codePoints = text.codePointCount(0, text.length());
        return codePoints == 0 ? 0 : Math.max(1, (codePoints + 3) / 4);
    }

    private static String caption(GenerationRequest request) {
        String prompt = request.prompt().orElse("your image").strip().replaceAll("\\s+", " ");
        return prompt.length() <= MAX_CAPTION_CHARS ? "\"" + prompt + "\""
                : "\"" + prompt.substring(0, MAX_CAPTION_CHARS) + "...\"";
    }

    private static String signature(byte[] fingerprint, int part) {
        byte[] bytes = ("fake-thought-signature:" + part + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[bytes.length + fingerprint.length];
        System.arraycopy(bytes, 0, all, 0, bytes.length);
        System.arraycopy(fingerprint, 0, all, bytes.length, fingerprint.length);
        return Base64.getEncoder().encodeToString(all);
    }

    private static boolean isGemini3(ModelFamily family) {
        return family == ModelFamily.GEMINI_3_PRO_IMAGE || family == ModelFamily.GEMINI_3_1_FLASH_IMAGE;
    }

    private static ModelFamily sizeTable(ModelFamily family) {
        return family == ModelFamily.UNKNOWN ? ModelFamily.GEMINI_3_1_FLASH_IMAGE : family;
    }

    private static Optional<PixelSize> referencePixels(GenerationRequest request, List<byte[]> imageBytes) {
        if (!imageBytes.isEmpty()) {
            return pixels(request.images().get(0).mediaType().mimeType(), imageBytes.get(0));
        }
        List<Turn> history = request.history();
        for (int t = history.size() - 1; t >= 0; t--) {
            Turn turn = history.get(t);
            if (turn instanceof Turn.Model model) {
                for (int p = model.parts().size() - 1; p >= 0; p--) {
                    if (model.parts().get(p) instanceof Part.Image image && !image.thought()) {
                        return image.image().pixelSize();
                    }
                }
            } else if (turn instanceof Turn.User user && !user.images().isEmpty()) {
                try {
                    ImageInput first = user.images().get(0);
                    return pixels(first.mediaType().mimeType(), first.readAllBytes());
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<PixelSize> pixels(String mimeType, byte[] bytes) {
        // The domain reads PNG, JPEG and WebP headers; HEIC/HEIF inputs fall back to 1:1.
        return GeneratedImage.ofOwnedBytes(mimeType, bytes).pixelSize();
    }

    private static AspectRatio nearest(PixelSize pixels, ModelFamily family) {
        double target = Math.log((double) pixels.width() / pixels.height());
        AspectRatio best = AspectRatio.RATIO_1_1;
        double bestDistance = Double.MAX_VALUE;
        for (AspectRatio ratio : AspectRatio.values()) {
            if (!family.aspectRatios().contains(ratio)) {
                continue;
            }
            double distance = Math.abs(Math.log((double) ratio.widthTerm() / ratio.heightTerm()) - target);
            if (distance < bestDistance) {
                best = ratio;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static void update(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update((byte) (bytes.length >>> 24));
        digest.update((byte) (bytes.length >>> 16));
        digest.update((byte) (bytes.length >>> 8));
        digest.update((byte) bytes.length);
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
