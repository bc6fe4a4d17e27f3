package io.github.geminiimage.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version the build wrote into {@code library-version.properties} (resource filtering), so the
 * {@code User-Agent} names the jar actually running, not a literal someone forgot to bump.
 */
final class LibraryVersion {

    private static final String RESOURCE = "library-version.properties";

    private LibraryVersion() {
    }

    /** The filtered version, or {@code "unknown"} when the resource is missing or was not filtered. */
    static String read() {
        try (InputStream in = LibraryVersion.class.getResourceAsStream(RESOURCE)) {
            return in == null ? "unknown" : parse(in);
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The {@code version} property of {@code in}; {@code "unknown"} if absent or left as a placeholder. */
    static String parse(InputStream in) throws IOException {
        Properties properties = new Properties();
        properties.load(in);
        String version = properties.getProperty("version", "").strip();
        // An IDE that copies resources without filtering leaves the placeholder: never send that.
        return version.isEmpty() || version.contains("${") ? "unknown" : version;
    }
}
