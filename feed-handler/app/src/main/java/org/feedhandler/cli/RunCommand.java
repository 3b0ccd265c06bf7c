package org.feedhandler.cli;

import org.feedhandler.common.ExitCodes;
import org.feedhandler.config.Configuration;
import org.feedhandler.config.ConfigurationException;
import org.feedhandler.config.Settings;
import org.feedhandler.handler.FeedHandler;
import org.feedhandler.latency.LatencyRecorders;
import org.feedhandler.latency.LatencySummary;
import org.feedhandler.preflight.PreflightGate;
import org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * {@code run [--config FILE] [--preflight enforce|warn|off]}: the production entry point.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
        "Run the feed handler: check every configuration value, preflight the host, then receive until",
        "SIGINT, SIGTERM or SIGHUP, then write the latency summaries and exit 0 (a second signal halts at",
        "once, 128 + the signal). Loads config/feed-handler.properties unless --config names a file;",
        "-Dfeed.KEY=VALUE in JAVA_OPTS overrides a key.",
        "Exit: 0 clean shutdown, 1 refused by the preflight (report on stderr), 2 preflight indeterminate,",
        "64 bad usage, 66 a file cannot be opened, 70 a socket cannot be opened, 78 bad configuration",
        "(naming the key and where its value came from: the file, or -Dfeed.KEY)."
    })
public final class RunCommand implements Callable<Integer>
{
    @Mixin
    ConfigOption config = new ConfigOption();

    @Option(names = "--preflight", paramLabel = "MODE",
        description = "enforce (default: refuse to start when not ready), warn (report and start), off (tests only)")
    String preflight;

    @Option(names = "--label", defaultValue = "run", paramLabel = "NAME", description = "names the results directory")
    String label;

    @CommandLine.Mixin
    ProgressOptions progressOptions = new ProgressOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public Integer call() throws InterruptedException
    {
        final PrintStream out = System.out;
        final PrintStream err = System.err;
        if (null != preflight && !preflight.matches("enforce|warn|off"))
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--preflight must be enforce, warn or off, not '" + preflight + "'");
        }

        final Settings settings;
        final FeedHandler.Context context;
        try
        {
            settings = config.load().override(Configuration.PREFLIGHT_MODE_PROP_NAME, preflight, "--preflight");
            // every key is checked before the preflight, so a bad one is named rather than refused as "not ready"
            context = new FeedHandler.Context().settings(settings).label(label).console(out)
                .progress(progressOptions.progress()).progressJson(progressOptions.json()).conclude();
        }
        catch (final ConfigurationException ex)
        {
            err.println("feed-handler run: configuration error: " + ex.getMessage());
            return ExitCodes.CONFIG;
        }

        final PreflightGate.Outcome outcome;
        try
        {
            outcome = PreflightGate.check(settings, err);
        }
        catch (final ConfigurationException ex)
        {
            err.println("feed-handler run: configuration error: " + ex.getMessage());
            return ExitCodes.CONFIG;
        }
        if (!outcome.start())
        {
            return outcome.exitCode();
        }

        // installed before the threads start: a signal during start-up is a stop requested, not an abrupt exit
        try (ShutdownSignals signals = ShutdownSignals.install())
        {
            final FeedHandler handler;
            try
            {
                handler = FeedHandler.launch(context);
            }
            catch (final ConfigurationException ex)
            {
                err.println("feed-handler run: configuration error: " + ex.getMessage());
                return ExitCodes.CONFIG;
            }
            catch (final IOException | RuntimeException ex)
            {
                err.println("feed-handler run: cannot start: " + ex);
                return ExitCodes.SOFTWARE;
            }

            out.println("fh: receiving (" + handler.transport() + "); counters in " + handler.countersFile() +
                " (scripts/feed-handler stat --counters-file " + handler.countersFile() + "); Ctrl-C to stop");
            if (null != handler.outputFeed())
            {
                out.println("fh: output on " + handler.outputFeed().publication().channel() + " stream " +
                    handler.outputFeed().publication().streamId() +
                    (handler.outputFeed().isRecorded() ? ", recorded for late joiners" : "") +
                    " (scripts/feed-handler subscribe --aeron-dir " + handler.outputAeronDirectory() + ")");
            }
            try
            {
                signals.await();
                out.println("fh: " + signals.name() + ": shutting down");
            }
            finally
            {
                handler.close();
            }
            printSummary(out, handler);
            out.flush();
        }
        return ExitCodes.OK;
    }

    static void printSummary(final PrintStream out, final FeedHandler handler)
    {
        final MoldUdp64Sequencer s = handler.pipeline().sequencer();
        out.printf("fh: %,d messages in %,d packets; gaps %d (missing %d, recovered %d, unrecovered %d); " +
            "duplicate packets %d; malformed %d; unknown types %d%n",
            handler.pipeline().decoder().messages(), handler.pipeline().packets(), s.counters().gaps(), s.counters().missingMessages(),
            s.counters().recoveredMessages(), s.counters().unrecoveredMessages(), s.counters().duplicatePackets(),
            handler.pipeline().decoder().malformed() + s.counters().malformedPackets(), handler.pipeline().decoder().unknown());
        out.printf("fh: foreign session packets %d; implausible sequence packets %d; session changes %d;" +
            " end of session %d; heartbeats %d; hold-store overflows %d%n", s.counters().foreignSessionPackets(),
            s.counters().implausibleSequencePackets(), s.counters().sessionChanges(), s.counters().endOfSessions(),
            s.counters().heartbeats(), s.counters().storeOverflows());
        final LatencySummary wire = handler.latencyLog().summary(LatencyRecorders.WIRE_TO_BOOK);
        out.printf("fh: wire->book latency over %,d messages: p50 %s  p90 %s  p99 %s  p99.9 %s  max %s%n",
            wire.count(), micros(wire.p50()), micros(wire.p90()), micros(wire.p99()), micros(wire.p999()),
            micros(wire.max()));
        out.println("fh: histograms in " + handler.resultsDirectory() +
            " (latency.hlog: HistogramLogProcessor; *.hgrm: HdrHistogram's plotter)");
        ResultsHints.lines(handler.resultsDirectory()).forEach((line) -> out.println("fh: " + line));
    }

    static String micros(final long nanos)
    {
        return String.format("%.1fus", nanos / 1000.0);
    }
}
