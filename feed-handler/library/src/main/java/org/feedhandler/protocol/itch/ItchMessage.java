package org.feedhandler.protocol.itch;

import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

import java.nio.ByteOrder;

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
 * <p>
 * <b>One bounds check per message, not one per field.</b> {@link #wrap} checks once that the whole
 * message, {@link #length()} bytes at least, lies inside the buffer's capacity, and keeps the
 * buffer's base array and address; the field getters then read with {@link UnsafeApi} at a constant
 * offset below {@link #length()}, which that one check covers. Agrona's per-read bounds check
 * ({@code agrona.disable.bounds.checks}) was a quarter of the decode cost (DecodeBenchmark,
 * bench/RESULTS.md) and is left on for the rest of the handler: a malformed message can never make a
 * flyweight read outside its buffer, with or without that property. The flyweight reads the memory
 * the buffer pointed to at {@code wrap} time: it is valid for the duration of the listener call only.
 */
public abstract class ItchMessage
{
    public static final int MESSAGE_TYPE_OFFSET = 0;
    public static final int STOCK_LOCATE_OFFSET = 1;
    public static final int TRACKING_NUMBER_OFFSET = 3;
    public static final int TIMESTAMP_OFFSET = 5;
    public static final int HEADER_LENGTH = 11;

    private static final long TIMESTAMP_MASK = 0xFFFF_FFFF_FFFFL;

    private static final boolean NATIVE_BIG_ENDIAN = ByteOrder.nativeOrder() == BIG_ENDIAN;

    protected DirectBuffer buffer;
    protected int offset;
    protected int wireLength;
    private byte[] byteArray;
    private long address;

    /**
     * Wrap a message, checking that it lies inside the buffer.
     *
     * @param buffer holding the message.
     * @param offset of its type byte.
     * @param length on the wire, from the framing; may exceed {@link #length()}.
     * @throws IndexOutOfBoundsException when {@code length < length()} or the message runs outside the buffer.
     */
    public final void wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < length() || !fits(buffer, offset, length))
        {
            throw new IndexOutOfBoundsException("message at " + offset + " length " + length + " (needs " + length() +
                ") outside a buffer of capacity " + buffer.capacity());
        }
        wrapChecked(buffer, offset, length);
    }

    /**
     * Wrap without checking: the caller ({@link ItchDecoder}) has checked {@code length >= length()} and
     * {@link #fits}, and passes the buffer's array and the message's address it has already read.
     */
    final void wrapChecked(
        final DirectBuffer buffer, final byte[] array, final long address, final int offset, final int length)
    {
        // Nearly always the same buffer and array: compare rather than store, which skips two reference
        // stores and their GC write barriers per message. The array is compared, not assumed from the
        // buffer, because a buffer can be re-wrapped over another array.
        if (this.buffer != buffer)
        {
            this.buffer = buffer;
        }
        if (this.byteArray != array)
        {
            this.byteArray = array;
        }
        this.offset = offset;
        this.wireLength = length;
        this.address = address;
    }

    final void wrapChecked(final DirectBuffer buffer, final int offset, final int length)
    {
        wrapChecked(buffer, buffer.byteArray(), buffer.addressOffset() + offset, offset, length);
    }

    /**
     * @param buffer holding a message.
     * @param offset of the message.
     * @param length of the message.
     * @return true when {@code [offset, offset + length)} lies inside the buffer's capacity.
     */
    static boolean fits(final DirectBuffer buffer, final int offset, final int length)
    {
        return offset >= 0 && length >= 0 && length <= buffer.capacity() - offset;
    }

    // Unchecked reads at a field offset below length(): wrap has checked the message lies in the buffer.

    protected final byte getByte(final int fieldOffset)
    {
        return UnsafeApi.getByte(byteArray, address + fieldOffset);
    }

    protected final short getShortBigEndian(final int fieldOffset)
    {
        return shortBigEndian(byteArray, address + fieldOffset);
    }

    /**
     * An unchecked big-endian u16 read at an array-and-address pair (as {@link DirectBuffer#byteArray()}
     * and {@link DirectBuffer#addressOffset()} give them), for callers that have checked the bounds:
     * the fields here, and {@link ItchDecoder}'s length prefixes.
     */
    static short shortBigEndian(final byte[] array, final long address)
    {
        final short value = UnsafeApi.getShort(array, address);
        return NATIVE_BIG_ENDIAN ? value : Short.reverseBytes(value);
    }

    protected final int getIntBigEndian(final int fieldOffset)
    {
        final int value = UnsafeApi.getInt(byteArray, address + fieldOffset);
        return NATIVE_BIG_ENDIAN ? value : Integer.reverseBytes(value);
    }

    protected final long getLongBigEndian(final int fieldOffset)
    {
        final long value = UnsafeApi.getLong(byteArray, address + fieldOffset);
        return NATIVE_BIG_ENDIAN ? value : Long.reverseBytes(value);
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
        return getShortBigEndian(STOCK_LOCATE_OFFSET) & 0xFFFF;
    }

    /**
     * @return Tracking Number, u16.
     */
    public final int trackingNumber()
    {
        return getShortBigEndian(TRACKING_NUMBER_OFFSET) & 0xFFFF;
    }

    /**
     * @return Timestamp, nanoseconds since midnight (48 bits).
     */
    public final long timestamp()
    {
        // one 8-byte read of Tracking Number and Timestamp (bytes 3..10, inside every message), low 48 bits
        return getLongBigEndian(TRACKING_NUMBER_OFFSET) & TIMESTAMP_MASK;
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
        return buffer.getLong(offset + TRACKING_NUMBER_OFFSET, BIG_ENDIAN) & TIMESTAMP_MASK;
    }
}
