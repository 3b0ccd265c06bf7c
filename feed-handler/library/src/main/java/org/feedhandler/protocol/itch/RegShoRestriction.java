package org.feedhandler.protocol.itch;

/**
 * ITCH 5.0 Reg SHO Restriction ('Y'), 20 bytes. Flyweight: wrap, read, no allocation.
 * <pre>
 *  offset field (size, type) -- all integers big-endian, unsigned
 *     0  Message Type  'Y'  (1)
 *     1  Stock Locate       (2, u16)
 *     3  Tracking Number    (2, u16)
 *     5  Timestamp          (6, u48 ns since midnight)
 *    11  Stock  (8, Alpha(8) stock symbol, big-endian long (see Symbols))
 *    19  Reg SHO Action  (1, Alpha(1))
 *    20  end; a longer message is accepted and the extra bytes are ignored
 * </pre>
 */
public final class RegShoRestriction extends ItchMessage
{
    public static final byte MESSAGE_TYPE = 'Y';
    public static final int LENGTH = 20;

    public static final int STOCK_OFFSET = 11;
    public static final int REG_SHO_ACTION_OFFSET = 19;

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
     * @return Reg SHO Action (Alpha(1)).
     */
    public byte regShoAction()
    {
        return getByte(REG_SHO_ACTION_OFFSET);
    }
}
