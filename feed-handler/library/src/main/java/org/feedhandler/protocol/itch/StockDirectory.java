package org.feedhandler.protocol.itch;

/**
 * ITCH 5.0 Stock Directory ('R'), 39 bytes. Flyweight: wrap, read, no allocation.
 * <pre>
 *  offset field (size, type) -- all integers big-endian, unsigned
 *     0  Message Type  'R'  (1)
 *     1  Stock Locate       (2, u16)
 *     3  Tracking Number    (2, u16)
 *     5  Timestamp          (6, u48 ns since midnight)
 *    11  Stock  (8, Alpha(8) stock symbol, big-endian long (see Symbols))
 *    19  Market Category  (1, Alpha(1))
 *    20  Financial Status Indicator  (1, Alpha(1))
 *    21  Round Lot Size  (4, u32)
 *    25  Round Lots Only  (1, Alpha(1))
 *    26  Issue Classification  (1, Alpha(1))
 *    27  Issue Sub-Type  (2, Alpha(2))
 *    29  Authenticity  (1, Alpha(1))
 *    30  Short Sale Threshold Indicator  (1, Alpha(1))
 *    31  IPO Flag  (1, Alpha(1))
 *    32  LULD Reference Price Tier  (1, Alpha(1))
 *    33  ETP Flag  (1, Alpha(1))
 *    34  ETP Leverage Factor  (4, u32)
 *    38  Inverse Indicator  (1, Alpha(1))
 *    39  end; a longer message is accepted and the extra bytes are ignored
 * </pre>
 */
public final class StockDirectory extends ItchMessage
{
    public static final byte MESSAGE_TYPE = 'R';
    public static final int LENGTH = 39;

    public static final int STOCK_OFFSET = 11;
    public static final int MARKET_CATEGORY_OFFSET = 19;
    public static final int FINANCIAL_STATUS_INDICATOR_OFFSET = 20;
    public static final int ROUND_LOT_SIZE_OFFSET = 21;
    public static final int ROUND_LOTS_ONLY_OFFSET = 25;
    public static final int ISSUE_CLASSIFICATION_OFFSET = 26;
    public static final int ISSUE_SUB_TYPE_OFFSET = 27;
    public static final int AUTHENTICITY_OFFSET = 29;
    public static final int SHORT_SALE_THRESHOLD_INDICATOR_OFFSET = 30;
    public static final int IPO_FLAG_OFFSET = 31;
    public static final int LULD_REFERENCE_PRICE_TIER_OFFSET = 32;
    public static final int ETP_FLAG_OFFSET = 33;
    public static final int ETP_LEVERAGE_FACTOR_OFFSET = 34;
    public static final int INVERSE_INDICATOR_OFFSET = 38;

    public byte messageType()
    {
        return MESSAGE_TYPE;
    }

    public int length()
    {
        return LENGTH;
    }

    /**
     * @return Stock (Alpha(8) stock symbol, big-endian long (see Symbols)).
     */
    public long stock()
    {
        return getLongBigEndian(STOCK_OFFSET);
    }

    /**
     * @return Market Category (Alpha(1)).
     */
    public byte marketCategory()
    {
        return getByte(MARKET_CATEGORY_OFFSET);
    }

    /**
     * @return Financial Status Indicator (Alpha(1)).
     */
    public byte financialStatusIndicator()
    {
        return getByte(FINANCIAL_STATUS_INDICATOR_OFFSET);
    }

    /**
     * @return Round Lot Size (u32).
     */
    public long roundLotSize()
    {
        return getIntBigEndian(ROUND_LOT_SIZE_OFFSET) & 0xFFFF_FFFFL;
    }

    /**
     * @return Round Lots Only (Alpha(1)).
     */
    public byte roundLotsOnly()
    {
        return getByte(ROUND_LOTS_ONLY_OFFSET);
    }

    /**
     * @return Issue Classification (Alpha(1)).
     */
    public byte issueClassification()
    {
        return getByte(ISSUE_CLASSIFICATION_OFFSET);
    }

    /**
     * @return Issue Sub-Type (Alpha(2)).
     */
    public int issueSubType()
    {
        return getShortBigEndian(ISSUE_SUB_TYPE_OFFSET) & 0xFFFF;
    }

    /**
     * @return Authenticity (Alpha(1)).
     */
    public byte authenticity()
    {
        return getByte(AUTHENTICITY_OFFSET);
    }

    /**
     * @return Short Sale Threshold Indicator (Alpha(1)).
     */
    public byte shortSaleThresholdIndicator()
    {
        return getByte(SHORT_SALE_THRESHOLD_INDICATOR_OFFSET);
    }

    /**
     * @return IPO Flag (Alpha(1)).
     */
    public byte ipoFlag()
    {
        return getByte(IPO_FLAG_OFFSET);
    }

    /**
     * @return LULD Reference Price Tier (Alpha(1)).
     */
    public byte luldReferencePriceTier()
    {
        return getByte(LULD_REFERENCE_PRICE_TIER_OFFSET);
    }

    /**
     * @return ETP Flag (Alpha(1)).
     */
    public byte etpFlag()
    {
        return getByte(ETP_FLAG_OFFSET);
    }

    /**
     * @return ETP Leverage Factor (u32).
     */
    public long etpLeverageFactor()
    {
        return getIntBigEndian(ETP_LEVERAGE_FACTOR_OFFSET) & 0xFFFF_FFFFL;
    }

    /**
     * @return Inverse Indicator (Alpha(1)).
     */
    public byte inverseIndicator()
    {
        return getByte(INVERSE_INDICATOR_OFFSET);
    }
}
