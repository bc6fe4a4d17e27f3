package io.github.geminiimage.auth.google;

import com.google.api.client.http.HttpResponseException;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the auth library's refresh failure into an IOException that tells what went wrong without
 * the token endpoint's reply: the library's own messages quote the reply body, so neither they nor
 * the exception itself (as a cause) are kept.
 */
final class TokenEndpointFailure {

    /** An RFC 6749 §5.2 error code such as {@code invalid_grant}; anything else is not quoted. */
    private static final Pattern OAUTH_ERROR = Pattern.compile("\"error\"\\s*:\\s*\"([a-z_]{1,64})\"");

    private TokenEndpointFailure() {
    }

    static IOException describe(String credentialsKind, IOException failure) {
        StringBuilder message = new StringBuilder(credentialsKind).append(" could not get an access token: ");
        HttpResponseException reply = find(failure, HttpResponseException.class);
        if (reply != null) {
            message.append("the token endpoint answered HTTP ").append(reply.getStatusCode());
            String content = reply.getContent();
            Matcher code = OAUTH_ERROR.matcher(content == null ? "" : content);
            if (code.find()) {
                message.append(" with OAuth error ").append(code.group(1));
            }
            if (reply.getStatusCode() == 400 || reply.getStatusCode() == 401) {
                message.append(" (a deleted or disabled key, revoked user credentials, or a clock far off?)");
            }
        } else {
            message.append("failed with ").append(rootCause(failure).getClass().getName());
        }
        return new IOException(message.toString());
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
