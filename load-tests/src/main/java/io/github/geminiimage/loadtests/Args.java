package io.github.geminiimage.loadtests;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} command-line options; unknown names are refused. */
final class Args {

    private final Map<String, String> values;

    private Args(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Parses {@code --name value} pairs.
     *
     * @throws IllegalArgumentException on a stray word or a name without a value
     */
    static Args parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs; got \"" + args[i] + "\"");
            }
            values.put(args[i].substring(2), args[i + 1]);
        }
        return new Args(values);
    }

    /**
     * Refuses names not in {@code known}.
     *
     * @throws IllegalArgumentException naming the first unknown option
     */
    Args allow(Set<String> known) {
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; known: " + known);
            }
        }
        return this;
    }

    int intValue(String name, int fallback) {
        String v = values.get(name);
        return v == null ? fallback : Integer.parseInt(v.replace("_", ""));
    }

    String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }
}
