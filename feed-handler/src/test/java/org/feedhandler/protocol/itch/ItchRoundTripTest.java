package org.feedhandler.protocol.itch;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every message type, encoded by {@link ItchEncoder} and decoded back through {@link ItchDecoder},
 * with unsigned edge values: u16 locate above 2^15, u32 fields above 2^31, u64 fields with the
 * top bit set, a timestamp at the top of the 48-bit range. Generated from the spec's field table,
 * one test per type. {@link ItchRoundTripFramedTest} runs every test again through
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

    @Test
    void shouldRoundTripSystemEvent()
    {
        final int length = ItchEncoder.systemEvent(buffer, OFFSET, LOCATE, TRACKING, TIMESTAMP, (byte)'Z');
        assertEquals(12, length);
        assertEquals(SystemEvent.LENGTH, ItchMessageTypes.length((byte)'S'));
        assertEquals(ItchDecoder.DECODED, decode(length));
        final SystemEvent m = (SystemEvent)recorder.last;
        assertEquals('S', m.messageType());
        assertHeader(m);
        assertEquals((byte)'Z', m.eventCode());
        assertEquals(1, decoder.count((byte)'S'));
    }

    @Test
    void shouldRoundTripStockDirectory()
    {
        final int length = ItchEncoder.stockDirectory(buffer, OFFSET, LOCATE, TRACKING, TIMESTAMP, Symbols.fromString("AAPL"), (byte)'Z', (byte)'Z', 0xFFFF_FFFEL - 3, (byte)'Z', (byte)'Z', 0x5859, (byte)'Z', (byte)'Z', (byte)'Z', (byte)'Z', (byte)'Z', 0xFFFF_FFFEL - 12, (byte)'Z');
        assertEquals(39, length);
        assertEquals(StockDirectory.LENGTH, ItchMessageTypes.length((byte)'R'));
        assertEquals(ItchDecoder.DECODED, decode(length));
        final StockDirectory m = (StockDirectory)recorder.last;
        assertEquals('R', m.messageType());
        assertHeader(m);
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
        assertEquals(1, decoder.count((byte)'R'));
    }

    @Test
    void shouldRoundTripStockTradingAction()
    {
        final int length = ItchEncoder.stockTradingAction(buffer, OFFSET, LOCATE, TRACKING, TIMESTAMP, Symbols.fromString("AAPL"), (byte)'Z', (byte)'Z', 0x41424344);
        assertEquals(25, length);
        assertEquals(StockTradingAction.LENGTH, ItchMessageTypes.length((byte)'H'));
        assertEquals(ItchDecoder.DECODED, decode(length));
        final StockTradingAction m = (StockTradingAction)recorder.last;
        assertEquals('H', m.messageType());
        assertHeader(m);
        assertEquals(Symbols.fromString("AAPL"), m.stock());
        assertEquals((byte)'Z', m.tradingState());
        assertEquals((byte)'Z', m.reserved());
        assertEquals(0x41424344, m.reason());
        assertEquals(1, decoder.count((byte)'H'));
    }

    @Test
    void shouldRoundTripRegShoRestriction()
    {
        final int length = ItchEncoder.regShoRestriction(buffer, OFFSET, LOCATE, TRACKING, TIMESTAMP, Symbols.fromString("AAPL"), (byte)'Z');
        assertEquals(20, length);
        assertEquals(RegShoRestriction.LENGTH, ItchMessageTypes.length((byte)'Y'));
        assertEquals(ItchDecoder.DECODED, decode(length));
        final RegShoRestriction m = (RegShoRestriction)recorder.last;
        assertEquals('Y', m.messageType());
        assertHeader(m);
        assertEquals(Symbols.fromString("AAPL"), m.stock());
        assertEquals((byte)'Z', m.regShoAction());
        assertEquals(1, decoder.count((byte)'Y'));
    }

    @Test
    void shouldRoundTripMarketParticipantPosition()
    {
        final int length = ItchEncoder.marketParticipantPosition(buffer, OFFSET, LOCATE, TRACKING, TIMESTAMP, 0x41424344, Symbols.fromString("AAPL"), (byte)'Z', (byte)'Z', (byte)'Z');
        assertEquals(26, length);
        assertEquals(MarketParticipantPosition.LENGTH, ItchMessageTypes.length((byte)'L'));
        assertEquals(ItchDecoder.DECODED, decode(length));
        final MarketParticipantPosition m = (MarketParticipantPosition)recorder.last;
        assertEquals('L', m.messageType());
        assertHeader(m);
        assertEquals(0x41424344, m.mpid());
        assertEquals(Symbols.fromString("AAPL"), m.stock());
        assertEquals((byte)'Z', m.primaryMarketMaker());
        assertEquals((byte)'Z', m.marketMakerMode());
        assertEquals((byte)'Z', m.marketParticipantState());
        assertEquals(1, decoder.count((byte)'L'));
    }

    @Test
    void shouldRoundTripMwcbDeclineLevel()
    {
        final int length = ItchEncoder.mwcbDeclineLevel(buffer, OFFSET, LOCATE, TRACKING, TIMESTAMP, 0x8000_0000_0000_0001L + 0, 0x8000_0000_0000_0001L + 1, 0x8000_0000_0000_0001L + 2);
        assertEquals(35, length);
        assertEquals(MwcbDeclineLevel.LENGTH, ItchMessageTypes.length((byte)'V'));
        assertEquals(ItchDecoder.DECODED, decode(length));
        final MwcbDeclineLevel m = (MwcbDeclineLevel)recorder.last;
        assertEquals('V', m.messageType());
        assertHeader(m);
        assertEquals(0x8000_0000_0000_0001L + 0, m.level1());
        assertEquals(0x8000_0000_0000_0001L + 1, m.level2());
        assertEquals(0x8000_0000_0000_0001L + 2, m.level3());
        assertEquals(1, decoder.count((byte)'V'));
    }

    @Test
    void shouldRoundTripMwcbStatus()
    {
        final int length = ItchEncoder.mwcbStatus(buffer, OFFSET, LOCATE, TRACKING, TIMESTAMP, (byte)'Z');
        assertEquals(12, length);
        assertEquals(MwcbStatus.LENGTH, ItchMessageTypes.length((byte)'W'));
        assertEquals(ItchDecoder.DECODED, decode(length));
        final MwcbStatus m = (MwcbStatus)recorder.last;
        assertEquals('W', m.messageType());
        assertHeader(m);
        assertEquals((byte)'Z', m.breachedLevel());
        assertEquals(1, decoder.count((byte)'W'));
    }

    @Test
    void shouldRoundTripIpoQuotingPeriodUpdate()
    {
        final int length = ItchEncoder.ipoQuotingPeriodUpdate(buffer, OFFSET, LOCATE, TRACKING, TIMESTAMP, Symbols.fromString("AAPL"), 0xFFFF_FFFEL - 1, (byte)'Z', 0x8765_4321L - 3);
        assertEquals(28, length);
        assertEquals(IpoQuotingPeriodUpdate.LENGTH, ItchMessageTypes.length((byte)'K'));
        assertEquals(ItchDecoder.DECODED, decode(length));
        final IpoQuotingPeriodUpdate m = (IpoQuotingPeriodUpdate)recorder.last;
        assertEquals('K', m.messageType());
        assertHeader(m);
        assertEquals(Symbols.fromString("AAPL"), m.stock());
        assertEquals(0xFFFF_FFFEL - 1, m.ipoQuotationReleaseTime());
        assertEquals((byte)'Z', m.ipoQuotationReleaseQualifier());
        assertEquals(0x8765_4321L - 3, m.ipoPrice());
        assertEquals(1, decoder.count((byte)'K'));
    }

    @Test
    void shouldRoundTripLuldAuctionCollar()
    {
        final int length = ItchEncoder.luldAuctionCollar(buffer, OFFSET, LOCATE, TRACKING, TIMESTAMP, Symbols.fromString("AAPL"), 0x8765_4321L - 1, 0x8765_4321L - 2, 0x8765_4321L - 3, 0xFFFF_FFFEL - 4);
        assertEquals(35, length);
        assertEquals(LuldAuctionCollar.LENGTH, ItchMessageTypes.length((byte)'J'));
        assertEquals(ItchDecoder.DECODED, decode(length));
        final LuldAuctionCollar m = (LuldAuctionCollar)recorder.last;
        assertEquals('J', m.messageType());
        assertHeader(m);
        assertEquals(Symbols.fromString("AAPL"), m.stock());
        assertEquals(0x8765_4321L - 1, m.auctionCollarReferencePrice());
        assertEquals(0x8765_4321L - 2, m.upperAuctionCollarPrice());
        assertEquals(0x8765_4321L - 3, m.lowerAuctionCollarPrice());
        assertEquals(0xFFFF_FFFEL - 4, m.auctionCollarExtension());
        assertEquals(1, decoder.count((byte)'J'));
    }

    @Test
    void shouldRoundTripOperationalHalt()
    {
        final int length = ItchEncoder.operationalHalt(buffer, OFFSET, LOCATE, TRACKING, TIMESTAMP, Symbols.fromString("AAPL"), (byte)'Z', (byte)'Z');
        assertEquals(21, length);
        assertEquals(OperationalHalt.LENGTH, ItchMessageTypes.length((byte)'h'));
        assertEquals(ItchDecoder.DECODED, decode(length));
        final OperationalHalt m = (OperationalHalt)recorder.last;
        assertEquals('h', m.messageType());
        assertHeader(m);
        assertEquals(Symbols.fromString("AAPL"), m.stock());
        assertEquals((byte)'Z', m.marketCode());
        assertEquals((byte)'Z', m.operationalHaltAction());
        assertEquals(1, decoder.count((byte)'h'));
    }

    @Test
    void shouldRoundTripAddOrder()
    {
        final int length = ItchEncoder.addOrder(buffer, OFFSET, LOCATE, TRACKING, TIMESTAMP, 0xFEDC_BA98_7654_3210L + 0, (byte)'Z', 0xFFFF_FFFEL - 2, Symbols.fromString("AAPL"), 0x8765_4321L - 4);
        assertEquals(36, length);
        assertEquals(AddOrder.LENGTH, ItchMessageTypes.length((byte)'A'));
        assertEquals(ItchDecoder.DECODED, decode(length));
        final AddOrder m = (AddOrder)recorder.last;
        assertEquals('A', m.messageType());
        assertHeader(m);
        assertEquals(0xFEDC_BA98_7654_3210L + 0, m.orderReferenceNumber());
        assertEquals((byte)'Z', m.buySellIndicator());
        assertEquals(0xFFFF_FFFEL - 2, m.shares());
        assertEquals(Symbols.fromString("AAPL"), m.stock());
        assertEquals(0x8765_4321L - 4, m.price());
        assertEquals(1, decoder.count((byte)'A'));
    }

    @Test
    void shouldRoundTripAddOrderMpid()
    {
        final int length = ItchEncoder.addOrderMpid(buffer, OFFSET, LOCATE, TRACKING, TIMESTAMP, 0xFEDC_BA98_7654_3210L + 0, (byte)'Z', 0xFFFF_FFFEL - 2, Symbols.fromString("AAPL"), 0x8765_4321L - 4, 0x41424344);
        assertEquals(40, length);
        assertEquals(AddOrderMpid.LENGTH, ItchMessageTypes.length((byte)'F'));
        assertEquals(ItchDecoder.DECODED, decode(length));
        final AddOrderMpid m = (AddOrderMpid)recorder.last;
        assertEquals('F', m.messageType());
        assertHeader(m);
        assertEquals(0xFEDC_BA98_7654_3210L + 0, m.orderReferenceNumber());
        assertEquals((byte)'Z', m.buySellIndicator());
        assertEquals(0xFFFF_FFFEL - 2, m.shares());
        assertEquals(Symbols.fromString("AAPL"), m.stock());
        assertEquals(0x8765_4321L - 4, m.price());
        assertEquals(0x41424344, m.attribution());
        assertEquals(1, decoder.count((byte)'F'));
    }

    @Test
    void shouldRoundTripOrderExecuted()
    {
        final int length = ItchEncoder.orderExecuted(buffer, OFFSET, LOCATE, TRACKING, TIMESTAMP, 0xFEDC_BA98_7654_3210L + 0, 0xFFFF_FFFEL - 1, 0xFEDC_BA98_7654_3210L + 2);
        assertEquals(31, length);
        assertEquals(OrderExecuted.LENGTH, ItchMessageTypes.length((byte)'E'));
        assertEquals(ItchDecoder.DECODED, decode(length));
        final OrderExecuted m = (OrderExecuted)recorder.last;
        assertEquals('E', m.messageType());
        assertHeader(m);
        assertEquals(0xFEDC_BA98_7654_3210L + 0, m.orderReferenceNumber());
        assertEquals(0xFFFF_FFFEL - 1, m.executedShares());
        assertEquals(0xFEDC_BA98_7654_3210L + 2, m.matchNumber());
        assertEquals(1, decoder.count((byte)'E'));
    }

    @Test
    void shouldRoundTripOrderExecutedWithPrice()
    {
        final int length = ItchEncoder.orderExecutedWithPrice(buffer, OFFSET, LOCATE, TRACKING, TIMESTAMP, 0xFEDC_BA98_7654_3210L + 0, 0xFFFF_FFFEL - 1, 0xFEDC_BA98_7654_3210L + 2, (byte)'Z', 0x8765_4321L - 4);
        assertEquals(36, length);
        assertEquals(OrderExecutedWithPrice.LENGTH, ItchMessageTypes.length((byte)'C'));
        assertEquals(ItchDecoder.DECODED, decode(length));
        final OrderExecutedWithPrice m = (OrderExecutedWithPrice)recorder.last;
        assertEquals('C', m.messageType());
        assertHeader(m);
        assertEquals(0xFEDC_BA98_7654_3210L + 0, m.orderReferenceNumber());
        assertEquals(0xFFFF_FFFEL - 1, m.executedShares());
        assertEquals(0xFEDC_BA98_7654_3210L + 2, m.matchNumber());
        assertEquals((byte)'Z', m.printable());
        assertEquals(0x8765_4321L - 4, m.executionPrice());
        assertEquals(1, decoder.count((byte)'C'));
    }

    @Test
    void shouldRoundTripOrderCancel()
    {
        final int length = ItchEncoder.orderCancel(buffer, OFFSET, LOCATE, TRACKING, TIMESTAMP, 0xFEDC_BA98_7654_3210L + 0, 0xFFFF_FFFEL - 1);
        assertEquals(23, length);
        assertEquals(OrderCancel.LENGTH, ItchMessageTypes.length((byte)'X'));
        assertEquals(ItchDecoder.DECODED, decode(length));
        final OrderCancel m = (OrderCancel)recorder.last;
        assertEquals('X', m.messageType());
        assertHeader(m);
        assertEquals(0xFEDC_BA98_7654_3210L + 0, m.orderReferenceNumber());
        assertEquals(0xFFFF_FFFEL - 1, m.cancelledShares());
        assertEquals(1, decoder.count((byte)'X'));
    }

    @Test
    void shouldRoundTripOrderDelete()
    {
        final int length = ItchEncoder.orderDelete(buffer, OFFSET, LOCATE, TRACKING, TIMESTAMP, 0xFEDC_BA98_7654_3210L + 0);
        assertEquals(19, length);
        assertEquals(OrderDelete.LENGTH, ItchMessageTypes.length((byte)'D'));
        assertEquals(ItchDecoder.DECODED, decode(length));
        final OrderDelete m = (OrderDelete)recorder.last;
        assertEquals('D', m.messageType());
        assertHeader(m);
        assertEquals(0xFEDC_BA98_7654_3210L + 0, m.orderReferenceNumber());
        assertEquals(1, decoder.count((byte)'D'));
    }

    @Test
    void shouldRoundTripOrderReplace()
    {
        final int length = ItchEncoder.orderReplace(buffer, OFFSET, LOCATE, TRACKING, TIMESTAMP, 0xFEDC_BA98_7654_3210L + 0, 0xFEDC_BA98_7654_3210L + 1, 0xFFFF_FFFEL - 2, 0x8765_4321L - 3);
        assertEquals(35, length);
        assertEquals(OrderReplace.LENGTH, ItchMessageTypes.length((byte)'U'));
        assertEquals(ItchDecoder.DECODED, decode(length));
        final OrderReplace m = (OrderReplace)recorder.last;
        assertEquals('U', m.messageType());
        assertHeader(m);
        assertEquals(0xFEDC_BA98_7654_3210L + 0, m.originalOrderReferenceNumber());
        assertEquals(0xFEDC_BA98_7654_3210L + 1, m.newOrderReferenceNumber());
        assertEquals(0xFFFF_FFFEL - 2, m.shares());
        assertEquals(0x8765_4321L - 3, m.price());
        assertEquals(1, decoder.count((byte)'U'));
    }

    @Test
    void shouldRoundTripTrade()
    {
        final int length = ItchEncoder.trade(buffer, OFFSET, LOCATE, TRACKING, TIMESTAMP, 0xFEDC_BA98_7654_3210L + 0, (byte)'Z', 0xFFFF_FFFEL - 2, Symbols.fromString("AAPL"), 0x8765_4321L - 4, 0xFEDC_BA98_7654_3210L + 5);
        assertEquals(44, length);
        assertEquals(Trade.LENGTH, ItchMessageTypes.length((byte)'P'));
        assertEquals(ItchDecoder.DECODED, decode(length));
        final Trade m = (Trade)recorder.last;
        assertEquals('P', m.messageType());
        assertHeader(m);
        assertEquals(0xFEDC_BA98_7654_3210L + 0, m.orderReferenceNumber());
        assertEquals((byte)'Z', m.buySellIndicator());
        assertEquals(0xFFFF_FFFEL - 2, m.shares());
        assertEquals(Symbols.fromString("AAPL"), m.stock());
        assertEquals(0x8765_4321L - 4, m.price());
        assertEquals(0xFEDC_BA98_7654_3210L + 5, m.matchNumber());
        assertEquals(1, decoder.count((byte)'P'));
    }

    @Test
    void shouldRoundTripCrossTrade()
    {
        final int length = ItchEncoder.crossTrade(buffer, OFFSET, LOCATE, TRACKING, TIMESTAMP, 0xFEDC_BA98_7654_3210L + 0, Symbols.fromString("AAPL"), 0x8765_4321L - 2, 0xFEDC_BA98_7654_3210L + 3, (byte)'Z');
        assertEquals(40, length);
        assertEquals(CrossTrade.LENGTH, ItchMessageTypes.length((byte)'Q'));
        assertEquals(ItchDecoder.DECODED, decode(length));
        final CrossTrade m = (CrossTrade)recorder.last;
        assertEquals('Q', m.messageType());
        assertHeader(m);
        assertEquals(0xFEDC_BA98_7654_3210L + 0, m.shares());
        assertEquals(Symbols.fromString("AAPL"), m.stock());
        assertEquals(0x8765_4321L - 2, m.crossPrice());
        assertEquals(0xFEDC_BA98_7654_3210L + 3, m.matchNumber());
        assertEquals((byte)'Z', m.crossType());
        assertEquals(1, decoder.count((byte)'Q'));
    }

    @Test
    void shouldRoundTripBrokenTrade()
    {
        final int length = ItchEncoder.brokenTrade(buffer, OFFSET, LOCATE, TRACKING, TIMESTAMP, 0xFEDC_BA98_7654_3210L + 0);
        assertEquals(19, length);
        assertEquals(BrokenTrade.LENGTH, ItchMessageTypes.length((byte)'B'));
        assertEquals(ItchDecoder.DECODED, decode(length));
        final BrokenTrade m = (BrokenTrade)recorder.last;
        assertEquals('B', m.messageType());
        assertHeader(m);
        assertEquals(0xFEDC_BA98_7654_3210L + 0, m.matchNumber());
        assertEquals(1, decoder.count((byte)'B'));
    }

    @Test
    void shouldRoundTripNoii()
    {
        final int length = ItchEncoder.noii(buffer, OFFSET, LOCATE, TRACKING, TIMESTAMP, 0xFEDC_BA98_7654_3210L + 0, 0xFEDC_BA98_7654_3210L + 1, (byte)'Z', Symbols.fromString("AAPL"), 0x8765_4321L - 4, 0x8765_4321L - 5, 0x8765_4321L - 6, (byte)'Z', (byte)'Z');
        assertEquals(50, length);
        assertEquals(Noii.LENGTH, ItchMessageTypes.length((byte)'I'));
        assertEquals(ItchDecoder.DECODED, decode(length));
        final Noii m = (Noii)recorder.last;
        assertEquals('I', m.messageType());
        assertHeader(m);
        assertEquals(0xFEDC_BA98_7654_3210L + 0, m.pairedShares());
        assertEquals(0xFEDC_BA98_7654_3210L + 1, m.imbalanceShares());
        assertEquals((byte)'Z', m.imbalanceDirection());
        assertEquals(Symbols.fromString("AAPL"), m.stock());
        assertEquals(0x8765_4321L - 4, m.farPrice());
        assertEquals(0x8765_4321L - 5, m.nearPrice());
        assertEquals(0x8765_4321L - 6, m.currentReferencePrice());
        assertEquals((byte)'Z', m.crossType());
        assertEquals((byte)'Z', m.priceVariationIndicator());
        assertEquals(1, decoder.count((byte)'I'));
    }

    @Test
    void shouldRoundTripRetailPriceImprovementIndicator()
    {
        final int length = ItchEncoder.retailPriceImprovementIndicator(buffer, OFFSET, LOCATE, TRACKING, TIMESTAMP, Symbols.fromString("AAPL"), (byte)'Z');
        assertEquals(20, length);
        assertEquals(RetailPriceImprovementIndicator.LENGTH, ItchMessageTypes.length((byte)'N'));
        assertEquals(ItchDecoder.DECODED, decode(length));
        final RetailPriceImprovementIndicator m = (RetailPriceImprovementIndicator)recorder.last;
        assertEquals('N', m.messageType());
        assertHeader(m);
        assertEquals(Symbols.fromString("AAPL"), m.stock());
        assertEquals((byte)'Z', m.interestFlag());
        assertEquals(1, decoder.count((byte)'N'));
    }

    @Test
    void shouldRoundTripDlcrPriceDiscovery()
    {
        final int length = ItchEncoder.dlcrPriceDiscovery(buffer, OFFSET, LOCATE, TRACKING, TIMESTAMP, Symbols.fromString("AAPL"), (byte)'Z', 0x8765_4321L - 2, 0x8765_4321L - 3, 0x8765_4321L - 4, 0xFEDC_BA98_7654_3210L + 5, 0x8765_4321L - 6, 0x8765_4321L - 7);
        assertEquals(48, length);
        assertEquals(DlcrPriceDiscovery.LENGTH, ItchMessageTypes.length((byte)'O'));
        assertEquals(ItchDecoder.DECODED, decode(length));
        final DlcrPriceDiscovery m = (DlcrPriceDiscovery)recorder.last;
        assertEquals('O', m.messageType());
        assertHeader(m);
        assertEquals(Symbols.fromString("AAPL"), m.stock());
        assertEquals((byte)'Z', m.openEligibilityStatus());
        assertEquals(0x8765_4321L - 2, m.minimumAllowablePrice());
        assertEquals(0x8765_4321L - 3, m.maximumAllowablePrice());
        assertEquals(0x8765_4321L - 4, m.nearExecutionPrice());
        assertEquals(0xFEDC_BA98_7654_3210L + 5, m.nearExecutionTime());
        assertEquals(0x8765_4321L - 6, m.lowerPriceRangeCollar());
        assertEquals(0x8765_4321L - 7, m.upperPriceRangeCollar());
        assertEquals(1, decoder.count((byte)'O'));
    }
}
