package io.github.geminiimage.wire.internal.codec;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Error excerpts: what a human may see of a body that could not be read. */
final class BodyExcerpt {

    private BodyExcerpt() {
    }

    /**
     * The first bytes of the body, for a human to see what came back (an HTML error page, say).
     * Runs of base64-looking characters are elided: no payload goes into an exception.
     */
    static Optional<String> of(byte[] head, int headLength) {
        if (headLength == 0) {
            return Optional.empty();
        }
        String text = new String(head, 0, headLength, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            boolean base64 = Character.isLetterOrDigit(ch) && ch < 128 || ch == '+' || ch == '/' || ch == '=';
            run = base64 ? run + 1 : 0;
            if (run == 24) {
                out.setLength(out.length() - 23);
                out.append("...");
            } else if (run < 24) {
                out.append(Character.isISOControl(ch) ? ' ' : ch);
            }
        }
        return Optional.of(out.toString().strip());
    }
}
