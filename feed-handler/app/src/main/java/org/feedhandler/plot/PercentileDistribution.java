package org.feedhandler.plot;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.HistogramLogReader;
import org.feedhandler.latency.LatencyLog;
import org.feedhandler.latency.LatencyRecorders;

/**
 * One stage's latency by percentile, as HdrHistogram's plotter draws it: x is {@code 1/(1-percentile)}
 * (1 at 0 %, 10 at 90 %, 100 at 99 %, ...), y the latency in microseconds.
 * <p>
 * A run's {@code <stage>.hgrm} files are read first: they are what the run's summary describes (after its
 * warm-up). A run that ended without writing them (killed) is read from its {@code latency.hlog}, every
 * interval of the stage's tag added up, warm-up included.
 *
 * @param stage        the stage's name, e.g. {@code wire-book}.
 * @param count        values in the distribution.
 * @param inverseTails x: {@code 1/(1-percentile)}, ascending, finite.
 * @param micros       y: the latency at that percentile, microseconds.
 */
public record PercentileDistribution(String stage, long count, double[] inverseTails, double[] micros)
{
    /** Ticks per half-distance, as {@code outputPercentileDistribution} and HdrHistogram's plotter use. */
    static final int TICKS_PER_HALF_DISTANCE = 5;

    /**
     * Every stage of a run with values, from its {@code .hgrm} files or else its {@code .hlog}.
     *
     * @param resultsDir the run's results directory.
     * @return the stages in pipeline order, stages without values left out.
     * @throws IOException when the directory has neither, or a file cannot be read or parsed (naming it).
     */
    public static List<PercentileDistribution> readRun(final Path resultsDir) throws IOException
    {
        if (!Files.isDirectory(resultsDir))
        {
            throw new FileNotFoundException(resultsDir + " is not a results directory (feed.results.dir/<run>)");
        }
        final List<PercentileDistribution> stages = new ArrayList<>();
        boolean anyHgrm = false;
        for (int stage = 0; stage < LatencyRecorders.STAGE_COUNT; stage++)
        {
            final String name = LatencyRecorders.stageName(stage);
            final Path hgrm = resultsDir.resolve(name + LatencyLog.HGRM_SUFFIX);
            if (Files.isRegularFile(hgrm))
            {
                anyHgrm = true;
                addIfAny(stages, parseHgrm(name, hgrm));
            }
        }
        if (anyHgrm)
        {
            return stages;
        }
        final Path hlog = resultsDir.resolve(LatencyLog.HLOG_FILE_NAME);
        if (!Files.isRegularFile(hlog))
        {
            throw new FileNotFoundException(resultsDir + " has no *.hgrm and no " + LatencyLog.HLOG_FILE_NAME +
                ": not a run's results directory");
        }
        for (final Map.Entry<String, Histogram> tagged : readHlog(hlog).entrySet())
        {
            addIfAny(stages, fromHistogram(tagged.getKey(), tagged.getValue(), LatencyLog.NANOS_PER_MICRO));
        }
        return stages;
    }

    private static void addIfAny(final List<PercentileDistribution> stages, final PercentileDistribution d)
    {
        if (d.count() > 0 && d.inverseTails().length > 0)
        {
            stages.add(d);
        }
    }

    /**
     * Parse HdrHistogram's percentile distribution text: {@code Value Percentile TotalCount 1/(1-Percentile)}
     * rows, then {@code #[...]} footer lines.
     *
     * @param stage the stage's name.
     * @param hgrm  the file.
     * @return the distribution, values as written (microseconds for this project's files).
     * @throws IOException when the file cannot be read or a row cannot be parsed.
     */
    static PercentileDistribution parseHgrm(final String stage, final Path hgrm) throws IOException
    {
        final List<String> lines = Files.readAllLines(hgrm, StandardCharsets.US_ASCII);
        final List<double[]> points = new ArrayList<>();
        long count = 0;
        int row = 0;
        for (final String line : lines)
        {
            row++;
            final String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("Value"))
            {
                continue;
            }
            final String[] fields = trimmed.split("\\s+");
            try
            {
                final double value = Double.parseDouble(fields[0]);
                final double percentile = Double.parseDouble(fields[1]);
                count = Long.parseLong(fields[2]);
                if (percentile < 1.0)
                {
                    points.add(new double[] {1.0 / (1.0 - percentile), value});
                }
            }
            catch (final RuntimeException ex)
            {
                throw new IOException(hgrm + " line " + row + " is not a percentile distribution row: " + line, ex);
            }
        }
        return of(stage, count, points);
    }

    /**
     * Add up each tag's interval histograms.
     *
     * @param hlog the log.
     * @return tag to total, in the order the tags first appear.
     * @throws IOException when the log cannot be read.
     */
    static Map<String, Histogram> readHlog(final Path hlog) throws IOException
    {
        final Map<String, Histogram> totals = new LinkedHashMap<>();
        final HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        try
        {
            EncodableHistogram interval;
            while (null != (interval = reader.nextIntervalHistogram()))
            {
                if (interval instanceof Histogram histogram)
                {
                    final String tag = null == histogram.getTag() ? "untagged" : histogram.getTag();
                    totals.computeIfAbsent(tag, (t) -> new Histogram(histogram.getNumberOfSignificantValueDigits()))
                        .add(histogram);
                }
            }
        }
        catch (final RuntimeException ex)
        {
            throw new IOException(hlog + " cannot be read as an HdrHistogram log: " + ex, ex);
        }
        finally
        {
            reader.close();
        }
        return totals;
    }

    /**
     * The distribution of a histogram, at the ticks {@code outputPercentileDistribution} prints.
     *
     * @param stage         the stage's name.
     * @param histogram     the values.
     * @param unitsPerMicro what one microsecond is in the histogram's unit (1000 for nanoseconds).
     * @return the distribution.
     */
    public static PercentileDistribution fromHistogram(
        final String stage, final Histogram histogram, final double unitsPerMicro)
    {
        final List<double[]> points = new ArrayList<>();
        if (histogram.getTotalCount() > 0)
        {
            for (final HistogramIterationValue v : histogram.percentiles(TICKS_PER_HALF_DISTANCE))
            {
                final double percentile = v.getPercentileLevelIteratedTo() / 100.0;
                if (percentile < 1.0)
                {
                    points.add(new double[] {
                        1.0 / (1.0 - percentile), histogram.highestEquivalentValue(v.getValueIteratedTo()) / unitsPerMicro});
                }
            }
        }
        return of(stage, histogram.getTotalCount(), points);
    }

    private static PercentileDistribution of(final String stage, final long count, final List<double[]> points)
    {
        final double[] x = new double[points.size()];
        final double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++)
        {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        return new PercentileDistribution(stage, count, x, y);
    }
}
