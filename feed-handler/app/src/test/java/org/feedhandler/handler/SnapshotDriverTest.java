package org.feedhandler.handler;

import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.book.BookComparison;
import org.feedhandler.api.MarketDataListener;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.config.Settings;
import org.feedhandler.pipeline.BookBuilder;
import org.feedhandler.pipeline.FeedPipeline;
import org.feedhandler.pipeline.GlimpseSnapshotBuilder;
import org.feedhandler.pipeline.SnapshotRecovery;
import org.feedhandler.protocol.Lines;
import org.feedhandler.protocol.itch.GlimpseSnapshot;
import org.feedhandler.protocol.itch.ItchDecoder;
import org.feedhandler.protocol.moldudp64.MoldUdp64;
import org.feedhandler.protocol.moldudp64.MoldUdp64PacketBuilder;
import org.feedhandler.sim.GlimpseServer;
import org.feedhandler.sim.MarketGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The snapshot session driven as the receiver thread drives it (this thread calls {@link SnapshotDriver#doWork}
 * and hands live packets to the pipeline), against a {@link GlimpseServer} over loopback TCP: the books come
 * out equal to a replay of the whole stream, every price level's queue in time priority, and the figures of
 * a large snapshot (size, load time, receiver busy time) are printed for bench/RESULTS.md.
 */
@Tag("integration")
@Timeout(120)
class SnapshotDriverTest
{
    private static final long TIMESTAMP = 34_200_000_000_000L;

    /** A generated stream, its books at a point, and its MoldUDP64 packets. */
    private static final class Stream
    {
        final int stocks;
        final int maxLiveOrders;
        final long seed;
        final List<byte[]> packets = new ArrayList<>();
        final List<Long> firstSequences = new ArrayList<>();

        Stream(final long seed, final int stocks, final int maxLiveOrders)
        {
            this.seed = seed;
            this.stocks = stocks;
            this.maxLiveOrders = maxLiveOrders;
        }

        MarketGenerator generator()
        {
            return new MarketGenerator(seed, stocks, maxLiveOrders);
        }

        /** Messages 1..total, eight a packet. */
        void packets(final long total)
        {
            final UnsafeBuffer packet = new UnsafeBuffer(new byte[1500]);
            final MoldUdp64PacketBuilder builder = new MoldUdp64PacketBuilder(packet, 1400)
                .session(MoldUdp64.sessionHigh("SNAP"), MoldUdp64.sessionLow("SNAP"));
            builder.begin(1);
            generator().generate(total, (buffer, offset, length, sequence) ->
            {
                if (builder.messageCount() == 8 || !builder.fits(length))
                {
                    flush(builder);
                    builder.begin(sequence);
                }
                builder.append(buffer, offset, length);
            });
            flush(builder);
        }

        private void flush(final MoldUdp64PacketBuilder builder)
        {
            packets.add(Arrays.copyOf(((UnsafeBuffer)builder.buffer()).byteArray(), builder.length()));
            firstSequences.add(builder.firstSequenceNumber());
        }

        OrderBooks books(final long messages, final BookBuilder[] symbols)
        {
            final OrderBooks books = newBooks(maxLiveOrders);
            final BookBuilder builder = new BookBuilder(books);
            generator().generate(messages, new ItchDecoder(builder));
            symbols[0] = builder;
            return books;
        }
    }

    private static OrderBooks newBooks(final int maxLiveOrders)
    {
        final int orders = Integer.highestOneBit(Math.max(1 << 16, maxLiveOrders) * 2);
        return new OrderBooks(new OrderBooks.Context().maxOrders(orders).maxLevels(1 << 18));
    }

    private static SnapshotSettings settings(final GlimpseServer server)
    {
        final Properties props = new Properties();
        props.setProperty("feed.snapshot.server", "127.0.0.1:" + server.port());
        props.setProperty("feed.snapshot.on", "start");
        props.setProperty("feed.snapshot.timeout.ms", "60000");
        return SnapshotSettings.from(Settings.of(props, "test"));
    }

    private static void assertSameQueues(final OrderBooks expected, final OrderBooks actual, final int stocks)
    {
        assertNull(BookComparison.firstDifference(expected, actual));
        final long[] prices = new long[1 << 14];
        final long[] shares = new long[prices.length];
        final long[] counts = new long[prices.length];
        final long[] expectedRefs = new long[1 << 16];
        final long[] expectedShares = new long[expectedRefs.length];
        final long[] actualRefs = new long[expectedRefs.length];
        final long[] actualShares = new long[expectedRefs.length];
        int levels = 0;
        for (int locate = 1; locate <= stocks; locate++)
        {
            for (final byte side : new byte[]{OrderBooks.BUY, OrderBooks.SELL})
            {
                final int n = expected.levels(locate, side, prices.length, prices, shares, counts);
                for (int level = 0; level < n; level++)
                {
                    final int e = expected.ordersAt(locate, side, prices[level], expectedRefs.length, expectedRefs,
                        expectedShares);
                    final int a = actual.ordersAt(locate, side, prices[level], actualRefs.length, actualRefs, actualShares);
                    final String where = "queue of locate " + locate + " " + (char)side + " at " + prices[level];
                    assertArrayEquals(Arrays.copyOf(expectedRefs, e), Arrays.copyOf(actualRefs, a), where);
                    assertArrayEquals(Arrays.copyOf(expectedShares, e), Arrays.copyOf(actualShares, a), where);
                    levels++;
                }
            }
        }
        assertTrue(levels > 0, "no level compared");
    }

    /** What one recovery did, for the assertions and the figures. */
    private record Loaded(FeedPipeline pipeline, SnapshotDriver driver, long snapshotBytes, long snapshotMessages,
        long wallNs)
    {
    }

    /**
     * Recover at start from a snapshot at {@code snapshotAt + 1}, the live packets from {@code liveFrom} to
     * {@code total} arriving while it loads, interleaved with the driver's polls as the receiver does.
     */
    private static Loaded recover(final Stream stream, final long snapshotAt, final long liveFrom, final long total)
        throws Exception
    {
        return recover(stream, snapshotAt, liveFrom, total, 0);
    }

    /** ... the first {@code implausible} snapshots ending with an End of Snapshot far beyond the live feed. */
    private static Loaded recover(
        final Stream stream, final long snapshotAt, final long liveFrom, final long total, final int implausible)
        throws Exception
    {
        return recover(stream, snapshotAt, liveFrom, total, implausible, null);
    }

    /** ... with a listener on the pipeline (null for none). */
    private static Loaded recover(
        final Stream stream, final long snapshotAt, final long liveFrom, final long total, final int implausible,
        final MarketDataListener listener)
        throws Exception
    {
        if (stream.packets.isEmpty())
        {
            stream.packets(total);
        }
        final BookBuilder[] symbols = new BookBuilder[1];
        final OrderBooks source = stream.books(snapshotAt, symbols);
        final GlimpseSnapshot snapshot = new GlimpseSnapshotBuilder().build(
            source, symbols[0]::symbol, (byte)'Q', TIMESTAMP, snapshotAt + 1, new GlimpseSnapshot());
        final long[] bytes = {0};
        snapshot.forEach((buffer, offset, length, sequence) -> bytes[0] += length + 3); // + SoupBinTCP header

        final GlimpseSnapshot farAhead = new GlimpseSnapshot();
        snapshot.forEach((buffer, offset, length, sequence) ->
        {
            if (sequence < snapshot.messageCount())
            {
                farAhead.append(buffer, offset, length);
            }
        });
        farAhead.appendEndOfSnapshot(snapshotAt + 1 + 2_000_000_000L);
        final int[] implausibleLeft = {implausible};
        try (GlimpseServer server = new GlimpseServer(new GlimpseServer.Context().port(0)
            .snapshotSource(() -> implausibleLeft[0]-- > 0 ? farAhead : snapshot)))
        {
            final SnapshotSettings settings = settings(server);
            final FeedPipeline pipeline = new FeedPipeline(new FeedPipeline.Context()
                .books(newBooks(stream.maxLiveOrders))
                .listener(listener)
                .snapshotRecovery(64 << 20, 1 << 20, true, false));
            final SnapshotDriver driver = new SnapshotDriver(settings, pipeline.snapshot(), SystemNanoClock.INSTANCE);
            try (driver)
            {
                final SnapshotRecovery recovery = pipeline.snapshot();
                int next = 0;
                while (stream.firstSequences.get(next) < liveFrom)
                {
                    next++;
                }
                final long start = System.nanoTime();
                final long deadline = start + 60_000_000_000L;
                while (next < stream.packets.size() || recovery.recoveries() == 0)
                {
                    final long now = System.nanoTime();
                    assertTrue(now - deadline < 0, "no recovery in time: failures " + recovery.failures());
                    driver.doWork(now);
                    if (next < stream.packets.size())
                    {
                        final byte[] packet = stream.packets.get(next++);
                        pipeline.onPacket(new UnsafeBuffer(packet), 0, packet.length, now, Lines.A);
                    }
                    else
                    {
                        Thread.onSpinWait();
                    }
                }
                final long wallNs = System.nanoTime() - start;
                driver.doWork(System.nanoTime());
                return new Loaded(pipeline, driver, bytes[0], snapshot.messageCount(), wallNs);
            }
        }
    }

    @Test
    void shouldRebuildTheBooksInTimePriorityFromASnapshotAndTheBufferedLiveFeed() throws Exception
    {
        final Stream stream = new Stream(41, 40, 5_000);
        final long snapshotAt = 30_000;
        final long total = 36_000;
        final Loaded loaded = recover(stream, snapshotAt, snapshotAt - 400, total);
        final FeedPipeline pipeline = loaded.pipeline();
        final SnapshotRecovery recovery = pipeline.snapshot();

        assertEquals(1, recovery.recoveries());
        assertEquals(0, recovery.failures());
        assertEquals(snapshotAt + 1, recovery.sequence());
        assertEquals(loaded.snapshotMessages(), recovery.messages());
        assertTrue(recovery.droppedPackets() >= 400 / 8 - 1, "dropped " + recovery.droppedPackets());
        assertEquals(0, recovery.packetsHeld());
        assertFalse(recovery.isLoading());
        assertEquals(total + 1, pipeline.sequencer().nextExpected());
        assertEquals(0, pipeline.sequencer().counters().gaps());
        assertEquals(0, pipeline.books().staleCount());
        assertEquals(0, pipeline.books().counters().total(), "book rejects");
        assertEquals(1, loaded.driver().client().counters().loginsAccepted());

        final OrderBooks replay = newBooks(stream.maxLiveOrders);
        stream.generator().generate(total, new FeedPipeline(new FeedPipeline.Context().books(replay)));
        assertSameQueues(replay, pipeline.books(), stream.stocks);
    }

    @Test
    void shouldTellAListenerWhereTheSnapshotBeginsAndEndsWithItsOrdersBetween() throws Exception
    {
        final Stream stream = new Stream(44, 40, 5_000);
        final long snapshotAt = 20_000;
        final List<String> marks = new ArrayList<>();
        final long[] addsInSnapshot = {0};
        final boolean[] inSnapshot = {false};
        final MarketDataListener listener = new MarketDataListener()
        {
            @Override
            public void onSnapshotBegin(final long feedSequence)
            {
                marks.add("begin " + feedSequence);
                inSnapshot[0] = true;
            }

            @Override
            public void onSnapshotEnd(final long feedSequence)
            {
                marks.add("end " + feedSequence);
                inSnapshot[0] = false;
            }

            @Override
            public void onOrderAdded(
                final int instrumentId, final long orderId, final byte side, final long price, final long shares,
                final int attribution, final long timestamp)
            {
                if (inSnapshot[0])
                {
                    addsInSnapshot[0]++;
                }
            }
        };
        final Loaded loaded = recover(stream, snapshotAt, snapshotAt - 400, snapshotAt + 2_000, 0, listener);

        assertEquals(List.of("begin 0", "end " + (snapshotAt + 1)), marks);
        assertTrue(addsInSnapshot[0] > 0, "no Add Order between begin and end");
        assertTrue(addsInSnapshot[0] <= loaded.snapshotMessages(), "adds " + addsInSnapshot[0]);
    }

    @Test
    void shouldNotBelieveAnEndOfSnapshotFarBeyondTheLiveFeedAndRetry() throws Exception
    {
        final Stream stream = new Stream(43, 40, 5_000);
        final long snapshotAt = 10_000;
        final long total = 12_000;
        final Loaded loaded = recover(stream, snapshotAt, snapshotAt - 100, total, 1);
        final SnapshotRecovery recovery = loaded.pipeline().snapshot();
        assertEquals(1, recovery.implausibleEnds());
        assertEquals(1, recovery.failures());
        assertTrue(loaded.driver().lastFailure().startsWith("an End of Snapshot with sequence 0, or further beyond"));
        assertEquals(1, recovery.recoveries());
        assertEquals(snapshotAt + 1, recovery.sequence());
        assertEquals(total + 1, loaded.pipeline().sequencer().nextExpected());
        final OrderBooks replay = newBooks(stream.maxLiveOrders);
        stream.generator().generate(total, new FeedPipeline(new FeedPipeline.Context().books(replay)));
        assertSameQueues(replay, loaded.pipeline().books(), stream.stocks);
    }

    @Test
    void shouldLoadALargeSnapshotAndSayWhatItCostTheReceiverThread() throws Exception
    {
        final Stream stream = new Stream(42, 1_000, 200_000);
        final long snapshotAt = 2_000_000;
        final long total = snapshotAt + 20_000;
        final OrderBooks replay = newBooks(stream.maxLiveOrders);
        stream.generator().generate(total, new FeedPipeline(new FeedPipeline.Context().books(replay)));
        // the first load in this JVM (cold when this test runs alone, as at a handler's start), then a
        // second, warm, as after a gap mid-run
        for (final String run : new String[]{"first", "second"})
        {
            final Loaded loaded = recover(stream, snapshotAt, snapshotAt - 1_000, total);
            final SnapshotRecovery recovery = loaded.pipeline().snapshot();
            assertEquals(1, recovery.recoveries());
            assertEquals(total + 1, loaded.pipeline().sequencer().nextExpected());
            assertNull(BookComparison.firstDifference(replay, loaded.pipeline().books()));
            System.out.printf("snapshot figures (%s load in this JVM): %,d messages, %,d bytes (%d stocks, %,d resting orders); " +
                "begin to live feed resumed %.1f ms (%,.0f msg/s); receiver busy %.1f ms in all, longest poll %.0f us; " +
                "%,d polls did work (%.0f us each on average); buffered %,d live packets; %d failures (last: %s)%n",
                run, loaded.snapshotMessages(), loaded.snapshotBytes(), stream.stocks,
                loaded.pipeline().books().restingOrders(), recovery.lastNanos() / 1e6,
                loaded.snapshotMessages() / (recovery.lastNanos() / 1e9), loaded.driver().busyNs() / 1e6,
                loaded.driver().longestBusyNs() / 1e3, loaded.driver().busyPolls(),
                loaded.driver().busyNs() / 1e3 / Math.max(1, loaded.driver().busyPolls()), recovery.bufferedPackets(),
                recovery.failures(), loaded.driver().lastFailure());
        }
    }
}
