package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.cli.internal.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's exit-code table and its offline command stay true to the code. */
class ReadmeTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theReadmeListsEveryExitCodeWithItsMeaning() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));

        for (ExitCode exit : ExitCode.values()) {
            assertThat(readme).contains("| " + exit.code() + " | " + exit.description() + " |");
        }
    }

    @Test
    void theReadmesOfflineCommandUsesASampleThatShipsAndOptionsThatExist() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));

        assertThat(readme).contains("java -jar cli/target/gemini-image.jar edit --transport fake --image samples/cat.png");
        assertThat(ROOT.resolve("samples/cat.png")).exists();
        CliRunner.Result help = new CliRunner().run("edit", "--help");
        assertThat(help.out()).contains("--transport").contains("--image").contains("--prompt").contains("--out")
                .contains("--force");
    }
}
