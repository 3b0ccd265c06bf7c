package org.feedhandler.protocol.itch;

/**
 * ITCH 5.0 Order Executed ('E'), 31 bytes. Flyweight: wrap, read, no allocation.
 * <pre>
 *  offset field (size, type) -- all integers big-endian, unsigned
 *     0  Message Type  'E'  (1)
 *     1  Stock Locate       (2, u16)
 *     3  Tracking Number    (2, u16)
 *     5  Timestamp          (6, u48 ns since midnight)
 *    11  Order Reference Number  (8, u64)
 *    19  Executed Shares  (4, u32)
 *    23  Match Number  (8, u64)
 *    31  end; a longer message is accepted and the extra bytes are ignored
 * </pre>
 */
public final class OrderExecuted extends ItchMessage
{
    public static final byte MESSAGE_TYPE = 'E';
    public static final int LENGTH = 31;

    public static final int ORDER_REFERENCE_NUMBER_OFFSET = 11;
    public static final int EXECUTED_SHARES_OFFSET = 19;
    public static final int MATCH_NUMBER_OFFSET = 23;

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
     * @return Executed Shares (u32).
     */
    public long executedShares()
    {
        return getIntBigEndian(EXECUTED_SHARES_OFFSET) & 0xFFFF_FFFFL;
    }

    /**
     * @return Match Number (u64).
     */
    public long matchNumber()
    {
        return getLongBigEndian(MATCH_NUMBER_OFFSET);
    }
}
