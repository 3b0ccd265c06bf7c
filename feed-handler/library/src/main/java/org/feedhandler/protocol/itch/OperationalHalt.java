package org.feedhandler.protocol.itch;

/**
 * ITCH 5.0 Operational Halt ('h'), 21 bytes. Flyweight: wrap, read, no allocation.
 * <pre>
 *  offset field (size, type) -- all integers big-endian, unsigned
 *     0  Message Type  'h'  (1)
 *     1  Stock Locate       (2, u16)
 *     3  Tracking Number    (2, u16)
 *     5  Timestamp          (6, u48 ns since midnight)
 *    11  Stock  (8, Alpha(8) stock symbol, big-endian long (see Symbols))
 *    19  Market Code  (1, Alpha(1))
 *    20  Operational Halt Action  (1, Alpha(1))
 *    21  end; a longer message is accepted and the extra bytes are ignored
 * </pre>
 */
public final class OperationalHalt extends ItchMessage
{
    public static final byte MESSAGE_TYPE = 'h';
    public static final int LENGTH = 21;

    public static final int STOCK_OFFSET = 11;
    public static final int MARKET_CODE_OFFSET = 19;
    public static final int OPERATIONAL_HALT_ACTION_OFFSET = 20;

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
     * @return Market Code (Alpha(1)).
     */
    public byte marketCode()
    {
        return getByte(MARKET_CODE_OFFSET);
    }

    /**
     * @return Operational Halt Action (Alpha(1)).
     */
    public byte operationalHaltAction()
    {
        return getByte(OPERATIONAL_HALT_ACTION_OFFSET);
    }
}
