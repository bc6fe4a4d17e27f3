package io.github.geminiimage.cli.internal;

import java.util.Locale;

/**
 * Byte counts as people read them: {@code 512 B}, {@code 12.3 KB}, {@code 64 MB}, {@code 1.5 GB};
 * a tenth of the unit at most, none when it is zero. The command line's one size formatter.
 */
final class ByteSizes {

    private ByteSizes() {
    }

    /** {@code bytes} in B, KB, MB or GB (units of 1024). */
    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return tenths(bytes / 1024.0) + " KB";
        }
        if (bytes < 1024L * 1024 * 1024) {
            return tenths(bytes / (1024.0 * 1024)) + " MB";
        }
        return tenths(bytes / (1024.0 * 1024 * 1024)) + " GB";
    }

    private static String tenths(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
