package io.github.geminiimage.http.internal.cassette;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as lower-case hex, the names of a cassette's payload files. */
final class Hashes {

    private Hashes() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** {@code value} if it is 64 lower-case hex digits; else fails naming {@code where}. */
    static String requireSha256(String value, String where) {
        if (value == null || !value.matches("[0-9a-f]{64}")) {
            throw new IllegalStateException(where + " must be a SHA-256 in lower-case hex, was " + value);
        }
        return value;
    }
}
