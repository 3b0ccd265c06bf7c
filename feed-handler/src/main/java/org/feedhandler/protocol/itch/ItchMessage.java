package org.feedhandler.protocol.itch;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Base of the ITCH 5.0 flyweights: the 11-byte header every message starts with.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+-------------------------------+---------------+
 *  | Message Type  |       Stock Locate (u16)      | Tracking (u16)
 *  +---------------+-------------------------------+---------------+
 *    Tracking      |     Timestamp (u48, ns since midnight) ...
 *  +---------------+-----------------------------------------------+
 *    ... Timestamp                                 | body ...
 *  +-----------------------------------------------+
 * </pre>
 * All integers are big-endian and unsigned: u16 reads as {@code int}, u32 as {@code long}, u64 as
 * {@code long} (compare with {@link Long#compareUnsigned}, print with {@link Long#toUnsignedString}).
 */
public abstract class ItchMessage
{
    public static final int MESSAGE_TYPE_OFFSET = 0;
    public static final int STOCK_LOCATE_OFFSET = 1;
    public static final int TRACKING_NUMBER_OFFSET = 3;
    public static final int TIMESTAMP_OFFSET = 5;
    public static final int HEADER_LENGTH = 11;

    protected DirectBuffer buffer;
    protected int offset;
    protected int wireLength;

    /**
     * Wrap a message. The caller has checked that {@code length >= length()}.
     *
     * @param buffer holding the message.
     * @param offset of its type byte.
     * @param length on the wire, from the framing; may exceed {@link #length()}.
     */
    public final void wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.wireLength = length;
    }

    /**
     * @return the type byte this flyweight reads.
     */
    public abstract byte messageType();

    /**
     * @return the specification length of this message type.
     */
    public abstract int length();

    /**
     * @return the length on the wire (at least {@link #length()}; more when a newer spec added fields).
     */
    public final int wireLength()
    {
        return wireLength;
    }

    public final DirectBuffer buffer()
    {
        return buffer;
    }

    public final int offset()
    {
        return offset;
    }

    /**
     * @return Stock Locate, u16; 0 for market-wide messages.
     */
    public final int stockLocate()
    {
        return buffer.getShort(offset + STOCK_LOCATE_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * @return Tracking Number, u16.
     */
    public final int trackingNumber()
    {
        return buffer.getShort(offset + TRACKING_NUMBER_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * @return Timestamp, nanoseconds since midnight (48 bits).
     */
    public final long timestamp()
    {
        return timestamp(buffer, offset);
    }

    /**
     * Read the 48-bit timestamp of a message without wrapping it.
     *
     * @param buffer holding the message.
     * @param offset of the message.
     * @return nanoseconds since midnight.
     */
    public static long timestamp(final DirectBuffer buffer, final int offset)
    {
        return ((long)(buffer.getShort(offset + TIMESTAMP_OFFSET, BIG_ENDIAN) & 0xFFFF) << 32) |
            (buffer.getInt(offset + TIMESTAMP_OFFSET + 2, BIG_ENDIAN) & 0xFFFF_FFFFL);
    }
}
