package io.github.geminiimage.adapter.fake.internal;

import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.batch.KeyedRequest;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.NotFoundException;
import java.util.Optional;

/** What the fake Batch Mode answers where the service refuses, and its small computations. Stateless. */
public final class BatchReplies {

    private BatchReplies() {
    }

    /** The service's 404 for a batch it does not hold. */
    public static NotFoundException notFound(String name) {
        return new NotFoundException("HTTP 404 NOT_FOUND: Requested entity was not found. (" + name + ")",
                new ErrorDetails(404, Optional.of("NOT_FOUND"), Optional.of("Requested entity was not found."), 1, Optional.empty()));
    }

    /** The service's 400 {@code FAILED_PRECONDITION}. */
    public static InvalidRequestException precondition(String message) {
        return new InvalidRequestException("HTTP 400 FAILED_PRECONDITION: " + message, new ErrorDetails(400,
                Optional.of("FAILED_PRECONDITION"), Optional.of(message), 1, Optional.empty()));
    }

    /** About how many bytes a request's JSON line has: images as base64, references as a short URI. */
    public static long estimatedBytes(KeyedRequest request) {
        long bytes = 512 + request.key().length() + request.request().prompt().map(String::length).orElse(0);
        for (ImageInput image : request.request().images()) {
            bytes += image.isReference() ? 256 : image.base64Length();
        }
        return bytes;
    }

    /** The index a page token stands for. */
    public static int pageIndex(String token) {
        try {
            return Integer.parseInt(token.substring("page-".length()));
        } catch (RuntimeException e) {
            throw new InvalidRequestException("pageToken", token, "a token from the previous page");
        }
    }
}
