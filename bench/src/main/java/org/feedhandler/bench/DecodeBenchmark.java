package org.feedhandler.bench;

import com.paritytrading.juncture.nasdaq.itch50.ITCH50;
import com.paritytrading.juncture.nasdaq.itch50.ITCH50Listener;
import com.paritytrading.juncture.nasdaq.itch50.ITCH50Parser;
import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.protocol.Lines;
import org.feedhandler.protocol.itch.AddOrder;
import org.feedhandler.protocol.itch.AddOrderMpid;
import org.feedhandler.protocol.itch.ItchDecoder;
import org.feedhandler.protocol.itch.ItchListener;
import org.feedhandler.protocol.itch.OrderCancel;
import org.feedhandler.protocol.itch.OrderDelete;
import org.feedhandler.protocol.itch.OrderExecuted;
import org.feedhandler.protocol.itch.OrderExecutedWithPrice;
import org.feedhandler.protocol.itch.OrderReplace;
import org.feedhandler.protocol.itch.Trade;
import org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer;
import org.feedhandler.protocol.moldudp64.SequencerContext;
import org.feedhandler.protocol.moldudp64.SequencerListener;
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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Decode-only cost per message, ours beside the peer's (juncture-nasdaq 1.0.0) and beside a bare
 * baseline, on the same bytes: {@value #MESSAGES} messages of a Nasdaq-like mix from
 * {@link ItchStream}, over {@code stocks} stocks (8,000 unless {@code -p stocks=N}). Both decoders' listeners read the same fields of the
 * order-flow messages and fold them into a checksum, so neither side gets away with lazy decoding
 * that the other cannot. The result is ns per message (one op = one message).
 * <p>
 * {@code flow} picks how the messages follow one another ({@link MarketGenerator.Flow}):
 * {@code CLUSTERED} has a trading day's structure (runs of one type on one stock, skewed activity,
 * short-lived orders); {@code INDEPENDENT} draws each message afresh, which no feed does and no branch
 * predictor can learn. Either way, every decoder must dispatch on the type byte, and on a stream the
 * predictor cannot follow that mispredicted dispatch is most of the cost.
 * {@link #dispatchOnly} measures it alone: a switch on the type byte that reads one field per type,
 * no decoder at all. It is the floor for any decoder on that stream, measured in the same run.
 * <p>
 * Each decoder runs two ways: one message a call, by offset and length (how the MoldUDP64 sequencer
 * delivers), and framed, the stream as BinaryFILE records read the way {@code replay} reads them: ours
 * through {@link ItchDecoder#onBlocks}, which walks the run in one loop, juncture's parser called per
 * record by a loop reading the same length prefixes.
 * <p>
 * Ours is bounds-checked once per message (see {@code ItchMessage}); juncture's reads are checked by
 * {@code ByteBuffer}. Neither side gets a sorted or single-type stream.
 * <p>
 * Run: {@code scripts/feed-handler bench DecodeBenchmark} (add {@code -prof gc} for allocation).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class DecodeBenchmark
{
    @Param({"CLUSTERED", "INDEPENDENT"})
    MarketGenerator.Flow flow;

    /** Stocks in the stream; the default is about as many as Nasdaq lists. */
    @Param("8000")
    int stocks;

    static final int MESSAGES = 1_000_000;

    private ItchStream stream;
    private ItchDecoder decoder;
    private ItchDecoder framedDecoder;
    private OurChecksum framedChecksum;
    private OurChecksum ours;
    private ITCH50Parser peer;
    private PeerChecksum peerChecksum;
    private ByteBuffer peerView;
    private ByteBuffer framedPeerView;

    @Setup
    public void setup()
    {
        stream = ItchStream.generate(7, MESSAGES, stocks, flow);
        ours = new OurChecksum();
        decoder = new ItchDecoder(ours);
        framedChecksum = new OurChecksum();
        framedDecoder = new ItchDecoder(framedChecksum);
        peerChecksum = new PeerChecksum();
        peer = new ITCH50Parser(peerChecksum);
        peerView = stream.byteBuffer.duplicate();
        framedPeerView = stream.framedByteBuffer.duplicate();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long decodeOurs()
    {
        final ItchStream s = stream;
        final ItchDecoder d = decoder;
        for (int i = 0; i < s.count; i++)
        {
            d.decode(s.buffer, s.offsets[i], s.lengths[i]);
        }
        return ours.sum;
    }

    /**
     * The bare baseline: dispatch on each message's type byte and read one field, with no decoder,
     * no checks and no listener. What any decoder pays at least on this stream.
     */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long decodeOursFramed()
    {
        final ItchStream s = stream;
        framedDecoder.onBlocks(s.framed, 0, s.framedLength, Integer.MAX_VALUE);
        return framedChecksum.sum;
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long decodeJunctureFramed() throws IOException
    {
        final ItchStream s = stream;
        final UnsafeBuffer framed = s.framed;
        final ByteBuffer view = framedPeerView;
        int position = 0;
        final int end = s.framedLength;
        while (position + 2 <= end)
        {
            final int length = framed.getShort(position, java.nio.ByteOrder.BIG_ENDIAN) & 0xFFFF;
            final int offset = position + 2;
            if (0 == length || length > end - offset)
            {
                break;
            }
            view.limit(offset + length).position(offset);
            peer.message(view);
            position = offset + length;
        }
        return peerChecksum.sum;
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long dispatchOnly()
    {
        final ItchStream s = stream;
        final UnsafeBuffer buffer = s.buffer;
        long sum = 0;
        for (int i = 0; i < s.count; i++)
        {
            final int offset = s.offsets[i];
            switch (buffer.getByte(offset))
            {
                case AddOrder.MESSAGE_TYPE:
                    sum += buffer.getLong(offset + AddOrder.ORDER_REFERENCE_NUMBER_OFFSET);
                    break;
                case OrderDelete.MESSAGE_TYPE:
                    sum ^= buffer.getLong(offset + OrderDelete.ORDER_REFERENCE_NUMBER_OFFSET);
                    break;
                case OrderReplace.MESSAGE_TYPE:
                    sum += buffer.getLong(offset + OrderReplace.NEW_ORDER_REFERENCE_NUMBER_OFFSET) * 3;
                    break;
                case OrderExecuted.MESSAGE_TYPE:
                    sum -= buffer.getInt(offset + OrderExecuted.EXECUTED_SHARES_OFFSET);
                    break;
                case OrderCancel.MESSAGE_TYPE:
                    sum += buffer.getInt(offset + OrderCancel.CANCELLED_SHARES_OFFSET) * 5L;
                    break;
                case AddOrderMpid.MESSAGE_TYPE:
                    sum ^= buffer.getInt(offset + AddOrderMpid.PRICE_OFFSET);
                    break;
                case OrderExecutedWithPrice.MESSAGE_TYPE:
                    sum += buffer.getInt(offset + OrderExecutedWithPrice.EXECUTION_PRICE_OFFSET) * 7L;
                    break;
                case Trade.MESSAGE_TYPE:
                    sum -= buffer.getLong(offset + Trade.MATCH_NUMBER_OFFSET);
                    break;
                default:
                    sum++;
                    break;
            }
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long decodeJuncture() throws IOException
    {
        final ItchStream s = stream;
        final ByteBuffer view = peerView;
        for (int i = 0; i < s.count; i++)
        {
            view.limit(s.offsets[i] + s.lengths[i]).position(s.offsets[i]);
            peer.message(view);
        }
        return peerChecksum.sum;
    }

    /**
     * The live path's framing: the stream in MoldUDP64 packets of up to 1,400 bytes, through a
     * sequencer (one line, no recovery) to our decoder, either as runs of blocks, as the pipeline takes
     * them, or one message a call, as a handler that takes no runs does. Its own state, so that only
     * these two benchmarks renumber the packets before each pass.
     */
    @State(Scope.Benchmark)
    public static class Packets
    {
        ItchStream stream;
        final OurChecksum runsChecksum = new OurChecksum();
        final OurChecksum messagesChecksum = new OurChecksum();
        MoldUdp64Sequencer inRuns;
        MoldUdp64Sequencer oneByOne;

        @Setup
        public void setup(final DecodeBenchmark benchmark)
        {
            stream = benchmark.stream;
            inRuns = new MoldUdp64Sequencer(new ItchDecoder(runsChecksum), SequencerListener.NO_OP, new SequencerContext());
            final ItchDecoder decoder = new ItchDecoder(messagesChecksum);
            // a plain MessageHandler, not the decoder itself: the sequencer then has no runs to hand over
            oneByOne = new MoldUdp64Sequencer((buffer, offset, length, sequence) -> decoder.decode(buffer, offset, length),
                SequencerListener.NO_OP, new SequencerContext());
        }

        long pass(final MoldUdp64Sequencer sequencer, final OurChecksum checksum)
        {
            final ItchStream s = stream;
            for (int i = 0; i < s.packetCount; i++)
            {
                sequencer.onPacket(s.packets, s.packetOffsets[i], s.packetLengths[i], Lines.A, 0);
            }
            return checksum.sum;
        }

        @Setup(Level.Invocation)
        public void renumber()
        {
            // a fork runs one of the two benchmarks: carry on where its sequencer stopped
            stream.renumberPackets(Math.max(inRuns.nextExpected(), oneByOne.nextExpected()));
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long decodeOursPackets(final Packets packets)
    {
        return packets.pass(packets.inRuns, packets.runsChecksum);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long decodeOursPacketsOneByOne(final Packets packets)
    {
        return packets.pass(packets.oneByOne, packets.messagesChecksum);
    }

    static final class OurChecksum implements ItchListener
    {
        long sum;

        public void onAddOrder(final AddOrder m)
        {
            sum += m.stockLocate() + m.timestamp() + m.orderReferenceNumber() + m.buySellIndicator() + m.shares() +
                m.stock() + m.price();
        }

        public void onAddOrderMpid(final AddOrderMpid m)
        {
            sum += m.stockLocate() + m.timestamp() + m.orderReferenceNumber() + m.buySellIndicator() + m.shares() +
                m.stock() + m.price() + m.attribution();
        }

        public void onOrderExecuted(final OrderExecuted m)
        {
            sum += m.stockLocate() + m.timestamp() + m.orderReferenceNumber() + m.executedShares() + m.matchNumber();
        }

        public void onOrderExecutedWithPrice(final OrderExecutedWithPrice m)
        {
            sum += m.stockLocate() + m.timestamp() + m.orderReferenceNumber() + m.executedShares() + m.matchNumber() +
                m.printable() + m.executionPrice();
        }

        public void onOrderCancel(final OrderCancel m)
        {
            sum += m.stockLocate() + m.timestamp() + m.orderReferenceNumber() + m.cancelledShares();
        }

        public void onOrderDelete(final OrderDelete m)
        {
            sum += m.stockLocate() + m.timestamp() + m.orderReferenceNumber();
        }

        public void onOrderReplace(final OrderReplace m)
        {
            sum += m.stockLocate() + m.timestamp() + m.originalOrderReferenceNumber() + m.newOrderReferenceNumber() +
                m.shares() + m.price();
        }

        public void onTrade(final Trade m)
        {
            sum += m.stockLocate() + m.timestamp() + m.orderReferenceNumber() + m.shares() + m.stock() + m.price() +
                m.matchNumber();
        }
    }

    static final class PeerChecksum implements ITCH50Listener
    {
        long sum;

        private static long ts(final int high, final long low)
        {
            return ((long)high << 32) | low;
        }

        public void addOrder(final ITCH50.AddOrder m)
        {
            sum += m.stockLocate + ts(m.timestampHigh, m.timestampLow) + m.orderReferenceNumber + m.buySellIndicator +
                m.shares + m.stock + m.price;
        }

        public void addOrderMPID(final ITCH50.AddOrderMPID m)
        {
            sum += m.stockLocate + ts(m.timestampHigh, m.timestampLow) + m.orderReferenceNumber + m.buySellIndicator +
                m.shares + m.stock + m.price + m.attribution;
        }

        public void orderExecuted(final ITCH50.OrderExecuted m)
        {
            sum += m.stockLocate + ts(m.timestampHigh, m.timestampLow) + m.orderReferenceNumber + m.executedShares +
                m.matchNumber;
        }

        public void orderExecutedWithPrice(final ITCH50.OrderExecutedWithPrice m)
        {
            sum += m.stockLocate + ts(m.timestampHigh, m.timestampLow) + m.orderReferenceNumber + m.executedShares +
                m.matchNumber + m.printable + m.executionPrice;
        }

        public void orderCancel(final ITCH50.OrderCancel m)
        {
            sum += m.stockLocate + ts(m.timestampHigh, m.timestampLow) + m.orderReferenceNumber + m.canceledShares;
        }

        public void orderDelete(final ITCH50.OrderDelete m)
        {
            sum += m.stockLocate + ts(m.timestampHigh, m.timestampLow) + m.orderReferenceNumber;
        }

        public void orderReplace(final ITCH50.OrderReplace m)
        {
            sum += m.stockLocate + ts(m.timestampHigh, m.timestampLow) + m.originalOrderReferenceNumber +
                m.newOrderReferenceNumber + m.shares + m.price;
        }

        public void trade(final ITCH50.Trade m)
        {
            sum += m.stockLocate + ts(m.timestampHigh, m.timestampLow) + m.orderReferenceNumber + m.shares + m.stock +
                m.price + m.matchNumber;
        }

        public void systemEvent(final ITCH50.SystemEvent m)
        {
        }

        public void stockDirectory(final ITCH50.StockDirectory m)
        {
        }

        public void stockTradingAction(final ITCH50.StockTradingAction m)
        {
        }

        public void regSHORestriction(final ITCH50.RegSHORestriction m)
        {
        }

        public void marketParticipantPosition(final ITCH50.MarketParticipantPosition m)
        {
        }

        public void mwcbDeclineLevel(final ITCH50.MWCBDeclineLevel m)
        {
        }

        public void mwcbStatus(final ITCH50.MWCBStatus m)
        {
        }

        public void ipoQuotingPeriodUpdate(final ITCH50.IPOQuotingPeriodUpdate m)
        {
        }

        public void luldAuctionCollar(final ITCH50.LULDAuctionCollar m)
        {
        }

        public void operationalHalt(final ITCH50.OperationalHalt m)
        {
        }

        public void crossTrade(final ITCH50.CrossTrade m)
        {
        }

        public void brokenTrade(final ITCH50.BrokenTrade m)
        {
        }

        public void noii(final ITCH50.NOII m)
        {
        }

        public void rpii(final ITCH50.RPII m)
        {
        }
    }
}
