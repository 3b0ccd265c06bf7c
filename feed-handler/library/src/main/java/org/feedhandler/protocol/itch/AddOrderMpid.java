package org.feedhandler.protocol.itch;

/**
 * ITCH 5.0 Add Order with MPID attribution ('F'), 40 bytes. Flyweight: wrap, read, no allocation.
 * <pre>
 *  offset field (size, type) -- all integers big-endian, unsigned
 *     0  Message Type  'F'  (1)
 *     1  Stock Locate       (2, u16)
 *     3  Tracking Number    (2, u16)
 *     5  Timestamp          (6, u48 ns since midnight)
 *    11  Order Reference Number  (8, u64)
 *    19  Buy/Sell Indicator  (1, Alpha(1))
 *    20  Shares  (4, u32)
 *    24  Stock  (8, Alpha(8) stock symbol, big-endian long (see Symbols))
 *    32  Price  (4, Price(4): u32, 4 implied decimals)
 *    36  Attribution  (4, Alpha(4))
 *    40  end; a longer message is accepted and the extra bytes are ignored
 * </pre>
 */
public final class AddOrderMpid extends ItchMessage
{
    public static final byte MESSAGE_TYPE = 'F';
    public static final int LENGTH = 40;

    public static final int ORDER_REFERENCE_NUMBER_OFFSET = 11;
    public static final int BUY_SELL_INDICATOR_OFFSET = 19;
    public static final int SHARES_OFFSET = 20;
    public static final int STOCK_OFFSET = 24;
    public static final int PRICE_OFFSET = 32;
    public static final int ATTRIBUTION_OFFSET = 36;

    public byte messageType()
    {
        return MESSAGE_TYPE;
    }

    public int length()
    {
        return LENGTH;
    }

    /**
     * @return Order Reference Number (u64).
     */
    public long orderReferenceNumber()
    {
        return getLongBigEndian(ORDER_REFERENCE_NUMBER_OFFSET);
    }

    /**
     * @return Buy/Sell Indicator (Alpha(1)).
     */
    public byte buySellIndicator()
    {
        return getByte(BUY_SELL_INDICATOR_OFFSET);
    }

    /**
     * @return Shares (u32).
     */
    public long shares()
    {
        return getIntBigEndian(SHARES_OFFSET) & 0xFFFF_FFFFL;
    }

    /**
     * @return Stock (Alpha(8) stock symbol, big-endian long (see Symbols)).
     */
    public long stock()
    {
        return getLongBigEndian(STOCK_OFFSET);
    }

    /**
     * @return Price (Price(4): u32, 4 implied decimals).
     */
    public long price()
    {
        return getIntBigEndian(PRICE_OFFSET) & 0xFFFF_FFFFL;
    }

    /**
     * @return Attribution (Alpha(4)).
     */
    public int attribution()
    {
        return getIntBigEndian(ATTRIBUTION_OFFSET);
    }
}
