package org.feedhandler.pipeline;

import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.Allocations;
import org.feedhandler.TestData;
import org.feedhandler.api.BookView;
import org.feedhandler.api.MarketDataListener;
import org.feedhandler.book.BookComparison;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.protocol.Lines;
import org.feedhandler.protocol.binaryfile.BinaryFileReader;
import org.feedhandler.protocol.itch.ItchEncoder;
import org.feedhandler.protocol.moldudp64.MoldUdp64;
import org.feedhandler.protocol.moldudp64.MoldUdp64PacketBuilder;
import org.feedhandler.sim.MarketGenerator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@link MarketDataListener} on the pipeline: the events it is told rebuild the books the pipeline built,
 * the books are consistent whenever it is told an event ended, and telling it allocates nothing.
 */
class MarketDataListenerPipelineTest
{
    private static final int MAX_ORDERS = 1 << 18;
    private static final int MAX_LEVELS = 1 << 16;
    private static final long SESSION_HIGH = MoldUdp64.sessionHigh("LISTENER");
    private static final int SESSION_LOW = MoldUdp64.sessionLow("LISTENER");

    private static OrderBooks books(final MarketDataListener listener)
    {
        return new OrderBooks(new OrderBooks.Context().maxOrders(MAX_ORDERS).maxLevels(MAX_LEVELS)
            .listener(MarketDataBookListener.of(listener)));
    }

    private static FeedPipeline pipeline(final OrderBooks books, final MarketDataListener listener)
    {
        return new FeedPipeline(new FeedPipeline.Context().books(books).listener(listener));
    }

    /** Packets of 1 to 12 generated messages, in sequence from 1, into {@code stream}; returns the packet count. */
    private static int packets(
        final MarketGenerator generator, final long messages, final UnsafeBuffer stream, final int[] offsets,
        final int[] lengths)
    {
        final UnsafeBuffer msg = new UnsafeBuffer(new byte[64]);
        final java.util.Random sizes = new java.util.Random(5);
        long sequence = 1;
        int packet = 0;
        int position = 0;
        while (sequence <= messages)
        {
            final MoldUdp64PacketBuilder builder = new MoldUdp64PacketBuilder(
                new UnsafeBuffer(stream.addressOffset() + position, 1500), 1400).session(SESSION_HIGH, SESSION_LOW);
            builder.begin(sequence);
            final int count = (int)Math.min(1 + sizes.nextInt(12), messages - sequence + 1);
            for (int i = 0; i < count; i++, sequence++)
            {
                builder.append(msg, 0, generator.next(msg, 0, 1_000L * sequence));
            }
            offsets[packet] = position;
            lengths[packet] = builder.length();
            position += builder.length();
            packet++;
        }
        return packet;
    }

    @Test
    void shouldRebuildTheBooksFromTheEventsAndFindThemConsistentAtEveryEndOfEvent()
    {
        final long messages = 300_000;
        final RebuildingListener listener = new RebuildingListener(MAX_ORDERS, MAX_LEVELS);
        final OrderBooks books = books(listener);
        final FeedPipeline pipeline = pipeline(books, listener);
        final BookView view = new OrderBooksView(books);
        listener.view(view);

        final UnsafeBuffer stream = new UnsafeBuffer(java.nio.ByteBuffer.allocateDirect((int)messages * 60));
        final int[] offsets = new int[(int)messages];
        final int[] lengths = new int[(int)messages];
        final int packets = packets(new MarketGenerator(17, 40, 20_000), messages, stream, offsets, lengths);
        for (int i = 0; i < packets; i++)
        {
            pipeline.onPacket(stream, offsets[i], lengths[i], i, Lines.A);
        }

        assertEquals(List.of(), listener.mismatches);
        assertEquals(messages, pipeline.decoder().messages());
        assertEquals(packets, listener.events, "one end of event a packet");
        assertTrue(books.restingOrders() > 1_000, "resting " + books.restingOrders());
        assertTrue(listener.orderEvents > messages / 2, "order events " + listener.orderEvents);
        assertTrue(listener.topOfBookEvents > 1_000 && listener.levelEvents > messages / 2);
        assertNull(BookComparison.firstDifference(books, listener.rebuilt), "books rebuilt from the order events");

        // and the listener changed nothing: the books of the same stream built for no one
        final OrderBooks plain = new OrderBooks(new OrderBooks.Context().maxOrders(MAX_ORDERS).maxLevels(MAX_LEVELS));
        new MarketGenerator(17, 40, 20_000).generate(messages, new FeedPipeline(new FeedPipeline.Context().books(plain)));
        assertNull(BookComparison.firstDifference(plain, books));
    }

