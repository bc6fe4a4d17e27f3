package io.github.geminiimage.cli.internal;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Writes and reads the command line's own JSON documents ({@link CliDocuments}) with JSON-B.
 * Written text is indented by two spaces, empty arrays and objects as {@code []} and {@code {}},
 * and ends with a newline. U+2028, U+2029, DEL and lone surrogates are written as {@code \\u}
 * escapes, which JSON-B and Parsson do not do, so the output is valid UTF-8 and safe to embed in
 * JavaScript. Thread-safe.
 */
final class CliJson {

    /** Thread-safe and costly to build: one for the process. */
    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withFormatting(true));

    private CliJson() {
    }

    /** {@code document} as indented JSON text ending with a newline. */
    static String write(Object document) {
        return finish(JSONB.toJson(document));
    }

    /**
     * Reads one document of {@code type} from {@code in} (to its end; does not close it).
     *
     * @throws IOException if reading fails or the text is not JSON of that shape
     */
    static <T> T read(InputStream in, Class<T> type) throws IOException {
        try {
            return JSONB.fromJson(in, type);
        } catch (JsonbException | IllegalStateException | ClassCastException e) {
            throw new IOException("not a JSON document of the expected shape: " + e.getMessage(), e);
        }
    }

    /**
     * Parsson's pretty text in this command line's shape. A raw line break can only be one the
     * printer put between tokens (inside strings it is escaped), so indentation and empty
     * containers are found by looking at line breaks alone; the escaped characters can only occur
     * inside strings, so escaping them anywhere is safe.
     */
    private static String finish(String text) {
        StringBuilder out = new StringBuilder(text.length() + 1);
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                int spaces = 0;
                while (i + 1 + spaces < length && text.charAt(i + 1 + spaces) == ' ') {
                    spaces++;
                }
                char before = out.length() == 0 ? 0 : out.charAt(out.length() - 1);
                char after = i + 1 + spaces < length ? text.charAt(i + 1 + spaces) : 0;
                boolean empty = (before == '[' || before == '{') && (after == ']' || after == '}');
                if (!empty) {
                    // Parsson indents by four spaces a level.
                    out.append('\n').append(" ".repeat(spaces / 2));
                }
                i += spaces;
            } else if (c == '\u2028' || c == '\u2029' || c == 0x7F || isLoneSurrogate(text, i)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('\n').toString();
    }

    private static boolean isLoneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }
}
