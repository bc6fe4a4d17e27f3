package io.github.geminiimage.http.cassette;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What a recorded cassette holds, for the tests (here, the command line's and the JUnit extension's)
 * that check no secret reached it. Shared through this module's test jar.
 */
public final class CassetteFiles {

    private CassetteFiles() {
    }

    /**
     * Every regular file below {@code folder}, each read as ISO-8859-1 (any byte is a character, so
     * a secret shows in a binary body too) and followed by a line break.
     */
    public static String everyFile(Path folder) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        return all.toString();
    }
}
