package org.feedhandler.protocol.itch;

/**
 * ITCH 5.0 Net Order Imbalance Indicator ('I'), 50 bytes. Flyweight: wrap, read, no allocation.
 * <pre>
 *  offset field (size, type) -- all integers big-endian, unsigned
 *     0  Message Type  'I'  (1)
 *     1  Stock Locate       (2, u16)
 *     3  Tracking Number    (2, u16)
 *     5  Timestamp          (6, u48 ns since midnight)
 *    11  Paired Shares  (8, u64)
 *    19  Imbalance Shares  (8, u64)
 *    27  Imbalance Direction  (1, Alpha(1))
 *    28  Stock  (8, Alpha(8) stock symbol, big-endian long (see Symbols))
 *    36  Far Price  (4, Price(4): u32, 4 implied decimals)
 *    40  Near Price  (4, Price(4): u32, 4 implied decimals)
 *    44  Current Reference Price  (4, Price(4): u32, 4 implied decimals)
 *    48  Cross Type  (1, Alpha(1))
 *    49  Price Variation Indicator  (1, Alpha(1))
 *    50  end; a longer message is accepted and the extra bytes are ignored
 * </pre>
 */
public final class Noii extends ItchMessage
{
    public static final byte MESSAGE_TYPE = 'I';
    public static final int LENGTH = 50;

    public static final int PAIRED_SHARES_OFFSET = 11;
    public static final int IMBALANCE_SHARES_OFFSET = 19;
    public static final int IMBALANCE_DIRECTION_OFFSET = 27;
    public static final int STOCK_OFFSET = 28;
    public static final int FAR_PRICE_OFFSET = 36;
    public static final int NEAR_PRICE_OFFSET = 40;
    public static final int CURRENT_REFERENCE_PRICE_OFFSET = 44;
    public static final int CROSS_TYPE_OFFSET = 48;
    public static final int PRICE_VARIATION_INDICATOR_OFFSET = 49;

    public byte messageType()
    {
        return MESSAGE_TYPE;
    }

    public int length()
    {
        return LENGTH;
    }

    /**
     * @return Paired Shares (u64).
     */
    public long pairedShares()
    {
        return getLongBigEndian(PAIRED_SHARES_OFFSET);
    }

    /**
     * @return Imbalance Shares (u64).
     */
    public long imbalanceShares()
    {
        return getLongBigEndian(IMBALANCE_SHARES_OFFSET);
    }

    /**
     * @return Imbalance Direction (Alpha(1)).
     */
    public byte imbalanceDirection()
    {
        return getByte(IMBALANCE_DIRECTION_OFFSET);
    }

    /**
     * @return Stock (Alpha(8) stock symbol, big-endian long (see Symbols)).
     */
    public long stock()
    {
        return getLongBigEndian(STOCK_OFFSET);
    }

    /**
     * @return Far Price (Price(4): u32, 4 implied decimals).
     */
    public long farPrice()
    {
        return getIntBigEndian(FAR_PRICE_OFFSET) & 0xFFFF_FFFFL;
    }

    /**
     * @return Near Price (Price(4): u32, 4 implied decimals).
     */
    public long nearPrice()
    {
        return getIntBigEndian(NEAR_PRICE_OFFSET) & 0xFFFF_FFFFL;
    }

    /**
     * @return Current Reference Price (Price(4): u32, 4 implied decimals).
     */
    public long currentReferencePrice()
    {
        return getIntBigEndian(CURRENT_REFERENCE_PRICE_OFFSET) & 0xFFFF_FFFFL;
    }

    /**
     * @return Cross Type (Alpha(1)).
     */
    public byte crossType()
    {
        return getByte(CROSS_TYPE_OFFSET);
    }

    /**
     * @return Price Variation Indicator (Alpha(1)).
     */
    public byte priceVariationIndicator()
    {
        return getByte(PRICE_VARIATION_INDICATOR_OFFSET);
    }
}
