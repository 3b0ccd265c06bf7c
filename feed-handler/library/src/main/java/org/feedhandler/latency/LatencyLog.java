package org.feedhandler.latency;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.agrona.concurrent.EpochClock;

/**
 * The drain side of {@link LatencyRecorders}, run by a non-critical thread once per report interval.
 * <p>
 * Each {@link #drainInterval()} takes every stage's interval histogram, writes it to the run's
 * {@value #HLOG_FILE_NAME} tagged with the stage name, adds it to the stage's total and keeps its
 * percentiles for the progress line. {@link #close()} drains the last interval and writes one
 * {@code <stage>.hgrm} per stage, the percentile distribution of the whole run in microseconds.
 * <pre>
 * results/20261123-164210-demo/
 *   latency.hlog        interval histograms, tags recv-decode, recv-book, wire-book
 *   recv-decode.hgrm    percentile distribution of the run, values in us
 *   recv-book.hgrm
 *   wire-book.hgrm
 * </pre>
 * Not thread safe: one thread drains and closes.
 */
public final class LatencyLog implements AutoCloseable
{
    public static final String HLOG_FILE_NAME = "latency.hlog";
    public static final String HGRM_SUFFIX = ".hgrm";

    /** {@code outputPercentileDistribution} divides nanoseconds by this to print microseconds. */
    public static final double NANOS_PER_MICRO = 1000.0;

    private final LatencyRecorders recorders;
    private final EpochClock clock;
    private final Path directory;
    private final long startMillis;
    private final HistogramLogWriter logWriter;
    private final Histogram[] intervals = new Histogram[LatencyRecorders.STAGE_COUNT];
    private final Histogram[] totals = new Histogram[LatencyRecorders.STAGE_COUNT];
    private final long[] lastCount = new long[LatencyRecorders.STAGE_COUNT];
    private final long[] lastP50 = new long[LatencyRecorders.STAGE_COUNT];
    private final long[] lastP99 = new long[LatencyRecorders.STAGE_COUNT];
    private final long[] lastP999 = new long[LatencyRecorders.STAGE_COUNT];
    private final long[] lastMax = new long[LatencyRecorders.STAGE_COUNT];
    private long intervalStartMillis;
    private boolean closed;

    private LatencyLog(
        final LatencyRecorders recorders, final EpochClock clock, final Path directory, final long startMillis)
        throws IOException
    {
        this.recorders = recorders;
        this.clock = clock;
        this.directory = directory;
        this.startMillis = startMillis;
        this.intervalStartMillis = startMillis;

        logWriter = new HistogramLogWriter(directory.resolve(HLOG_FILE_NAME).toFile());
        logWriter.outputLogFormatVersion();
        logWriter.outputComment("feed-handler latency, values in nanoseconds, one tag per pipeline stage");
        logWriter.outputStartTime(startMillis);
        logWriter.setBaseTime(startMillis);
        logWriter.outputBaseTime(startMillis);
        logWriter.outputLegend();

        for (int stage = 0; stage < LatencyRecorders.STAGE_COUNT; stage++)
        {
            totals[stage] = new Histogram(
                LatencyRecorders.LOWEST_TRACKABLE_NANOS, recorders.highestTrackableNanos(),
                LatencyRecorders.SIGNIFICANT_DIGITS);
            totals[stage].setTag(LatencyRecorders.stageName(stage));
        }
    }

    /**
     * Create the run's results directory and open its {@code .hlog}.
     *
     * @param recorders  to drain.
     * @param resultsDir the parent directory ({@code feed.results.dir}).
     * @param label      names the run in the directory name.
     * @param clock      wall clock for the directory name and the log's timestamps.
     * @return the log, with its header written.
     * @throws IOException when the directory or the file cannot be created.
     */
    public static LatencyLog create(
        final LatencyRecorders recorders, final Path resultsDir, final String label, final EpochClock clock)
        throws IOException
    {
        final long startMillis = clock.time();
        return new LatencyLog(recorders, clock, ResultsDirectory.create(resultsDir, label, startMillis), startMillis);
    }

    /**
     * Forget the totals so far (a warm-up): the summary and the {@code .hgrm} files then describe
     * only what follows. The {@code .hlog} keeps every interval, warm-up included.
     */
    public void resetTotals()
    {
        for (final Histogram total : totals)
        {
            total.reset();
        }
    }

