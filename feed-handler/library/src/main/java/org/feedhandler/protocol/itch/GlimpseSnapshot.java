package org.feedhandler.protocol.itch;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.feedhandler.protocol.MessageHandler;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * A GLIMPSE snapshot ready to serve: its messages in order, ITCH messages then the {@link EndOfSnapshot},
 * each kept as a u16 big-endian length and the message's bytes (BinaryFILE's record framing). Built from
 * books by {@code pipeline.GlimpseSnapshotBuilder}, served by {@code sim.GlimpseServer}; reusable
 * ({@link #clear()}).
 */
public final class GlimpseSnapshot
{
    private static final int LENGTH_PREFIX = 2;

    private final ExpandableArrayBuffer messages;
    private int limit;
    private int messageCount;
    private long itchSequenceNumber = -1;

    public GlimpseSnapshot()
    {
        this(64 * 1024);
    }

    /**
     * @param initialCapacity bytes to start with; it grows as messages are appended.
     */
    public GlimpseSnapshot(final int initialCapacity)
    {
        messages = new ExpandableArrayBuffer(initialCapacity);
    }

    public void clear()
    {
        limit = 0;
        messageCount = 0;
        itchSequenceNumber = -1;
    }

    /**
     * Append one message.
     */
    public void append(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 1 || length > 0xFFFF)
        {
            throw new IllegalArgumentException("message length " + length + " is out of range [1, 65535]");
        }
        messages.putShort(limit, (short)length, BIG_ENDIAN);
        messages.putBytes(limit + LENGTH_PREFIX, buffer, offset, length);
        limit += LENGTH_PREFIX + length;
        messageCount++;
    }

    /**
     * Append the End of Snapshot, the last message.
     *
     * @param itchSequenceNumber the TotalView-ITCH sequence number at which the live feed continues.
     */
    public void appendEndOfSnapshot(final long itchSequenceNumber)
    {
        messages.putShort(limit, (short)EndOfSnapshot.LENGTH, BIG_ENDIAN);
        EndOfSnapshot.encode(messages, limit + LENGTH_PREFIX, itchSequenceNumber);
        limit += LENGTH_PREFIX + EndOfSnapshot.LENGTH;
        messageCount++;
        this.itchSequenceNumber = itchSequenceNumber;
    }

    /**
     * Hand every message, in order, to {@code handler}, numbered from 1.
     */
    public void forEach(final MessageHandler handler)
    {
        int position = 0;
        long sequence = 1;
        while (position < limit)
        {
            final int length = messages.getShort(position, BIG_ENDIAN) & 0xFFFF;
            handler.onMessage(messages, position + LENGTH_PREFIX, length, sequence++);
            position += LENGTH_PREFIX + length;
        }
    }

    /**
     * @return messages held, the End of Snapshot included.
     */
    public int messageCount()
    {
        return messageCount;
    }

    /**
     * @return bytes of the messages, without their length prefixes.
     */
    public long messageBytes()
    {
        return limit - (long)LENGTH_PREFIX * messageCount;
    }

    /**
     * @return the sequence number the End of Snapshot carries, or -1 before one is appended.
     */
    public long itchSequenceNumber()
    {
        return itchSequenceNumber;
    }

}