    @Test
    void shouldTellTheListenerTheBooksStartOverWhenTheSequencerFollowsANewSession()
    {
        final RebuildingListener listener = new RebuildingListener(MAX_ORDERS, MAX_LEVELS);
        final OrderBooks books = books(listener);
        final FeedPipeline pipeline = pipeline(books, listener);
        listener.view(new OrderBooksView(books));
        final UnsafeBuffer packet = new UnsafeBuffer(new byte[1500]);
        final UnsafeBuffer msg = new UnsafeBuffer(new byte[64]);

        // session FIRST builds books, ends; session SECOND (other orders, from sequence 1) follows at once
        final MarketGenerator first = new MarketGenerator(21, 20, 5_000);
        final MoldUdp64PacketBuilder builder = new MoldUdp64PacketBuilder(packet, 1400)
            .session(MoldUdp64.sessionHigh("FIRST"), MoldUdp64.sessionLow("FIRST"));
        long sequence = 1;
        for (int i = 0; i < 5_000; i++)
        {
            builder.begin(sequence);
            for (int m = 0; m < 4; m++, sequence++)
            {
                builder.append(msg, 0, first.next(msg, 0, 1_000L * sequence));
            }
            pipeline.onPacket(packet, 0, builder.length(), i, Lines.A);
        }
        assertTrue(books.restingOrders() > 100, "resting " + books.restingOrders());
        pipeline.onPacket(packet, 0, builder.endOfSession(sequence), 5_000, Lines.A);

        final MarketGenerator second = new MarketGenerator(23, 20, 5_000);
        builder.session(MoldUdp64.sessionHigh("SECOND"), MoldUdp64.sessionLow("SECOND"));
        sequence = 1;
        for (int i = 0; i < 5_000; i++)
        {
            builder.begin(sequence);
            for (int m = 0; m < 4; m++, sequence++)
            {
                builder.append(msg, 0, second.next(msg, 0, 1_000L * sequence));
            }
            pipeline.onPacket(packet, 0, builder.length(), 10_000 + i, Lines.A);
        }

        assertEquals(1, pipeline.sequencer().counters().sessionChanges());
        assertEquals(1, listener.snapshots, "one empty snapshot: the books start over");
        assertEquals(List.of(), listener.mismatches);
        assertNull(BookComparison.firstDifference(books, listener.rebuilt), "books rebuilt from the order events");
        final OrderBooks secondOnly = new OrderBooks(new OrderBooks.Context().maxOrders(MAX_ORDERS).maxLevels(MAX_LEVELS));
        new MarketGenerator(23, 20, 5_000).generate(sequence - 1, new FeedPipeline(new FeedPipeline.Context().books(secondOnly)));
        assertNull(BookComparison.firstDifference(secondOnly, books), "the second session's books alone");
    }

