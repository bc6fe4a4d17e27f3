package io.github.geminiimage.http.internal.cassette;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.function.UnaryOperator;

/** I/O failures to and from their recorded form: the kind the core classifies by, and the message. */
final class Failures {

    private Failures() {
    }

    /** The recorded form of {@code failure}, its message redacted. */
    static Documents.Failure record(IOException failure, UnaryOperator<String> redact) {
        return new Documents.Failure(kind(failure).getName(), redact.apply(String.valueOf(failure.getMessage())));
    }

    /** A fresh exception of the recorded kind and message. */
    static IOException replay(Documents.Failure failure) {
        String message = "replayed: " + failure.message();
        String type = String.valueOf(failure.type());
        if (type.equals(SocketTimeoutException.class.getName())) {
            return new SocketTimeoutException(message);
        }
        if (type.equals(InterruptedIOException.class.getName())) {
            return new InterruptedIOException(message);
        }
        if (type.equals(ConnectException.class.getName())) {
            return new ConnectException(message);
        }
        if (type.equals(NoRouteToHostException.class.getName())) {
            return new NoRouteToHostException(message);
        }
        if (type.equals(UnknownHostException.class.getName())) {
            return new UnknownHostException(message);
        }
        if (type.equals(ProtocolException.class.getName())) {
            return new ProtocolException(message);
        }
        if (type.equals(SocketException.class.getName())) {
            return new SocketException(message);
        }
        return new IOException(message);
    }

    /** The nearest kind {@link #replay} can make, so the core classifies the replay as it did the original. */
    private static Class<? extends IOException> kind(IOException failure) {
        for (Class<? extends IOException> kind : java.util.List.of(SocketTimeoutException.class,
                InterruptedIOException.class, ConnectException.class, NoRouteToHostException.class,
                UnknownHostException.class, ProtocolException.class, SocketException.class)) {
            if (kind.isInstance(failure)) {
                return kind;
            }
        }
        return IOException.class;
    }
}
