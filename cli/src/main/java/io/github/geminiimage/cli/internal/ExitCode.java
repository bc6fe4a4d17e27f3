package io.github.geminiimage.cli.internal;

import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.domain.error.AuthenticationException;
import io.github.geminiimage.domain.error.GenerationTimeoutException;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.error.NoImageException;
import io.github.geminiimage.domain.error.NotFoundException;
import io.github.geminiimage.domain.error.PermissionDeniedException;
import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.domain.error.ResponseTooLargeException;
import io.github.geminiimage.domain.error.ServerErrorException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.http.cassette.CassetteMismatchException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The exit codes of {@code gemini-image}: one per error class, so scripts can tell them apart. */
public enum ExitCode {
    /** Every image was written. */
    OK(0, "every image was written"),
    /** A bug. */
    INTERNAL_ERROR(1, "unexpected internal error (a bug: please report it)"),
    /** Bad command line or configuration. */
    USAGE(2, "bad command line or configuration (unknown option, missing value, options that contradict the transport, "
            + "no GEMINI_API_KEY for a real transport, a call --replay finds no recording of)"),
    /** {@link InvalidRequestException}. */
    INVALID_REQUEST(3, "invalid request: refused before sending (too many or unreadable images, a ratio or size the model lacks) or by the server (400)"),
    /** {@link AuthenticationException}. */
    AUTHENTICATION(4, "the key was refused (401, or 400 API_KEY_INVALID)"),
    /** {@link PermissionDeniedException}. */
    PERMISSION_DENIED(5, "the key may not use this model or API (403)"),
    /** {@link NotFoundException}. */
    NOT_FOUND(6, "unknown or retired model id (404)"),
    /** {@link RateLimitedException}. */
    RATE_LIMITED(7, "rate limit or quota reached (429), after the retries"),
    /** {@link ServerErrorException}. */
    SERVER_ERROR(8, "the service failed (5xx), after the retries"),
    /** {@link GenerationTimeoutException}. */
    TIMEOUT(9, "timed out (--timeout)"),
    /** {@link TransportException}. */
    TRANSPORT(10, "the connection failed, after the retries"),
    /** {@link MalformedResponseException}. */
    MALFORMED_RESPONSE(11, "the reply was not a valid generateContent response"),
    /** {@link ResponseTooLargeException}. */
    RESPONSE_TOO_LARGE(12, "the reply was larger than the cap"),
    /** No image: the prompt was blocked. */
    PROMPT_BLOCKED(13, "no image: the prompt was blocked"),
    /** No image: the answer was blocked (IMAGE_SAFETY, ...). */
    IMAGE_BLOCKED(14, "no image: the answer was blocked (IMAGE_SAFETY, PROHIBITED_CONTENT, ...)"),
    /** No image: text only. */
    TEXT_ONLY(15, "no image: the model answered with text only"),
    /** No image: nothing usable. */
    NO_IMAGE(16, "no image: the model produced none (NO_IMAGE, IMAGE_OTHER, ...)"),
    /** A local file problem. */
    FILE_ERROR(17, "a local file problem: the output exists (use --force), a folder is missing, the session file is unreadable"),
    /** A batch command named a job the service does not hold (404 for {@code batches/...}). */
    NO_SUCH_JOB(18, "no such batch job (404): never submitted, deleted, or a mistyped name"),
    /** The JVM ran out of heap. */
    OUT_OF_MEMORY(19, "the Java heap is too small for what was asked: raise it (JAVA_TOOL_OPTIONS=-Xmx256m)");

    /**
     * The heap ran out during {@code failure} (a transport thread that could not allocate ends the
     * call with the error as a cause).
     */
    public static boolean outOfMemory(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    private final int code;
    private final String description;

    ExitCode(int code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }

    /** What it means, one line. */
    public String description() {
        return description;
    }

    /** The exit code for a failure of the library. */
    public static ExitCode of(ImageGenerationException failure) {
        if (failure.getCause() instanceof CassetteMismatchException) {
            // --replay and a call that was not recorded: the command line's doing, not the request's.
            return USAGE;
        } else if (failure instanceof InvalidRequestException) {
            return INVALID_REQUEST;
        } else if (failure instanceof AuthenticationException) {
            return AUTHENTICATION;
        } else if (failure instanceof PermissionDeniedException) {
            return PERMISSION_DENIED;
        } else if (failure instanceof NotFoundException) {
            return NOT_FOUND;
        } else if (failure instanceof RateLimitedException) {
            return RATE_LIMITED;
        } else if (failure instanceof ServerErrorException) {
            return SERVER_ERROR;
        } else if (failure instanceof GenerationTimeoutException) {
            return TIMEOUT;
        } else if (failure instanceof TransportException) {
            return TRANSPORT;
        } else if (failure instanceof MalformedResponseException) {
            return MALFORMED_RESPONSE;
        } else if (failure instanceof ResponseTooLargeException) {
            return RESPONSE_TOO_LARGE;
        } else if (failure instanceof NoImageException noImage) {
            return of(noImage.outcome());
        }
        return INTERNAL_ERROR;
    }

    /** The exit code for what a call that the server answered produced. */
    public static ExitCode of(Outcome outcome) {
        switch (outcome) {
            case IMAGE:
                return OK;
            case PROMPT_BLOCKED:
                return PROMPT_BLOCKED;
            case CANDIDATE_BLOCKED:
                return IMAGE_BLOCKED;
            case TEXT_ONLY:
                return TEXT_ONLY;
            default:
                return NO_IMAGE;
        }
    }

    /** Code to description, in order, for {@code --help}: every code. */
    public static Map<String, String> helpList() {
        return helpList(List.of(values()), Map.of());
    }

    /**
     * Code to description for the help of a group of commands: only {@code codes}, each with its
     * meaning for that group where {@code meanings} gives one (a 404 means another thing to
     * {@code files get} than to {@code generate}).
     */
    static Map<String, String> helpList(List<ExitCode> codes, Map<ExitCode, String> meanings) {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode exit : codes) {
            list.put(Integer.toString(exit.code), meanings.getOrDefault(exit, exit.description));
        }
        return list;
    }

    /** The codes of {@code generate} and {@code edit}: every code but those of the batch commands. */
    static Map<String, String> imageHelpList() {
        return helpList(Arrays.stream(values()).filter(e -> e != NO_SUCH_JOB).toList(), Map.of());
    }
}
