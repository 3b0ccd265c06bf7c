package org.feedhandler.latency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.HdrHistogram.HistogramLogProcessor;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's HdrHistogram command works on the run's tagged {@code latency.hlog}: with {@code -tag STAGE}
 * HistogramLogProcessor totals that stage; without it, it reads only untagged intervals, finds none and
 * fails (which is why the command names a tag).
 */
class HistogramLogProcessorTest
{
    @TempDir
    Path tempDir;

    private Path runWithValues() throws IOException
    {
        final CachedEpochClock clock = new CachedEpochClock();
        clock.update(1_700_000_000_000L);
        final LatencyRecorders recorders = new LatencyRecorders();
        final LatencyLog log = LatencyLog.create(recorders, tempDir.resolve("results"), "hlp", clock);
        for (int i = 1; i <= 1000; i++)
        {
            recorders.record(LatencyRecorders.WIRE_TO_BOOK, i * 1_000L);
            recorders.record(LatencyRecorders.RECEIVE_TO_BOOK, 500L);
        }
        clock.advance(1000);
        log.drainInterval();
        for (int i = 1; i <= 234; i++)
        {
            recorders.record(LatencyRecorders.WIRE_TO_BOOK, 2_000_000L);
        }
        clock.advance(1000);
        log.close();
        return log.hlogFile();
    }

    @Test
    void shouldTotalOneStageOfTheTaggedLogInMicrosWhenGivenItsTag() throws IOException
    {
        final Path hlog = runWithValues();
        final Path out = tempDir.resolve("wire-book");

        new HistogramLogProcessor(new String[] {
            "-i", hlog.toString(), "-tag", "wire-book", "-outputValueUnitRatio", "1000", "-o", out.toString()}).run();

        final String hgrm = Files.readString(tempDir.resolve("wire-book.hgrm"), StandardCharsets.US_ASCII);
        assertTrue(hgrm.contains("Total count    =         1234]"), hgrm);
        // the largest value, 2 ms, in microseconds
        assertTrue(hgrm.matches("(?s).*#\\[Max     =\\s+200[0-9]\\.\\d+,.*"), hgrm);
    }

    @Test
    void shouldFailWithoutATagBecauseEveryIntervalIsTagged() throws IOException
    {
        final Path hlog = runWithValues();

        assertThrows(NullPointerException.class, () -> new HistogramLogProcessor(new String[] {
            "-i", hlog.toString(), "-o", tempDir.resolve("untagged").toString()}).run());
    }
}
