package org.feedhandler.protocol.itch;

/**
 * ITCH 5.0 Direct Listing with Capital Raise Price Discovery ('O'), 48 bytes. Flyweight: wrap, read, no allocation.
 * <pre>
 *  offset field (size, type) -- all integers big-endian, unsigned
 *     0  Message Type  'O'  (1)
 *     1  Stock Locate       (2, u16)
 *     3  Tracking Number    (2, u16)
 *     5  Timestamp          (6, u48 ns since midnight)
 *    11  Stock  (8, Alpha(8) stock symbol, big-endian long (see Symbols))
 *    19  Open Eligibility Status  (1, Alpha(1))
 *    20  Minimum Allowable Price  (4, Price(4): u32, 4 implied decimals)
 *    24  Maximum Allowable Price  (4, Price(4): u32, 4 implied decimals)
 *    28  Near Execution Price  (4, Price(4): u32, 4 implied decimals)
 *    32  Near Execution Time  (8, u64)
 *    40  Lower Price Range Collar  (4, Price(4): u32, 4 implied decimals)
 *    44  Upper Price Range Collar  (4, Price(4): u32, 4 implied decimals)
 *    48  end; a longer message is accepted and the extra bytes are ignored
 * </pre>
 */
public final class DlcrPriceDiscovery extends ItchMessage
{
    public static final byte MESSAGE_TYPE = 'O';
    public static final int LENGTH = 48;

    public static final int STOCK_OFFSET = 11;
    public static final int OPEN_ELIGIBILITY_STATUS_OFFSET = 19;
    public static final int MINIMUM_ALLOWABLE_PRICE_OFFSET = 20;
    public static final int MAXIMUM_ALLOWABLE_PRICE_OFFSET = 24;
    public static final int NEAR_EXECUTION_PRICE_OFFSET = 28;
    public static final int NEAR_EXECUTION_TIME_OFFSET = 32;
    public static final int LOWER_PRICE_RANGE_COLLAR_OFFSET = 40;
    public static final int UPPER_PRICE_RANGE_COLLAR_OFFSET = 44;

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
     * @return Open Eligibility Status (Alpha(1)).
     */
    public byte openEligibilityStatus()
    {
        return getByte(OPEN_ELIGIBILITY_STATUS_OFFSET);
    }

    /**
     * @return Minimum Allowable Price (Price(4): u32, 4 implied decimals).
     */
    public long minimumAllowablePrice()
    {
        return getIntBigEndian(MINIMUM_ALLOWABLE_PRICE_OFFSET) & 0xFFFF_FFFFL;
    }

    /**
     * @return Maximum Allowable Price (Price(4): u32, 4 implied decimals).
     */
    public long maximumAllowablePrice()
    {
        return getIntBigEndian(MAXIMUM_ALLOWABLE_PRICE_OFFSET) & 0xFFFF_FFFFL;
    }

    /**
     * @return Near Execution Price (Price(4): u32, 4 implied decimals).
     */
    public long nearExecutionPrice()
    {
        return getIntBigEndian(NEAR_EXECUTION_PRICE_OFFSET) & 0xFFFF_FFFFL;
    }

    /**
     * @return Near Execution Time (u64).
     */
    public long nearExecutionTime()
    {
        return getLongBigEndian(NEAR_EXECUTION_TIME_OFFSET);
    }

    /**
     * @return Lower Price Range Collar (Price(4): u32, 4 implied decimals).
     */
    public long lowerPriceRangeCollar()
    {
        return getIntBigEndian(LOWER_PRICE_RANGE_COLLAR_OFFSET) & 0xFFFF_FFFFL;
    }

    /**
     * @return Upper Price Range Collar (Price(4): u32, 4 implied decimals).
     */
    public long upperPriceRangeCollar()
    {
        return getIntBigEndian(UPPER_PRICE_RANGE_COLLAR_OFFSET) & 0xFFFF_FFFFL;
    }
}
