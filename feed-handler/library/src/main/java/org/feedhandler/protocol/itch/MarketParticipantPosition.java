package org.feedhandler.protocol.itch;

/**
 * ITCH 5.0 Market Participant Position ('L'), 26 bytes. Flyweight: wrap, read, no allocation.
 * <pre>
 *  offset field (size, type) -- all integers big-endian, unsigned
 *     0  Message Type  'L'  (1)
 *     1  Stock Locate       (2, u16)
 *     3  Tracking Number    (2, u16)
 *     5  Timestamp          (6, u48 ns since midnight)
 *    11  MPID  (4, Alpha(4))
 *    15  Stock  (8, Alpha(8) stock symbol, big-endian long (see Symbols))
 *    23  Primary Market Maker  (1, Alpha(1))
 *    24  Market Maker Mode  (1, Alpha(1))
 *    25  Market Participant State  (1, Alpha(1))
 *    26  end; a longer message is accepted and the extra bytes are ignored
 * </pre>
 */
public final class MarketParticipantPosition extends ItchMessage
{
    public static final byte MESSAGE_TYPE = 'L';
    public static final int LENGTH = 26;

    public static final int MPID_OFFSET = 11;
    public static final int STOCK_OFFSET = 15;
    public static final int PRIMARY_MARKET_MAKER_OFFSET = 23;
    public static final int MARKET_MAKER_MODE_OFFSET = 24;
    public static final int MARKET_PARTICIPANT_STATE_OFFSET = 25;

    public byte messageType()
    {
        return MESSAGE_TYPE;
    }

    public int length()
    {
        return LENGTH;
    }

    /**
     * @return MPID (Alpha(4)).
     */
    public int mpid()
    {
        return getIntBigEndian(MPID_OFFSET);
    }

    /**
     * @return Stock (Alpha(8) stock symbol, big-endian long (see Symbols)).
     */
    public long stock()
    {
        return getLongBigEndian(STOCK_OFFSET);
    }

    /**
     * @return Primary Market Maker (Alpha(1)).
     */
    public byte primaryMarketMaker()
    {
        return getByte(PRIMARY_MARKET_MAKER_OFFSET);
    }

    /**
     * @return Market Maker Mode (Alpha(1)).
     */
    public byte marketMakerMode()
    {
        return getByte(MARKET_MAKER_MODE_OFFSET);
    }

    /**
     * @return Market Participant State (Alpha(1)).
     */
    public byte marketParticipantState()
    {
        return getByte(MARKET_PARTICIPANT_STATE_OFFSET);
    }
}