    /**
     * Take every stage's interval, log it, add it to the totals, keep its percentiles.
     */
    public void drainInterval()
    {
        if (closed)
        {
            return;
        }
        final long nowMillis = clock.time();
        for (int stage = 0; stage < LatencyRecorders.STAGE_COUNT; stage++)
        {
            final Histogram interval = recorders.intervalHistogram(stage, intervals[stage]);
            intervals[stage] = interval;
            interval.setStartTimeStamp(intervalStartMillis);
            interval.setEndTimeStamp(nowMillis);
            interval.setTag(LatencyRecorders.stageName(stage));
            logWriter.outputIntervalHistogram(interval);
            totals[stage].add(interval);

            lastCount[stage] = interval.getTotalCount();
            lastP50[stage] = interval.getValueAtPercentile(50.0);
            lastP99[stage] = interval.getValueAtPercentile(99.0);
            lastP999[stage] = interval.getValueAtPercentile(99.9);
            lastMax[stage] = interval.getMaxValue();
        }
        intervalStartMillis = nowMillis;
    }

    /**
     * @param stage the stage.
     * @return values recorded in the last drained interval.
     */
    public long lastCount(final int stage)
    {
        return lastCount[stage];
    }

    public long lastP50(final int stage)
    {
        return lastP50[stage];
    }

    public long lastP99(final int stage)
    {
        return lastP99[stage];
    }

    public long lastP999(final int stage)
    {
        return lastP999[stage];
    }

    public long lastMax(final int stage)
    {
        return lastMax[stage];
    }

    /**
     * Append the last interval of one stage for the progress line:
     * {@code recv-book n=1000 p50=1.21us p99=3.40us p99.9=8.19us max=12.5us}.
     *
     * @param stage the stage.
     * @param out   to append to.
     * @return out.
     */
    public StringBuilder appendProgress(final int stage, final StringBuilder out)
    {
        out.append(LatencyRecorders.stageName(stage)).append(" n=").append(lastCount[stage]);
        appendMicros(out.append(" p50="), lastP50[stage]);
        appendMicros(out.append(" p99="), lastP99[stage]);
        appendMicros(out.append(" p99.9="), lastP999[stage]);
        appendMicros(out.append(" max="), lastMax[stage]);
        return out;
    }

    /**
     * @param stage the stage.
     * @return the stage's distribution over every interval drained so far.
     */
    public LatencySummary summary(final int stage)
    {
        final Histogram total = totals[stage];
        return new LatencySummary(
            LatencyRecorders.stageName(stage),
            total.getTotalCount(),
            total.getValueAtPercentile(50.0),
            total.getValueAtPercentile(90.0),
            total.getValueAtPercentile(99.0),
            total.getValueAtPercentile(99.9),
            total.getMaxValue(),
            recorders.negatives(stage),
            recorders.clamped(stage));
    }

    /**
     * @return the run's results directory.
     */
    public Path directory()
    {
        return directory;
    }

    public Path hlogFile()
    {
        return directory.resolve(HLOG_FILE_NAME);
    }

    /**
     * @param stage the stage.
     * @return where {@link #close()} writes the stage's percentile distribution.
     */
    public Path hgrmFile(final int stage)
    {
        return directory.resolve(LatencyRecorders.stageName(stage) + HGRM_SUFFIX);
    }

    public long startMillis()
    {
        return startMillis;
    }

    /**
     * Drain the last interval, write the {@code .hgrm} files and close the {@code .hlog}. Idempotent.
     *
     * @throws IOException when a {@code .hgrm} cannot be written.
     */
    public void close() throws IOException
    {
        if (closed)
        {
            return;
        }
        drainInterval();
        closed = true;
        try
        {
            for (int stage = 0; stage < LatencyRecorders.STAGE_COUNT; stage++)
            {
                try (PrintStream out = new PrintStream(
                    new FileOutputStream(hgrmFile(stage).toFile()), false, StandardCharsets.US_ASCII))
                {
                    totals[stage].outputPercentileDistribution(out, NANOS_PER_MICRO);
                    if (out.checkError())
                    {
                        throw new IOException("cannot write " + hgrmFile(stage));
                    }
                }
            }
        }
        finally
        {
            logWriter.close();
        }
    }

    static StringBuilder appendMicros(final StringBuilder out, final long nanos)
    {
        // 3 significant digits, as recorded: 0.850us, 12.3us, 1234us
        if (nanos < 10_000)
        {
            out.append(nanos / 1000).append('.');
            final long frac = nanos % 1000;
            if (frac < 100)
            {
                out.append('0');
            }
            if (frac < 10)
            {
                out.append('0');
            }
            out.append(frac);
        }
        else if (nanos < 100_000)
        {
            out.append(nanos / 1000).append('.').append((nanos % 1000) / 100);
        }
        else
        {
            out.append(nanos / 1000);
        }
        return out.append("us");
    }
}
