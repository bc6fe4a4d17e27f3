package io.github.geminiimage.cli.internal;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;

/** Wires picocli to the commands: parsing, help with the exit codes, one-line usage errors. */
public final class Cli {

    private final CliContext context;

    /** A command line working with {@code context}, every command taking its port from {@code context.clients()}. */
    public Cli(CliContext context) {
        this.context = context;
    }

    /** Runs one command line and returns the process exit code. */
    public int run(String... args) {
        return commandLine().execute(args);
    }

    /** The whole command tree, ready to run once: every command, its help, its exit codes and error handlers. */
    public CommandLine commandLine() {
        CommandLine top = new CommandLine(new TopCommand());
        top.addSubcommand(new GenerateCommand(context));
        top.addSubcommand(new EditCommand(context));
        top.addSubcommand(FilesCommand.commandLine(context));
        top.addSubcommand(BatchCommand.commandLine(context, context.clients()));
        top.addSubcommand(new EmulatorCommand(context));
        top.setOut(new PrintWriter(context.out(), true, StandardCharsets.UTF_8));
        top.setErr(new PrintWriter(context.err(), true, StandardCharsets.UTF_8));
        top.setColorScheme(CommandLine.Help.defaultColorScheme(context.interactive() ? Ansi.AUTO : Ansi.OFF));
        top.setCaseInsensitiveEnumValuesAllowed(true);
        top.setUsageHelpWidth(100);
        exitCodes(top, ExitCode.helpList());
        exitCodes(top.getSubcommands().get("generate"), ExitCode.imageHelpList());
        exitCodes(top.getSubcommands().get("edit"), ExitCode.imageHelpList());
        top.setParameterExceptionHandler((e, args1) -> {
            CommandLine failed = e.getCommandLine();
            String name = failed.getCommandSpec().qualifiedName(" ");
            context.err().println(name + ": " + Messages.oneLine(e.getMessage())
                    + "; see " + name + " --help");
            return ExitCode.USAGE.code();
        });
        top.setExecutionExceptionHandler((e, failed, parsed) -> {
            context.err().println(failed.getCommandSpec().qualifiedName(" ") + ": internal error: " + e
                    + "; please report this with the command you ran");
            return ExitCode.INTERNAL_ERROR.code();
        });
        return top;
    }

    /** Lists {@code codes} under "Exit codes:" in the command's help; an exception escaping it is a bug (exit 1). */
    static void exitCodes(CommandLine command, Map<String, String> codes) {
        command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        command.setExitCodeExceptionMapper(e -> ExitCode.INTERNAL_ERROR.code());
    }

    /**
     * What a command that only holds subcommands does when run bare: one line on stderr naming
     * every one of them; a usage error (exit 2).
     */
    static int chooseCommand(CommandSpec spec) {
        PrintWriter err = spec.commandLine().getErr();
        String name = spec.qualifiedName(" ");
        err.println(name + ": choose a command: " + String.join(", ", spec.subcommands().keySet()) + "; see " + name + " --help");
        err.flush();
        return ExitCode.USAGE.code();
    }
}
