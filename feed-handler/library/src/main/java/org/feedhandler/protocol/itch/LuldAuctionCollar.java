package org.feedhandler.protocol.itch;

/**
 * ITCH 5.0 LULD Auction Collar ('J'), 35 bytes. Flyweight: wrap, read, no allocation.
 * <pre>
 *  offset field (size, type) -- all integers big-endian, unsigned
 *     0  Message Type  'J'  (1)
 *     1  Stock Locate       (2, u16)
 *     3  Tracking Number    (2, u16)
 *     5  Timestamp          (6, u48 ns since midnight)
 *    11  Stock  (8, Alpha(8) stock symbol, big-endian long (see Symbols))
 *    19  Auction Collar Reference Price  (4, Price(4): u32, 4 implied decimals)
 *    23  Upper Auction Collar Price  (4, Price(4): u32, 4 implied decimals)
 *    27  Lower Auction Collar Price  (4, Price(4): u32, 4 implied decimals)
 *    31  Auction Collar Extension  (4, u32)
 *    35  end; a longer message is accepted and the extra bytes are ignored
 * </pre>
 */
public final class LuldAuctionCollar extends ItchMessage
{
    public static final byte MESSAGE_TYPE = 'J';
    public static final int LENGTH = 35;

    public static final int STOCK_OFFSET = 11;
    public static final int AUCTION_COLLAR_REFERENCE_PRICE_OFFSET = 19;
    public static final int UPPER_AUCTION_COLLAR_PRICE_OFFSET = 23;
    public static final int LOWER_AUCTION_COLLAR_PRICE_OFFSET = 27;
    public static final int AUCTION_COLLAR_EXTENSION_OFFSET = 31;

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
     * @return Auction Collar Reference Price (Price(4): u32, 4 implied decimals).
     */
    public long auctionCollarReferencePrice()
    {
        return getIntBigEndian(AUCTION_COLLAR_REFERENCE_PRICE_OFFSET) & 0xFFFF_FFFFL;
    }

    /**
     * @return Upper Auction Collar Price (Price(4): u32, 4 implied decimals).
     */
    public long upperAuctionCollarPrice()
    {
        return getIntBigEndian(UPPER_AUCTION_COLLAR_PRICE_OFFSET) & 0xFFFF_FFFFL;
    }

    /**
     * @return Lower Auction Collar Price (Price(4): u32, 4 implied decimals).
     */
    public long lowerAuctionCollarPrice()
    {
        return getIntBigEndian(LOWER_AUCTION_COLLAR_PRICE_OFFSET) & 0xFFFF_FFFFL;
    }

    /**
     * @return Auction Collar Extension (u32).
     */
    public long auctionCollarExtension()
    {
        return getIntBigEndian(AUCTION_COLLAR_EXTENSION_OFFSET) & 0xFFFF_FFFFL;
    }
}
