package org.feedhandler.protocol.itch;

/**
 * The ITCH 5.0 message types this decoder knows, with their lengths. A type not listed here is
 * unknown: the framing's length prefix skips it, and it is counted.
 */
public final class ItchMessageTypes
{
    /** Number of message types known. */
    public static final int KNOWN_TYPES = 23;

    private static final int[] LENGTHS = new int[256];
    private static final String[] NAMES = new String[256];

    static
    {
        LENGTHS['S'] = SystemEvent.LENGTH;
        LENGTHS['R'] = StockDirectory.LENGTH;
        LENGTHS['H'] = StockTradingAction.LENGTH;
        LENGTHS['Y'] = RegShoRestriction.LENGTH;
        LENGTHS['L'] = MarketParticipantPosition.LENGTH;
        LENGTHS['V'] = MwcbDeclineLevel.LENGTH;
        LENGTHS['W'] = MwcbStatus.LENGTH;
        LENGTHS['K'] = IpoQuotingPeriodUpdate.LENGTH;
        LENGTHS['J'] = LuldAuctionCollar.LENGTH;
        LENGTHS['h'] = OperationalHalt.LENGTH;
        LENGTHS['A'] = AddOrder.LENGTH;
        LENGTHS['F'] = AddOrderMpid.LENGTH;
        LENGTHS['E'] = OrderExecuted.LENGTH;
        LENGTHS['C'] = OrderExecutedWithPrice.LENGTH;
        LENGTHS['X'] = OrderCancel.LENGTH;
        LENGTHS['D'] = OrderDelete.LENGTH;
        LENGTHS['U'] = OrderReplace.LENGTH;
        LENGTHS['P'] = Trade.LENGTH;
        LENGTHS['Q'] = CrossTrade.LENGTH;
        LENGTHS['B'] = BrokenTrade.LENGTH;
        LENGTHS['I'] = Noii.LENGTH;
        LENGTHS['N'] = RetailPriceImprovementIndicator.LENGTH;
        LENGTHS['O'] = DlcrPriceDiscovery.LENGTH;
        NAMES['S'] = "System Event";
        NAMES['R'] = "Stock Directory";
        NAMES['H'] = "Stock Trading Action";
        NAMES['Y'] = "Reg SHO Restriction";
        NAMES['L'] = "Market Participant Position";
        NAMES['V'] = "MWCB Decline Level";
        NAMES['W'] = "MWCB Status";
        NAMES['K'] = "IPO Quoting Period Update";
        NAMES['J'] = "LULD Auction Collar";
        NAMES['h'] = "Operational Halt";
        NAMES['A'] = "Add Order (no MPID attribution)";
        NAMES['F'] = "Add Order with MPID attribution";
        NAMES['E'] = "Order Executed";
        NAMES['C'] = "Order Executed With Price";
        NAMES['X'] = "Order Cancel";
        NAMES['D'] = "Order Delete";
        NAMES['U'] = "Order Replace";
        NAMES['P'] = "Trade (non-cross)";
        NAMES['Q'] = "Cross Trade";
        NAMES['B'] = "Broken Trade";
        NAMES['I'] = "Net Order Imbalance Indicator";
        NAMES['N'] = "Retail Price Improvement Indicator";
        NAMES['O'] = "Direct Listing with Capital Raise Price Discovery";
    }

    /**
     * @param messageType the type byte.
     * @return the specification length of the type, or 0 when the type is unknown.
     */
    public static int length(final byte messageType)
    {
        return LENGTHS[messageType & 0xFF];
    }

    /**
     * @param messageType the type byte.
     * @return true when the type is one of the 23 known.
     */
    public static boolean isKnown(final byte messageType)
    {
        return LENGTHS[messageType & 0xFF] != 0;
    }

    /**
     * @param messageType the type byte.
     * @return the specification's name of the type, or null when unknown.
     */
    public static String name(final byte messageType)
    {
        return NAMES[messageType & 0xFF];
    }

    /**
     * @return the known type bytes, in the order of the specification.
     */
    public static byte[] knownTypes()
    {
        return new byte[]{'S', 'R', 'H', 'Y', 'L', 'V', 'W', 'K', 'J', 'h', 'A', 'F', 'E', 'C', 'X', 'D', 'U', 'P', 'Q', 'B', 'I', 'N', 'O'};
    }

    private ItchMessageTypes()
    {
    }
}
