package org.feedhandler.normalized;

import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.api.MarketDataListener;
import org.feedhandler.sbe.HeartbeatDecoder;
import org.feedhandler.sbe.HeartbeatEncoder;
import org.feedhandler.sbe.MessageHeaderDecoder;
import org.feedhandler.sbe.MessageHeaderEncoder;
import org.feedhandler.sbe.OrderAddEncoder;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SbeMarketDataRoundTripTest
{
    private static final int TEMPLATES = 17;
    private static final String[] COMMON_FIELDS = {
        "sequence", "exchangeTimestamp", "receiveTimestamp", "publishTimestamp", "instrumentId", "flags" };

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64 * 1024]);
    private long clockNanos = 1_700_000_000_000_000_000L;
    private final SbeMarketDataWriter writer = new SbeMarketDataWriter(() -> clockNanos++);
    private final SbeMarketDataReader reader = new SbeMarketDataReader();

    /** One call of every method, with values at the edges of their ranges, then the end of the event. */
    static void callEveryMethod(final MarketDataListener listener)
    {
        listener.onHeartbeat(1);
        listener.onSystemEvent((byte)'O', 11_039_687_760_787L);
        listener.onInstrument(65_535, 0x4141504C20202020L, (byte)'Q', (byte)'N', 100, (byte)'C', (byte)'1', 2);
        listener.onTradingStatus(7, (byte)'H', (byte)'T', 0x4D314320, 3);
        listener.onOrderAdded(7, -1L, MarketDataListener.BUY, 4_294_967_295L, 4_294_967_295L, 0x47534346, 4);
        listener.onOrderExecuted(7, 42, MarketDataListener.SELL, 1_234_500, 100, 0, Long.MIN_VALUE, (byte)'Y', 5);
        listener.onOrderCancelled(7, 43, MarketDataListener.BUY, 99, 10, 90, 6);
        listener.onOrderDeleted(7, 44, MarketDataListener.SELL, 1, 1, 7);
        listener.onOrderReplaced(7, 45, 46, MarketDataListener.BUY, 500, 300, 8);
        listener.onLevelChanged(7, MarketDataListener.SELL, 1_234_600, 1L << 40, Integer.MAX_VALUE, 9);
        listener.onTopOfBook(7, MarketDataListener.NULL_PRICE, 0, 1_234_600, 1L << 40, 10);
        listener.onTrade(7, 0, (byte)' ', 1_000_000, 5_000_000_000L, 77, (byte)'Q', (byte)'O', 11);
        listener.onBrokenTrade(7, 77, 12);
        listener.onImbalance(7, 1000, 200, (byte)'B', MarketDataListener.NULL_PRICE, 10_000, 10_100, (byte)'O', (byte)'1', 13);
        listener.onFeedGap(1_000, 25);
        listener.onBookStale(7);
        listener.onBookRecovered(7);
        listener.onSnapshotBegin(123_456_789L);
        listener.onSnapshotEnd(123_456_789L);
        listener.onEndOfEvent();
    }

    @Test
    void shouldDeliverEveryCallBackAsTheSameCall()
    {
        final RecordingListener expected = new RecordingListener();
        callEveryMethod(expected);

        writer.wrap(buffer, 0, buffer.capacity());
        callEveryMethod(writer);
        final RecordingListener decoded = new RecordingListener();
        final int delivered = reader.read(buffer, 0, writer.length(), decoded);

        assertEquals(expected.calls, decoded.calls);
        assertEquals(19, delivered);
        assertEquals(0, reader.malformed() + reader.unknownTemplates() + reader.gaps() + writer.overflows());
    }

    @Test
    void shouldWriteEveryTemplateOfTheSchema()
    {
        writer.wrap(buffer, 0, buffer.capacity());
        callEveryMethod(writer);

        final TreeSet<Integer> written = new TreeSet<>();
        for (final String header : headers(writer.length()))
        {
            written.add(Integer.parseInt(header.split(" ")[0]));
        }
        final TreeSet<Integer> all = new TreeSet<>();
        for (int templateId = 1; SbeMarketDataReader.blockLength(templateId) != 0; templateId++)
        {
            all.add(templateId);
        }
        assertEquals(TEMPLATES, all.size());
        assertEquals(all, written);
    }

    @Test
    void shouldStartEveryTemplateWithTheCommonFieldsAtTheSameOffsets() throws ReflectiveOperationException
    {
        int templates = 0;
        for (final String name : List.of(
            "Heartbeat", "SystemEvent", "InstrumentDefinition", "TradingStatus", "OrderAdd", "OrderExecute",
            "OrderCancel", "OrderDelete", "OrderReplace", "LevelUpdate", "TopOfBook", "Trade", "BrokenTrade",
            "Imbalance", "FeedStatus", "SnapshotBegin", "SnapshotEnd"))
        {
            final Class<?> encoder = Class.forName("org.feedhandler.sbe." + name + "Encoder");
            for (final String field : COMMON_FIELDS)
            {
                final Method offset = encoder.getMethod(field + "EncodingOffset");
                assertEquals(HeartbeatEncoder.class.getMethod(field + "EncodingOffset").invoke(null),
                    offset.invoke(null), name + "." + field);
            }
            templates++;
        }
        assertEquals(TEMPLATES, templates);
    }

    @Test
    void shouldNumberMessagesConsecutivelyAndStampReceiveAndPublishTimesOncePerEvent()
    {
        writer.wrap(buffer, 0, buffer.capacity());
        writer.onBeginEvent(555);
        writer.onOrderAdded(1, 1, MarketDataListener.BUY, 100, 10, 0, 1);
        writer.onOrderDeleted(1, 1, MarketDataListener.BUY, 100, 10, 2);
        writer.onEndOfEvent();
        writer.onBeginEvent(666);
        writer.onHeartbeat(3);

        final List<Long> sequences = new ArrayList<>();
        final List<Long> received = new ArrayList<>();
        final List<Long> published = new ArrayList<>();
        reader.read(buffer, 0, writer.length(), new MarketDataListener()
        {
            public void onOrderAdded(
                final int i, final long o, final byte s, final long p, final long q, final int a, final long t)
            {
                record();
            }

            public void onOrderDeleted(final int i, final long o, final byte s, final long p, final long q, final long t)
            {
                record();
            }

            public void onHeartbeat(final long timestamp)
            {
                record();
            }

            private void record()
            {
                sequences.add(reader.sequence());
                received.add(reader.receiveTimestamp());
                published.add(reader.publishTimestamp());
            }
        });

        assertEquals(List.of(1L, 2L, 3L), sequences);
        assertEquals(List.of(555L, 555L, 666L), received);
        assertEquals(List.of(1_700_000_000_000_000_000L, 1_700_000_000_000_000_000L, 1_700_000_000_000_000_001L),
            published);
        assertEquals(4, writer.nextSequence());
    }

    @Test
    void shouldBeginEachEventAtTheReaderWithItsFirstMessagesReceiveTime()
    {
        writer.wrap(buffer, 0, buffer.capacity());
        writer.onBeginEvent(555);
        writer.onOrderAdded(1, 1, MarketDataListener.BUY, 100, 10, 0, 1);
        writer.onOrderDeleted(1, 1, MarketDataListener.BUY, 100, 10, 2);
        writer.onEndOfEvent();
        writer.onBeginEvent(666);
        writer.onHeartbeat(3);
        writer.onEndOfEvent();

        final List<String> calls = new ArrayList<>();
        reader.read(buffer, 0, writer.length(), new MarketDataListener()
        {
            public void onBeginEvent(final long receiveTimestamp)
            {
                calls.add("begin " + receiveTimestamp);
            }

            public void onOrderAdded(
                final int i, final long o, final byte s, final long p, final long q, final int a, final long t)
            {
                calls.add("add");
            }

            public void onOrderDeleted(final int i, final long o, final byte s, final long p, final long q, final long t)
            {
                calls.add("delete");
            }

            public void onHeartbeat(final long timestamp)
            {
                calls.add("heartbeat");
            }

            public void onEndOfEvent()
            {
                calls.add("end");
            }
        });

        assertEquals(List.of("begin 555", "add", "delete", "end", "begin 666", "heartbeat", "end"), calls);
    }

    @Test
    void shouldFlagLastOnlyOnTheFinalMessageOfEachEvent()
    {
        writer.wrap(buffer, 0, buffer.capacity());
        writer.onOrderAdded(1, 1, MarketDataListener.BUY, 100, 10, 0, 1);
        writer.onLevelChanged(1, MarketDataListener.BUY, 100, 10, 1, 1);
        writer.onTopOfBook(1, 100, 10, MarketDataListener.NULL_PRICE, 0, 1);
        writer.onEndOfEvent();
        writer.onEndOfEvent(); // an event that wrote nothing flags nothing
        writer.onOrderDeleted(1, 1, MarketDataListener.BUY, 100, 10, 2);
        writer.onEndOfEvent();

        assertEquals(List.of("5 1 0", "10 2 0", "11 3 -128", "8 4 -128"), headers(writer.length()));
    }

    @Test
    void shouldFlagSnapshotMessagesFromSnapshotBeginToSnapshotEnd()
    {
        writer.wrap(buffer, 0, buffer.capacity());
        writer.onHeartbeat(0);
        writer.onSnapshotBegin(10);
        writer.onOrderAdded(1, 1, MarketDataListener.BUY, 100, 10, 0, 1);
        writer.onSnapshotEnd(10);
        writer.onOrderAdded(1, 2, MarketDataListener.BUY, 100, 10, 0, 1);

        final int snapshot = SbeMarketDataWriter.SNAPSHOT;
        assertEquals(List.of("1 1 0", "16 2 " + snapshot, "5 3 " + snapshot, "17 4 " + snapshot, "5 5 0"),
            headers(writer.length()));
    }

    @Test
    void shouldFlagMaybeBadBookWhileTheInstrumentOrTheWholeFeedIsStale()
    {
        final int bad = SbeMarketDataWriter.MAYBE_BAD_BOOK;
        writer.wrap(buffer, 0, buffer.capacity());
        writer.onBookStale(7);
        writer.onOrderAdded(7, 1, MarketDataListener.BUY, 100, 10, 0, 1);
        writer.onOrderAdded(8, 2, MarketDataListener.BUY, 100, 10, 0, 1);
        writer.onBookRecovered(7);
        writer.onOrderAdded(7, 3, MarketDataListener.BUY, 100, 10, 0, 1);
        writer.onBookStale(MarketDataListener.ALL_INSTRUMENTS);
        writer.onOrderAdded(8, 4, MarketDataListener.BUY, 100, 10, 0, 1);
        writer.onBookRecovered(MarketDataListener.ALL_INSTRUMENTS);
        writer.onOrderAdded(8, 5, MarketDataListener.BUY, 100, 10, 0, 1);

        assertEquals(List.of(
            "15 1 " + bad, "5 2 " + bad, "5 3 0", "15 4 0", "5 5 0", "15 6 " + bad, "5 7 " + bad, "15 8 0", "5 9 0"),
            headers(writer.length()));
    }

    @Test
    void shouldKeepFlaggingAStaleInstrumentWhileAnotherRecoversAndCountARepeatedStaleOnce()
    {
        final int bad = SbeMarketDataWriter.MAYBE_BAD_BOOK;
        writer.wrap(buffer, 0, buffer.capacity());
        writer.onBookStale(7);
        writer.onBookStale(7);
        writer.onBookStale(70_000); // beyond the tracked ids: not flagged, not counted
        writer.onBookStale(9);
        writer.onBookRecovered(7);
        writer.onOrderAdded(9, 1, MarketDataListener.BUY, 100, 10, 0, 1);
        writer.onOrderAdded(7, 2, MarketDataListener.BUY, 100, 10, 0, 1);
        writer.onBookRecovered(9);
        writer.onOrderAdded(9, 3, MarketDataListener.BUY, 100, 10, 0, 1);

        assertEquals(List.of("15 1 " + bad, "15 2 " + bad, "15 3 0", "15 4 " + bad, "15 5 0",
            "5 6 " + bad, "5 7 0", "15 8 0", "5 9 0"), headers(writer.length()));
    }

    @Test
    void shouldCountAMessageThatDoesNotFitAndNeitherWriteNorNumberIt()
    {
        writer.wrap(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + OrderAddEncoder.BLOCK_LENGTH + 10);
        writer.onOrderAdded(1, 1, MarketDataListener.BUY, 100, 10, 0, 1);
        writer.onOrderAdded(1, 2, MarketDataListener.BUY, 100, 10, 0, 1);

        assertEquals(1, writer.overflows());
        assertEquals(1, writer.messages());
        assertEquals(2, writer.nextSequence());
        assertEquals(MessageHeaderEncoder.ENCODED_LENGTH + OrderAddEncoder.BLOCK_LENGTH, writer.length());

        writer.reset();
        writer.onOrderAdded(1, 2, MarketDataListener.BUY, 100, 10, 0, 1);
        assertEquals(List.of("5 2 0"), headers(writer.length()));
    }

    @Test
    void shouldStopAtATruncatedMessageAndCountIt()
    {
        writer.wrap(buffer, 0, buffer.capacity());
        writer.onOrderAdded(1, 1, MarketDataListener.BUY, 100, 10, 0, 1);
        writer.onOrderAdded(1, 2, MarketDataListener.BUY, 100, 10, 0, 1);

        for (int cut = 1; cut < writer.length() / 2; cut++)
        {
            final RecordingListener decoded = new RecordingListener();
            assertEquals(1, reader.read(buffer, 0, writer.length() - cut, decoded), "cut " + cut);
            assertEquals(1, decoded.calls.size());
        }
        assertEquals(writer.length() / 2 - 1, reader.malformed());
    }

    @Test
    void shouldRejectAnotherSchemaAndSkipAnUnknownTemplateOfThisOne()
    {
        writer.wrap(buffer, 0, buffer.capacity());
        writer.onHeartbeat(1);
        writer.onHeartbeat(2);
        final MessageHeaderEncoder header = new MessageHeaderEncoder().wrap(buffer, 0);
        header.templateId(999);
        final RecordingListener decoded = new RecordingListener();

        assertEquals(1, reader.read(buffer, 0, writer.length(), decoded));
        assertEquals(List.of("heartbeat 2"), decoded.calls);
        assertEquals(1, reader.unknownTemplates());

        header.templateId(HeartbeatEncoder.TEMPLATE_ID).schemaId(7);
        assertEquals(0, reader.read(buffer, 0, writer.length(), decoded));
        assertEquals(1, reader.malformed());
    }

    @Test
    void shouldCountAGapInTheOutputSequence()
    {
        writer.wrap(buffer, 0, buffer.capacity());
        writer.onHeartbeat(1);
        final int first = writer.length();
        writer.onHeartbeat(2);
        writer.onHeartbeat(3);
        writer.onHeartbeat(4);
        final int end = writer.length();
        final int oneMessage = first;

        final RecordingListener decoded = new RecordingListener();
        reader.read(buffer, 0, first, decoded);
        reader.read(buffer, end - oneMessage, oneMessage, decoded);

        assertEquals(List.of("heartbeat 1", "heartbeat 4"), decoded.calls);
        assertEquals(1, reader.gaps());
        assertEquals(2, reader.lostMessages());
    }

    @Test
    void shouldCarryPricesWithTheSchemasConstantExponent()
    {
        assertEquals(MarketDataListener.PRICE_EXPONENT, new org.feedhandler.sbe.PriceDecoder().exponent());
        assertEquals(MarketDataListener.NULL_PRICE, org.feedhandler.sbe.PriceDecoder.mantissaNullValue());
        assertTrue(SbeMarketDataWriter.LAST < 0, "LAST is bit 7 as in DBN");
    }

    /** @return "templateId sequence flags" of each message written. */
    private List<String> headers(final int length)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final HeartbeatDecoder common = new HeartbeatDecoder();
        final List<String> headers = new ArrayList<>();
        int position = 0;
        while (position < length)
        {
            header.wrap(buffer, position);
            common.wrap(buffer, position + header.encodedLength(), header.blockLength(), header.version());
            headers.add(header.templateId() + " " + common.sequence() + " " + (byte)common.flags().getRaw());
            position += header.encodedLength() + header.blockLength();
        }
        return headers;
    }
}
