package org.feedhandler.cli;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import org.HdrHistogram.HistogramLogProcessor;
import org.feedhandler.latency.LatencyLog;
import org.feedhandler.latency.LatencyRecorders;

/**
 * What {@code run} and {@code demo} print after their summary: the commands that draw the run's chart and
 * open its {@code latency.hlog} in HdrHistogram's own tool, ready to paste.
 */
final class ResultsHints
{
    private ResultsHints()
    {
    }

    /**
     * @param resultsDir the run's results directory.
     * @return the lines, without a prefix.
     */
    static List<String> lines(final Path resultsDir)
    {
        return List.of(
            "chart: scripts/feed-handler plot " + resultsDir,
            "HdrHistogram: java -cp " + hdrHistogramJar() + " " + HistogramLogProcessor.class.getName() +
                " -i " + resultsDir.resolve(LatencyLog.HLOG_FILE_NAME) + " -tag " +
                LatencyRecorders.stageName(LatencyRecorders.WIRE_TO_BOOK) + " -outputValueUnitRatio 1000" +
                " (one -tag per stage: " + String.join(", ", stages()) + "; values then in us)");
    }

    private static List<String> stages()
    {
        final String[] names = new String[LatencyRecorders.STAGE_COUNT];
        for (int i = 0; i < names.length; i++)
        {
            names[i] = LatencyRecorders.stageName(i);
        }
        return List.of(names);
    }

    /** The jar HdrHistogram is loaded from here: lib/HdrHistogram-*.jar, or the handler's shaded jar. */
    private static String hdrHistogramJar()
    {
        try
        {
            return Path.of(HistogramLogProcessor.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        }
        catch (final URISyntaxException | RuntimeException ex)
        {
            return "HdrHistogram-<version>.jar";
        }
    }
}
