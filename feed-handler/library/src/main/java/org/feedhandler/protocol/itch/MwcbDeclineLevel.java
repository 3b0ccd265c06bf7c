package org.feedhandler.protocol.itch;

/**
 * ITCH 5.0 MWCB Decline Level ('V'), 35 bytes. Flyweight: wrap, read, no allocation.
 * <pre>
 *  offset field (size, type) -- all integers big-endian, unsigned
 *     0  Message Type  'V'  (1)
 *     1  Stock Locate       (2, u16)
 *     3  Tracking Number    (2, u16)
 *     5  Timestamp          (6, u48 ns since midnight)
 *    11  Level 1  (8, Price(8): u64, 8 implied decimals)
 *    19  Level 2  (8, Price(8): u64, 8 implied decimals)
 *    27  Level 3  (8, Price(8): u64, 8 implied decimals)
 *    35  end; a longer message is accepted and the extra bytes are ignored
 * </pre>
 */
public final class MwcbDeclineLevel extends ItchMessage
{
    public static final byte MESSAGE_TYPE = 'V';
    public static final int LENGTH = 35;

    public static final int LEVEL1_OFFSET = 11;
    public static final int LEVEL2_OFFSET = 19;
    public static final int LEVEL3_OFFSET = 27;

    public byte messageType()
    {
        return MESSAGE_TYPE;
    }

    public int length()
    {
        return LENGTH;
    }

    /**
     * @return Level 1 (Price(8): u64, 8 implied decimals).
     */
    public long level1()
    {
        return getLongBigEndian(LEVEL1_OFFSET);
    }

    /**
     * @return Level 2 (Price(8): u64, 8 implied decimals).
     */
    public long level2()
    {
        return getLongBigEndian(LEVEL2_OFFSET);
    }

    /**
     * @return Level 3 (Price(8): u64, 8 implied decimals).
     */
    public long level3()
    {
        return getLongBigEndian(LEVEL3_OFFSET);
    }
}
