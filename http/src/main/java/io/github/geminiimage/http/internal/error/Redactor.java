package io.github.geminiimage.http.internal.error;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets and payloads from text that goes into exception messages: the caller's key
 * (as is and URL-encoded), anything shaped like a key or token ({@code key=...}, {@code Bearer ...},
 * Google {@code AIza...} keys, {@code sk-...} tokens, key headers), and long base64-like runs,
 * which are payloads or signatures. Immutable and thread-safe.
 */
public final class Redactor {

    /** What replaces a secret. */
    public static final String REDACTED = "[redacted]";
    /** The longest excerpt of a body kept on an exception. */
    public static final int MAX_EXCERPT_CHARS = 300;

    private static final int LONG_TOKEN_CHARS = 48;
    private static final List<Pattern> SECRET_PATTERNS = List.of(
            Pattern.compile("(?i)(\\b(?:api[_-]?key|key|access[_-]?token|token|signature|sig)\\s*=\\s*)[^&\\s\"',;<>]+"),
            Pattern.compile("(?i)(\"(?:api[_-]?key|key|x-goog-api-key|authorization|access_token|token)\"\\s*:\\s*\")[^\"]*"),
            Pattern.compile("(?i)(\\b(?:x-goog-api-key|authorization|x-api-key|api-key)\\s*:\\s*(?:bearer\\s+)?)[^\\s,;\"']+"),
            Pattern.compile("(?i)(\\bbearer\\s+)[A-Za-z0-9._~+/=-]+"),
            Pattern.compile("()AIza[0-9A-Za-z_-]{20,}"),
            Pattern.compile("()\\bsk-[A-Za-z0-9_-]{8,}"));
    private static final Pattern LONG_TOKEN = Pattern.compile("[A-Za-z0-9+/_-]{" + LONG_TOKEN_CHARS + ",}={0,2}");

    private final List<String> secrets;

    /** A redactor for one key; {@code secret} may be empty (then only the patterns apply). */
    public Redactor(String secret) {
        this(List.of(), secret);
    }

    private Redactor(List<String> known, String secret) {
        List<String> list = new ArrayList<>(known);
        if (secret != null && !secret.isEmpty()) {
            list.add(secret);
            String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
            if (!encoded.equals(secret)) {
                list.add(encoded);
            }
        }
        this.secrets = List.copyOf(list);
    }

    /** A redactor that also removes {@code secret} (an access token, an upload URL); this one if it is empty. */
    public Redactor with(String secret) {
        return secret == null || secret.isEmpty() || secrets.contains(secret) ? this : new Redactor(secrets, secret);
    }

    /** The text with every secret replaced and every long token shortened; never null. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, REDACTED);
        }
        for (Pattern pattern : SECRET_PATTERNS) {
            result = pattern.matcher(result).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + REDACTED));
        }
        // Only runs with a digit, '+' or '/' look like payloads; long plain words (quota ids) stay.
        return LONG_TOKEN.matcher(result).replaceAll(m -> m.group().chars().anyMatch(c -> Character.isDigit(c) || c == '+' || c == '/')
                ? "[" + m.group().length() + " chars]" : Matcher.quoteReplacement(m.group()));
    }

    /** Whether the text holds the key itself (then it must not be shown as is). */
    public boolean revealsSecret(String text) {
        if (text == null) {
            return false;
        }
        for (String secret : secrets) {
            if (text.contains(secret)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A short excerpt for an exception: redacted, whitespace collapsed to single spaces, control
     * characters dropped, at most {@link #MAX_EXCERPT_CHARS} characters.
     */
    public String excerpt(String text) {
        return shorten(collapse(redact(text)), MAX_EXCERPT_CHARS);
    }

    /** A redacted one-line text of at most {@code max} characters. */
    public String oneLine(String text, int max) {
        return shorten(collapse(redact(text)), max);
    }

    private static String collapse(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 4 * MAX_EXCERPT_CHARS));
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String shorten(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 3;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "...";
    }
}
