package org.feedhandler.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.feedhandler.common.ExitCodes;
import org.feedhandler.plot.LatencyChart;
import org.feedhandler.plot.PercentileDistribution;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code plot RESULTS_DIR [RESULTS_DIR_B] [--out FILE]}: each stage's latency by percentile, from a run's
 * histograms, as a PNG; a second run overlaid dashed.
 */
@Command(
    name = "plot",
    mixinStandardHelpOptions = true,
    description = {
        "Draw each stage's latency by percentile from a run's histograms (its *.hgrm files, else its",
        "latency.hlog) into a PNG, as HdrHistogram's plotter does: x the percentile on a log scale from 0 % to",
        "99.999 %, y the latency in microseconds. A second results directory is overlaid, dashed, for a",
        "before/after comparison. Needs no display.",
        "Exit: 0 drawn, 64 bad usage, 66 a results directory missing or without histograms, 65 a histogram",
        "file that cannot be parsed."
    })
public final class PlotCommand implements Callable<Integer>
{
    public static final String DEFAULT_FILE_NAME = "latency.png";

    @Parameters(index = "0", paramLabel = "RESULTS_DIR", description = "a run's results directory")
    Path run;

    @Parameters(index = "1", arity = "0..1", paramLabel = "RESULTS_DIR_B",
        description = "a second run to overlay (dashed), e.g. the same test after a change")
    Path other;

    @Option(names = "--out", paramLabel = "FILE",
        description = "the PNG to write (default: RESULTS_DIR/" + DEFAULT_FILE_NAME + ", or with two runs " +
        "RESULTS_DIR_B/latency-vs-<RESULTS_DIR's name>.png)")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public Integer call()
    {
        LatencyChart.headless();
        final PrintWriter stdout = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final Path file = null != out ? out : null == other ?
            run.resolve(DEFAULT_FILE_NAME) : other.resolve("latency-vs-" + name(run) + ".png");
        final List<PercentileDistribution> first;
        final List<PercentileDistribution> second;
        try
        {
            first = PercentileDistribution.readRun(run);
            second = null == other ? null : PercentileDistribution.readRun(other);
        }
        catch (final FileNotFoundException ex)
        {
            err.println("feed-handler plot: " + ex.getMessage());
            return ExitCodes.NO_INPUT;
        }
        catch (final IOException ex)
        {
            err.println("feed-handler plot: " + ex.getMessage());
            return ExitCodes.DATA;
        }

        final LatencyChart chart = new LatencyChart(null == other ?
            "Latency by percentile: " + name(run) : "Latency by percentile: " + name(run) + " vs " + name(other));
        chart.addRun(null == other ? null : name(run), first);
        if (null != second)
        {
            chart.addRun(name(other), second);
        }
        if (0 == chart.seriesCount())
        {
            err.println("feed-handler plot: no latency values in " + run + (null == other ? "" : " or " + other) +
                " (did the run receive anything?)");
            return ExitCodes.DATA;
        }
        try
        {
            chart.writePng(file);
        }
        catch (final IOException ex)
        {
            err.println("feed-handler plot: cannot write " + file + ": " + ex.getMessage());
            return ExitCodes.NO_INPUT;
        }
        stdout.println("plot: " + file);
        stdout.flush();
        return ExitCodes.OK;
    }

    private static String name(final Path dir)
    {
        final Path name = dir.toAbsolutePath().normalize().getFileName();
        return null == name ? dir.toString() : name.toString();
    }
}
