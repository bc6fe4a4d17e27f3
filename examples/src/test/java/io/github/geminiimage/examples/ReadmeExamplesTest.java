package io.github.geminiimage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every README snippet marked {@code <!-- example: PATH -->} is that file of this repository as it
 * is (without its {@code package} line), so the README cannot show code that does not compile or
 * that the tests here do not run.
 */
class ReadmeExamplesTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern MARKED = Pattern.compile("<!-- example: (\\S+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

    private static String normalized(String code) {
        return code.lines().filter(line -> !line.startsWith("package ")).map(String::stripTrailing)
                .collect(Collectors.joining("\n")).strip();
    }

    @Test
    void eachMarkedSnippetIsItsExampleFileWordForWord() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher m = MARKED.matcher(readme);
        List<String> checked = new ArrayList<>();
        while (m.find()) {
            Path file = ROOT.resolve(m.group(1));
            assertThat(file).as("the file a README snippet names").exists();
            assertThat(normalized(m.group(2))).as("README snippet of " + m.group(1))
                    .isEqualTo(normalized(Files.readString(file)));
            checked.add(m.group(1));
        }
        assertThat(checked).as("the README's marked snippets").contains(
                "examples/src/main/java/io/github/geminiimage/examples/EditImage.java",
                "examples/src/main/java/io/github/geminiimage/examples/BatchImages.java",
                "examples/src/test/java/io/github/geminiimage/examples/ThumbnailerMockitoTest.java");
    }
}
