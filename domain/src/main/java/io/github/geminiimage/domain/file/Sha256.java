package io.github.geminiimage.domain.file;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A SHA-256 digest: 32 bytes. Immutable and thread-safe; {@link #bytes()} returns a copy.
 *
 * <p>The Files API reports {@code sha256Hash} as base64 of the 64-character lowercase <em>hex</em>
 * digest, not of the 32 raw bytes (docs/wire-format.md, "Files"); {@link #fromFilesApi} reads both
 * forms, so a fix on Google's side changes nothing here.
 */
public final class Sha256 {

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] digest;

    private Sha256(byte[] digest) {
        this.digest = digest;
    }

    /**
     * The digest of 32 raw bytes (copied).
     *
     * @throws IllegalArgumentException if there are not exactly 32 bytes
     */
    public static Sha256 ofBytes(byte[] digest) {
        Objects.requireNonNull(digest, "digest");
        if (digest.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes; got " + digest.length);
        }
        return new Sha256(digest.clone());
    }

    /**
     * The digest written as 64 hex digits (either case).
     *
     * @throws IllegalArgumentException if it is not 64 hex digits
     */
    public static Sha256 ofHex(String hex) {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != 64) {
            throw new IllegalArgumentException("a SHA-256 digest has 64 hex digits; got " + hex.length() + " characters");
        }
        return new Sha256(HEX.parseHex(hex.toLowerCase(Locale.ROOT)));
    }

    /**
     * The digest from a Files API {@code sha256Hash}: base64 of the hex text (what the service sends
     * today) or of the 32 raw bytes.
     *
     * @throws IllegalArgumentException if it is not base64 of either form
     */
    public static Sha256 fromFilesApi(String sha256Hash) {
        Objects.requireNonNull(sha256Hash, "sha256Hash");
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(sha256Hash.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sha256Hash is not base64: " + e.getMessage(), e);
        }
        if (decoded.length == 32) {
            return new Sha256(decoded);
        }
        if (decoded.length == 64) {
            return ofHex(new String(decoded, StandardCharsets.US_ASCII));
        }
        throw new IllegalArgumentException("sha256Hash decodes to " + decoded.length
                + " bytes; expected 64 (hex text) or 32 (raw digest)");
    }

    /** The digest of {@code content}. */
    public static Sha256 of(byte[] content) {
        return new Sha256(newDigest().digest(content));
    }

    /** A fresh SHA-256 {@link MessageDigest}, to hash content read in chunks. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A copy of the 32 bytes. */
    public byte[] bytes() {
        return digest.clone();
    }

    /** The 64 lowercase hex digits. */
    public String hex() {
        return HEX.formatHex(digest);
    }

    /** The form the Files API sends: base64 of the lowercase hex digits. */
    public String toFilesApi() {
        return Base64.getEncoder().encodeToString(hex().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Sha256 that && Arrays.equals(digest, that.digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    /** The hex digits. */
    @Override
    public String toString() {
        return hex();
    }
}
