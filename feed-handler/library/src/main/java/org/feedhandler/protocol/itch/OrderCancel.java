package org.feedhandler.protocol.itch;

/**
 * ITCH 5.0 Order Cancel ('X'), 23 bytes. Flyweight: wrap, read, no allocation.
 * <pre>
 *  offset field (size, type) -- all integers big-endian, unsigned
 *     0  Message Type  'X'  (1)
 *     1  Stock Locate       (2, u16)
 *     3  Tracking Number    (2, u16)
 *     5  Timestamp          (6, u48 ns since midnight)
 *    11  Order Reference Number  (8, u64)
 *    19  Cancelled Shares  (4, u32)
 *    23  end; a longer message is accepted and the extra bytes are ignored
 * </pre>
 */
public final class OrderCancel extends ItchMessage
{
    public static final byte MESSAGE_TYPE = 'X';
    public static final int LENGTH = 23;

    public static final int ORDER_REFERENCE_NUMBER_OFFSET = 11;
    public static final int CANCELLED_SHARES_OFFSET = 19;

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
     * @return Cancelled Shares (u32).
     */
    public long cancelledShares()
    {
        return getIntBigEndian(CANCELLED_SHARES_OFFSET) & 0xFFFF_FFFFL;
    }
}
