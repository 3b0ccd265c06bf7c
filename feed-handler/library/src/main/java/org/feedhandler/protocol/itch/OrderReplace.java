package org.feedhandler.protocol.itch;

/**
 * ITCH 5.0 Order Replace ('U'), 35 bytes. Flyweight: wrap, read, no allocation.
 * <pre>
 *  offset field (size, type) -- all integers big-endian, unsigned
 *     0  Message Type  'U'  (1)
 *     1  Stock Locate       (2, u16)
 *     3  Tracking Number    (2, u16)
 *     5  Timestamp          (6, u48 ns since midnight)
 *    11  Original Order Reference Number  (8, u64)
 *    19  New Order Reference Number  (8, u64)
 *    27  Shares  (4, u32)
 *    31  Price  (4, Price(4): u32, 4 implied decimals)
 *    35  end; a longer message is accepted and the extra bytes are ignored
 * </pre>
 */
public final class OrderReplace extends ItchMessage
{
    public static final byte MESSAGE_TYPE = 'U';
    public static final int LENGTH = 35;

    public static final int ORIGINAL_ORDER_REFERENCE_NUMBER_OFFSET = 11;
    public static final int NEW_ORDER_REFERENCE_NUMBER_OFFSET = 19;
    public static final int SHARES_OFFSET = 27;
    public static final int PRICE_OFFSET = 31;

    public byte messageType()
    {
        return MESSAGE_TYPE;
    }

    public int length()
    {
        return LENGTH;
    }

    /**
     * @return Original Order Reference Number (u64).
     */
    public long originalOrderReferenceNumber()
    {
        return getLongBigEndian(ORIGINAL_ORDER_REFERENCE_NUMBER_OFFSET);
    }

    /**
     * @return New Order Reference Number (u64).
     */
    public long newOrderReferenceNumber()
    {
        return getLongBigEndian(NEW_ORDER_REFERENCE_NUMBER_OFFSET);
    }

    /**
     * @return Shares (u32).
     */
    public long shares()
    {
        return getIntBigEndian(SHARES_OFFSET) & 0xFFFF_FFFFL;
    }

    /**
     * @return Price (Price(4): u32, 4 implied decimals).
     */
    public long price()
    {
        return getIntBigEndian(PRICE_OFFSET) & 0xFFFF_FFFFL;
    }
}
