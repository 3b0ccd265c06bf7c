package org.feedhandler.cli;

import org.feedhandler.common.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point: {@code scripts/feed-handler VERB ...}.
 * <p>
 * Exit statuses every verb shares: {@link ExitCodes}.
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
        commandLine.setExitCodeExceptionMapper(ex -> ExitCodes.SOFTWARE);
        commandLine.setParameterExceptionHandler((ex, args) ->
        {
            final CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("feed-handler: " + ex.getMessage());
            cmd.usage(cmd.getErr());
            return ExitCodes.USAGE;
        });
        return commandLine;
    }

    public static void main(final String[] args)
    {
        System.exit(commandLine().execute(args));
    }
}
