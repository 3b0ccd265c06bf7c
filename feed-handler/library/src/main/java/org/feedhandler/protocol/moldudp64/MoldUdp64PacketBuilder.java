package org.feedhandler.protocol.moldudp64;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Builds MoldUDP64 downstream packets in a caller's buffer, as many messages per packet as fit in
 * the maximum packet length. Used by the simulator and the request server. Allocation-free.
 */
public final class MoldUdp64PacketBuilder
{
    private final MutableDirectBuffer buffer;
    private final int maxPacketLength;
    private long sessionHigh;
    private int sessionLow;
    private long firstSequenceNumber;
    private int messageCount;
    private int length;

    /**
     * @param buffer          at least maxPacketLength long; packets are built at offset 0.
     * @param maxPacketLength the largest packet to build (UDP payload bytes).
     */
    public MoldUdp64PacketBuilder(final MutableDirectBuffer buffer, final int maxPacketLength)
    {
        if (buffer.capacity() < maxPacketLength || maxPacketLength < MoldUdp64.HEADER_LENGTH + 2)
        {
            throw new IllegalArgumentException("buffer capacity " + buffer.capacity() +
                " too small for max packet length " + maxPacketLength);
        }
        this.buffer = buffer;
        this.maxPacketLength = maxPacketLength;
    }

    public MoldUdp64PacketBuilder session(final long sessionHigh, final int sessionLow)
    {
        this.sessionHigh = sessionHigh;
        this.sessionLow = sessionLow;
        return this;
    }

    /**
     * Start a packet whose first message has the given sequence number.
     *
     * @param sequenceNumber of the first message.
     * @return this.
     */
    public MoldUdp64PacketBuilder begin(final long sequenceNumber)
    {
        firstSequenceNumber = sequenceNumber;
        messageCount = 0;
        length = MoldUdp64.HEADER_LENGTH;
        MoldUdp64.putHeader(buffer, 0, sessionHigh, sessionLow, sequenceNumber, 0);
        return this;
    }

    /**
     * @param messageLength length of a message.
     * @return true when a message of that length still fits in this packet.
     */
    public boolean fits(final int messageLength)
    {
        return length + MoldUdp64.MESSAGE_LENGTH_FIELD_LENGTH + messageLength <= maxPacketLength &&
            messageCount < MoldUdp64.MAX_REQUESTED_COUNT;
    }

    /**
     * Append a message if it fits.
     *
     * @return false when the packet is full (send it and {@link #begin} the next).
     */
    public boolean append(final DirectBuffer src, final int srcOffset, final int messageLength)
    {
        if (!fits(messageLength))
        {
            return false;
        }
        buffer.putShort(length, (short)messageLength, BIG_ENDIAN);
        buffer.putBytes(length + MoldUdp64.MESSAGE_LENGTH_FIELD_LENGTH, src, srcOffset, messageLength);
        length += MoldUdp64.MESSAGE_LENGTH_FIELD_LENGTH + messageLength;
        messageCount++;
        buffer.putShort(MoldUdp64.MESSAGE_COUNT_OFFSET, (short)messageCount, BIG_ENDIAN);
        return true;
    }

    /**
     * Reserve space for a message to be encoded in place; call {@link #commit(int)} with its length.
     *
     * @return the offset at which to encode the message.
     */
    public int claim()
    {
        return length + MoldUdp64.MESSAGE_LENGTH_FIELD_LENGTH;
    }

    /**
     * Commit a message encoded in place at {@link #claim()}.
     *
     * @param messageLength its length; the caller has checked {@link #fits(int)}.
     */
    public void commit(final int messageLength)
    {
        buffer.putShort(length, (short)messageLength, BIG_ENDIAN);
        length += MoldUdp64.MESSAGE_LENGTH_FIELD_LENGTH + messageLength;
        messageCount++;
        buffer.putShort(MoldUdp64.MESSAGE_COUNT_OFFSET, (short)messageCount, BIG_ENDIAN);
    }

    /**
     * Build a heartbeat: no messages, the sequence number is the next to be sent.
     *
     * @return its length.
     */
    public int heartbeat(final long nextSequenceNumber)
    {
        MoldUdp64.putHeader(buffer, 0, sessionHigh, sessionLow, nextSequenceNumber, MoldUdp64.HEARTBEAT_MESSAGE_COUNT);
        messageCount = 0;
        firstSequenceNumber = nextSequenceNumber;
        length = MoldUdp64.HEADER_LENGTH;
        return length;
    }

    /**
     * Build an end-of-session packet.
     *
     * @return its length.
     */
    public int endOfSession(final long nextSequenceNumber)
    {
        MoldUdp64.putHeader(
            buffer, 0, sessionHigh, sessionLow, nextSequenceNumber, MoldUdp64.END_OF_SESSION_MESSAGE_COUNT);
        messageCount = 0;
        firstSequenceNumber = nextSequenceNumber;
        length = MoldUdp64.HEADER_LENGTH;
        return length;
    }

    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    public int length()
    {
        return length;
    }

    public int messageCount()
    {
        return messageCount;
    }

    public long firstSequenceNumber()
    {
        return firstSequenceNumber;
    }

    /**
     * @return the sequence number the next packet starts at.
     */
    public long nextSequenceNumber()
    {
        return firstSequenceNumber + messageCount;
    }

    public int maxPacketLength()
    {
        return maxPacketLength;
    }
}
