package io.github.geminiimage.http.internal.cassette;

/** UTF-8 lengths and a streaming validity check. */
final class Utf8 {

    private Utf8() {
    }

    /** The number of bytes {@code text} takes in UTF-8. */
    static long length(String text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /**
     * Checks a byte stream for well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
     * above U+10FFFF), one byte at a time.
     */
    static final class Validator {
        private int needed;
        private int lower = 0x80;
        private int upper = 0xBF;
        private boolean valid = true;

        void accept(int b) {
            if (!valid) {
                return;
            }
            if (needed == 0) {
                if (b < 0x80) {
                    return;
                }
                if (b >= 0xC2 && b <= 0xDF) {
                    needed = 1;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    needed = 2;
                    lower = b == 0xE0 ? 0xA0 : 0x80;
                    upper = b == 0xED ? 0x9F : 0xBF;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    needed = 3;
                    lower = b == 0xF0 ? 0x90 : 0x80;
                    upper = b == 0xF4 ? 0x8F : 0xBF;
                } else {
                    valid = false;
                }
                return;
            }
            if (b < lower || b > upper) {
                valid = false;
                return;
            }
            lower = 0x80;
            upper = 0xBF;
            needed--;
        }

        /** Whether every byte so far was valid and no sequence is left open. */
        boolean valid() {
            return valid && needed == 0;
        }
    }
}
