package org.feedhandler.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Latency by percentile in HdrHistogram's plotter's style: x is the percentile on a log scale of
 * {@code 1/(1-percentile)}, from 0 % to 99.999 %, y the latency in microseconds, one line per stage, and
 * for a second run the same stages dashed in the same colours.
 * <p>
 * Needs no display: call {@link #headless()} before anything touches AWT.
 */
public final class LatencyChart
{
    /** 99.999 %: the right edge of the chart. */
    public static final double MAX_INVERSE_TAIL = 100_000;

    /** What the decades of 1/(1-percentile) mean. */
    public static final String X_AXIS_TITLE =
        "Percentile, as 1/(1-percentile):  1 = 0%   10 = 90%   100 = 99%   1000 = 99.9%   1E4 = 99.99%   1E5 = 99.999%";

    private static final int WIDTH = 1200;
    private static final int HEIGHT = 700;
    private static final Color[] STAGE_COLOURS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd)};
    private static final float[] DASH = {9f, 6f};

    private final XYChart chart;
    private int runs;

    /**
     * @param title the chart's title.
     */
    public LatencyChart(final String title)
    {
        chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
            .xAxisTitle(X_AXIS_TITLE).yAxisTitle("Latency (\u00b5s)").build();
        final var styler = chart.getStyler();
        // XChart 3.8.8 labels a log axis's decades only with its own number format (a tick-label function
        // leaves out the decades, or never returns on a linear axis), so the title says what they mean
        styler.setXAxisLogarithmic(true);
        styler.setXAxisLogarithmicDecadeOnly(true);
        styler.setXAxisMin(1.0);
        styler.setXAxisMax(MAX_INVERSE_TAIL);
        styler.setYAxisDecimalPattern("#,##0.##");
        styler.setYAxisMin(0.0);
        styler.setLegendPosition(Styler.LegendPosition.InsideNW);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xdddddd));
        styler.setMarkerSize(0);
        styler.setAntiAlias(true);
    }

    /**
     * Let AWT draw without a display (servers, CI): must run before the first AWT class loads.
     */
    public static void headless()
    {
        System.setProperty("java.awt.headless", "true");
    }

    /**
     * Add one run's stages: solid lines for the first run, dashed for the second.
     *
     * @param name   names the run in the legend, or null for a single run.
     * @param stages the run's distributions.
     * @return this.
     */
    public LatencyChart addRun(final String name, final List<PercentileDistribution> stages)
    {
        for (int i = 0; i < stages.size(); i++)
        {
            final PercentileDistribution stage = stages.get(i);
            final int points = visiblePoints(stage.inverseTails());
            if (points == 0)
            {
                continue;
            }
            final String label = (null == name ? "" : name + ": ") + stage.stage() +
                String.format(" (%,d values)", stage.count());
            final XYSeries series = chart.addSeries(label,
                Arrays.copyOf(stage.inverseTails(), points), Arrays.copyOf(stage.micros(), points));
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(STAGE_COLOURS[i % STAGE_COLOURS.length]);
            series.setLineStyle(0 == runs ?
                new BasicStroke(2f) :
                new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, DASH, 0f));
        }
        runs++;
        return this;
    }

    /**
     * @return series added so far.
     */
    public int seriesCount()
    {
        return chart.getSeriesMap().size();
    }

    /**
     * Write the chart as PNG.
     *
     * @param file where.
     * @throws IOException when it cannot be written.
     */
    public void writePng(final Path file) throws IOException
    {
        final Path parent = file.toAbsolutePath().getParent();
        if (null != parent)
        {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file))
        {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /** Points up to 99.999 %; the tail beyond is off the chart's right edge. */
    private static int visiblePoints(final double[] inverseTails)
    {
        int n = 0;
        while (n < inverseTails.length && inverseTails[n] <= MAX_INVERSE_TAIL * (1 + 1e-9))
        {
            n++;
        }
        return n;
    }
}
