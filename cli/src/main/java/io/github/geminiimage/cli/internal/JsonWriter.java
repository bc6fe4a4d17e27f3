package io.github.geminiimage.cli.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small JSON writer for the {@code --json} output: objects, arrays, strings, numbers, booleans
 * and null, indented by two spaces. Strings are escaped per RFC 8259 (quote, backslash, every
 * control character; U+2028 and U+2029 and lone surrogates as {@code \\u} escapes with four hex digits too, so the output is
 * valid UTF-8 and safe to embed in JavaScript). Checks that names and values alternate and that
 * every object and array is closed. Not thread-safe.
 */
public final class JsonWriter {

    private final StringBuilder out = new StringBuilder();
    /** One entry per open container: 'o' object, 'a' array. */
    private final Deque<Character> open = new ArrayDeque<>();
    /** Whether the current container already holds a member. */
    private final Deque<Boolean> hasMembers = new ArrayDeque<>();
    private boolean afterName;

    /** Opens an object (as a value, or the top level). */
    public JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        push('o');
        return this;
    }

    /** Closes the current object. */
    public JsonWriter endObject() {
        return close('o', '}');
    }

    /** Opens an array. */
    public JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        push('a');
        return this;
    }

    /** Closes the current array. */
    public JsonWriter endArray() {
        return close('a', ']');
    }

    /** Writes a member name; a value must follow. */
    public JsonWriter name(String name) {
        if (open.isEmpty() || open.peek() != 'o' || afterName) {
            throw new IllegalStateException("a name belongs inside an object, before its value");
        }
        separate();
        quote(name);
        out.append(": ");
        afterName = true;
        return this;
    }

    /** Writes a string, or null. */
    public JsonWriter value(String value) {
        beforeValue();
        if (value == null) {
            out.append("null");
        } else {
            quote(value);
        }
        return this;
    }

    /** Writes an integer. */
    public JsonWriter value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /** Writes a boolean. */
    public JsonWriter value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /** Writes null. */
    public JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    /** The document, ending with a newline. */
    public String toJson() {
        if (!open.isEmpty() || out.length() == 0) {
            throw new IllegalStateException("the JSON document is not complete");
        }
        return out + "\n";
    }

    private void push(char kind) {
        open.push(kind);
        hasMembers.push(false);
    }

    private JsonWriter close(char kind, char bracket) {
        if (open.isEmpty() || open.peek() != kind || afterName) {
            throw new IllegalStateException("nothing to close with " + bracket);
        }
        open.pop();
        boolean members = hasMembers.pop();
        if (members) {
            newline();
        }
        out.append(bracket);
        return this;
    }

    private void beforeValue() {
        if (open.isEmpty()) {
            if (out.length() > 0) {
                throw new IllegalStateException("a JSON document has one top-level value");
            }
            return;
        }
        if (open.peek() == 'o') {
            if (!afterName) {
                throw new IllegalStateException("a value inside an object needs a name first");
            }
            afterName = false;
            return;
        }
        separate();
    }

    private void separate() {
        if (hasMembers.peek()) {
            out.append(',');
        }
        hasMembers.pop();
        hasMembers.push(true);
        newline();
    }

    private void newline() {
        out.append('\n');
        out.append("  ".repeat(open.size()));
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == 0x7F || isLoneSurrogate(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
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
