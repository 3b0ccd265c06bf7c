package org.feedhandler.protocol.itch;

/**
 * ITCH 5.0 IPO Quoting Period Update ('K'), 28 bytes. Flyweight: wrap, read, no allocation.
 * <pre>
 *  offset field (size, type) -- all integers big-endian, unsigned
 *     0  Message Type  'K'  (1)
 *     1  Stock Locate       (2, u16)
 *     3  Tracking Number    (2, u16)
 *     5  Timestamp          (6, u48 ns since midnight)
 *    11  Stock  (8, Alpha(8) stock symbol, big-endian long (see Symbols))
 *    19  IPO Quotation Release Time  (4, u32)
 *    23  IPO Quotation Release Qualifier  (1, Alpha(1))
 *    24  IPO Price  (4, Price(4): u32, 4 implied decimals)
 *    28  end; a longer message is accepted and the extra bytes are ignored
 * </pre>
 */
public final class IpoQuotingPeriodUpdate extends ItchMessage
{
    public static final byte MESSAGE_TYPE = 'K';
    public static final int LENGTH = 28;

    public static final int STOCK_OFFSET = 11;
    public static final int IPO_QUOTATION_RELEASE_TIME_OFFSET = 19;
    public static final int IPO_QUOTATION_RELEASE_QUALIFIER_OFFSET = 23;
    public static final int IPO_PRICE_OFFSET = 24;

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
     * @return IPO Quotation Release Time (u32).
     */
    public long ipoQuotationReleaseTime()
    {
        return getIntBigEndian(IPO_QUOTATION_RELEASE_TIME_OFFSET) & 0xFFFF_FFFFL;
    }

    /**
     * @return IPO Quotation Release Qualifier (Alpha(1)).
     */
    public byte ipoQuotationReleaseQualifier()
    {
        return getByte(IPO_QUOTATION_RELEASE_QUALIFIER_OFFSET);
    }

    /**
     * @return IPO Price (Price(4): u32, 4 implied decimals).
     */
    public long ipoPrice()
    {
        return getIntBigEndian(IPO_PRICE_OFFSET) & 0xFFFF_FFFFL;
    }
}
