package io.github.geminiimage.cli.internal;

import java.util.Locale;

/** Byte counts as people read them: {@code 512 B}, {@code 12.3 KB}, {@code 4.0 MB}, {@code 1.50 GB}. */
final class ByteSizes {

    private ByteSizes() {
    }

    /** {@code bytes} in B, KB, MB or GB (units of 1024). */
    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GB", bytes / (1024.0 * 1024 * 1024));
    }
}
