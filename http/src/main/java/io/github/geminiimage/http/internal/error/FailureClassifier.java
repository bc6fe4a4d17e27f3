package io.github.geminiimage.http.internal.error;

import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.GenerationTimeoutException;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.http.support.TransportSupport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Tells what a failure of an exchange means, walking its cause chain (the JDK and Apache clients
 * wrap socket errors in plain {@link IOException}s): an interruption, a timeout, a failure that
 * retrying cannot fix (unknown host, TLS handshake or certificate, the request body itself), or a
 * broken connection (refused, reset, closed early, no bytes received, HTTP/2 stream not processed,
 * malformed HTTP), which is worth another attempt.
 */
public final class FailureClassifier {

    private static final int MAX_CHAIN = 16;
    private static final int MAX_DESCRIPTION_CHARS = 300;

    private FailureClassifier() {
    }

    /** What kind of failure it was. */
    public enum Kind {
        /** The connection broke or could not be made: retried. */
        CONNECTION,
        /** A connect or inactivity timeout, or the deadline: retried while the deadline allows. */
        TIMEOUT,
        /** The caller interrupted the thread or cancelled: never retried. */
        INTERRUPTED,
        /** Retrying cannot help (unknown host, TLS, the request body, an unexpected error). */
        FINAL
    }

    /**
     * A classified failure.
     *
     * @param kind what it means for retrying
     * @param exception the exception to report if it is the last
     */
    public record Classified(Kind kind, ImageGenerationException exception) {
    }

    /**
     * Classifies a failure of attempt {@code attempts}.
     *
     * @param failure what the transport or the body stream threw (may be wrapped in a
     *     {@link CompletionException})
     * @param threadInterrupted whether the calling thread's interrupt flag is set
     * @param deadlinePassed whether the call's overall deadline has passed
     * @param overallDeadline the configured deadline, for the message
     */
    public static Classified classify(Throwable failure, int attempts, boolean threadInterrupted, boolean deadlinePassed,
            Duration overallDeadline, Redactor redactor) {
        Throwable top = unwrap(failure);
        List<Throwable> chain = chain(top);
        ErrorDetails details = ErrorDetails.ofAttempts(attempts);
        Throwable cause = sanitized(top, redactor);
        String what = describe(chain, redactor);

        if (threadInterrupted || has(chain, InterruptedException.class) || has(chain, ClosedByInterruptException.class)) {
            return new Classified(Kind.INTERRUPTED, new TransportException("the call was interrupted", details, cause, false));
        }
        for (Throwable t : chain) {
            if (t instanceof ImageGenerationException e) {
                // The body producer raised a domain error through the transport: report it as is.
                return new Classified(Kind.FINAL, Exceptions.withAttempts(e, attempts));
            }
        }
        if (has(chain, RequestBodyException.class)) {
            return new Classified(Kind.FINAL, new InvalidRequestException("the request body could not be produced: " + what,
                    details));
        }
        if (has(chain, UnknownHostException.class) || has(chain, UnresolvedAddressException.class)) {
            return new Classified(Kind.FINAL, new TransportException(unknownHost(chain, redactor), details, cause, false));
        }
        if (has(chain, SSLHandshakeException.class) || has(chain, SSLPeerUnverifiedException.class)
                || has(chain, CertificateException.class) || hasNamed(chain, "CertPathValidatorException")) {
            return new Classified(Kind.FINAL, new TransportException("TLS handshake failed: " + what, details, cause, false));
        }
        if (hasNamed(chain, "MessageConstraintException")) {
            // HttpClient 5's head limits (line length, header count): the same server sends the same head again.
            return new Classified(Kind.FINAL, new TransportException("the reply head is over the client's limits: "
                    + what, details, cause, false));
        }
        if (deadlinePassed) {
            return new Classified(Kind.TIMEOUT, new GenerationTimeoutException("the call did not finish within its overall "
                    + "deadline of " + overallDeadline + ": " + what, details, cause));
        }
        // Timeouts are InterruptedIOExceptions by the SPI; the JDK's HttpTimeoutException is not, so match its name too.
        if (has(chain, InterruptedIOException.class) || hasNamed(chain, "HttpTimeoutException")
                || hasNamed(chain, "HttpConnectTimeoutException")) {
            return new Classified(Kind.TIMEOUT, new GenerationTimeoutException("timed out (connect or inactivity timeout): "
                    + what, details, cause));
        }
        for (Throwable t : chain) {
            // The message of TransportSupport.connectFailure says it all: the reason, the host and port.
            if (t instanceof ConnectException && t.getMessage() != null
                    && (t.getMessage().startsWith("connection refused (") || t.getMessage().startsWith("could not connect to "))) {
                return new Classified(Kind.CONNECTION, new TransportException(redactor.oneLine(t.getMessage(), 200),
                        details, cause, true));
            }
        }
        if (has(chain, IOException.class)) {
            String prefix = has(chain, ConnectException.class) ? "could not connect: " : "the exchange failed: ";
            return new Classified(Kind.CONNECTION, new TransportException(prefix + what, details, cause, true));
        }
        return new Classified(Kind.FINAL, new TransportException("the transport failed unexpectedly: " + what, details, cause, false));
    }

