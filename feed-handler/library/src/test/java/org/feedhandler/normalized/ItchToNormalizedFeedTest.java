package org.feedhandler.normalized;

import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.TestData;
import org.feedhandler.api.MarketDataListener;
import org.feedhandler.protocol.binaryfile.BinaryFileReader;
import org.feedhandler.protocol.itch.AddOrder;
import org.feedhandler.protocol.itch.AddOrderMpid;
import org.feedhandler.protocol.itch.BrokenTrade;
import org.feedhandler.protocol.itch.CrossTrade;
import org.feedhandler.protocol.itch.ItchDecoder;
import org.feedhandler.protocol.itch.ItchEncoder;
import org.feedhandler.protocol.itch.ItchListener;
import org.feedhandler.protocol.itch.Noii;
import org.feedhandler.protocol.itch.OperationalHalt;
import org.feedhandler.protocol.itch.OrderCancel;
import org.feedhandler.protocol.itch.OrderDelete;
import org.feedhandler.protocol.itch.OrderExecuted;
import org.feedhandler.protocol.itch.OrderExecutedWithPrice;
import org.feedhandler.protocol.itch.OrderReplace;
import org.feedhandler.protocol.itch.RegShoRestriction;
import org.feedhandler.protocol.itch.StockDirectory;
import org.feedhandler.protocol.itch.StockTradingAction;
import org.feedhandler.protocol.itch.SystemEvent;
import org.feedhandler.protocol.itch.Trade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * ITCH bytes from files, through the real BinaryFILE reader and ITCH decoder, into the normalized SBE
 * feed and back: each ITCH message becomes its normalized message, counted per type at both ends.
 * Without books the normalizer here cannot know an order's side, price or remaining shares on an
 * execute, cancel or delete; the handler fills those from its books when it is wired in.
 */
class ItchToNormalizedFeedTest
{
    private final UnsafeBuffer output = new UnsafeBuffer(new byte[1 << 20]);
    private final SbeMarketDataWriter writer = new SbeMarketDataWriter(() -> 0L);
    private final ItchDecoder decoder = new ItchDecoder(new Normalizer(writer));
    private final SbeMarketDataReader reader = new SbeMarketDataReader();

    @Test
    void shouldNormalizeTheRealNasdaqSampleFiles() throws IOException
    {
        writer.wrap(output, 0, output.capacity());
        for (final String name : List.of("nasdaq_01302019_first3msgs.binaryfile", "nasdaq_01302020_first100bytes.binaryfile"))
        {
            try (BinaryFileReader file = BinaryFileReader.open(TestData.real(name)))
            {
                file.readAll(decoder);
            }
        }

        final RecordingListener decoded = new RecordingListener();
        reader.read(output, 0, writer.length(), decoded);

        assertEquals(6, decoder.messages());
        assertEquals(List.of(
            "systemEvent O 11039687760787", "endOfEvent",
            "instrument 1 " + Long.toHexString(symbol("A")) + " N   100 C 1 11314234545561", "endOfEvent",
            "instrument 2 " + Long.toHexString(symbol("AA")) + " N   100 C 1 11314236108077", "endOfEvent"),
            decoded.calls.subList(0, 6));
        assertEquals(Map.of("instrument", 4L, "systemEvent", 2L, "endOfEvent", 6L), counts(output, writer.length()));
        assertEquals(0, reader.malformed() + reader.unknownTemplates() + reader.gaps());
    }

    @Test
    void shouldNormalizeEveryBookAndStatusMessageOfAnItchFile(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("every-type.binaryfile");
        Files.write(file, itchFileOfEveryType());

        writer.wrap(output, 0, output.capacity());
        try (BinaryFileReader itch = BinaryFileReader.open(file))
        {
            assertEquals(18, itch.readAll(decoder));
            assertFalse(itch.truncated());
        }

        final Map<String, Long> expected = new TreeMap<>();
        expected.put("orderAdded", 4L);
        expected.put("orderExecuted", 2L);
        expected.put("orderCancelled", 1L);
        expected.put("orderDeleted", 1L);
        expected.put("orderReplaced", 1L);
        expected.put("trade", 2L);
        expected.put("brokenTrade", 1L);
        expected.put("imbalance", 1L);
        expected.put("tradingStatus", 3L);
        expected.put("systemEvent", 1L);
        expected.put("instrument", 1L);
        expected.put("endOfEvent", 18L);
        assertEquals(expected, counts(output, writer.length()));
        assertEquals(18, writer.messages());
        assertEquals(0, reader.malformed() + reader.unknownTemplates() + reader.gaps());
    }

