package org.feedhandler.protocol.itch;

/**
 * ITCH 5.0 MWCB Status ('W'), 12 bytes. Flyweight: wrap, read, no allocation.
 * <pre>
 *  offset field (size, type) -- all integers big-endian, unsigned
 *     0  Message Type  'W'  (1)
 *     1  Stock Locate       (2, u16)
 *     3  Tracking Number    (2, u16)
 *     5  Timestamp          (6, u48 ns since midnight)
 *    11  Breached Level  (1, Alpha(1))
 *    12  end; a longer message is accepted and the extra bytes are ignored
 * </pre>
 */
public final class MwcbStatus extends ItchMessage
{
    public static final byte MESSAGE_TYPE = 'W';
    public static final int LENGTH = 12;

    public static final int BREACHED_LEVEL_OFFSET = 11;

    public byte messageType()
    {
        return MESSAGE_TYPE;
    }

    public int length()
    {
        return LENGTH;
    }

    /**
     * @return Breached Level (Alpha(1)).
     */
    public byte breachedLevel()
    {
        return getByte(BREACHED_LEVEL_OFFSET);
    }
}
