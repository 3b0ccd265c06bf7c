package org.feedhandler.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.agrona.concurrent.SystemEpochClock;
import org.feedhandler.status.CountersFile;
import org.feedhandler.status.FeedCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CountersMetricsTest
{
    private static final long LIVENESS_MS = CountersFile.DEFAULT_LIVENESS_TIMEOUT_MS;

    @TempDir
    Path tempDir;

    private static String text(final MetricSnapshots snapshots) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        CountersMetrics.writeText(out, snapshots);
        return out.toString(StandardCharsets.UTF_8);
    }

    private String scrape(final Path file, final String feed, final long nowMs) throws IOException
    {
        return text(new CountersMetrics(file, feed, LIVENESS_MS, () -> nowMs).collect());
    }

    @Test
    void shouldNameCountersAfterTheirLabelsWithTotalForCountsAndWithoutForLevels() throws IOException
    {
        final Path file = tempDir.resolve("counters.dat");
        try (CountersFile countersFile = CountersFile.create(file, 64, SystemEpochClock.INSTANCE))
        {
            final FeedCounters counters = new FeedCounters(countersFile.countersManager(), 2);
            counters.packets().setRelease(123_456);
            counters.line(1).packets().setRelease(9);
            counters.line(1).silent().setRelease(1);
            counters.staleBooks().setRelease(4);
            counters.newCounter("book adds refused: feed.book.max.orders reached").setRelease(3);
            countersFile.heartbeat();

            final String text = scrape(file, "itch-a", System.currentTimeMillis());
            final List<ExpositionGrammar.Sample> samples = ExpositionGrammar.parse(text);

            assertEquals(123_456, ExpositionGrammar.sample(samples, "feedhandler_packets_total").value());
            assertEquals("counter", ExpositionGrammar.type(text, "feedhandler_packets_total"));
            assertTrue(text.contains("# HELP feedhandler_packets_total packets\n"), text);
            assertEquals(9, ExpositionGrammar.sample(samples, "feedhandler_line_b_packets_total").value());
            assertEquals(1, ExpositionGrammar.sample(samples, "feedhandler_line_b_silent").value());
            assertEquals("gauge", ExpositionGrammar.type(text, "feedhandler_line_b_silent"));
            assertEquals(4, ExpositionGrammar.sample(samples, "feedhandler_stale_books").value());
            assertEquals("gauge", ExpositionGrammar.type(text, "feedhandler_stale_books"));
            assertEquals("gauge", ExpositionGrammar.type(text, "feedhandler_longest_duty_cycle_ns"));
            assertEquals(3, ExpositionGrammar.sample(samples,
                "feedhandler_book_adds_refused_feed_book_max_orders_reached_total").value());
            assertEquals(1, ExpositionGrammar.sample(samples, "feedhandler_up").value());
        }
    }

    @Test
    void shouldLabelEverySampleWithTheFeedAndTheWritersPid() throws IOException
    {
        final Path file = tempDir.resolve("counters.dat");
        try (CountersFile countersFile = CountersFile.create(file, 64, SystemEpochClock.INSTANCE))
        {
            new FeedCounters(countersFile.countersManager(), 1);
            countersFile.heartbeat();
            final String feed = "nasdaq \"A\" \\ line\nx";

            final List<ExpositionGrammar.Sample> samples =
                ExpositionGrammar.parse(scrape(file, feed, System.currentTimeMillis()));

            assertFalse(samples.isEmpty());
            final Map<String, String> expected =
                Map.of("feed", feed, "pid", Long.toString(ProcessHandle.current().pid()));
            for (final ExpositionGrammar.Sample sample : samples)
            {
                assertEquals(expected, sample.labels(), sample.name());
            }
        }
    }

    @Test
    void shouldKeepTheExpositionValidWhateverTheLabelsSay() throws IOException
    {
        final Path file = tempDir.resolve("counters.dat");
        try (CountersFile countersFile = CountersFile.create(file, 64, SystemEpochClock.INSTANCE))
        {
            final FeedCounters counters = new FeedCounters(countersFile.countersManager(), 1);
            counters.newCounter("label with \"quotes\" and \\ backslash").setRelease(5);
            counters.newCounter("").setRelease(6);
            counters.newCounter("!!! ***").setRelease(7);
            counters.newCounter("packets").setRelease(8);
            counters.newCounter("retries total").setRelease(9);
            counters.newCounter("went negative").setRelease(-2);
            countersFile.heartbeat();

            final String text = scrape(file, "f", System.currentTimeMillis());
            final List<ExpositionGrammar.Sample> samples = ExpositionGrammar.parse(text);

            assertEquals(5, ExpositionGrammar.sample(samples, "feedhandler_label_with_quotes_and_backslash_total").value());
            assertEquals(8, samples.stream().filter(s -> s.name().matches("feedhandler_packets_\\d+_total"))
                .findFirst().orElseThrow().value(), text);
            assertEquals(9, ExpositionGrammar.sample(samples, "feedhandler_retries_total").value());
            assertEquals(-2, ExpositionGrammar.sample(samples, "feedhandler_went_negative").value());
            assertEquals("gauge", ExpositionGrammar.type(text, "feedhandler_went_negative"));
            assertEquals(2, samples.stream().filter(s -> s.name().matches("feedhandler_counter_\\d+_total")).count(),
                text);
        }
    }

    @Test
    void shouldScrapeAsDownWhenTheWriterHasStoppedBeating() throws IOException
    {
        final Path file = tempDir.resolve("counters.dat");
        try (CountersFile countersFile = CountersFile.create(file, 64, SystemEpochClock.INSTANCE))
        {
            new FeedCounters(countersFile.countersManager(), 1);
            countersFile.heartbeat();
            final long later = System.currentTimeMillis() + 10 * LIVENESS_MS;

            final List<ExpositionGrammar.Sample> samples = ExpositionGrammar.parse(scrape(file, "f", later));

            assertEquals(0, ExpositionGrammar.sample(samples, "feedhandler_up").value());
            assertTrue(ExpositionGrammar.sample(samples, "feedhandler_heartbeat_age_seconds").value() >=
                9 * LIVENESS_MS / 1000.0);
        }
    }

    @Test
    void shouldScrapeAsDownNamingTheFileWhenThereIsNone() throws IOException
    {
        final Path missing = tempDir.resolve("no-such-counters.dat");

        final String text = scrape(missing, "f", System.currentTimeMillis());
        final List<ExpositionGrammar.Sample> samples = ExpositionGrammar.parse(text);

        assertEquals(1, samples.size(), text);
        assertEquals(0, ExpositionGrammar.sample(samples, "feedhandler_up").value());
        assertEquals(Map.of("feed", "f"), samples.get(0).labels());
        assertTrue(text.contains(missing.toString()), text);
    }

    @Test
    void shouldParseListenAddresses()
    {
        assertEquals(9464, MetricsServer.parseAddress("9464").getPort());
        assertEquals("", MetricsServer.parseAddress("9464").getHostString());
        assertEquals("127.0.0.1", MetricsServer.parseAddress("127.0.0.1:0").getHostString());
        assertEquals("::1", MetricsServer.parseAddress("[::1]:9464").getHostString());
        assertThrowsNaming("not [ADDR:]PORT", "localhost:http");
        assertThrowsNaming("out of range", "70000");
    }

    private static void assertThrowsNaming(final String expected, final String address)
    {
        final IllegalArgumentException ex = org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> MetricsServer.parseAddress(address));
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
    }
}
