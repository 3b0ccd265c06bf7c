package org.feedhandler.cli;

import org.feedhandler.common.ExitCodes;
import org.feedhandler.config.ConfigurationException;
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
    versionProvider = Main.Version.class,
    description = "Ultra-low-latency ITCH 5.0 / MoldUDP64 feed handler.",
    subcommands = {
        CommandLine.HelpCommand.class,
        StatCommand.class,
        PreflightCommand.class,
        ReplayCommand.class,
        SubscribeCommand.class,
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
        // picocli lets --help through an unknown verb or argument ("feed-handler nosuch --help" would print the
        // usage and exit 0): refuse them first, so a script's typo is never taken for success
        commandLine.setExecutionStrategy(parseResult ->
        {
            for (CommandLine.ParseResult r = parseResult; null != r; r = r.subcommand())
            {
                if (!r.unmatched().isEmpty())
                {
                    throw new CommandLine.UnmatchedArgumentException(r.commandSpec().commandLine(), r.unmatched());
                }
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) ->
        {
            if (ex instanceof ConfigurationException)
            {
                cmd.getErr().println("feed-handler " + cmd.getCommandName() + ": configuration error: " + ex.getMessage());
                cmd.getErr().flush();
                return ExitCodes.CONFIG;
            }
            // any other failure no verb handled is a bug: the trace is for its report, the status says so
            cmd.getErr().println("feed-handler: internal error (a bug; please report it with this trace): " + ex);
            ex.printStackTrace(cmd.getErr());
            cmd.getErr().flush();
            return ExitCodes.SOFTWARE;
        });
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
        int status;
        try
        {
            status = commandLine().execute(args);
        }
        catch (final OutOfMemoryError ex)
        {
            // the heap is configuration (-Xmx): name it, not a stack trace
            System.err.println("feed-handler: out of memory (" + ex.getMessage() + ") with a maximum heap of " +
                (Runtime.getRuntime().maxMemory() >> 20) + " MiB: raise -Xmx in JAVA_OPTS (it bounds direct " +
                "memory too), or lower what needs it: feed.book.max.orders and feed.book.max.levels for the " +
                "books, publish --history for the simulator");
            status = ExitCodes.CONFIG;
        }
        System.exit(status);
    }

    /** The version in the jar's manifest (the build's project version), or "development build" from classes. */
    static final class Version implements CommandLine.IVersionProvider
    {
        public String[] getVersion()
        {
            final String version = Main.class.getPackage().getImplementationVersion();
            return new String[]{"feed-handler " + (null == version ? "(development build)" : version)};
        }
    }
}
