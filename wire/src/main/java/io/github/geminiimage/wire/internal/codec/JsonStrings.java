package io.github.geminiimage.wire.internal.codec;

import java.nio.charset.StandardCharsets;

/** JSON text helpers: unescaping a scanned string, escaping one back, checking a number's syntax. */
final class JsonStrings {

    private JsonStrings() {
    }

    /** The Java string for a JSON string's raw content (already validated). */
    static String javaString(byte[] raw, int length) {
        boolean simple = true;
        for (int i = 0; i < length; i++) {
            if (raw[i] == '\\' || raw[i] < 0) {
                simple = false;
                break;
            }
        }
        if (simple) {
            return new String(raw, 0, length, StandardCharsets.ISO_8859_1);
        }
        StringBuilder out = new StringBuilder(length);
        int i = 0;
        while (i < length) {
            int j = i;
            while (j < length && raw[j] != '\\') {
                j++;
            }
            if (j > i) {
                out.append(new String(raw, i, j - i, StandardCharsets.UTF_8));
            }
            if (j == length) {
                break;
            }
            char escape = (char) raw[j + 1];
            switch (escape) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    int value = 0;
                    for (int k = 0; k < 4; k++) {
                        value = value << 4 | hex(raw[j + 2 + k]);
                    }
                    out.append((char) value);
                    j += 4;
                }
                default -> out.append(escape);
            }
            i = j + 2;
        }
        return out.toString();
    }

    /** Appends {@code text} JSON-escaped (no quotes), lone surrogates as {@code \}u escapes with four hex digits. */
    static void putEscaped(ByteSink out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"' || ch == '\\') {
                out.put('\\');
                out.put(ch);
            } else if (ch < 0x20 || Character.isSurrogate(ch) && !validPair(text, i)) {
                out.put(String.format("\\u%04X", (int) ch).getBytes(StandardCharsets.US_ASCII));
            } else if (ch < 0x80) {
                out.put(ch);
            } else {
                int end = Character.isHighSurrogate(ch) ? i + 2 : i + 1;
                out.put(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
    }

    private static boolean validPair(String text, int i) {
        char ch = text.charAt(i);
        if (Character.isHighSurrogate(ch)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    /** RFC 8259: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}. */
    static boolean isNumber(byte[] s, int n) {
        int i = 0;
        if (i < n && s[i] == '-') {
            i++;
        }
        if (i == n) {
            return false;
        }
        if (s[i] == '0') {
            i++;
        } else if (s[i] >= '1' && s[i] <= '9') {
            i = afterDigits(s, i, n);
        } else {
            return false;
        }
        if (i < n && s[i] == '.') {
            int digits = i + 1;
            i = afterDigits(s, digits, n);
            if (i == digits) {
                return false;
            }
        }
        if (i < n && (s[i] == 'e' || s[i] == 'E')) {
            i++;
            if (i < n && (s[i] == '+' || s[i] == '-')) {
                i++;
            }
            int digits = i;
            i = afterDigits(s, digits, n);
            if (i == digits) {
                return false;
            }
        }
        return i == n;
    }

    /** The index after the run of digits starting at {@code i} ({@code i} itself when there is none). */
    private static int afterDigits(byte[] s, int i, int n) {
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            i++;
        }
        return i;
    }

    static int hex(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