    @Test
    void shouldTellEveryOrderEventWithWhatTheBooksKnowAndCorrectAnAddTheyCannotPlace()
    {
        final RebuildingListener listener = new RebuildingListener(4, 4);
        final OrderBooks books = new OrderBooks(new OrderBooks.Context().maxOrders(2).maxLevels(8)
            .listener(MarketDataBookListener.of(listener)));
        final FeedPipeline pipeline = pipeline(books, listener);
        listener.view(new OrderBooksView(books));
        final UnsafeBuffer msg = new UnsafeBuffer(new byte[64]);
        long sequence = 1;
        pipeline.onMessage(msg, 0, ItchEncoder.addOrder(msg, 0, 7, 0, 1, 11, (byte)'B', 300, 0, 100_000), sequence++);
        pipeline.onMessage(msg, 0, ItchEncoder.addOrder(msg, 0, 7, 0, 2, 11, (byte)'B', 300, 0, 100_000), sequence++);
        pipeline.onMessage(msg, 0, ItchEncoder.addOrder(msg, 0, 7, 0, 3, 12, (byte)'S', 200, 0, 101_000), sequence++);
        pipeline.onMessage(msg, 0, ItchEncoder.addOrder(msg, 0, 7, 0, 4, 13, (byte)'S', 200, 0, 102_000), sequence++);
        pipeline.onMessage(msg, 0, ItchEncoder.orderExecuted(msg, 0, 7, 0, 5, 12, 500, 1), sequence++);
        pipeline.onMessage(msg, 0, ItchEncoder.orderCancel(msg, 0, 7, 0, 6, 11, 100), sequence++);
        pipeline.onMessage(msg, 0, ItchEncoder.orderReplace(msg, 0, 7, 0, 7, 11, 14, 50, 100_500), sequence++);
        pipeline.onMessage(msg, 0, ItchEncoder.orderDelete(msg, 0, 7, 0, 8, 99), sequence++);

        assertEquals(List.of(), listener.mismatches);
        assertEquals(8, listener.events);
        assertEquals(1, books.counters().duplicateOrderRefs());
        assertEquals(1, books.counters().ordersFull());
        assertEquals(1, books.counters().unknownOrderRefs());
        assertNull(BookComparison.firstDifference(books, listener.rebuilt));
        assertEquals(100_500, listener.rebuilt.bestBidPrice(7));
        assertEquals(MarketDataListener.NULL_PRICE, new OrderBooksView(books).bestAskPrice(7));
    }

    @Test
    void shouldTellInstrumentsAndSystemEventsOfTheRealNasdaqSamplesOneEventEach() throws IOException
    {
        final RebuildingListener listener = new RebuildingListener(16, 16);
        final OrderBooks books = books(listener);
        final FeedPipeline pipeline = pipeline(books, listener);
        listener.view(new OrderBooksView(books));
        long records = 0;
        for (final String name : List.of("nasdaq_01302019_first3msgs.binaryfile", "nasdaq_01302020_first100bytes.binaryfile"))
        {
            try (BinaryFileReader file = BinaryFileReader.open(TestData.real(name)))
            {
                records += file.readAll(pipeline);
            }
        }

        assertEquals(List.of("system O", "instrument 1 A 100", "instrument 2 AA 100", "system O",
            "instrument 1 A 100", "instrument 2 AA 100"), listener.status);
        assertEquals(6, pipeline.decoder().messages());
        assertEquals(6, listener.events, "one end of event a message handed over on its own; records " + records);
        assertEquals(List.of(), listener.mismatches);
    }

    @Test
    void shouldTellAGapAndTheBooksStaleWhenTheInputSkipsSequenceNumbers()
    {
        final RebuildingListener listener = new RebuildingListener(1 << 10, 1 << 10);
        final OrderBooks books = books(listener);
        final FeedPipeline pipeline = pipeline(books, listener);
        listener.view(new OrderBooksView(books));
        final UnsafeBuffer msg = new UnsafeBuffer(new byte[64]);
        final UnsafeBuffer packet = new UnsafeBuffer(new byte[1500]);
        final MoldUdp64PacketBuilder builder = new MoldUdp64PacketBuilder(packet, 1400).session(SESSION_HIGH, SESSION_LOW);
        builder.begin(1).append(msg, 0, ItchEncoder.addOrder(msg, 0, 3, 0, 1, 1, (byte)'B', 100, 0, 10_000));
        pipeline.onPacket(packet, 0, builder.length(), 0, Lines.A);
        builder.begin(5).append(msg, 0, ItchEncoder.addOrder(msg, 0, 3, 0, 1, 5, (byte)'B', 100, 0, 10_000));
        pipeline.onPacket(packet, 0, builder.length(), 1, Lines.A);
        pipeline.doWork(1_000_000_000_000L);

        assertEquals(3, listener.gaps, listener.status::toString);
        assertTrue(listener.status.contains("gap 2 3"), listener.status::toString);
        assertTrue(listener.status.contains("stale " + MarketDataListener.ALL_INSTRUMENTS), listener.status::toString);
        assertTrue(books.isStale(3) && new OrderBooksView(books).isStale(3));
    }

