package org.feedhandler.sim;

import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * The last N messages sent, indexed by sequence number, for the retransmission server: an off-heap
 * ring of fixed 64-byte slots, one writer (the publisher's send loop) and any number of readers
 * (the request server) without locks.
 * <pre>
 *  slot (64 bytes)
 *   0  8  sequence number held, or -1 while being written / never written
 *   8  2  message length (u16, native order)
 *  10 54  message bytes (ITCH 5.0 messages are at most 50)
 * </pre>
 * A seqlock per slot: the writer marks the slot -1 (volatile, a full fence), writes the message,
 * then publishes its sequence number with a release store. A reader checks the sequence number,
 * copies, fences, and checks it again: if the writer lapped the slot meanwhile, the copy is refused.
 * A message longer than {@link #MAX_MESSAGE_LENGTH} is not kept (counted in {@link #tooLong()}).
 */
public final class MessageHistory implements AutoCloseable
{
    public static final int SLOT_LENGTH = 64;
    public static final int MAX_MESSAGE_LENGTH = SLOT_LENGTH - 10;
    /** Most messages kept: 2^24, 1 GiB of slots (one direct buffer, whose size is an int: 2^25 would wrap). */
    public static final int MAX_CAPACITY = 1 << 24;
    private static final int SEQUENCE_OFFSET = 0;
    private static final int LENGTH_OFFSET = 8;
    private static final int DATA_OFFSET = 10;
    private static final long EMPTY = -1;

    private final ByteBuffer byteBuffer;
    private final UnsafeBuffer buffer;
    private final int capacity;
    private final long mask;
    private volatile long highest;
    private long tooLong;

    /**
     * @param capacity messages kept, rounded up to a power of two.
     */
    public MessageHistory(final int capacity)
    {
        if (capacity < 1 || capacity > MAX_CAPACITY)
        {
            throw new IllegalArgumentException("history capacity must be in [1, " + MAX_CAPACITY + "] messages: " + capacity);
        }
        this.capacity = BitUtil.findNextPositivePowerOfTwo(capacity);
        this.mask = this.capacity - 1;
        this.byteBuffer = ByteBuffer.allocateDirect(this.capacity * SLOT_LENGTH);
        this.buffer = new UnsafeBuffer(byteBuffer);
        for (int i = 0; i < this.capacity; i++)
        {
            buffer.putLong(i * SLOT_LENGTH + SEQUENCE_OFFSET, EMPTY);
        }
    }

    /**
     * Keep a message. Single writer; sequence numbers increase by one.
     *
     * @param sequenceNumber its sequence number, from 1.
     * @param src            holding the message.
     * @param offset         of the message.
     * @param length         of the message.
     */
    public void append(final long sequenceNumber, final DirectBuffer src, final int offset, final int length)
    {
        final int slot = (int)(sequenceNumber & mask) * SLOT_LENGTH;
        buffer.putLongVolatile(slot + SEQUENCE_OFFSET, EMPTY);
        if (length <= MAX_MESSAGE_LENGTH)
        {
            buffer.putShort(slot + LENGTH_OFFSET, (short)length);
            buffer.putBytes(slot + DATA_OFFSET, src, offset, length);
            buffer.putLongRelease(slot + SEQUENCE_OFFSET, sequenceNumber);
        }
        else
        {
            tooLong++;
        }
        highest = sequenceNumber;
    }

    /**
     * Copy a message out, if still held.
     *
     * @param sequenceNumber wanted.
     * @param dst            to copy into; needs {@link #MAX_MESSAGE_LENGTH} bytes at dstOffset.
     * @param dstOffset      where to copy.
     * @return the message length, or -1 when it is not (or no longer) held.
     */
    public int read(final long sequenceNumber, final MutableDirectBuffer dst, final int dstOffset)
    {
        if (sequenceNumber < 1 || sequenceNumber > highest)
        {
            return -1;
        }
        final int slot = (int)(sequenceNumber & mask) * SLOT_LENGTH;
        if (buffer.getLongVolatile(slot + SEQUENCE_OFFSET) != sequenceNumber)
        {
            return -1;
        }
        final int length = buffer.getShort(slot + LENGTH_OFFSET) & 0xFFFF;
        if (length > MAX_MESSAGE_LENGTH)
        {
            return -1;
        }
        dst.putBytes(dstOffset, buffer, slot + DATA_OFFSET, length);
        VarHandle.acquireFence();
        if (buffer.getLongVolatile(slot + SEQUENCE_OFFSET) != sequenceNumber)
        {
            return -1;
        }
        return length;
    }

    /**
     * @return the highest sequence number appended, 0 before the first.
     */
    public long highest()
    {
        return highest;
    }

    /**
     * @return the lowest sequence number that may still be held.
     */
    public long lowest()
    {
        return Math.max(1, highest - capacity + 1);
    }

    public int capacity()
    {
        return capacity;
    }

    /**
     * @return messages not kept because they were longer than a slot holds.
     */
    public long tooLong()
    {
        return tooLong;
    }

    public void close()
    {
        BufferUtil.free(byteBuffer);
    }
}
