package io.github.geminiimage.cli.internal;

import io.github.geminiimage.adapter.fake.FakeResponse;
import io.github.geminiimage.domain.BlockReason;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What the fake transport answers ({@code --fake-outcome}): to try a script's handling of each
 * outcome and error offline.
 */
public enum FakeOutcome {
    IMAGE(FakeResponse::generatedImage),
    TEXT_ONLY(() -> FakeResponse.textOnly("I can describe the picture, but I did not draw it this time.")),
    PROMPT_BLOCKED(() -> FakeResponse.promptBlocked(BlockReason.PROHIBITED_CONTENT)),
    IMAGE_SAFETY(FakeResponse::imageSafety),
    NO_IMAGE(FakeResponse::noImage),
    RATE_LIMITED(() -> FakeResponse.rateLimited(Duration.ofMillis(34_400))),
    SERVER_ERROR(FakeResponse::serverError),
    TIMEOUT(FakeResponse::timeout),
    TRANSPORT_FAILURE(FakeResponse::transportFailure),
    AUTHENTICATION_FAILED(FakeResponse::authenticationFailed),
    PERMISSION_DENIED(FakeResponse::permissionDenied),
    MODEL_NOT_FOUND(FakeResponse::modelNotFound),
    INVALID_REQUEST(() -> FakeResponse.invalidRequest("Invalid JSON payload received.")),
    MALFORMED_RESPONSE(FakeResponse::malformedResponse),
    RESPONSE_TOO_LARGE(FakeResponse::responseTooLarge),
    /** An image grounded as {@code --grounding} asks: search queries and made-up sources in the reply. */
    GROUNDED(FakeResponse::groundedImage),
    /** A reply that stops with {@code CONTINUATION}; the request sent again with its token gets the image. */
    CONTINUATION(() -> FakeResponse.continuation(1, FakeResponse.generatedImage()));

    private final Supplier<FakeResponse> response;

    FakeOutcome(Supplier<FakeResponse> response) {
        this.response = response;
    }

    /** The fake's scripted answer for this outcome. */
    public FakeResponse response() {
        return response.get();
    }

    /** The name on the command line, e.g. {@code prompt-blocked}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The outcome for a command-line name, case-insensitive, {@code -} or {@code _}. */
    public static FakeOutcome parse(String text) {
        String normal = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (FakeOutcome outcome : values()) {
            if (outcome.name().equals(normal)) {
                return outcome;
            }
        }
        StringBuilder names = new StringBuilder();
        for (FakeOutcome outcome : values()) {
            names.append(names.length() == 0 ? "" : ", ").append(outcome.optionName());
        }
        throw new IllegalArgumentException("\"" + text + "\" is not one of " + names);
    }

    @Override
    public String toString() {
        return optionName();
    }
}