    @Test
    void shouldTellAListenerEveryEventOfAGeneratedStreamWithoutAllocating()
    {
        final long messages = 400_000;
        final UnsafeBuffer stream = new UnsafeBuffer(java.nio.ByteBuffer.allocateDirect((int)messages * 60));
        final int[] offsets = new int[(int)messages];
        final int[] lengths = new int[(int)messages];
        final int packets = packets(new MarketGenerator(23, 200, 50_000), messages, stream, offsets, lengths);
        final SummingListener listener = new SummingListener();
        final OrderBooks books = books(listener);
        final FeedPipeline pipeline = pipeline(books, listener);
        listener.view = new OrderBooksView(books);

        final long[] base = {0};
        final Runnable pass = () ->
        {
            for (int i = 0; i < packets; i++)
            {
                pipeline.onPacket(stream, offsets[i], lengths[i], i, Lines.A);
            }
        };
        final Runnable renumber = () ->
        {
            // the next pass continues the sequence into emptied books
            books.clear();
            long sequence = base[0] + 1;
            for (int i = 0; i < packets; i++)
            {
                final int count = MoldUdp64.messageCount(stream, offsets[i]);
                MoldUdp64.putHeader(stream, offsets[i], SESSION_HIGH, SESSION_LOW, sequence, count);
                sequence += count;
            }
            base[0] += messages;
        };
        pass.run();
        final String passes = Allocations.assertAllocationFreeInSteadyState(
            "telling a listener", messages, 5, renumber, pass, () ->
            {
            });
        System.out.println("bytes allocated per pass of " + messages + " messages told to a listener: " + passes);
        assertEquals(0, pipeline.sequencer().counters().gaps());
        assertTrue(listener.events >= packets && listener.tops > 0 && listener.orders > 0, listener.toString());
    }

    /** A listener that does some work on every event, and queries the books, without allocating. */
    static final class SummingListener implements MarketDataListener
    {
        private final long[] prices = new long[5];
        private final long[] shares = new long[5];
        private final long[] counts = new long[5];
        BookView view;
        long events;
        long orders;
        long tops;
        long sum;
        private int lastInstrument;

        public void onOrderAdded(
            final int instrumentId, final long orderId, final byte side, final long price, final long shares,
            final int attribution, final long timestamp)
        {
            orders++;
            sum += price * shares;
        }

        public void onOrderExecuted(
            final int instrumentId, final long orderId, final byte side, final long price, final long executedShares,
            final long remainingShares, final long matchNumber, final byte printable, final long timestamp)
        {
            orders++;
            sum += remainingShares + view.orderShares(orderId);
        }

        public void onOrderDeleted(
            final int instrumentId, final long orderId, final byte side, final long price, final long shares,
            final long timestamp)
        {
            orders++;
            sum -= shares;
        }

        public void onTopOfBook(
            final int instrumentId, final long bidPrice, final long bidShares, final long askPrice,
            final long askShares, final long timestamp)
        {
            tops++;
            lastInstrument = instrumentId;
            sum += bidShares - askShares;
        }

        public void onEndOfEvent()
        {
            events++;
            final int n = view.levels(lastInstrument, BUY, 5, prices, shares, counts);
            for (int i = 0; i < n; i++)
            {
                sum += shares[i];
            }
        }

        public String toString()
        {
            return "events " + events + " orders " + orders + " tops " + tops + " sum " + sum;
        }
    }
}