    /**
     * "unknown host NAME (reason)": the JDK's {@link UnknownHostException} says "NAME" or
     * "NAME: reason"; Java 17's HTTP client throws an {@link UnresolvedAddressException} without the name.
     */
    private static String unknownHost(List<Throwable> chain, Redactor redactor) {
        for (Throwable t : chain) {
            if (t instanceof UnknownHostException && t.getMessage() != null && !t.getMessage().isBlank()) {
                String message = redactor.oneLine(t.getMessage(), 200);
                int colon = message.indexOf(": ");
                return colon < 0 ? "unknown host " + message
                        : "unknown host " + message.substring(0, colon) + " (" + message.substring(colon + 2) + ")";
            }
        }
        return "unknown host (" + describe(chain, redactor) + ")";
    }

    /** The failure inside {@link CompletionException} and {@link ExecutionException} wrappers. */
    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        int guard = 0;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null
                && guard++ < MAX_CHAIN) {
            t = t.getCause();
        }
        return t;
    }

    private static List<Throwable> chain(Throwable top) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = top; t != null && seen.add(t) && chain.size() < MAX_CHAIN; t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static boolean has(List<Throwable> chain, Class<? extends Throwable> type) {
        return chain.stream().anyMatch(type::isInstance);
    }

    private static boolean hasNamed(List<Throwable> chain, String simpleName) {
        for (Throwable t : chain) {
            for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
                if (c.getSimpleName().equals(simpleName)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String describe(List<Throwable> chain, Redactor redactor) {
        Throwable top = chain.get(0);
        Throwable root = chain.get(chain.size() - 1);
        String text = one(top, redactor);
        if (root != top) {
            text += " (caused by " + one(root, redactor) + ")";
        }
        return text.length() <= MAX_DESCRIPTION_CHARS ? text : text.substring(0, MAX_DESCRIPTION_CHARS - 3) + "...";
    }

    private static String one(Throwable t, Redactor redactor) {
        String message = t.getMessage();
        String name = t.getClass().getSimpleName().isEmpty() ? t.getClass().getName() : t.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + redactor.oneLine(message, 200);
    }

    /**
     * The failure to attach as a cause: itself, unless a message in its chain holds the key (a
     * transport could quote a URL carrying {@code ?key=}); then a copy of the chain with redacted
     * messages and the original stack traces.
     */
    static Throwable sanitized(Throwable top, Redactor redactor) {
        List<Throwable> chain = chain(top);
        boolean reveals = chain.stream().anyMatch(t -> redactor.revealsSecret(t.getMessage())
                || redactor.revealsSecret(t.toString()));
        if (!reveals) {
            return top;
        }
        Throwable copy = null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            Throwable original = chain.get(i);
            RedactedException r = new RedactedException(original.getClass().getName() + ": "
                    + redactor.redact(String.valueOf(original.getMessage())), copy);
            r.setStackTrace(original.getStackTrace());
            copy = r;
        }
        return copy;
    }

    /** A stand-in for an exception whose message held the key. */
    static final class RedactedException extends IOException {
        private static final long serialVersionUID = 1L;

        RedactedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
