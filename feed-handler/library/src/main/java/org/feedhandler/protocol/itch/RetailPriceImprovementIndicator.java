package org.feedhandler.protocol.itch;

/**
 * ITCH 5.0 Retail Price Improvement Indicator ('N'), 20 bytes. Flyweight: wrap, read, no allocation.
 * <pre>
 *  offset field (size, type) -- all integers big-endian, unsigned
 *     0  Message Type  'N'  (1)
 *     1  Stock Locate       (2, u16)
 *     3  Tracking Number    (2, u16)
 *     5  Timestamp          (6, u48 ns since midnight)
 *    11  Stock  (8, Alpha(8) stock symbol, big-endian long (see Symbols))
 *    19  Interest Flag  (1, Alpha(1))
 *    20  end; a longer message is accepted and the extra bytes are ignored
 * </pre>
 */
public final class RetailPriceImprovementIndicator extends ItchMessage
{
    public static final byte MESSAGE_TYPE = 'N';
    public static final int LENGTH = 20;

    public static final int STOCK_OFFSET = 11;
    public static final int INTEREST_FLAG_OFFSET = 19;

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
     * @return Interest Flag (Alpha(1)).
     */
    public byte interestFlag()
    {
        return getByte(INTEREST_FLAG_OFFSET);
    }
}
