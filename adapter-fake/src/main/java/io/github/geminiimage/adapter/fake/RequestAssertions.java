package io.github.geminiimage.adapter.fake;

import io.github.geminiimage.domain.AspectRatio;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.ImageSize;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.ResponseModalities;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Fluent checks on one request the fake received; each throws {@link AssertionError} with what was
 * expected and what was there, so they work with any test framework. Immutable.
 *
 * <pre>{@code
 * fake.assertLastRequest().hasModel("gemini-3-pro-image").hasPrompt("A cat").hasImageCount(1)
 *         .hasAspectRatio(AspectRatio.RATIO_16_9).hasImageSize(ImageSize.SIZE_2K);
 * }</pre>
 */
public final class RequestAssertions {

    private final GenerationRequest request;
    private final String name;

    RequestAssertions(GenerationRequest request, String name) {
        this.request = request;
        this.name = name;
    }

    /** The request itself, for checks these methods do not cover. */
    public GenerationRequest request() {
        return request;
    }

    /** The model id is exactly {@code modelId}. */
    public RequestAssertions hasModel(String modelId) {
        return check(request.model().id().equals(modelId), "model " + modelId, request.model().id());
    }

    /** The prompt is exactly {@code prompt}. */
    public RequestAssertions hasPrompt(String prompt) {
        return check(request.prompt().equals(Optional.of(prompt)), "prompt \"" + prompt + "\"", describePrompt());
    }

    /** The prompt contains {@code text}. */
    public RequestAssertions hasPromptContaining(String text) {
        return check(request.prompt().map(p -> p.contains(text)).orElse(false),
                "a prompt containing \"" + text + "\"", describePrompt());
    }

    /** There is no prompt (an image-only request). */
    public RequestAssertions hasNoPrompt() {
        return check(request.prompt().isEmpty(), "no prompt", describePrompt());
    }

    /** The request carries {@code count} input images (not counting the history). */
    public RequestAssertions hasImageCount(int count) {
        return check(request.images().size() == count, count + " input image(s)", request.images().size() + " image(s)");
    }

    /** The input images have these media types, in order. */
    public RequestAssertions hasImageTypes(MediaType... types) {
        List<MediaType> actual = request.images().stream().map(ImageInput::mediaType).toList();
        return check(actual.equals(Arrays.asList(types)), "image types " + Arrays.toString(types), actual.toString());
    }

    /** The input image at {@code index} has exactly these bytes. */
    public RequestAssertions hasImage(int index, byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (index < 0 || index >= request.images().size()) {
            throw new AssertionError(name + ": expected an image at index " + index + " but it has "
                    + request.images().size());
        }
        byte[] actual;
        try {
            actual = request.images().get(index).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the recorded image " + index + " failed", e);
        }
        return check(Arrays.equals(actual, bytes), "image " + index + " of " + bytes.length + " given bytes",
                actual.length + " different bytes");
    }

    /** The requested aspect ratio is {@code ratio}. */
    public RequestAssertions hasAspectRatio(AspectRatio ratio) {
        return check(request.aspectRatio().equals(Optional.of(ratio)), "aspect ratio " + ratio,
                request.aspectRatio().map(AspectRatio::value).orElse("none"));
    }

    /** No aspect ratio was requested. */
    public RequestAssertions hasNoAspectRatio() {
        return check(request.aspectRatio().isEmpty(), "no aspect ratio",
                request.aspectRatio().map(AspectRatio::value).orElse("none"));
    }

    /** The requested image size is {@code size}. */
    public RequestAssertions hasImageSize(ImageSize size) {
        return check(request.imageSize().equals(Optional.of(size)), "image size " + size,
                request.imageSize().map(ImageSize::value).orElse("none"));
    }

    /** No image size was requested. */
    public RequestAssertions hasNoImageSize() {
        return check(request.imageSize().isEmpty(), "no image size", request.imageSize().map(ImageSize::value).orElse("none"));
    }

    /** The response modalities are {@code modalities}. */
    public RequestAssertions hasResponseModalities(ResponseModalities modalities) {
        return check(request.responseModalities() == modalities, "modalities " + modalities,
                request.responseModalities().toString());
    }

    /** The request replays {@code turns} earlier turns. */
    public RequestAssertions hasHistoryTurns(int turns) {
        return check(request.history().size() == turns, turns + " history turn(s)", request.history().size() + " turn(s)");
    }

    /** The request satisfies {@code condition}, described by {@code description} in the failure message. */
    public RequestAssertions satisfies(Predicate<GenerationRequest> condition, String description) {
        return check(condition.test(request), description, request.toString());
    }

    private String describePrompt() {
        return request.prompt().map(p -> "prompt \"" + p + "\"").orElse("no prompt");
    }

    private RequestAssertions check(boolean ok, String expected, String actual) {
        if (!ok) {
            throw new AssertionError(name + ": expected " + expected + " but was " + actual);
        }
        return this;
    }

    @Override
    public String toString() {
        return "RequestAssertions[" + name + ": " + request + "]";
    }
}