    private Map<String, Long> counts(final UnsafeBuffer buffer, final int length)
    {
        final RecordingListener decoded = new RecordingListener();
        new SbeMarketDataReader().read(buffer, 0, length, decoded);
        final Map<String, Long> counts = new TreeMap<>();
        for (final String call : decoded.calls)
        {
            counts.merge(call.split(" ")[0], 1L, Long::sum);
        }
        return counts;
    }

    private static long symbol(final String text)
    {
        long symbol = 0;
        for (int i = 0; i < 8; i++)
        {
            symbol = (symbol << 8) | (i < text.length() ? text.charAt(i) : ' ');
        }
        return symbol;
    }

    private static byte[] itchFileOfEveryType()
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
        final List<byte[]> records = new ArrayList<>();
        final long stock = symbol("ZVZZT");
        final long ts = 34_200_000_000_000L;
        records.add(record(message, ItchEncoder.systemEvent(message, 0, 0, 0, ts, (byte)'Q')));
        records.add(record(message, ItchEncoder.stockDirectory(message, 0, 9, 0, ts, stock, (byte)'Q', (byte)'N', 100,
            (byte)'N', (byte)'C', 0x2020, (byte)'P', (byte)'N', (byte)' ', (byte)'1', (byte)'N', 0, (byte)'N')));
        records.add(record(message, ItchEncoder.stockTradingAction(message, 0, 9, 0, ts, stock, (byte)'T', (byte)' ', 0x20202020)));
        records.add(record(message, ItchEncoder.regShoRestriction(message, 0, 9, 0, ts, stock, (byte)'0')));
        records.add(record(message, ItchEncoder.operationalHalt(message, 0, 9, 0, ts, stock, (byte)'Q', (byte)'H')));
        for (int i = 1; i <= 3; i++)
        {
            records.add(record(message, ItchEncoder.addOrder(message, 0, 9, 0, ts + i, i, (byte)'B', 100, stock, 100_000 + i)));
        }
        records.add(record(message, ItchEncoder.addOrderMpid(message, 0, 9, 0, ts, 4, (byte)'S', 300, stock, 101_000, 0x4E534454)));
        records.add(record(message, ItchEncoder.orderExecuted(message, 0, 9, 0, ts, 1, 50, 1)));
        records.add(record(message, ItchEncoder.orderExecutedWithPrice(message, 0, 9, 0, ts, 1, 50, 2, (byte)'Y', 100_500)));
        records.add(record(message, ItchEncoder.orderCancel(message, 0, 9, 0, ts, 2, 40)));
        records.add(record(message, ItchEncoder.orderDelete(message, 0, 9, 0, ts, 2)));
        records.add(record(message, ItchEncoder.orderReplace(message, 0, 9, 0, ts, 3, 5, 200, 100_100)));
        records.add(record(message, ItchEncoder.trade(message, 0, 9, 0, ts, 0, (byte)'B', 10, stock, 100_200, 3)));
        records.add(record(message, ItchEncoder.crossTrade(message, 0, 9, 0, ts, 1_000, stock, 100_300, 4, (byte)'O')));
        records.add(record(message, ItchEncoder.brokenTrade(message, 0, 9, 0, ts, 3)));
        records.add(record(message, ItchEncoder.noii(message, 0, 9, 0, ts, 1_000, 200, (byte)'B', stock, 100_000, 100_100,
            100_050, (byte)'O', (byte)'1')));

