package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the command line says names the model in play and suggests only what it has. */
class MessagesTest {

    @TempDir
    Path dir;

    @Test
    void anUnknownRatioNamesTheModelAndListsOnlyItsRatios() {
        CliRunner.Result run = new CliRunner().run("generate", "--transport", "fake", "-a", "7:3", "-p", "A cat",
                "-o", dir.resolve("cat.png").toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().lines()).singleElement().asString()
                .contains("aspectRatio: \"7:3\" is not allowed; expected one of [1:1, ").contains("21:9] for gemini-2.5-flash-image")
                .doesNotContain("1:8");
    }

    @Test
    void aRatioTheModelLacksIsRefusedInTheSameWords() {
        CliRunner.Result run = new CliRunner().run("generate", "--transport", "fake", "-a", "1:8", "-p", "A cat",
                "-o", dir.resolve("cat.png").toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("aspectRatio: \"1:8\" is not allowed; expected one of [1:1, ").contains("for gemini-2.5-flash-image");
    }

    @Test
    void aTimeoutOnAModelWithoutSizesDoesNotSuggestImageSize() {
        CliRunner.Result flash = new CliRunner().run("generate", "--fake-outcome", "timeout", "-p", "A cat",
                "-o", dir.resolve("a.png").toString());
        CliRunner.Result pro = new CliRunner().run("generate", "--fake-outcome", "timeout", "-m", "gemini-3-pro-image",
                "-p", "A cat", "-o", dir.resolve("b.png").toString());

        assertThat(flash.exitCode()).isEqualTo(9);
        assertThat(flash.err()).contains("raise --timeout").doesNotContain("--image-size").doesNotContain("PT");
        assertThat(pro.err()).contains("--image-size");
    }
}
