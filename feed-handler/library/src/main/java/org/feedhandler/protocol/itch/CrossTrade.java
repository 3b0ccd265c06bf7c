package org.feedhandler.protocol.itch;

/**
 * ITCH 5.0 Cross Trade ('Q'), 40 bytes. Flyweight: wrap, read, no allocation.
 * <pre>
 *  offset field (size, type) -- all integers big-endian, unsigned
 *     0  Message Type  'Q'  (1)
 *     1  Stock Locate       (2, u16)
 *     3  Tracking Number    (2, u16)
 *     5  Timestamp          (6, u48 ns since midnight)
 *    11  Shares (8 bytes: a published Java decoder reads 4 and shifts every later field)  (8, u64)
 *    19  Stock  (8, Alpha(8) stock symbol, big-endian long (see Symbols))
 *    27  Cross Price  (4, Price(4): u32, 4 implied decimals)
 *    31  Match Number  (8, u64)
 *    39  Cross Type  (1, Alpha(1))
 *    40  end; a longer message is accepted and the extra bytes are ignored
 * </pre>
 */
public final class CrossTrade extends ItchMessage
{
    public static final byte MESSAGE_TYPE = 'Q';
    public static final int LENGTH = 40;

    public static final int SHARES_OFFSET = 11;
    public static final int STOCK_OFFSET = 19;
    public static final int CROSS_PRICE_OFFSET = 27;
    public static final int MATCH_NUMBER_OFFSET = 31;
    public static final int CROSS_TYPE_OFFSET = 39;

    public byte messageType()
    {
        return MESSAGE_TYPE;
    }

    public int length()
    {
        return LENGTH;
    }

    /**
     * @return Shares (8 bytes: a published Java decoder reads 4 and shifts every later field) (u64).
     */
    public long shares()
    {
        return getLongBigEndian(SHARES_OFFSET);
    }

    /**
     * @return Stock (Alpha(8) stock symbol, big-endian long (see Symbols)).
     */
    public long stock()
    {
        return getLongBigEndian(STOCK_OFFSET);
    }

    /**
     * @return Cross Price (Price(4): u32, 4 implied decimals).
     */
    public long crossPrice()
    {
        return getIntBigEndian(CROSS_PRICE_OFFSET) & 0xFFFF_FFFFL;
    }

    /**
     * @return Match Number (u64).
     */
    public long matchNumber()
    {
        return getLongBigEndian(MATCH_NUMBER_OFFSET);
    }

    /**
     * @return Cross Type (Alpha(1)).
     */
    public byte crossType()
    {
        return getByte(CROSS_TYPE_OFFSET);
    }
}
