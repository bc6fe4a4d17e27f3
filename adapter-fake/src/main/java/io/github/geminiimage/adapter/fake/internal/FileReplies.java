package io.github.geminiimage.adapter.fake.internal;

import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.PermissionDeniedException;
import io.github.geminiimage.domain.file.StoredFile;
import java.net.URI;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * What the Files API answers, for the fake files store and the fake's {@code fileData} references:
 * the refusals with the service's status words and messages. Stateless and thread-safe.
 */
public final class FileReplies {

    /** The prefix of every Files API file URI. */
    public static final String FILES_URI_PREFIX = "https://generativelanguage.googleapis.com/v1beta/files/";

    private static final String TOKEN_PREFIX = "fake-page-";

    private FileReplies() {
    }

    /** Checks a resource name as a client would before sending ({@code InvalidRequestException} naming {@code name}). */
    public static void checkName(String name) {
        StoredFile.checkName(name);
    }

    /** The opaque token of a page starting at {@code sequence}. */
    public static String pageToken(long sequence) {
        return TOKEN_PREFIX + Long.toString(sequence, 36);
    }

    /** The sequence a token starts at; the server's 400 for a token it did not make. */
    public static long pageTokenSequence(String token) {
        if (token.startsWith(TOKEN_PREFIX)) {
            try {
                return Long.parseLong(token.substring(TOKEN_PREFIX.length()), 36);
            } catch (NumberFormatException e) {
                // answered below like any foreign token
            }
        }
        return invalid("INVALID_ARGUMENT", "Invalid page token.");
    }

    /** The service's answer for a file that does not exist, was deleted, expired or belongs to another project. */
    public static PermissionDeniedException notFound(String name) {
        String id = name.startsWith("files/") ? name.substring(6) : name;
        String message = "You do not have permission to access the File " + id + " or it may not exist.";
        return new PermissionDeniedException("HTTP 403 PERMISSION_DENIED: " + message, details(403, "PERMISSION_DENIED", message));
    }

    /** The answer to an upload asking for a name that is taken. */
    public static InvalidRequestException alreadyExists(String name) {
        String message = "File " + name + " already exists.";
        return new InvalidRequestException("HTTP 409 ALREADY_EXISTS: " + message, details(409, "ALREADY_EXISTS", message));
    }

    /** A file that ended FAILED, reported by {@code awaitActive} after {@code polls} reads. */
    public static InvalidRequestException processingFailed(StoredFile file, int polls) {
        String reason = file.error().map(e -> e.message()).orElse("no reason given");
        return new InvalidRequestException(file.name() + " ended FAILED: " + reason + "; it cannot be used, upload it again",
                new ErrorDetails(200, Optional.of("FAILED"), Optional.of(reason), polls, Optional.empty()));
    }

    /** {@code generateContent} with a reference to a file that is not ACTIVE (the service's 400). */
    public static InvalidRequestException notActive(String id) {
        return new InvalidRequestException("HTTP 400 FAILED_PRECONDITION: The File " + id
                + " is not in an ACTIVE state and usage is not allowed.",
                details(400, "FAILED_PRECONDITION", "The File " + id + " is not in an ACTIVE state and usage is not allowed."));
    }

    /** {@code generateContent} with a URL the service could not fetch (wording inferred). */
    public static InvalidRequestException cannotFetch(URI uri) {
        String message = "Cannot fetch content from the provided URL.";
        return new InvalidRequestException("HTTP 400 INVALID_ARGUMENT: " + message + " (" + uri.getScheme() + "://"
                + uri.getHost() + uri.getRawPath() + ")", details(400, "INVALID_ARGUMENT", message));
    }

    /** {@code generateContent} with referenced content that is not an image of the declared type. */
    public static InvalidRequestException unreadableImage() {
        String message = "Unable to process input image. Please retry or report in "
                + "https://developers.generativeai.google/guide/troubleshooting";
        return new InvalidRequestException("HTTP 400 INVALID_ARGUMENT: " + message, details(400, "INVALID_ARGUMENT", message));
    }

    /** A new 12-character id like the service's, not taken. */
    public static String newId(SplittableRandom random, Predicate<String> taken) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        while (true) {
            StringBuilder id = new StringBuilder(12);
            for (int i = 0; i < 12; i++) {
                id.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (!taken.test(id.toString())) {
                return id.toString();
            }
        }
    }

    private static long invalid(String word, String message) {
        throw new InvalidRequestException("HTTP 400 " + word + ": " + message, details(400, word, message));
    }

    private static ErrorDetails details(int status, String word, String message) {
        return new ErrorDetails(status, Optional.of(word), Optional.of(message), 1, Optional.empty());
    }
}
