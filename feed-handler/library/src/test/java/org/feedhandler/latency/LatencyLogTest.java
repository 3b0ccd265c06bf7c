package org.feedhandler.latency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.feedhandler.latency.LatencyRecorders.RECEIVE_TO_BOOK;
import static org.feedhandler.latency.LatencyRecorders.RECEIVE_TO_DECODE;
import static org.feedhandler.latency.LatencyRecorders.WIRE_TO_BOOK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyLogTest
{
    private static final long START_MILLIS = 1_763_916_130_000L; // 2025-11-23T16:42:10Z

    @TempDir
    Path tempDir;

    private final CachedEpochClock clock = new CachedEpochClock();
    private final LatencyRecorders recorders = new LatencyRecorders();

    record Interval(String tag, long count, double startSec)
    {
    }

    @Test
    void shouldCreateTimestampedRunDirectoryAndNeverReuseIt() throws IOException
    {
        clock.update(START_MILLIS);
        final Path results = tempDir.resolve("results");
        try (LatencyLog first = LatencyLog.create(recorders, results, "demo", clock);
            LatencyLog second = LatencyLog.create(new LatencyRecorders(), results, "a b/c", clock))
        {
            assertEquals(results.resolve("20251123-164210-demo"), first.directory());
            assertEquals(results.resolve("20251123-164210-a_b_c"), second.directory());
            assertTrue(Files.isRegularFile(first.hlogFile()));
        }
        assertEquals(results.resolve("20251123-164210-demo-2"), ResultsDirectory.create(results, "demo", START_MILLIS));
    }

    @Test
    void shouldWriteTaggedIntervalsThatHistogramLogReaderReadsBack() throws IOException
    {
        clock.update(START_MILLIS);
        final LatencyLog log = LatencyLog.create(recorders, tempDir, "test", clock);

        for (int i = 1; i <= 100; i++)
        {
            recorders.record(RECEIVE_TO_DECODE, i * 1000L);
        }
        for (int i = 1; i <= 50; i++)
        {
            recorders.record(RECEIVE_TO_BOOK, i * 2000L);
        }
        clock.advance(1000);
        log.drainInterval();
        assertEquals(100, log.lastCount(RECEIVE_TO_DECODE));
        assertEquals(50, log.lastCount(RECEIVE_TO_BOOK));
        assertEquals(0, log.lastCount(WIRE_TO_BOOK));

        for (int i = 0; i < 10; i++)
        {
            recorders.record(RECEIVE_TO_DECODE, 7_000);
        }
        recorders.record(WIRE_TO_BOOK, 123_456);
        clock.advance(1000);
        log.close();
        log.close();

        final List<Interval> intervals = new ArrayList<>();
        try (HistogramLogReader reader = new HistogramLogReader(log.hlogFile().toFile()))
        {
            EncodableHistogram h;
            while (null != (h = reader.nextIntervalHistogram()))
            {
                intervals.add(new Interval(h.getTag(), ((Histogram)h).getTotalCount(), h.getStartTimeStamp() / 1000.0));
            }
            assertEquals(START_MILLIS / 1000.0, reader.getStartTimeSec(), 0.001);
        }
        assertEquals(List.of(
            new Interval("recv-decode", 100, START_MILLIS / 1000.0),
            new Interval("recv-book", 50, START_MILLIS / 1000.0),
            new Interval("wire-book", 0, START_MILLIS / 1000.0),
            new Interval("recv-decode", 10, START_MILLIS / 1000.0 + 1),
            new Interval("recv-book", 0, START_MILLIS / 1000.0 + 1),
            new Interval("wire-book", 1, START_MILLIS / 1000.0 + 1)), intervals);

        final String hlog = Files.readString(log.hlogFile(), StandardCharsets.US_ASCII);
        assertTrue(hlog.contains("#[StartTime: " + START_MILLIS / 1000 + ".000"), hlog);
        assertTrue(hlog.contains("#[BaseTime: " + START_MILLIS / 1000 + ".000"), hlog);
        assertTrue(hlog.contains("\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\""),
            hlog);

        final LatencySummary decode = log.summary(RECEIVE_TO_DECODE);
        assertEquals(110, decode.count());
        assertTrue(Math.abs(decode.max() - 100_000) <= 100, "max " + decode.max());
        assertTrue(Math.abs(decode.p50() - 45_000) <= 1_000, "p50 " + decode.p50());
        assertTrue(decode.p50() <= decode.p90() && decode.p90() <= decode.p99() && decode.p99() <= decode.p999());
        assertEquals(
            "{\"stage\":\"wire-book\",\"count\":1,\"p50\":123519,\"p90\":123519,\"p99\":123519,\"p999\":123519," +
            "\"max\":123519,\"negatives\":0,\"clamped\":0}", // 123456 lies in [123456, 123519], 64 ns wide
            log.summary(WIRE_TO_BOOK).toJson().toString());
    }

    @Test
    void shouldWriteOneHgrmPerStageInMicroseconds() throws IOException
    {
        clock.update(START_MILLIS);
        final LatencyLog log = LatencyLog.create(recorders, tempDir, "hgrm", clock);
        for (int i = 1; i <= 1000; i++)
        {
            recorders.record(RECEIVE_TO_BOOK, i * 100L); // 0.1us .. 100us
        }
        log.close();

        for (int stage = 0; stage < LatencyRecorders.STAGE_COUNT; stage++)
        {
            assertTrue(Files.isRegularFile(log.hgrmFile(stage)), log.hgrmFile(stage).toString());
        }
        assertEquals(tempDir.resolve(log.directory().getFileName()).resolve("recv-book.hgrm"), log.hgrmFile(RECEIVE_TO_BOOK));

        final List<String> lines = Files.readAllLines(log.hgrmFile(RECEIVE_TO_BOOK), StandardCharsets.US_ASCII);
        assertTrue(lines.get(0).matches("^\\s+Value\\s+Percentile\\s+TotalCount\\s+1/\\(1-Percentile\\)$"), lines.get(0));
        assertTrue(lines.get(1).isBlank());
        final String firstRow = lines.get(2).trim();
        assertTrue(firstRow.matches("^0\\.100 +0\\.000000000000 +1 +1\\.00$"), firstRow);

        final String mean = findLine(lines, "#[Mean");
        final String max = findLine(lines, "#[Max");
        assertTrue(mean.matches("^#\\[Mean\\s+=\\s+\\d+\\.\\d+, StdDeviation\\s+=\\s+\\d+\\.\\d+\\]$"), mean);
        assertTrue(max.matches("^#\\[Max\\s+=\\s+\\d+\\.\\d+, Total count\\s+=\\s+1000\\]$"), max);
        assertEquals(50.05, valueOf(mean), 0.1, "mean in us");
        assertEquals(100.0, valueOf(max), 0.1, "max in us");
        assertTrue(findLine(lines, "#[Buckets").startsWith("#[Buckets"));

        final List<String> empty = Files.readAllLines(log.hgrmFile(WIRE_TO_BOOK), StandardCharsets.US_ASCII);
        assertFalse(empty.isEmpty());
    }

    @Test
    void shouldFormatProgressInMicroseconds()
    {
        assertEquals("0.850us", LatencyLog.appendMicros(new StringBuilder(), 850).toString());
        assertEquals("0.005us", LatencyLog.appendMicros(new StringBuilder(), 5).toString());
        assertEquals("1.210us", LatencyLog.appendMicros(new StringBuilder(), 1210).toString());
        assertEquals("12.3us", LatencyLog.appendMicros(new StringBuilder(), 12_345).toString());
        assertEquals("1234us", LatencyLog.appendMicros(new StringBuilder(), 1_234_567).toString());
    }

    @Test
    void shouldAppendLastIntervalToProgressLine() throws IOException
    {
        clock.update(START_MILLIS);
        try (LatencyLog log = LatencyLog.create(recorders, tempDir, "progress", clock))
        {
            recorders.record(RECEIVE_TO_BOOK, 2_000);
            log.drainInterval();
            assertEquals("recv-book n=1 p50=2.000us p99=2.000us p99.9=2.000us max=2.000us",
                log.appendProgress(RECEIVE_TO_BOOK, new StringBuilder()).toString());
        }
    }

    private static String findLine(final List<String> lines, final String prefix)
    {
        return lines.stream().filter((l) -> l.startsWith(prefix)).findFirst()
            .orElseThrow(() -> new AssertionError("no line starting " + prefix + " in " + lines));
    }

    private static double valueOf(final String footer)
    {
        return Double.parseDouble(footer.substring(footer.indexOf('=') + 1, footer.indexOf(',')).trim());
    }
}
