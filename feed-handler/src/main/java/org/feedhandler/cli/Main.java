package org.feedhandler.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point: {@code scripts/feed-handler VERB ...}.
 * <p>
 * Exit statuses every verb shares (sysexits.h where one fits):
 * <ul>
 *     <li>0 success</li>
 *     <li>1 refused or failed (for {@code preflight}: not ready)</li>
 *     <li>2 indeterminate ({@code preflight} only)</li>
 *     <li>3 input truncated ({@code replay})</li>
 *     <li>64 bad usage (EX_USAGE)</li>
 *     <li>65 bad input data (EX_DATAERR)</li>
 *     <li>66 input file missing or unreadable (EX_NOINPUT)</li>
 *     <li>70 internal error (EX_SOFTWARE)</li>
 *     <li>78 bad configuration (EX_CONFIG)</li>
 * </ul>
 */
@Command(
    name = "feed-handler",
    mixinStandardHelpOptions = true,
    version = "feed-handler 0.1.0",
    description = "Ultra-low-latency ITCH 5.0 / MoldUDP64 feed handler.",
    subcommands = {
        CommandLine.HelpCommand.class,
        StatCommand.class,
        PreflightCommand.class,
        ReplayCommand.class,
        GenerateCommand.class,
        PublishCommand.class,
        RunCommand.class,
        DemoCommand.class,
        PlotCommand.class,
    })
public final class Main implements Runnable
{
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_INDETERMINATE = 2;
    public static final int EXIT_TRUNCATED = 3;
    public static final int EXIT_USAGE = 64;
    public static final int EXIT_DATA = 65;
    public static final int EXIT_NO_INPUT = 66;
    public static final int EXIT_SOFTWARE = 70;
    public static final int EXIT_CONFIG = 78;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "a verb is required");
    }

    /**
     * Build the command line with every verb registered and the shared exit codes set.
     *
     * @return the command line, ready to execute.
     */
    public static CommandLine commandLine()
    {
        final CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExitCodeExceptionMapper(ex -> EXIT_SOFTWARE);
        commandLine.setParameterExceptionHandler((ex, args) ->
        {
            final CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("feed-handler: " + ex.getMessage());
            cmd.usage(cmd.getErr());
            return EXIT_USAGE;
        });
        return commandLine;
    }

    public static void main(final String[] args)
    {
        System.exit(commandLine().execute(args));
    }
}
