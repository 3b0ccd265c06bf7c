package org.feedhandler.pipeline;

import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.Allocations;
import org.feedhandler.book.BookListener;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.latency.LatencyRecorders;
import org.feedhandler.protocol.Lines;
import org.feedhandler.protocol.itch.ItchDecoder;
import org.feedhandler.protocol.itch.ItchEncoder;
import org.feedhandler.protocol.itch.Symbols;
import org.feedhandler.protocol.moldudp64.MoldUdp64;
import org.feedhandler.protocol.moldudp64.MoldUdp64PacketBuilder;
import org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer;
import org.feedhandler.sim.MarketGenerator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedPipelineTest
{
    private static final int LOCATE = 40_000; // above 2^15

    private final UnsafeBuffer msg = new UnsafeBuffer(new byte[64]);
    private final List<String> trades = new ArrayList<>();
    private final OrderBooks books = new OrderBooks(new OrderBooks.Context().maxOrders(1 << 16).maxLevels(1 << 14).listener(new BookListener()
    {
        public void onTrade(final int locate, final long ref, final byte side, final long shares, final long price,
            final long match, final long ts)
        {
            trades.add(locate + " " + shares + "@" + price + " #" + match);
        }

        public void onBrokenTrade(final int locate, final long match, final long ts)
        {
            trades.add(locate + " broken #" + match);
        }
    }));
    private final FeedPipeline pipeline = new FeedPipeline(new FeedPipeline.Context().books(books));
    private long sequence = 1;

    private void apply(final int length)
    {
        pipeline.onMessage(msg, 0, length, sequence++);
    }

    @Test
    void shouldApplyEveryBookMessageTypeWithItsSemantics()
    {
        final long aapl = Symbols.fromString("AAPL");
        apply(ItchEncoder.stockDirectory(msg, 0, LOCATE, 0, 1, aapl, (byte)'Q', (byte)'N', 100, (byte)'N', (byte)'C',
            0, (byte)'P', (byte)'N', (byte)' ', (byte)'1', (byte)'N', 0, (byte)'N'));
        assertEquals(aapl, pipeline.builder().symbol(LOCATE));

        final long bigRef = 0x8000_0000_0000_0001L;
        final long bigShares = 3_000_000_000L; // above 2^31
        apply(ItchEncoder.addOrder(msg, 0, LOCATE, 0, 2, bigRef, (byte)'B', bigShares, aapl, 1_000_000));
        apply(ItchEncoder.addOrderMpid(msg, 0, LOCATE, 0, 3, 2, (byte)'B', bigShares, aapl, 1_000_000, 0x4E534451));
        assertEquals(1_000_000, books.bestBidPrice(LOCATE));
        assertEquals(2 * bigShares, books.bestBidShares(LOCATE), "level total above 2^32");

        apply(ItchEncoder.addOrder(msg, 0, LOCATE, 0, 4, 3, (byte)'S', 500, aapl, 1_010_000));
        apply(ItchEncoder.orderExecuted(msg, 0, LOCATE, 0, 5, 3, 200, 77));               // E: 300 left
        assertEquals(300, books.bestAskShares(LOCATE));
        apply(ItchEncoder.orderExecutedWithPrice(msg, 0, LOCATE, 0, 6, 3, 100, 78, (byte)'Y', 1_005_000)); // C
        assertEquals(200, books.bestAskShares(LOCATE));
        assertEquals(1_010_000, books.bestAskPrice(LOCATE), "C's price is the print; the order rests at its own");
        apply(ItchEncoder.orderCancel(msg, 0, LOCATE, 0, 7, 3, 200));                     // X to zero: leaves
        assertEquals(OrderBooks.NULL_PRICE, books.bestAskPrice(LOCATE));

        apply(ItchEncoder.orderReplace(msg, 0, LOCATE, 0, 8, 2, 9, 400, 1_001_000));      // U: new ref, same side
        assertEquals(1_001_000, books.bestBidPrice(LOCATE));
        assertEquals(400, books.bestBidShares(LOCATE));
        assertEquals(bigShares, books.orderShares(bigRef));
        assertTrue(books.containsOrder(9));

        apply(ItchEncoder.orderDelete(msg, 0, LOCATE, 0, 9, 9));                           // D
        assertEquals(1_000_000, books.bestBidPrice(LOCATE));

        final long before = books.restingOrders();
        apply(ItchEncoder.trade(msg, 0, LOCATE, 0, 10, 0, (byte)'B', 100, aapl, 999_900, 79));        // P
        apply(ItchEncoder.crossTrade(msg, 0, LOCATE, 0, 11, 5_000_000_000L, aapl, 1_000_000, 80, (byte)'O')); // Q
        apply(ItchEncoder.brokenTrade(msg, 0, LOCATE, 0, 12, 79));                                    // B
        assertEquals(before, books.restingOrders(), "P, Q and B never change the book");
        assertTrue(trades.contains(LOCATE + " 100@999900 #79"));
        assertTrue(trades.contains(LOCATE + " 200@1010000 #77"), "E prints at the resting order's price: " + trades);
        assertTrue(trades.contains(LOCATE + " 100@1005000 #78"), "C prints at its execution price: " + trades);
        assertTrue(trades.contains(LOCATE + " 5000000000@1000000 #80"));
        assertTrue(trades.contains(LOCATE + " broken #79"), "B reaches the listener: " + trades);
        assertEquals(1, books.restingOrders());
    }

    @Test
    void shouldDecodeAndBuildBooksForAMillionMessagesWithoutAllocating()
    {
        final int messages = 1_000_000;
        final UnsafeBuffer stream = new UnsafeBuffer(java.nio.ByteBuffer.allocateDirect(messages * 50));
        final int[] offsets = new int[messages];
        final int[] lengths = new int[messages];
        generate(messages, stream, offsets, lengths, false);
        final OrderBooks bigBooks = new OrderBooks(new OrderBooks.Context().maxOrders(1 << 20).maxLevels(1 << 18));
        final FeedPipeline p = new FeedPipeline(new FeedPipeline.Context().books(bigBooks));

        // warm up on the whole stream (JIT, class loading), then measure whole passes into emptied books
        for (int i = 0; i < messages; i++)
        {
            p.onMessage(stream, offsets[i], lengths[i], i + 1);
        }
        final String passes = Allocations.assertAllocationFreeInSteadyState(
            "decoding and building books", messages, 5, () ->
            {
                bigBooks.clear();
                for (int i = 0; i < messages; i++)
                {
                    p.onMessage(stream, offsets[i], lengths[i], i + 1);
                }
            });
        System.out.println("bytes allocated per pass of 1M messages: " + passes);
        assertEquals(0, p.decoder().malformed());
        assertEquals(0, bigBooks.counters().unknownOrderRefs(), "the generated stream only names resting orders");
    }

    @Test
    void shouldDecodeAndBuildBooksForAMillionFramedMessagesInRunsWithoutAllocating()
    {
        // the replay path: BinaryFILE-framed records handed to the decoder a run at a time
        final int messages = 1_000_000;
        final UnsafeBuffer stream = new UnsafeBuffer(java.nio.ByteBuffer.allocateDirect(messages * 52));
        final int end = generate(messages, stream, new int[messages], new int[messages], true);
        final OrderBooks bigBooks = new OrderBooks(new OrderBooks.Context().maxOrders(1 << 20).maxLevels(1 << 18));
        final ItchDecoder decoder = new FeedPipeline(new FeedPipeline.Context().books(bigBooks)).decoder();

        assertEquals(end, decoder.onBlocks(stream, 0, end, Integer.MAX_VALUE));
        assertEquals(messages, decoder.lastBlockCount());
        final String passes = Allocations.assertAllocationFreeInSteadyState(
            "decoding framed runs and building books", messages, 5, () ->
            {
                bigBooks.clear();
                // in runs of 4096 blocks, as a reader hands over one window after another
                int position = 0;
                while (position < end)
                {
                    position += decoder.onBlocks(stream, position, end - position, 4096);
                }
            });
        System.out.println("bytes allocated per pass of 1M framed messages: " + passes);
        assertEquals(0, decoder.malformed());
        assertEquals(0, bigBooks.counters().unknownOrderRefs(), "the generated stream only names resting orders");
    }

    /**
     * The same deterministic 500-stock stream for both allocation tests, framed as BinaryFILE records
     * (u16 length, then the message) or not. Offsets and lengths are the messages'.
     *
     * @return bytes written.
     */
    private static int generate(
        final int messages, final UnsafeBuffer stream, final int[] offsets, final int[] lengths, final boolean framed)
    {
        final MarketGenerator generator = new MarketGenerator(11, 500, 1 << 18);
        int position = 0;
        for (int i = 0; i < messages; i++)
        {
            offsets[i] = framed ? position + 2 : position;
            lengths[i] = generator.next(stream, offsets[i], 1_000L * i);
            if (framed)
            {
                stream.putShort(position, (short)lengths[i], java.nio.ByteOrder.BIG_ENDIAN);
            }
            position = offsets[i] + lengths[i];
        }
        return position;
    }

    @Test
    void shouldRecordThreeLatencyStagesPerMessageWhenRecorderGiven()
    {
        final LatencyRecorders recorders = new LatencyRecorders();
        final long[] clock = {1_000};
        final FeedPipeline p = new FeedPipeline(new FeedPipeline.Context()
            .books(books)
            .latency(recorders, () -> clock[0] += 100, monotonic -> monotonic + 5_000));
        final UnsafeBuffer packet = new UnsafeBuffer(new byte[1500]);
        final MoldUdp64PacketBuilder builder = new MoldUdp64PacketBuilder(packet, 1400)
            .session(MoldUdp64.sessionHigh("S"), MoldUdp64.sessionLow("S"));
        builder.begin(1);
        final int len = ItchEncoder.addOrder(msg, 0, 1, 0, 3_000, 1, (byte)'B', 100, 0, 10_000);
        builder.append(msg, 0, len);
        p.onPacket(packet, 0, builder.length(), 900, Lines.A);

        final org.HdrHistogram.Histogram h = recorders.intervalHistogram(LatencyRecorders.RECEIVE_TO_DECODE, null);
        assertEquals(1, h.getTotalCount());
        assertEquals(200, h.getMaxValue(), 1);  // decoded at 1100, received at 900
        final org.HdrHistogram.Histogram book = recorders.intervalHistogram(LatencyRecorders.RECEIVE_TO_BOOK, null);
        assertEquals(300, book.getMaxValue(), 1); // book at 1200
        final org.HdrHistogram.Histogram wire = recorders.intervalHistogram(LatencyRecorders.WIRE_TO_BOOK, null);
        assertEquals(1200 + 5000 - 3000, wire.getMaxValue(), 3);
    }

    @Test
    void shouldReadTheClockOnceAMessagePlusOnceAPacketAndStampEachBookUpdateWithTheNextRead()
    {
        final LatencyRecorders recorders = new LatencyRecorders();
        final long[] clock = {1_000};
        final int[] reads = {0};
        final FeedPipeline p = new FeedPipeline(new FeedPipeline.Context()
            .books(books)
            .latency(recorders, () ->
            {
                reads[0]++;
                return clock[0] += 100;
            },
            monotonic -> monotonic));
        final UnsafeBuffer packet = new UnsafeBuffer(new byte[1500]);
        final MoldUdp64PacketBuilder builder = new MoldUdp64PacketBuilder(packet, 1400)
            .session(MoldUdp64.sessionHigh("S"), MoldUdp64.sessionLow("S"));
        builder.begin(1);
        for (int i = 1; i <= 3; i++)
        {
            builder.append(msg, 0, ItchEncoder.addOrder(msg, 0, 1, 0, 0, i, (byte)'B', 100, 0, 10_000 + i));
        }
        p.onPacket(packet, 0, builder.length(), 900, Lines.A);

        assertEquals(4, reads[0], "three messages in one packet: one read each, one when the packet is done");
        assertEquals(3, books.restingOrders());
        // decoded at 1100, 1200, 1300; each book update stamped by the next read: 1200, 1300, 1400
        assertEquals("[200, 300, 400]", values(recorders, LatencyRecorders.RECEIVE_TO_DECODE));
        assertEquals("[300, 400, 500]", values(recorders, LatencyRecorders.RECEIVE_TO_BOOK));
        assertEquals("[1200, 1300, 1400]", values(recorders, LatencyRecorders.WIRE_TO_BOOK));

        // a message handed over on its own (BinaryFILE framing) is stamped before the call returns
        p.onMessage(msg, 0, ItchEncoder.addOrder(msg, 0, 1, 0, 0, 4, (byte)'B', 100, 0, 10_004), 4);
        assertEquals(6, reads[0]);
        assertEquals(4, books.restingOrders());
    }

    private static String values(final LatencyRecorders recorders, final int stage)
    {
        final org.HdrHistogram.Histogram h = recorders.intervalHistogram(stage, null);
        final List<Long> values = new ArrayList<>();
        for (final org.HdrHistogram.HistogramIterationValue v : h.recordedValues())
        {
            for (long i = 0; i < v.getCountAtValueIteratedTo(); i++)
            {
                values.add(h.lowestEquivalentValue(v.getValueIteratedTo()));
            }
        }
        return values.toString();
    }

    @Test
    void shouldKeepTheBooksWhilePacketsOfAnotherSessionAlternateWithTheCurrentOnes()
    {
        // the live handler's pipeline: no listener of its own, session changes followed
        final OrderBooks live = new OrderBooks(new OrderBooks.Context().maxOrders(1 << 16).maxLevels(1 << 14));
        final FeedPipeline p = new FeedPipeline(new FeedPipeline.Context().books(live));
        final MarketGenerator generator = new MarketGenerator(9, 8, 5_000);
        final UnsafeBuffer packet = new UnsafeBuffer(new byte[1500]);
        final MoldUdp64PacketBuilder builder = new MoldUdp64PacketBuilder(packet, 1400);
        final UnsafeBuffer foreign = new UnsafeBuffer(new byte[1500]);
        long sequence = 1;
        for (int i = 0; i < 4_000; i++)
        {
            builder.session(MoldUdp64.sessionHigh("CURRENT"), MoldUdp64.sessionLow("CURRENT")).begin(sequence);
            for (int m = 0; m < 3; m++, sequence++)
            {
                builder.append(msg, 0, generator.next(msg, 0, 0));
            }
            final int length = builder.length();
            foreign.putBytes(0, packet, 0, length);
            MoldUdp64.putHeader(foreign, 0, MoldUdp64.sessionHigh("OTHER"), MoldUdp64.sessionLow("OTHER"), 1 + 3L * i, 3);
            p.onPacket(packet, 0, length, i * 1_000_000L, Lines.A);
            p.onPacket(foreign, 0, length, i * 1_000_000L, Lines.A);
        }

        final OrderBooks reference = new OrderBooks(new OrderBooks.Context().maxOrders(1 << 16).maxLevels(1 << 14));
        new MarketGenerator(9, 8, 5_000).generate(sequence - 1, new FeedPipeline(new FeedPipeline.Context().books(reference)));
        assertEquals(0, p.sequencer().counters().sessionChanges());
        assertEquals(4_000, p.sequencer().counters().foreignSessionPackets());
        assertEquals(sequence - 1, p.sequencer().counters().messagesDelivered());
        assertEquals(0, live.staleCount());
        assertTrue(live.restingOrders() > 100, "resting " + live.restingOrders());
        assertNull(org.feedhandler.book.BookComparison.firstDifference(reference, live));
    }
}
