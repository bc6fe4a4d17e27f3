package io.github.geminiimage.cli.internal;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/** Wires picocli to the commands: parsing, help with the exit codes, one-line usage errors. */
public final class Cli {

    private final CliContext context;
    private final BatchPortFactory batchPorts;

    /** A command line working with {@code context}. */
    public Cli(CliContext context) {
        this(context, new BatchTransports());
    }

    /** A command line working with {@code context}, opening batch ports with {@code batchPorts}. */
    public Cli(CliContext context, BatchPortFactory batchPorts) {
        this.context = context;
        this.batchPorts = batchPorts;
    }

    /** Runs one command line and returns the process exit code. */
    public int run(String... args) {
        CommandLine top = new CommandLine(new TopCommand());
        top.addSubcommand(new GenerateCommand(context));
        top.addSubcommand(new EditCommand(context));
        top.addSubcommand(FilesCommand.commandLine(context));
        top.addSubcommand(BatchCommand.commandLine(context, batchPorts));
        top.setOut(new PrintWriter(context.out(), true, StandardCharsets.UTF_8));
        top.setErr(new PrintWriter(context.err(), true, StandardCharsets.UTF_8));
        top.setColorScheme(CommandLine.Help.defaultColorScheme(context.interactive() ? Ansi.AUTO : Ansi.OFF));
        top.setCaseInsensitiveEnumValuesAllowed(true);
        top.setUsageHelpWidth(100);
        for (CommandLine command : java.util.List.of(top, top.getSubcommands().get("generate"), top.getSubcommands().get("edit"))) {
            command.getCommandSpec().usageMessage()
                    .exitCodeListHeading("%nExit codes:%n")
                    .exitCodeList(ExitCode.helpList());
            command.setExitCodeExceptionMapper(e -> ExitCode.INTERNAL_ERROR.code());
        }
        top.setParameterExceptionHandler((e, args1) -> {
            CommandLine failed = e.getCommandLine();
            String name = failed.getCommandSpec().qualifiedName(" ");
            context.err().println(name + ": " + e.getMessage().replaceAll("[\\r\\n]+", " ").strip()
                    + "; see " + name + " --help");
            return ExitCode.USAGE.code();
        });
        top.setExecutionExceptionHandler((e, failed, parsed) -> {
            context.err().println(failed.getCommandSpec().qualifiedName(" ") + ": internal error: " + e
                    + "; please report this with the command you ran");
            return ExitCode.INTERNAL_ERROR.code();
        });
        return top.execute(args);
    }
}
