package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.cli.internal.Cli;
import io.github.geminiimage.cli.internal.CliContext;
import io.github.geminiimage.cli.internal.Transports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command and subcommand answers --help and -h; the bare command lists every command. */
class HelpTest {

    @Test
    void everyCommandOfTheTreeAnswersHelpAndHWithExitZero() {
        List<List<String>> paths = new ArrayList<>();
        collect(commandTree(), new ArrayList<>(), paths);
        assertThat(paths).extracting(p -> String.join(" ", p))
                .contains("", "generate", "edit", "files upload", "batch", "batch submit", "batch status", "batch results",
                        "batch cancel", "batch list", "batch delete");

        for (List<String> path : paths) {
            for (String flag : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(path);
                args.add(flag);
                CliRunner.Result run = new CliRunner().run(args.toArray(String[]::new));
                assertThat(run.exitCode()).as("gemini-image %s: %s", args, run.err()).isZero();
                assertThat(run.out()).as("gemini-image %s", args).contains("Usage: gemini-image" + (path.isEmpty() ? "" : " "
                        + String.join(" ", path)));
                assertThat(run.err()).as("gemini-image %s", args).isEmpty();
            }
        }
    }

    @Test
    void theBareCommandAndItsHelpListEveryCommandBatchIncluded() {
        CliRunner.Result bare = new CliRunner().run();
        CliRunner.Result help = new CliRunner().run("--help");

        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(bare.err().lines()).singleElement().asString().contains("choose a command: generate, edit, files, batch")
                .contains("see gemini-image --help");
        assertThat(help.out()).contains("  generate ").contains("  edit ").contains("  files ").contains("  batch ");
    }

    @Test
    void aBareGroupSaysToChooseOneOfItsCommands() {
        CliRunner.Result batch = new CliRunner().run("batch");

        assertThat(batch.exitCode()).isEqualTo(2);
        assertThat(batch.err().lines()).singleElement().asString()
                .contains("gemini-image batch: choose a command: submit, status, results, cancel, list, delete")
                .contains("see gemini-image batch --help");
    }

    @Test
    void filesAndBatchHelpListTheirOwnExitCodes() {
        String files = new CliRunner().run("files", "get", "--help").out();
        String batch = new CliRunner().run("batch", "status", "--help").out();
        String generate = new CliRunner().run("generate", "--help").out();

        assertThat(files).contains("Exit codes:").contains("no such file").contains("--mime")
                .doesNotContain("every image was written").doesNotContain("unknown or retired model id");
        assertThat(batch).contains("Exit codes:").contains("18").contains("no such batch job")
                .contains("the job EXPIRED").doesNotContain("0    every image was written");
        assertThat(generate).contains("every image was written").doesNotContain("no such batch job");
    }

    /** The command tree as the program builds it, walked for every path. */
    private static CommandLine commandTree() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new Cli(new CliContext(sink, sink, Map.of(), false, new Transports())).commandLine();
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(List.copyOf(path));
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            List<String> longer = new ArrayList<>(path);
            longer.add(sub.getKey());
            collect(sub.getValue(), longer, paths);
        }
    }
}
