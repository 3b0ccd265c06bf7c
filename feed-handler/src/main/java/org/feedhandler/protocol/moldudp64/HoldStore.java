package org.feedhandler.protocol.moldudp64;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Messages that arrived ahead of the next expected one, held until the run before them is whole or
 * given up: an off-heap ring of fixed cells indexed by sequence number (slot = sequence &amp; mask),
 * with the sequence and length each cell holds. Made at start; nothing allocates afterwards.
 */
final class HoldStore
{
    private static final long EMPTY = -1L;

    private final int mask;
    private final int cellSize;
    private final UnsafeBuffer cells;
    private final long[] sequences;
    private final int[] lengths;

    /**
     * @param capacity messages, a power of two.
     * @param cellSize bytes per message cell.
     */
    HoldStore(final int capacity, final int cellSize)
    {
        this.mask = capacity - 1;
        this.cellSize = cellSize;
        this.cells = new UnsafeBuffer(ByteBuffer.allocateDirect(capacity * cellSize));
        this.sequences = new long[capacity];
        this.lengths = new int[capacity];
        clear();
    }

    void clear()
    {
        Arrays.fill(sequences, EMPTY);
    }

    /**
     * @return capacity - 1: a held message is at most this far ahead of the next expected one.
     */
    int mask()
    {
        return mask;
    }

    int cellSize()
    {
        return cellSize;
    }

    boolean isHeld(final long sequence)
    {
        return sequences[(int)sequence & mask] == sequence;
    }

    /**
     * Hold a message; the caller checked it is not held and fits a cell.
     */
    void put(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        final int slot = (int)sequence & mask;
        cells.putBytes(slot * cellSize, buffer, offset, length);
        lengths[slot] = length;
        sequences[slot] = sequence;
    }

    /**
     * @return the buffer the held messages live in.
     */
    DirectBuffer buffer()
    {
        return cells;
    }

    int offset(final long sequence)
    {
        return ((int)sequence & mask) * cellSize;
    }

    int length(final long sequence)
    {
        return lengths[(int)sequence & mask];
    }
}
