package io.github.geminiimage.http.internal.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.GenerationTimeoutException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.http.support.TransportSupport;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {

    private static final String KEY = "AIzaSyDUMMY-sentinel-KEY_0123456789abcdefg";
    private final Redactor redactor = new Redactor(KEY);

    private FailureClassifier.Classified classify(Throwable t) {
        return FailureClassifier.classify(t, 2, false, false, Duration.ofMinutes(10), redactor);
    }

    private FailureClassifier.Kind kind(Throwable t) {
        return classify(t).kind();
    }

    @Test
    void brokenConnectionsAreConnectionFailures() {
        assertThat(kind(new ConnectException("Connection refused"))).isEqualTo(FailureClassifier.Kind.CONNECTION);
        assertThat(kind(new SocketException("Connection reset"))).isEqualTo(FailureClassifier.Kind.CONNECTION);
        assertThat(kind(new NoRouteToHostException("No route"))).isEqualTo(FailureClassifier.Kind.CONNECTION);
        assertThat(kind(new EOFException("EOF reached while reading"))).isEqualTo(FailureClassifier.Kind.CONNECTION);
        assertThat(kind(new IOException("HTTP/1.1 header parser received no bytes"))).isEqualTo(FailureClassifier.Kind.CONNECTION);
        assertThat(kind(new IOException("GOAWAY received"))).isEqualTo(FailureClassifier.Kind.CONNECTION);
        assertThat(kind(new IOException("wrapped", new SocketException("Broken pipe")))).isEqualTo(FailureClassifier.Kind.CONNECTION);
        assertThat(kind(new SSLException("Connection reset", new SocketException("Connection reset"))))
                .isEqualTo(FailureClassifier.Kind.CONNECTION);
    }

    @Test
    void wrappersOfAsyncCodeAreLookedThrough() {
        FailureClassifier.Classified c = classify(new CompletionException(new ExecutionException(new ConnectException("refused"))));
        assertThat(c.kind()).isEqualTo(FailureClassifier.Kind.CONNECTION);
        assertThat(c.exception().getCause()).isInstanceOf(ConnectException.class);
        assertThat(c.exception()).hasMessage("could not connect: ConnectException: refused");
    }

    @Test
    void aConnectFailureOfATransportIsReportedInItsOwnWordsOnce() {
        URI uri = URI.create("http://127.0.0.1:9/v1beta/models/m:generateContent?key=" + KEY);
        // Java 17's client: a bare ConnectException caused by a ClosedChannelException.
        FailureClassifier.Classified jdk = classify(TransportSupport.connectFailure(uri, new ClosedChannelException()));
        // HttpClient 5: its own ConnectException quoting the URI and the socket's reason.
        FailureClassifier.Classified hc5 = classify(TransportSupport.connectFailure(uri,
                new ConnectException("Connect to http://127.0.0.1:9 failed: Connection refused")));
        FailureClassifier.Classified unreachable = classify(TransportSupport.connectFailure(uri,
                new NoRouteToHostException("No route to host")));

        assertThat(jdk.kind()).isEqualTo(FailureClassifier.Kind.CONNECTION);
        assertThat(jdk.exception()).hasMessage("connection refused (127.0.0.1:9)");
        assertThat(hc5.exception()).hasMessage("connection refused (127.0.0.1:9)");
        assertThat(unreachable.exception()).hasMessage("could not connect to 127.0.0.1:9 (NoRouteToHostException: No route to host)");
        assertThat(((TransportException) unreachable.exception()).isRetryable()).isTrue();
    }

    @Test
    void anUnknownHostIsFinalAndNamesTheHost() {
        FailureClassifier.Classified resolver = classify(new UnknownHostException("nowhere.invalid: Name or service not known"));
        // Java 17's client, as the JDK adapter reports it.
        FailureClassifier.Classified jdk = classify(new UnknownHostException("nowhere.invalid")
                .initCause(new ConnectException().initCause(new UnresolvedAddressException())));
        // Java 17's client, unmapped (a transport that passes it on as it is).
        FailureClassifier.Classified bare = classify(new ConnectException().initCause(new UnresolvedAddressException()));

        assertThat(resolver.exception()).hasMessage("unknown host nowhere.invalid (Name or service not known)");
        assertThat(jdk.exception()).hasMessage("unknown host nowhere.invalid");
        assertThat(bare.exception()).hasMessage("unknown host (ConnectException (caused by UnresolvedAddressException))");
        for (FailureClassifier.Classified c : List.of(resolver, jdk, bare)) {
            assertThat(c.kind()).isEqualTo(FailureClassifier.Kind.FINAL);
            assertThat(((TransportException) c.exception()).isRetryable()).isFalse();
        }
    }

    @Test
    void hopelessFailuresAreFinal() {
        assertThat(classify(new UnknownHostException("nowhere.invalid")).exception()).isInstanceOf(TransportException.class)
                .hasMessage("unknown host nowhere.invalid");
        assertThat(kind(new IOException(new UnknownHostException("x")))).isEqualTo(FailureClassifier.Kind.FINAL);
        assertThat(kind(new SSLHandshakeException("bad cert"))).isEqualTo(FailureClassifier.Kind.FINAL);
        assertThat(kind(new SSLPeerUnverifiedException("peer"))).isEqualTo(FailureClassifier.Kind.FINAL);
        assertThat(kind(new IOException(new CertificateException("expired")))).isEqualTo(FailureClassifier.Kind.FINAL);
        assertThat(kind(new IllegalStateException("bug"))).isEqualTo(FailureClassifier.Kind.FINAL);
    }

    @Test
    void aFailureOfTheBodyItselfIsAnInvalidRequest() {
        FailureClassifier.Classified c = classify(new IOException("send failed",
                new RequestBodyException(new IOException("image file a.png changed size since it was checked"))));
        assertThat(c.kind()).isEqualTo(FailureClassifier.Kind.FINAL);
        assertThat(c.exception()).isInstanceOf(InvalidRequestException.class).hasMessageContaining("changed size");
        assertThat(c.exception().attempts()).isEqualTo(2);
    }

    @Test
    void aDomainErrorThrownThroughTheTransportKeepsItsType() {
        FailureClassifier.Classified c = classify(new IOException(new MalformedResponseException("bad",
                new ErrorDetails(200, java.util.Optional.empty(), java.util.Optional.empty(), 1, java.util.Optional.empty()))));
        assertThat(c.kind()).isEqualTo(FailureClassifier.Kind.FINAL);
        assertThat(c.exception()).isInstanceOf(MalformedResponseException.class);
        assertThat(c.exception().attempts()).isEqualTo(2);
    }

    @Test
    void timeoutsAreTimeouts() {
        assertThat(kind(new SocketTimeoutException("Read timed out"))).isEqualTo(FailureClassifier.Kind.TIMEOUT);
        assertThat(kind(new IOException(new InterruptedIOException("timeout")))).isEqualTo(FailureClassifier.Kind.TIMEOUT);
        assertThat(kind(new HttpTimeoutException("request timed out"))).isEqualTo(FailureClassifier.Kind.TIMEOUT);
        assertThat(classify(new SocketTimeoutException("x")).exception()).isInstanceOf(GenerationTimeoutException.class);
    }

    @Test
    void anythingAfterTheDeadlineIsATimeout() {
        FailureClassifier.Classified c = FailureClassifier.classify(new SocketException("closed"), 3, false, true,
                Duration.ofSeconds(30), redactor);
        assertThat(c.kind()).isEqualTo(FailureClassifier.Kind.TIMEOUT);
        assertThat(c.exception()).isInstanceOf(GenerationTimeoutException.class)
                .hasMessageStartingWith("the call did not finish within its overall deadline of PT30S");
    }

    @Test
    void interruptionsAreNeverTimeouts() {
        assertThat(FailureClassifier.classify(new InterruptedIOException("x"), 1, true, false, Duration.ofMinutes(1), redactor).kind())
                .isEqualTo(FailureClassifier.Kind.INTERRUPTED);
        assertThat(kind(new ClosedByInterruptException())).isEqualTo(FailureClassifier.Kind.INTERRUPTED);
        assertThat(kind(new IOException(new InterruptedException()))).isEqualTo(FailureClassifier.Kind.INTERRUPTED);
    }

    @Test
    void aCauseWhoseMessageHoldsTheKeyIsReplacedByARedactedCopy() {
        IOException original = new IOException("cannot reach https://h/v1beta/models/m:generateContent?key=" + KEY,
                new SocketException("reset for " + KEY));
        FailureClassifier.Classified c = classify(original);
        Throwable cause = c.exception().getCause();
        assertThat(cause).isNotSameAs(original);
        for (Throwable t = cause; t != null; t = t.getCause()) {
            assertThat(t.getMessage()).doesNotContain(KEY);
            assertThat(t.toString()).doesNotContain(KEY);
        }
        assertThat(cause.getStackTrace()).isEqualTo(original.getStackTrace());
        assertThat(cause.getCause().getMessage()).startsWith("java.net.SocketException: reset for [redacted]");
        assertThat(c.exception().getMessage()).doesNotContain(KEY);
    }

    /** Stands in for java.net.http.HttpTimeoutException, which extends IOException, not InterruptedIOException. */
    private static final class HttpTimeoutException extends IOException {
        private static final long serialVersionUID = 1L;

        HttpTimeoutException(String message) {
            super(message);
        }
    }
}
