package org.feedhandler.protocol.itch;

/**
 * ITCH 5.0 Stock Trading Action ('H'), 25 bytes. Flyweight: wrap, read, no allocation.
 * <pre>
 *  offset field (size, type) -- all integers big-endian, unsigned
 *     0  Message Type  'H'  (1)
 *     1  Stock Locate       (2, u16)
 *     3  Tracking Number    (2, u16)
 *     5  Timestamp          (6, u48 ns since midnight)
 *    11  Stock  (8, Alpha(8) stock symbol, big-endian long (see Symbols))
 *    19  Trading State  (1, Alpha(1))
 *    20  Reserved  (1, Alpha(1))
 *    21  Reason  (4, Alpha(4))
 *    25  end; a longer message is accepted and the extra bytes are ignored
 * </pre>
 */
public final class StockTradingAction extends ItchMessage
{
    public static final byte MESSAGE_TYPE = 'H';
    public static final int LENGTH = 25;

    public static final int STOCK_OFFSET = 11;
    public static final int TRADING_STATE_OFFSET = 19;
    public static final int RESERVED_OFFSET = 20;
    public static final int REASON_OFFSET = 21;

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
     * @return Trading State (Alpha(1)).
     */
    public byte tradingState()
    {
        return getByte(TRADING_STATE_OFFSET);
    }

    /**
     * @return Reserved (Alpha(1)).
     */
    public byte reserved()
    {
        return getByte(RESERVED_OFFSET);
    }

    /**
     * @return Reason (Alpha(4)).
     */
    public int reason()
    {
        return getIntBigEndian(REASON_OFFSET);
    }
}
