package org.feedhandler.bench;

import com.paritytrading.juncture.nasdaq.itch50.ITCH50;
import com.paritytrading.juncture.nasdaq.itch50.ITCH50Listener;
import com.paritytrading.juncture.nasdaq.itch50.ITCH50Parser;
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
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Decode-only cost per message, ours beside the peer's (juncture-nasdaq 1.0.0), on the same bytes:
 * {@value #MESSAGES} messages of a realistic mix from {@link ItchStream}. Both listeners read the same
 * fields of the order-flow messages and fold them into a checksum, so neither side gets away with
 * lazy decoding that the other cannot. The result is ns per message (one op = one message).
 * <p>
 * Fairness: both sides switch on the type byte of a random mix (40 % A, 36 % D, ...), a branch no
 * predictor can learn; that switch, not the field reads, is most of either side's cost (our decoder
 * with a listener that reads nothing costs about two thirds of {@code decodeOurs}). Neither side
 * gets a sorted or single-type stream. Ours is bounds-checked once per message (see
 * {@code ItchMessage}); juncture's reads are checked by {@code ByteBuffer}.
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
    static final int MESSAGES = 1_000_000;

    private ItchStream stream;
    private ItchDecoder decoder;
    private OurChecksum ours;
    private ITCH50Parser peer;
    private PeerChecksum peerChecksum;
    private ByteBuffer peerView;

    @Setup
    public void setup()
    {
        stream = ItchStream.generate(7, MESSAGES, 500);
        ours = new OurChecksum();
        decoder = new ItchDecoder(ours);
        peerChecksum = new PeerChecksum();
        peer = new ITCH50Parser(peerChecksum);
        peerView = stream.byteBuffer.duplicate();
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
