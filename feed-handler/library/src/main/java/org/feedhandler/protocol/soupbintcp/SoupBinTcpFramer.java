package org.feedhandler.protocol.soupbintcp;

import java.nio.ByteBuffer;

import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Cuts a TCP byte stream into SoupBinTCP packets. The framer owns one receive buffer: a socket reads
 * into {@link #receiveBuffer()} (or a test hands bytes to {@link #onBytes}), then {@link #poll} hands
 * every complete packet to a {@link PacketHandler} in place, without copying, and moves a partial
 * packet left at the end to the front, where the next read completes it.
 * <p>
 * <b>Hostile lengths.</b> TCP has no packet boundaries: a Packet Length that cannot be right (0, which
 * leaves no room for the type byte, or more than {@code maxPacketLength}) means the stream can no longer
 * be cut, so the framer counts it ({@link #badLengths()}), stops, and answers {@link #FRAMING_ERROR}
 * until {@link #reset()}: the session must drop the connection. Nothing throws; the work per call is
 * bounded by the buffer's capacity.
 * <pre>
 *  receive buffer: [ consumed ... | start: unparsed, complete packets then a partial one | fill | free ]
 * </pre>
 */
public final class SoupBinTcpFramer
{
    /** {@link #poll} result: the stream has a bad Packet Length; drop the connection and {@link #reset()}. */
    public static final int FRAMING_ERROR = -1;

    /**
     * Receives each packet, in the order of the stream.
     */
    @FunctionalInterface
    public interface PacketHandler
    {
        /**
         * @param type          the Packet Type byte.
         * @param buffer        holding the packet; valid only during the call.
         * @param payloadOffset of the payload (after the type byte).
         * @param payloadLength of the payload, 0 or more.
         * @return true to go on with the next packet; false to stop (the rest stays in the buffer).
         */
        boolean onPacket(byte type, DirectBuffer buffer, int payloadOffset, int payloadLength);
    }

    private final int maxPacketLength;
    private final ByteBuffer byteBuffer;
    private final UnsafeBuffer buffer;
    private int start;
    private boolean broken;
    private int lastBadLength = -1;
    private long packets;
    private long bytes;
    private long badLengths;

    /**
     * @param maxPacketLength largest Packet Length accepted, 1..{@link SoupBinTcp#MAX_PACKET_LENGTH}.
     * @param capacity        receive buffer bytes, at least {@code maxPacketLength + 2}; larger lets a read
     *                        take more packets at once.
     */
    public SoupBinTcpFramer(final int maxPacketLength, final int capacity)
    {
        if (maxPacketLength < 1 || maxPacketLength > SoupBinTcp.MAX_PACKET_LENGTH)
        {
            throw new IllegalArgumentException(
                "maxPacketLength " + maxPacketLength + " is out of range [1, " + SoupBinTcp.MAX_PACKET_LENGTH + "]");
        }
        if (capacity < maxPacketLength + SoupBinTcp.LENGTH_FIELD_LENGTH)
        {
            throw new IllegalArgumentException("capacity " + capacity + " must hold the largest packet, " +
                (maxPacketLength + SoupBinTcp.LENGTH_FIELD_LENGTH) + " bytes");
        }
        this.maxPacketLength = maxPacketLength;
        byteBuffer = BufferUtil.allocateDirectAligned(BitUtil.align(capacity, 64), 64);
        byteBuffer.limit(capacity);
        buffer = new UnsafeBuffer(byteBuffer, 0, capacity);
    }

    /**
     * The buffer to read the socket into: its position is the end of the bytes held, its limit the
     * capacity. After a read, call {@link #poll}.
     *
     * @return the receive buffer.
     */
    public ByteBuffer receiveBuffer()
    {
        return byteBuffer;
    }

    /**
     * Hand every complete packet held to {@code handler}, up to {@code maxPackets}.
     *
     * @return packets handed over, or {@link #FRAMING_ERROR}.
     */
    public int poll(final PacketHandler handler, final int maxPackets)
    {
        if (broken)
        {
            return FRAMING_ERROR;
        }
        final int fill = byteBuffer.position();
        int position = start;
        int count = 0;
        while (count < maxPackets && fill - position >= SoupBinTcp.LENGTH_FIELD_LENGTH)
        {
            final int length = buffer.getShort(position, BIG_ENDIAN) & 0xFFFF;
            if (0 == length || length > maxPacketLength)
            {
                badLengths++;
                lastBadLength = length;
                broken = true;
                start = position;
                return FRAMING_ERROR;
            }
            final int end = position + SoupBinTcp.LENGTH_FIELD_LENGTH + length;
            if (end > fill)
            {
                break;
            }
            final byte type = buffer.getByte(position + SoupBinTcp.TYPE_OFFSET);
            position = end;
            count++;
            packets++;
            bytes += SoupBinTcp.LENGTH_FIELD_LENGTH + length;
            if (!handler.onPacket(type, buffer, end - length + 1, length - 1))
            {
                break;
            }
        }
        start = position;
        compactIfFull(fill);
        return count;
    }

    /**
     * Copy bytes of the stream in and hand over every packet they complete (the path for bytes that
     * did not come through {@link #receiveBuffer()}: tests, a file of packets).
     *
     * @return packets handed over, or {@link #FRAMING_ERROR} (the packets before the bad length were
     * handed over).
     */
    public int onBytes(final DirectBuffer source, final int offset, final int length, final PacketHandler handler)
    {
        int copied = 0;
        int count = 0;
        while (copied < length)
        {
            final int fill = byteBuffer.position();
            final int room = byteBuffer.limit() - fill;
            if (0 == room)
            {
                compact(fill);
                if (byteBuffer.limit() == byteBuffer.position())
                {
                    return count; // the handler declined to take what is held
                }
                continue;
            }
            final int chunk = Math.min(room, length - copied);
            buffer.putBytes(fill, source, offset + copied, chunk);
            byteBuffer.position(fill + chunk);
            copied += chunk;
            final int polled = poll(handler, Integer.MAX_VALUE);
            if (FRAMING_ERROR == polled)
            {
                return FRAMING_ERROR;
            }
            count += polled;
        }
        return count;
    }

    /**
     * Forget every byte held and the framing error: for a new connection.
     */
    public void reset()
    {
        byteBuffer.clear().limit(buffer.capacity());
        start = 0;
        broken = false;
    }

    /**
     * @return bytes held that are not yet a complete packet (or not yet handed over).
     */
    public int pendingBytes()
    {
        return byteBuffer.position() - start;
    }

    public boolean isBroken()
    {
        return broken;
    }

    /**
     * @return the last bad Packet Length met, or -1.
     */
    public int lastBadLength()
    {
        return lastBadLength;
    }

    public int maxPacketLength()
    {
        return maxPacketLength;
    }

    /** @return packets handed over since construction. */
    public long packets()
    {
        return packets;
    }

    /** @return bytes of the packets handed over since construction. */
    public long bytes()
    {
        return bytes;
    }

    /** @return Packet Lengths of 0 or over the maximum met since construction. */
    public long badLengths()
    {
        return badLengths;
    }

    private void compactIfFull(final int fill)
    {
        // move what is left to the front only when the rest of the buffer could not take a largest
        // packet, or when nothing is left: a copy of at most one partial packet, not one per read
        if (start == fill)
        {
            start = 0;
            byteBuffer.position(0);
        }
        else if (buffer.capacity() - start < maxPacketLength + SoupBinTcp.LENGTH_FIELD_LENGTH)
        {
            compact(fill);
        }
    }

    private void compact(final int fill)
    {
        final int remaining = fill - start;
        if (start > 0)
        {
            buffer.putBytes(0, buffer, start, remaining);
            start = 0;
            byteBuffer.position(remaining);
        }
    }
}
