package org.feedhandler.bench;

import org.feedhandler.api.MarketDataListener;
import org.feedhandler.book.BookListener;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.latency.LatencyRecorders;
import org.feedhandler.pipeline.FeedPipeline;
import org.feedhandler.pipeline.MarketDataBookListener;
import org.feedhandler.protocol.Lines;
import org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer;
import org.feedhandler.sim.MarketGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Decode plus book building per message: the same {@value DecodeBenchmark#MESSAGES}-message
 * Nasdaq-like stream as {@link DecodeBenchmark}, in either {@link MarketGenerator.Flow}, through
 * {@link FeedPipeline#onMessage} one message a call, or framed and in one run (the replay path), into
 * {@link OrderBooks} sized like production (8M orders, 2M levels; {@code maxOrders} = 8388608) or
 * compact (256K orders, 64K levels, still far above the at most 31K orders resting in this stream), with
 * the books emptied before each pass (outside the measured time), or, with {@code -p resting=N}, holding
 * N orders placed before the first pass. One op = one message.
 * <p>
 * The two flows bracket the books' memory behaviour: {@code CLUSTERED}, like a trading day, touches
 * mostly recent orders of busy stocks; {@code INDEPENDENT} touches any resting order of any of the
 * {@code stocks} stocks with equal odds, so nearly every operation misses the caches.
 * The two sizes side by side show what the tables' footprint costs: pages (TLB misses) more than
 * cache lines, and since the level table grows with the levels in use, mostly the order table's;
 * {@code -p stocks=500} shows what the cold tail of 8,000 stocks costs.
 * <p>
 * Run: {@code scripts/feed-handler bench DecodeBookBenchmark} (add {@code -prof gc} for allocation).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@State(Scope.Benchmark)
public class DecodeBookBenchmark
{
    @Param({"CLUSTERED", "INDEPENDENT"})
    MarketGenerator.Flow flow;

    @Param({"8388608", "262144"})
    int maxOrders;

    /** Stocks in the stream; the default is about as many as Nasdaq lists. */
    @Param("8000")
    int stocks;

    /**
     * Orders already resting when each pass starts, besides the stream's own (at most 31K), as in the
     * middle of a real day: spread evenly over the stocks, 16 levels a side from $1.00 beyond the mid,
     * behind nearly all of the stream's own levels, so the stream's operations are the plain run's but
     * the tables and the level lists are populated. They are placed once; between passes only the
     * stream's orders are taken out again, so each pass starts from the caches the last one left, as
     * a day's next million messages would (clearing and placing them again before every pass measured
     * a pass start from caches full of the placing instead).
     * {@code -p resting=1000000 -p maxOrders=8388608} has the tables hold a million orders and
     * 256K levels; the compact tables cannot hold that many.
     */
    @Param("0")
    int resting;

    /**
     * For {@link #decodeAndBuildBooksPackets}: whether the pipeline records its three latency stages
     * per message ({@link LatencyRecorders}: one clock read a message and one more a packet, three
     * histogram records a message in one batch a packet), as the live handler always does.
     */
    @Param("false")
    boolean stamped;

    /**
     * Who listens to the books: {@code none} ({@link BookListener#NO_OP}), or {@code top}, a consumer of
     * top-of-book changes (it adds each one's prices into a checksum), for which the books track the best
     * bid and offer on every operation; with {@code none} they do not (see {@link OrderBooks}). {@code market}
     * is an embedded {@link MarketDataListener} that takes every event (order events, levels, top of book,
     * trades, end of event) into a checksum: what the embedding API costs the receiver thread.
     */
    @Param("none")
    String listener;

    /** References of the orders resting before the stream: far above the stream's (from 1). */
    private static final long RESTING_REFS = 1L << 40;

    /**
     * What the stamped pipeline takes the time since midnight to be: 2 s after the stream's first
     * ITCH Timestamp (09:30), so wire latencies fall within the recorders' range, as live ones do.
     */
    private static final long WIRE_NOW = 34_202_000_000_000L;

    private ItchStream stream;
    private OrderBooks books;
    private FeedPipeline pipeline;
    private boolean placed;

    @Setup
    public void setup()
    {
        stream = ItchStream.generate(7, DecodeBenchmark.MESSAGES, stocks, flow);
        final MarketDataListener market = "market".equals(listener) ? new MarketDataChecksum() : null;
        books = new OrderBooks(new OrderBooks.Context().maxOrders(maxOrders).maxLevels(maxOrders / 4)
            .listener(null == market ? listener(listener) : MarketDataBookListener.of(market)));
        pipeline = stamped ?
            new FeedPipeline(new FeedPipeline.Context()
                .books(books)
                .listener(market)
                .latency(new LatencyRecorders(), System::nanoTime, monotonic -> WIRE_NOW)) :
            new FeedPipeline(new FeedPipeline.Context().books(books).listener(market));
        checkPackets();
        if (resting > maxOrders / 2)
        {
            throw new IllegalArgumentException(
                "resting=" + resting + " leaves no room in maxOrders=" + maxOrders + ": use -p maxOrders=8388608");
        }
        if (stream.generator.lastOrderRef() >= RESTING_REFS)
        {
            throw new IllegalStateException("the stream's references reach those of the resting orders");
        }
    }

    /** A consumer of top-of-book changes, as light as one can be: what tracking the top costs. */
    static final class TopOfBookChecksum implements BookListener
    {
        long checksum;

        public void onTopOfBook(
            final int locate, final long bidPrice, final long bidShares, final long askPrice, final long askShares,
            final long timestamp)
        {
            checksum += bidPrice + askPrice;
        }
    }

    /** An embedded consumer of every event, as light as one can be: what the embedding API costs. */
    static final class MarketDataChecksum implements MarketDataListener
    {
        long checksum;

        public void onOrderAdded(
            final int instrumentId, final long orderId, final byte side, final long price, final long shares,
            final int attribution, final long timestamp)
        {
            checksum += orderId + price;
        }

        public void onOrderExecuted(
            final int instrumentId, final long orderId, final byte side, final long price, final long executedShares,
            final long remainingShares, final long matchNumber, final byte printable, final long timestamp)
        {
            checksum += remainingShares + price;
        }

        public void onOrderCancelled(
            final int instrumentId, final long orderId, final byte side, final long price, final long cancelledShares,
            final long remainingShares, final long timestamp)
        {
            checksum += remainingShares;
        }

        public void onOrderDeleted(
            final int instrumentId, final long orderId, final byte side, final long price, final long shares,
            final long timestamp)
        {
            checksum += shares;
        }

        public void onOrderReplaced(
            final int instrumentId, final long originalOrderId, final long orderId, final byte side, final long price,
            final long shares, final long timestamp)
        {
            checksum += orderId + price;
        }

        public void onLevelChanged(
            final int instrumentId, final byte side, final long price, final long totalShares, final int orderCount,
            final long timestamp)
        {
            checksum += totalShares;
        }

        public void onTopOfBook(
            final int instrumentId, final long bidPrice, final long bidShares, final long askPrice,
            final long askShares, final long timestamp)
        {
            checksum += bidPrice + askPrice;
        }

        public void onTrade(
            final int instrumentId, final long orderId, final byte side, final long price, final long shares,
            final long matchNumber, final byte tradeType, final byte crossType, final long timestamp)
        {
            checksum += shares;
        }

        public void onEndOfEvent()
        {
            checksum++;
        }
    }

    static BookListener listener(final String name)
    {
        switch (name)
        {
            case "none":
                return BookListener.NO_OP;
            case "top":
                return new TopOfBookChecksum();
            default:
                throw new IllegalArgumentException("listener=" + name + ": none, top or market");
        }
    }

    /** The packets carry every message once, in order, and build the books the framed run builds. */
    private void checkPackets()
    {
        final OrderBooks viaPackets = new OrderBooks(new OrderBooks.Context().maxOrders(1 << 20).maxLevels(1 << 18));
        final FeedPipeline p = new FeedPipeline(new FeedPipeline.Context().books(viaPackets));
        for (int i = 0; i < stream.packetCount; i++)
        {
            p.onPacket(stream.packets, stream.packetOffsets[i], stream.packetLengths[i], 0, Lines.A);
        }
        final OrderBooks viaRun = new OrderBooks(new OrderBooks.Context().maxOrders(1 << 20).maxLevels(1 << 18));
        new FeedPipeline(new FeedPipeline.Context().books(viaRun)).decoder().onBlocks(stream.framed, 0, stream.framedLength, Integer.MAX_VALUE);
        if (p.sequencer().counters().messagesDelivered() != stream.count || p.decoder().malformed() != 0 ||
            viaPackets.restingOrders() != viaRun.restingOrders())
        {
            throw new IllegalStateException("the packets delivered " + p.sequencer().counters().messagesDelivered() + " of " +
                stream.count + " messages, " + p.decoder().malformed() + " malformed, leaving " +
                viaPackets.restingOrders() + " orders against " + viaRun.restingOrders());
        }
    }

    @Setup(Level.Invocation)
    public void emptyBooks()
    {
        // the packets carry on where the last pass left the sequencer
        stream.renumberPackets(pipeline.sequencer().nextExpected());
        if (0 == resting)
        {
            books.clear();
            return;
        }
        if (placed)
        {
            removeStreamOrders();
            return;
        }
        books.clear();
        final MarketGenerator generator = stream.generator;
        for (int i = 0; i < resting; i++)
        {
            // order i of its stock: sides alternate, then 16 levels a side a cent apart
            final int locate = 1 + i % stocks;
            final int nth = i / stocks;
            final long away = (100 + (nth >> 1) % 16) * 100L;
            final boolean buy = 0 == (nth & 1);
            books.addOrder(locate, RESTING_REFS + i, buy ? OrderBooks.BUY : OrderBooks.SELL, 100,
                buy ? generator.midPrice(locate) - away : generator.midPrice(locate) + away, 0);
        }
        placed = true;
    }

    /**
     * Delete every order the stream left resting, by reference (the stream's run from 1 up), without
     * touching the orders placed before it: a walk of the books would read them all and start the next
     * pass from caches full of them.
     */
    private void removeStreamOrders()
    {
        final long lastRef = stream.generator.lastOrderRef();
        for (long ref = 1; ref <= lastRef; ref++)
        {
            if (books.containsOrder(ref))
            {
                books.deleteOrder(ref, 0);
            }
        }
        if (books.restingOrders() != resting)
        {
            throw new IllegalStateException(books.restingOrders() + " orders rest after the stream's were taken out, not " +
                resting);
        }
    }

    @Benchmark
    @OperationsPerInvocation(DecodeBenchmark.MESSAGES)
    public long decodeAndBuildBooks()
    {
        final ItchStream s = stream;
        final FeedPipeline p = pipeline;
        for (int i = 0; i < s.count; i++)
        {
            p.onMessage(s.buffer, s.offsets[i], s.lengths[i], i + 1);
        }
        return books.restingOrders();
    }

    /**
     * The replay path: the same messages BinaryFILE-framed, handed to the pipeline's decoder as one run
     * ({@link org.feedhandler.protocol.itch.ItchDecoder#onBlocks}), as {@code replay} does a mapped window
     * at a time.
     */
    @Benchmark
    @OperationsPerInvocation(DecodeBenchmark.MESSAGES)
    public long decodeAndBuildBooksFramed()
    {
        final ItchStream s = stream;
        pipeline.decoder().onBlocks(s.framed, 0, s.framedLength, Integer.MAX_VALUE);
        return books.restingOrders();
    }

    /**
     * The live path: the same messages in MoldUDP64 packets of up to 1,400 bytes, each through the
     * pipeline's sequencer (session, sequence, A/B bookkeeping) to the decoder and the books, as the
     * receiver hands over a datagram. With {@code -p stamped=true}, also the latency stamps the live
     * handler records per message.
     */
    @Benchmark
    @OperationsPerInvocation(DecodeBenchmark.MESSAGES)
    public long decodeAndBuildBooksPackets()
    {
        final ItchStream s = stream;
        final FeedPipeline p = pipeline;
        final boolean clock = stamped;
        for (int i = 0; i < s.packetCount; i++)
        {
            // the receiver stamps each datagram as it reads it
            p.onPacket(s.packets, s.packetOffsets[i], s.packetLengths[i], clock ? System.nanoTime() : 0,
                Lines.A);
        }
        return books.restingOrders();
    }
}
