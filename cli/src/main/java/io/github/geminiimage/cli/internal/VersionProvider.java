package io.github.geminiimage.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code -V}: the version the build wrote into {@code version.properties}, e.g. {@code 0.1.0-SNAPSHOT}. */
final class VersionProvider implements IVersionProvider {

    /** The artifacts' version, as the build filtered it in. */
    static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown (version.properties is missing from the jar)";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"gemini-image " + version()};
    }
}
