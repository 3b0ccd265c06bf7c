package org.feedhandler.protocol.moldudp64;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.feedhandler.protocol.BlockHandler;

import java.nio.charset.StandardCharsets;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * MoldUDP64 downstream packet and request packet layouts.
 * <pre>
 *  Downstream packet                          Request packet (unicast to the request server)
 *  offset size field                          offset size field
 *     0    10  Session (ASCII)                   0    10  Session
 *    10     8  Sequence Number (u64) of the     10     8  Sequence Number (first wanted)
 *              first message in the packet      18     2  Requested Message Count (u16)
 *    18     2  Message Count (u16)              20        end
 *    20     .  Message Count x message block
 *              [u16 length][length bytes]
 *
 *  Message Count 0      = heartbeat; Sequence Number is the next expected.
 *  Message Count 0xFFFF = end of session.
 * </pre>
 * The 10-byte session is carried as two primitives: its first 8 bytes as a big-endian long and its
 * last 2 as an int, so sessions compare without allocation.
 */
public final class MoldUdp64
{
    public static final int SESSION_OFFSET = 0;
    public static final int SESSION_LENGTH = 10;
    public static final int SEQUENCE_NUMBER_OFFSET = 10;
    public static final int MESSAGE_COUNT_OFFSET = 18;
    public static final int HEADER_LENGTH = 20;
    /** A message block's length field: the framing {@link BlockHandler} reads. */
    public static final int MESSAGE_LENGTH_FIELD_LENGTH = BlockHandler.LENGTH_PREFIX;

    public static final int HEARTBEAT_MESSAGE_COUNT = 0;
    public static final int END_OF_SESSION_MESSAGE_COUNT = 0xFFFF;

    public static final int REQUEST_LENGTH = 20;
    public static final int REQUESTED_COUNT_OFFSET = 18;

    /** The most messages one request may ask for (0xFFFF means end of session downstream). */
    public static final int MAX_REQUESTED_COUNT = 0xFFFE;

    /** Largest UDP payload the simulator builds: fits a 1500-byte Ethernet MTU with headers to spare. */
    public static final int DEFAULT_MAX_PACKET_LENGTH = 1400;

    public static long sessionHigh(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + SESSION_OFFSET, BIG_ENDIAN);
    }

    public static int sessionLow(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + SESSION_OFFSET + 8, BIG_ENDIAN) & 0xFFFF;
    }

    public static long sequenceNumber(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + SEQUENCE_NUMBER_OFFSET, BIG_ENDIAN);
    }

    public static int messageCount(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + MESSAGE_COUNT_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * @param buffer holding the packet.
     * @param offset of the packet.
     * @param length of the packet.
     * @return true when every one of the header's message blocks lies whole within the packet.
     */
    public static boolean blocksFit(final DirectBuffer buffer, final int offset, final int length)
    {
        final int count = messageCount(buffer, offset);
        final int limit = offset + length;
        int position = offset + HEADER_LENGTH;
        for (int i = 0; i < count && count != END_OF_SESSION_MESSAGE_COUNT; i++)
        {
            if (position + MESSAGE_LENGTH_FIELD_LENGTH > limit)
            {
                return false;
            }
            position += MESSAGE_LENGTH_FIELD_LENGTH + (buffer.getShort(position, BIG_ENDIAN) & 0xFFFF);
            if (position > limit)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Write a packet header.
     *
     * @param buffer         to write into.
     * @param offset         of the packet.
     * @param sessionHigh    first 8 session bytes.
     * @param sessionLow     last 2 session bytes.
     * @param sequenceNumber of the first message.
     * @param messageCount   0 heartbeat, 0xFFFF end of session.
     */
    public static void putHeader(
        final MutableDirectBuffer buffer,
        final int offset,
        final long sessionHigh,
        final int sessionLow,
        final long sequenceNumber,
        final int messageCount)
    {
        buffer.putLong(offset + SESSION_OFFSET, sessionHigh, BIG_ENDIAN);
        buffer.putShort(offset + SESSION_OFFSET + 8, (short)sessionLow, BIG_ENDIAN);
        buffer.putLong(offset + SEQUENCE_NUMBER_OFFSET, sequenceNumber, BIG_ENDIAN);
        buffer.putShort(offset + MESSAGE_COUNT_OFFSET, (short)messageCount, BIG_ENDIAN);
    }

    /**
     * Write a retransmission request.
     *
     * @return {@link #REQUEST_LENGTH}.
     */
    public static int putRequest(
        final MutableDirectBuffer buffer,
        final int offset,
        final long sessionHigh,
        final int sessionLow,
        final long sequenceNumber,
        final int requestedCount)
    {
        putHeader(buffer, offset, sessionHigh, sessionLow, sequenceNumber, requestedCount);
        return REQUEST_LENGTH;
    }

    /**
     * @param session up to 10 ASCII characters, space padded on the right.
     * @return the first 8 bytes as a long.
     */
    public static long sessionHigh(final String session)
    {
        final byte[] bytes = sessionBytes(session);
        long value = 0;
        for (int i = 0; i < 8; i++)
        {
            value = (value << 8) | (bytes[i] & 0xFF);
        }
        return value;
    }

    /**
     * @param session up to 10 ASCII characters, space padded on the right.
     * @return the last 2 bytes as an int.
     */
    public static int sessionLow(final String session)
    {
        final byte[] bytes = sessionBytes(session);
        return ((bytes[8] & 0xFF) << 8) | (bytes[9] & 0xFF);
    }

    /**
     * @param high first 8 bytes.
     * @param low  last 2 bytes.
     * @return the session as text, trailing spaces and NULs kept visible as-is except trimmed spaces.
     */
    public static String sessionToString(final long high, final int low)
    {
        final StringBuilder sb = new StringBuilder(SESSION_LENGTH);
        for (int i = 0; i < 8; i++)
        {
            appendPrintable(sb, (int)(high >>> (56 - 8 * i)) & 0xFF);
        }
        appendPrintable(sb, (low >>> 8) & 0xFF);
        appendPrintable(sb, low & 0xFF);
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ')
        {
            end--;
        }
        return sb.substring(0, end);
    }

    private static void appendPrintable(final StringBuilder sb, final int b)
    {
        if (b >= 0x20 && b < 0x7F)
        {
            sb.append((char)b);
        }
        else
        {
            sb.append(String.format("\\x%02x", b));
        }
    }

    private static byte[] sessionBytes(final String session)
    {
        final byte[] ascii = session.getBytes(StandardCharsets.US_ASCII);
        if (ascii.length > SESSION_LENGTH)
        {
            throw new IllegalArgumentException("MoldUDP64 session longer than 10 characters: " + session);
        }
        final byte[] bytes = new byte[SESSION_LENGTH];
        java.util.Arrays.fill(bytes, (byte)' ');
        System.arraycopy(ascii, 0, bytes, 0, ascii.length);
        return bytes;
    }

    private MoldUdp64()
    {
    }
}
