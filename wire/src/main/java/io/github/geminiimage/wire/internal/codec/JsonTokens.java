package io.github.geminiimage.wire.internal.codec;

import java.io.IOException;

/**
 * The scalar tokens of JSON (strings, numbers, literals) read from {@link JsonInput}'s buffer,
 * checked strictly and copied as written to a target, or skipped when the target is null. Not
 * thread-safe.
 */
final class JsonTokens {

    private static final int MAX_NUMBER = 64;

    private final JsonInput input;
    private final ScanErrors errors;
    private final byte[] number = new byte[MAX_NUMBER];

    JsonTokens(JsonInput input, ScanErrors errors) {
        this.input = input;
        this.errors = errors;
    }

    /** A string from its opening quote; its raw content (escapes as written) goes to {@code target}. */
    void string(ByteSink target) throws IOException {
        input.pos++;
        while (true) {
            if (input.pos == input.lim && !input.fill()) {
                throw errors.truncated();
            }
            int start = input.pos;
            byte[] b = input.buf;
            int p = input.pos;
            int end = input.lim;
            while (p < end) {
                int ch = b[p] & 0xFF;
                if (ch == '"' || ch == '\\' || ch < 0x20) {
                    break;
                }
                p++;
            }
            input.pos = p;
            if (target != null && p > start) {
                target.put(b, start, p - start);
            }
            if (p == end) {
                continue;
            }
            int ch = b[p] & 0xFF;
            if (ch == '"') {
                input.pos++;
                return;
            }
            if (ch < 0x20) {
                throw errors.malformed(errors.where() + "an unescaped control character (" + ScanErrors.show(ch) + ") in a string at byte " + input.offset());
            }
            input.pos++;
            int escape = input.nextByte();
            if (target != null) {
                target.put('\\');
                target.put(escape);
            }
            switch (escape) {
                case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                    // a one-letter escape
                }
                case 'u' -> {
                    for (int k = 0; k < 4; k++) {
                        int h = input.nextByte();
                        if (JsonStrings.hex(h) < 0) {
                            throw errors.malformed(errors.where() + "an invalid \\u escape at byte " + input.offset());
                        }
                        if (target != null) {
                            target.put(h);
                        }
                    }
                }
                default -> throw errors.malformed(errors.where() + "an invalid escape \\" + (char) escape + " at byte " + input.offset());
            }
        }
    }

    void number(ByteSink target) throws IOException {
        int n = 0;
        while (input.pos < input.lim || input.fill()) {
            int ch = input.buf[input.pos] & 0xFF;
            if ((ch >= '0' && ch <= '9') || ch == '-' || ch == '+' || ch == '.' || ch == 'e' || ch == 'E') {
                if (n == MAX_NUMBER) {
                    throw errors.malformed(errors.where() + "a number longer than " + MAX_NUMBER + " characters at byte " + input.offset());
                }
                number[n++] = (byte) ch;
                input.pos++;
            } else {
                break;
            }
        }
        if (!JsonStrings.isNumber(number, n)) {
            throw errors.malformed(errors.where() + "an invalid number at byte " + input.offset());
        }
        if (target != null) {
            target.put(number, 0, n);
        }
    }

    void literal(String word, ByteSink target) throws IOException {
        for (int i = 0; i < word.length(); i++) {
            int ch = input.nextByte();
            if (ch != word.charAt(i)) {
                throw errors.malformed(errors.where() + "an invalid literal (expected " + word + ") at byte " + (input.offset() - 1));
            }
        }
        if (target != null) {
            for (int i = 0; i < word.length(); i++) {
                target.put(word.charAt(i));
            }
        }
    }
}
