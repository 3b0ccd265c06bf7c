package org.feedhandler.protocol.itch;

/**
 * ITCH 5.0 Broken Trade ('B'), 19 bytes. Flyweight: wrap, read, no allocation.
 * <pre>
 *  offset field (size, type) -- all integers big-endian, unsigned
 *     0  Message Type  'B'  (1)
 *     1  Stock Locate       (2, u16)
 *     3  Tracking Number    (2, u16)
 *     5  Timestamp          (6, u48 ns since midnight)
 *    11  Match Number  (8, u64)
 *    19  end; a longer message is accepted and the extra bytes are ignored
 * </pre>
 */
public final class BrokenTrade extends ItchMessage
{
    public static final byte MESSAGE_TYPE = 'B';
    public static final int LENGTH = 19;

    public static final int MATCH_NUMBER_OFFSET = 11;

    public byte messageType()
    {
        return MESSAGE_TYPE;
    }

    public int length()
    {
        return LENGTH;
    }

    /**
     * @return Match Number (u64).
     */
    public long matchNumber()
    {
        return getLongBigEndian(MATCH_NUMBER_OFFSET);
    }
}
