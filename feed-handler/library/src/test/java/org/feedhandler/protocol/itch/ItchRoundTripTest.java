package org.feedhandler.protocol.itch;

import java.util.function.Consumer;
import java.util.stream.Stream;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every message type, encoded by {@link ItchEncoder} and decoded back through {@link ItchDecoder},
 * with unsigned edge values: u16 locate above 2^15, u32 fields above 2^31, u64 fields with the
 * top bit set, a timestamp at the top of the 48-bit range. Generated from the spec's field table,
 * one case per type. {@link ItchRoundTripFramedTest} runs every case again through
 * {@link ItchDecoder#onBlocks}, whose dispatch is a copy of {@link ItchDecoder#decode}'s.
 */
class ItchRoundTripTest
{
    static final int OFFSET = 7;
    private static final int LOCATE = 0xFFFE;
    private static final int TRACKING = 0x8001;
    private static final long TIMESTAMP = (1L << 48) - 2;

    final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
    private final Recorder recorder = new Recorder();
    final ItchDecoder decoder = new ItchDecoder(recorder);

    /**
     * Decode the message encoded at {@link #OFFSET}, one message a call; {@link ItchRoundTripFramedTest}
     * decodes it as a length-prefixed block instead.
     */
    int decode(final int length)
    {
        return decoder.decode(buffer, OFFSET, length);
    }

    static final class Recorder implements ItchListener
    {
        ItchMessage last;

        public void onSystemEvent(final SystemEvent message)
        {
            last = message;
        }

        public void onStockDirectory(final StockDirectory message)
        {
            last = message;
        }

        public void onStockTradingAction(final StockTradingAction message)
        {
            last = message;
        }

        public void onRegShoRestriction(final RegShoRestriction message)
        {
            last = message;
        }

        public void onMarketParticipantPosition(final MarketParticipantPosition message)
        {
            last = message;
        }

        public void onMwcbDeclineLevel(final MwcbDeclineLevel message)
        {
            last = message;
        }

        public void onMwcbStatus(final MwcbStatus message)
        {
            last = message;
        }

        public void onIpoQuotingPeriodUpdate(final IpoQuotingPeriodUpdate message)
        {
            last = message;
        }

        public void onLuldAuctionCollar(final LuldAuctionCollar message)
        {
            last = message;
        }

        public void onOperationalHalt(final OperationalHalt message)
        {
            last = message;
        }

        public void onAddOrder(final AddOrder message)
        {
            last = message;
        }

        public void onAddOrderMpid(final AddOrderMpid message)
        {
            last = message;
        }

        public void onOrderExecuted(final OrderExecuted message)
        {
            last = message;
        }

        public void onOrderExecutedWithPrice(final OrderExecutedWithPrice message)
        {
            last = message;
        }

        public void onOrderCancel(final OrderCancel message)
        {
            last = message;
        }

        public void onOrderDelete(final OrderDelete message)
        {
            last = message;
        }

        public void onOrderReplace(final OrderReplace message)
        {
            last = message;
        }

        public void onTrade(final Trade message)
        {
            last = message;
        }

        public void onCrossTrade(final CrossTrade message)
        {
            last = message;
        }

        public void onBrokenTrade(final BrokenTrade message)
        {
            last = message;
        }

        public void onNoii(final Noii message)
        {
            last = message;
        }

        public void onRetailPriceImprovementIndicator(final RetailPriceImprovementIndicator message)
        {
            last = message;
        }

        public void onDlcrPriceDiscovery(final DlcrPriceDiscovery message)
        {
            last = message;
        }
    }

    private static void assertHeader(final ItchMessage m)
    {
        assertEquals(LOCATE, m.stockLocate());
        assertEquals(TRACKING, m.trackingNumber());
        assertEquals(TIMESTAMP, m.timestamp());
        assertEquals(TIMESTAMP, ItchMessage.timestamp(m.buffer(), m.offset()), "read without wrapping");
        assertEquals(m.length(), m.wireLength());
    }

    /** Encodes one message at an offset, returning its length. */
    @FunctionalInterface
    interface Encoder
    {
        int encode(UnsafeBuffer buffer, int offset);
    }

    /**
     * One message type: its encoding with edge values, its wire length, the length its class declares, and
     * what each field must read back as.
     */
    record RoundTrip<M extends ItchMessage>(
        char type, int length, int declaredLength, Class<M> kind, Encoder encoder, Consumer<M> fields)
    {
        public String toString()
        {
            return kind.getSimpleName() + " '" + type + "'";
        }
    }

    private static <M extends ItchMessage> RoundTrip<M> type(
        final char type,
        final int length,
        final int declaredLength,
        final Class<M> kind,
        final Encoder encoder,
        final Consumer<M> fields)
    {
        return new RoundTrip<>(type, length, declaredLength, kind, encoder, fields);
    }

    static Stream<RoundTrip<?>> everyType()
    {
        return Stream.of(
            type('S', 12, SystemEvent.LENGTH, SystemEvent.class,
                (b, o) -> ItchEncoder.systemEvent(b, o, LOCATE, TRACKING, TIMESTAMP, (byte)'Z'),
                m ->
                {
                    assertEquals((byte)'Z', m.eventCode());
                }),
            type('R', 39, StockDirectory.LENGTH, StockDirectory.class,
                (b, o) -> ItchEncoder.stockDirectory(b, o, LOCATE, TRACKING, TIMESTAMP, Symbols.fromString("AAPL"), (byte)'Z', (byte)'Z', 0xFFFF_FFFEL - 3, (byte)'Z', (byte)'Z', 0x5859, (byte)'Z', (byte)'Z', (byte)'Z', (byte)'Z', (byte)'Z', 0xFFFF_FFFEL - 12, (byte)'Z'),
                m ->
                {
                    assertEquals(Symbols.fromString("AAPL"), m.stock());
                    assertEquals((byte)'Z', m.marketCategory());
                    assertEquals((byte)'Z', m.financialStatusIndicator());
                    assertEquals(0xFFFF_FFFEL - 3, m.roundLotSize());
                    assertEquals((byte)'Z', m.roundLotsOnly());
                    assertEquals((byte)'Z', m.issueClassification());
                    assertEquals(0x5859, m.issueSubType());
                    assertEquals((byte)'Z', m.authenticity());
                    assertEquals((byte)'Z', m.shortSaleThresholdIndicator());
                    assertEquals((byte)'Z', m.ipoFlag());
                    assertEquals((byte)'Z', m.luldReferencePriceTier());
                    assertEquals((byte)'Z', m.etpFlag());
                    assertEquals(0xFFFF_FFFEL - 12, m.etpLeverageFactor());
                    assertEquals((byte)'Z', m.inverseIndicator());
                }),
            type('H', 25, StockTradingAction.LENGTH, StockTradingAction.class,
                (b, o) -> ItchEncoder.stockTradingAction(b, o, LOCATE, TRACKING, TIMESTAMP, Symbols.fromString("AAPL"), (byte)'Z', (byte)'Z', 0x41424344),
                m ->
                {
                    assertEquals(Symbols.fromString("AAPL"), m.stock());
                    assertEquals((byte)'Z', m.tradingState());
                    assertEquals((byte)'Z', m.reserved());
                    assertEquals(0x41424344, m.reason());
                }),
            type('Y', 20, RegShoRestriction.LENGTH, RegShoRestriction.class,
                (b, o) -> ItchEncoder.regShoRestriction(b, o, LOCATE, TRACKING, TIMESTAMP, Symbols.fromString("AAPL"), (byte)'Z'),
                m ->
                {
                    assertEquals(Symbols.fromString("AAPL"), m.stock());
                    assertEquals((byte)'Z', m.regShoAction());
                }),
            type('L', 26, MarketParticipantPosition.LENGTH, MarketParticipantPosition.class,
                (b, o) -> ItchEncoder.marketParticipantPosition(b, o, LOCATE, TRACKING, TIMESTAMP, 0x41424344, Symbols.fromString("AAPL"), (byte)'Z', (byte)'Z', (byte)'Z'),
                m ->
                {
                    assertEquals(0x41424344, m.mpid());
                    assertEquals(Symbols.fromString("AAPL"), m.stock());
                    assertEquals((byte)'Z', m.primaryMarketMaker());
                    assertEquals((byte)'Z', m.marketMakerMode());
                    assertEquals((byte)'Z', m.marketParticipantState());
                }),
            type('V', 35, MwcbDeclineLevel.LENGTH, MwcbDeclineLevel.class,
                (b, o) -> ItchEncoder.mwcbDeclineLevel(b, o, LOCATE, TRACKING, TIMESTAMP, 0x8000_0000_0000_0001L + 0, 0x8000_0000_0000_0001L + 1, 0x8000_0000_0000_0001L + 2),
                m ->
                {
                    assertEquals(0x8000_0000_0000_0001L + 0, m.level1());
                    assertEquals(0x8000_0000_0000_0001L + 1, m.level2());
                    assertEquals(0x8000_0000_0000_0001L + 2, m.level3());
                }),
            type('W', 12, MwcbStatus.LENGTH, MwcbStatus.class,
                (b, o) -> ItchEncoder.mwcbStatus(b, o, LOCATE, TRACKING, TIMESTAMP, (byte)'Z'),
                m ->
                {
                    assertEquals((byte)'Z', m.breachedLevel());
                }),
            type('K', 28, IpoQuotingPeriodUpdate.LENGTH, IpoQuotingPeriodUpdate.class,
                (b, o) -> ItchEncoder.ipoQuotingPeriodUpdate(b, o, LOCATE, TRACKING, TIMESTAMP, Symbols.fromString("AAPL"), 0xFFFF_FFFEL - 1, (byte)'Z', 0x8765_4321L - 3),
                m ->
                {
                    assertEquals(Symbols.fromString("AAPL"), m.stock());
                    assertEquals(0xFFFF_FFFEL - 1, m.ipoQuotationReleaseTime());
                    assertEquals((byte)'Z', m.ipoQuotationReleaseQualifier());
                    assertEquals(0x8765_4321L - 3, m.ipoPrice());
                }),
            type('J', 35, LuldAuctionCollar.LENGTH, LuldAuctionCollar.class,
                (b, o) -> ItchEncoder.luldAuctionCollar(b, o, LOCATE, TRACKING, TIMESTAMP, Symbols.fromString("AAPL"), 0x8765_4321L - 1, 0x8765_4321L - 2, 0x8765_4321L - 3, 0xFFFF_FFFEL - 4),
                m ->
                {
                    assertEquals(Symbols.fromString("AAPL"), m.stock());
                    assertEquals(0x8765_4321L - 1, m.auctionCollarReferencePrice());
                    assertEquals(0x8765_4321L - 2, m.upperAuctionCollarPrice());
                    assertEquals(0x8765_4321L - 3, m.lowerAuctionCollarPrice());
                    assertEquals(0xFFFF_FFFEL - 4, m.auctionCollarExtension());
                }),
            type('h', 21, OperationalHalt.LENGTH, OperationalHalt.class,
                (b, o) -> ItchEncoder.operationalHalt(b, o, LOCATE, TRACKING, TIMESTAMP, Symbols.fromString("AAPL"), (byte)'Z', (byte)'Z'),
                m ->
                {
                    assertEquals(Symbols.fromString("AAPL"), m.stock());
                    assertEquals((byte)'Z', m.marketCode());
                    assertEquals((byte)'Z', m.operationalHaltAction());
                }),
            type('A', 36, AddOrder.LENGTH, AddOrder.class,
                (b, o) -> ItchEncoder.addOrder(b, o, LOCATE, TRACKING, TIMESTAMP, 0xFEDC_BA98_7654_3210L + 0, (byte)'Z', 0xFFFF_FFFEL - 2, Symbols.fromString("AAPL"), 0x8765_4321L - 4),
                m ->
                {
                    assertEquals(0xFEDC_BA98_7654_3210L + 0, m.orderReferenceNumber());
                    assertEquals((byte)'Z', m.buySellIndicator());
                    assertEquals(0xFFFF_FFFEL - 2, m.shares());
                    assertEquals(Symbols.fromString("AAPL"), m.stock());
                    assertEquals(0x8765_4321L - 4, m.price());
                }),
            type('F', 40, AddOrderMpid.LENGTH, AddOrderMpid.class,
                (b, o) -> ItchEncoder.addOrderMpid(b, o, LOCATE, TRACKING, TIMESTAMP, 0xFEDC_BA98_7654_3210L + 0, (byte)'Z', 0xFFFF_FFFEL - 2, Symbols.fromString("AAPL"), 0x8765_4321L - 4, 0x41424344),
                m ->
                {
                    assertEquals(0xFEDC_BA98_7654_3210L + 0, m.orderReferenceNumber());
                    assertEquals((byte)'Z', m.buySellIndicator());
                    assertEquals(0xFFFF_FFFEL - 2, m.shares());
                    assertEquals(Symbols.fromString("AAPL"), m.stock());
                    assertEquals(0x8765_4321L - 4, m.price());
                    assertEquals(0x41424344, m.attribution());
                }),
            type('E', 31, OrderExecuted.LENGTH, OrderExecuted.class,
                (b, o) -> ItchEncoder.orderExecuted(b, o, LOCATE, TRACKING, TIMESTAMP, 0xFEDC_BA98_7654_3210L + 0, 0xFFFF_FFFEL - 1, 0xFEDC_BA98_7654_3210L + 2),
                m ->
                {
                    assertEquals(0xFEDC_BA98_7654_3210L + 0, m.orderReferenceNumber());
                    assertEquals(0xFFFF_FFFEL - 1, m.executedShares());
                    assertEquals(0xFEDC_BA98_7654_3210L + 2, m.matchNumber());
                }),
            type('C', 36, OrderExecutedWithPrice.LENGTH, OrderExecutedWithPrice.class,
                (b, o) -> ItchEncoder.orderExecutedWithPrice(b, o, LOCATE, TRACKING, TIMESTAMP, 0xFEDC_BA98_7654_3210L + 0, 0xFFFF_FFFEL - 1, 0xFEDC_BA98_7654_3210L + 2, (byte)'Z', 0x8765_4321L - 4),
                m ->
                {
                    assertEquals(0xFEDC_BA98_7654_3210L + 0, m.orderReferenceNumber());
                    assertEquals(0xFFFF_FFFEL - 1, m.executedShares());
                    assertEquals(0xFEDC_BA98_7654_3210L + 2, m.matchNumber());
                    assertEquals((byte)'Z', m.printable());
                    assertEquals(0x8765_4321L - 4, m.executionPrice());
                }),
            type('X', 23, OrderCancel.LENGTH, OrderCancel.class,
                (b, o) -> ItchEncoder.orderCancel(b, o, LOCATE, TRACKING, TIMESTAMP, 0xFEDC_BA98_7654_3210L + 0, 0xFFFF_FFFEL - 1),
                m ->
                {
                    assertEquals(0xFEDC_BA98_7654_3210L + 0, m.orderReferenceNumber());
                    assertEquals(0xFFFF_FFFEL - 1, m.cancelledShares());
                }),
            type('D', 19, OrderDelete.LENGTH, OrderDelete.class,
                (b, o) -> ItchEncoder.orderDelete(b, o, LOCATE, TRACKING, TIMESTAMP, 0xFEDC_BA98_7654_3210L + 0),
                m ->
                {
                    assertEquals(0xFEDC_BA98_7654_3210L + 0, m.orderReferenceNumber());
                }),
            type('U', 35, OrderReplace.LENGTH, OrderReplace.class,
                (b, o) -> ItchEncoder.orderReplace(b, o, LOCATE, TRACKING, TIMESTAMP, 0xFEDC_BA98_7654_3210L + 0, 0xFEDC_BA98_7654_3210L + 1, 0xFFFF_FFFEL - 2, 0x8765_4321L - 3),
                m ->
                {
                    assertEquals(0xFEDC_BA98_7654_3210L + 0, m.originalOrderReferenceNumber());
                    assertEquals(0xFEDC_BA98_7654_3210L + 1, m.newOrderReferenceNumber());
                    assertEquals(0xFFFF_FFFEL - 2, m.shares());
                    assertEquals(0x8765_4321L - 3, m.price());
                }),
            type('P', 44, Trade.LENGTH, Trade.class,
                (b, o) -> ItchEncoder.trade(b, o, LOCATE, TRACKING, TIMESTAMP, 0xFEDC_BA98_7654_3210L + 0, (byte)'Z', 0xFFFF_FFFEL - 2, Symbols.fromString("AAPL"), 0x8765_4321L - 4, 0xFEDC_BA98_7654_3210L + 5),
                m ->
                {
                    assertEquals(0xFEDC_BA98_7654_3210L + 0, m.orderReferenceNumber());
                    assertEquals((byte)'Z', m.buySellIndicator());
                    assertEquals(0xFFFF_FFFEL - 2, m.shares());
                    assertEquals(Symbols.fromString("AAPL"), m.stock());
                    assertEquals(0x8765_4321L - 4, m.price());
                    assertEquals(0xFEDC_BA98_7654_3210L + 5, m.matchNumber());
                }),
            type('Q', 40, CrossTrade.LENGTH, CrossTrade.class,
                (b, o) -> ItchEncoder.crossTrade(b, o, LOCATE, TRACKING, TIMESTAMP, 0xFEDC_BA98_7654_3210L + 0, Symbols.fromString("AAPL"), 0x8765_4321L - 2, 0xFEDC_BA98_7654_3210L + 3, (byte)'Z'),
                m ->
                {
                    assertEquals(0xFEDC_BA98_7654_3210L + 0, m.shares());
                    assertEquals(Symbols.fromString("AAPL"), m.stock());
                    assertEquals(0x8765_4321L - 2, m.crossPrice());
                    assertEquals(0xFEDC_BA98_7654_3210L + 3, m.matchNumber());
                    assertEquals((byte)'Z', m.crossType());
                }),
            type('B', 19, BrokenTrade.LENGTH, BrokenTrade.class,
                (b, o) -> ItchEncoder.brokenTrade(b, o, LOCATE, TRACKING, TIMESTAMP, 0xFEDC_BA98_7654_3210L + 0),
                m ->
                {
                    assertEquals(0xFEDC_BA98_7654_3210L + 0, m.matchNumber());
                }),
            type('I', 50, Noii.LENGTH, Noii.class,
                (b, o) -> ItchEncoder.noii(b, o, LOCATE, TRACKING, TIMESTAMP, 0xFEDC_BA98_7654_3210L + 0, 0xFEDC_BA98_7654_3210L + 1, (byte)'Z', Symbols.fromString("AAPL"), 0x8765_4321L - 4, 0x8765_4321L - 5, 0x8765_4321L - 6, (byte)'Z', (byte)'Z'),
                m ->
                {
                    assertEquals(0xFEDC_BA98_7654_3210L + 0, m.pairedShares());
                    assertEquals(0xFEDC_BA98_7654_3210L + 1, m.imbalanceShares());
                    assertEquals((byte)'Z', m.imbalanceDirection());
                    assertEquals(Symbols.fromString("AAPL"), m.stock());
                    assertEquals(0x8765_4321L - 4, m.farPrice());
                    assertEquals(0x8765_4321L - 5, m.nearPrice());
                    assertEquals(0x8765_4321L - 6, m.currentReferencePrice());
                    assertEquals((byte)'Z', m.crossType());
                    assertEquals((byte)'Z', m.priceVariationIndicator());
                }),
            type('N', 20, RetailPriceImprovementIndicator.LENGTH, RetailPriceImprovementIndicator.class,
                (b, o) -> ItchEncoder.retailPriceImprovementIndicator(b, o, LOCATE, TRACKING, TIMESTAMP, Symbols.fromString("AAPL"), (byte)'Z'),
                m ->
                {
                    assertEquals(Symbols.fromString("AAPL"), m.stock());
                    assertEquals((byte)'Z', m.interestFlag());
                }),
            type('O', 48, DlcrPriceDiscovery.LENGTH, DlcrPriceDiscovery.class,
                (b, o) -> ItchEncoder.dlcrPriceDiscovery(b, o, LOCATE, TRACKING, TIMESTAMP, Symbols.fromString("AAPL"), (byte)'Z', 0x8765_4321L - 2, 0x8765_4321L - 3, 0x8765_4321L - 4, 0xFEDC_BA98_7654_3210L + 5, 0x8765_4321L - 6, 0x8765_4321L - 7),
                m ->
                {
                    assertEquals(Symbols.fromString("AAPL"), m.stock());
                    assertEquals((byte)'Z', m.openEligibilityStatus());
                    assertEquals(0x8765_4321L - 2, m.minimumAllowablePrice());
                    assertEquals(0x8765_4321L - 3, m.maximumAllowablePrice());
                    assertEquals(0x8765_4321L - 4, m.nearExecutionPrice());
                    assertEquals(0xFEDC_BA98_7654_3210L + 5, m.nearExecutionTime());
                    assertEquals(0x8765_4321L - 6, m.lowerPriceRangeCollar());
                    assertEquals(0x8765_4321L - 7, m.upperPriceRangeCollar());
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyType")
    void shouldRoundTripEveryFieldOfTheType(final RoundTrip<?> trip)
    {
        roundTrip(trip);
    }

    private <M extends ItchMessage> void roundTrip(final RoundTrip<M> trip)
    {
        final int length = trip.encoder().encode(buffer, OFFSET);
        assertEquals(trip.length(), length);
        assertEquals(trip.declaredLength(), ItchMessageTypes.length((byte)trip.type()));
        assertEquals(ItchDecoder.DECODED, decode(length));
        final M m = trip.kind().cast(recorder.last);
        assertEquals(trip.type(), m.messageType());
        assertHeader(m);
        trip.fields().accept(m);
        assertEquals(1, decoder.count((byte)trip.type()));
    }
}
