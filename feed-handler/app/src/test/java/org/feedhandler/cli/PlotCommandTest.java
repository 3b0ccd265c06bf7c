package org.feedhandler.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.agrona.concurrent.CachedEpochClock;
import org.feedhandler.common.ExitCodes;
import org.feedhandler.latency.LatencyLog;
import org.feedhandler.latency.LatencyRecorders;
import org.feedhandler.plot.LatencyChart;
import org.feedhandler.plot.PercentileDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlotCommandTest
{
    /** The colour LatencyChart gives the third stage of a run (wire-book). */
    private static final int WIRE_BOOK_RGB = 0x2ca02c;

    @TempDir
    Path tempDir;

    private static String[] run(final String... args)
    {
        final StatCommandTest.Result result = StatCommandTest.runInProcess(args);
        return new String[] {Integer.toString(result.exitCode()), result.out(), result.err()};
    }

    /** A run's results directory as the handler writes it: two intervals of every stage, then the .hgrm files. */
    private Path run(final String label, final long scale) throws IOException
    {
        final CachedEpochClock clock = new CachedEpochClock();
        clock.update(1_700_000_000_000L);
        final LatencyRecorders recorders = new LatencyRecorders();
        final LatencyLog log = LatencyLog.create(recorders, tempDir.resolve("results"), label, clock);
        for (int interval = 0; interval < 2; interval++)
        {
            for (int i = 1; i <= 20_000; i++)
            {
                recorders.record(LatencyRecorders.RECEIVE_TO_DECODE, scale * (100 + i % 50));
                recorders.record(LatencyRecorders.RECEIVE_TO_BOOK, scale * (200 + i % 300));
                recorders.record(LatencyRecorders.WIRE_TO_BOOK, scale * (1_000 + (i % 1000) * (i % 1000)));
            }
            clock.advance(1000);
            log.drainInterval();
        }
        log.close();
        return log.directory();
    }

    private static long pixels(final Path png, final int rgb) throws IOException
    {
        final BufferedImage image = ImageIO.read(png.toFile());
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++)
        {
            for (int x = 0; x < image.getWidth(); x++)
            {
                if ((image.getRGB(x, y) & 0xffffff) == rgb)
                {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void shouldDrawEveryStageOfARunIntoLatencyPngInItsResultsDirectory() throws IOException
    {
        final Path dir = run("plot", 1);

        final String[] result = run("plot", dir.toString());

        assertEquals("0", result[0], result[2]);
        final Path png = dir.resolve("latency.png");
        assertEquals("plot: " + png + "\n", result[1]);
        final BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1200, image.getWidth());
        assertEquals(700, image.getHeight());
        assertTrue(pixels(png, WIRE_BOOK_RGB) > 500, "the wire-book line is drawn");
    }

    @Test
    void shouldOverlayASecondRunWithTheSameStagesToAFileNamedByOut() throws IOException
    {
        final Path before = run("before", 1);
        final Path after = run("after", 3);
        final Path png = tempDir.resolve("charts/compare.png");

        final String[] result = run("plot", before.toString(), after.toString(), "--out", png.toString());

        assertEquals("0", result[0], result[2]);
        assertTrue(Files.size(png) > 10_000);
        final LatencyChart chart = new LatencyChart("t")
            .addRun("before", PercentileDistribution.readRun(before))
            .addRun("after", PercentileDistribution.readRun(after));
        assertEquals(6, chart.seriesCount());
    }

    @Test
    void shouldReadTheHlogOfARunThatLeftNoHgrmFilesAndFindTheSameDistribution() throws IOException
    {
        final Path dir = run("killed", 1);
        final List<PercentileDistribution> fromHgrm = PercentileDistribution.readRun(dir);
        for (int stage = 0; stage < LatencyRecorders.STAGE_COUNT; stage++)
        {
            Files.delete(dir.resolve(LatencyRecorders.stageName(stage) + LatencyLog.HGRM_SUFFIX));
        }

        final List<PercentileDistribution> fromHlog = PercentileDistribution.readRun(dir);

        assertEquals(3, fromHlog.size());
        for (int stage = 0; stage < 3; stage++)
        {
            assertEquals(fromHgrm.get(stage).stage(), fromHlog.get(stage).stage());
            assertEquals(40_000, fromHlog.get(stage).count());
            assertArrayEquals(fromHgrm.get(stage).micros(), fromHlog.get(stage).micros(), 0.0005);
            assertArrayEquals(fromHgrm.get(stage).inverseTails(), fromHlog.get(stage).inverseTails(), 1e-6 * 1e5);
        }
        assertEquals("0", run("plot", dir.toString())[0]);
    }

    @Test
    void shouldExitNoInputNamingADirectoryWithoutHistograms() throws IOException
    {
        final Path empty = Files.createDirectories(tempDir.resolve("empty"));

        final String[] result = run("plot", empty.toString());

        assertEquals(Integer.toString(ExitCodes.NO_INPUT), result[0]);
        assertTrue(result[2].contains(empty + " has no *.hgrm and no latency.hlog"), result[2]);
    }

    @Test
    void shouldExitDataNamingTheLineOfAGarbledHgrm() throws IOException
    {
        final Path dir = run("garbled", 1);
        Files.writeString(dir.resolve("wire-book.hgrm"), "       Value     Percentile TotalCount 1/(1-Percentile)\n" +
            "\n       1.000 zero 1 1.00\n");

        final String[] result = run("plot", dir.toString());

        assertEquals(Integer.toString(ExitCodes.DATA), result[0]);
        assertTrue(result[2].contains("wire-book.hgrm line 3 is not a percentile distribution row"), result[2]);
    }
}