        int length = 0;
        for (final byte[] record : records)
        {
            length += record.length;
        }
        final byte[] file = new byte[length];
        int position = 0;
        for (final byte[] record : records)
        {
            System.arraycopy(record, 0, file, position, record.length);
            position += record.length;
        }
        assertEquals(18, records.size());
        return file;
    }

    private static byte[] record(final UnsafeBuffer message, final int length)
    {
        final UnsafeBuffer record = new UnsafeBuffer(new byte[2 + length]);
        record.putShort(0, (short)length, ByteOrder.BIG_ENDIAN);
        record.putBytes(2, message, 0, length);
        return record.byteArray();
    }

    /**
     * Message-level normalization, one ITCH message a venue event: enough to drive every template from
     * real decoder output. Side, price and remaining shares of a resting order need the books.
     */
    private static final class Normalizer implements ItchListener
    {
        private final SbeMarketDataWriter writer;

        Normalizer(final SbeMarketDataWriter writer)
        {
            this.writer = writer;
        }

        public void onSystemEvent(final SystemEvent m)
        {
            writer.onSystemEvent(m.eventCode(), m.timestamp());
            writer.onEndOfEvent();
        }

        public void onStockDirectory(final StockDirectory m)
        {
            writer.onInstrument(m.stockLocate(), m.stock(), m.marketCategory(), m.financialStatusIndicator(),
                m.roundLotSize(), m.issueClassification(), m.luldReferencePriceTier(), m.timestamp());
            writer.onEndOfEvent();
        }

        public void onStockTradingAction(final StockTradingAction m)
        {
            writer.onTradingStatus(m.stockLocate(), m.messageType(), m.tradingState(), m.reason(), m.timestamp());
            writer.onEndOfEvent();
        }

        public void onRegShoRestriction(final RegShoRestriction m)
        {
            writer.onTradingStatus(m.stockLocate(), m.messageType(), m.regShoAction(), 0, m.timestamp());
            writer.onEndOfEvent();
        }

        public void onOperationalHalt(final OperationalHalt m)
        {
            writer.onTradingStatus(m.stockLocate(), m.messageType(), m.operationalHaltAction(), m.marketCode(), m.timestamp());
            writer.onEndOfEvent();
        }

        public void onAddOrder(final AddOrder m)
        {
            writer.onOrderAdded(m.stockLocate(), m.orderReferenceNumber(), m.buySellIndicator(), m.price(), m.shares(), 0,
                m.timestamp());
            writer.onEndOfEvent();
        }

        public void onAddOrderMpid(final AddOrderMpid m)
        {
            writer.onOrderAdded(m.stockLocate(), m.orderReferenceNumber(), m.buySellIndicator(), m.price(), m.shares(),
                m.attribution(), m.timestamp());
            writer.onEndOfEvent();
        }

        public void onOrderExecuted(final OrderExecuted m)
        {
            writer.onOrderExecuted(m.stockLocate(), m.orderReferenceNumber(), (byte)' ', MarketDataListener.NULL_PRICE,
                m.executedShares(), 0, m.matchNumber(), (byte)'Y', m.timestamp());
            writer.onEndOfEvent();
        }

        public void onOrderExecutedWithPrice(final OrderExecutedWithPrice m)
        {
            writer.onOrderExecuted(m.stockLocate(), m.orderReferenceNumber(), (byte)' ', m.executionPrice(),
                m.executedShares(), 0, m.matchNumber(), m.printable(), m.timestamp());
            writer.onEndOfEvent();
        }

        public void onOrderCancel(final OrderCancel m)
        {
            writer.onOrderCancelled(m.stockLocate(), m.orderReferenceNumber(), (byte)' ', MarketDataListener.NULL_PRICE,
                m.cancelledShares(), 0, m.timestamp());
            writer.onEndOfEvent();
        }

        public void onOrderDelete(final OrderDelete m)
        {
            writer.onOrderDeleted(m.stockLocate(), m.orderReferenceNumber(), (byte)' ', MarketDataListener.NULL_PRICE, 0,
                m.timestamp());
            writer.onEndOfEvent();
        }

        public void onOrderReplace(final OrderReplace m)
        {
            writer.onOrderReplaced(m.stockLocate(), m.originalOrderReferenceNumber(), m.newOrderReferenceNumber(), (byte)' ',
                m.price(), m.shares(), m.timestamp());
            writer.onEndOfEvent();
        }

        public void onTrade(final Trade m)
        {
            writer.onTrade(m.stockLocate(), m.orderReferenceNumber(), m.buySellIndicator(), m.price(), m.shares(),
                m.matchNumber(), m.messageType(), (byte)' ', m.timestamp());
            writer.onEndOfEvent();
        }

        public void onCrossTrade(final CrossTrade m)
        {
            writer.onTrade(m.stockLocate(), 0, (byte)' ', m.crossPrice(), m.shares(), m.matchNumber(), m.messageType(),
                m.crossType(), m.timestamp());
            writer.onEndOfEvent();
        }

        public void onBrokenTrade(final BrokenTrade m)
        {
            writer.onBrokenTrade(m.stockLocate(), m.matchNumber(), m.timestamp());
            writer.onEndOfEvent();
        }

        public void onNoii(final Noii m)
        {
            writer.onImbalance(m.stockLocate(), m.pairedShares(), m.imbalanceShares(), m.imbalanceDirection(),
                m.farPrice(), m.nearPrice(), m.currentReferencePrice(), m.crossType(), m.priceVariationIndicator(),
                m.timestamp());
            writer.onEndOfEvent();
        }
    }
}
