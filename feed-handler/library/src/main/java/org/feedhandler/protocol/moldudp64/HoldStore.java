package org.feedhandler.protocol.moldudp64;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Messages that arrived ahead of the next expected one, held until the run before them is whole or
 * given up: an off-heap ring of fixed cells indexed by sequence number (slot = sequence &amp; mask),
 * with the sequence and length each cell holds, and beside it the sorted runs of consecutive held
 * sequence numbers. The runs are what make gap work independent of the gap's size: the sequencer
 * finds the next held message, declares, requests and gives up missing runs by walking runs (a
 * bounded table), never by stepping through sequence numbers. Sequence numbers are compared as
 * serial numbers ({@code a - b < 0}), so a store near the top of the u64 range works as well as one
 * near 1. Made at start; nothing allocates afterwards.
 */
final class HoldStore
{
    /** Takes the missing runs {@link #forEachMissing} finds. */
    interface MissingRunHandler
    {
        void onMissing(long fromSequence, long toSequenceExclusive);
    }

    /** Most runs of held messages at once: more holes than this and the oldest missing run is given up. */
    static final int MAX_RUNS = 4096;

    private final int mask;
    private final int cellSize;
    private final UnsafeBuffer cells;
    private final long[] sequences;
    private final int[] lengths;
    private final boolean[] used;

    private final long[] runStart = new long[MAX_RUNS];
    private final long[] runEnd = new long[MAX_RUNS];
    private int head;
    private int size;

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
        this.used = new boolean[capacity];
    }

    /** Forget everything held (a new session or a confirmed jump). */
    void clear()
    {
        if (size > 0 || head > 0)
        {
            Arrays.fill(used, false);
        }
        head = 0;
        size = 0;
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

    boolean isEmpty()
    {
        return 0 == size;
    }

    boolean runsFull()
    {
        return size == MAX_RUNS;
    }

    boolean isHeld(final long sequence)
    {
        final int slot = (int)sequence & mask;
        return used[slot] && sequences[slot] == sequence;
    }

    /**
     * @return the first held sequence number (the store must not be empty).
     */
    long firstHeld()
    {
        return runStart[head];
    }

    /**
     * @param from      a sequence number at or after the next expected one.
     * @param otherwise returned when nothing is held at or after {@code from}.
     * @return the first held sequence number at or after {@code from}.
     */
    long heldFrom(final long from, final long otherwise)
    {
        for (int i = head, end = head + size; i < end; i++)
        {
            if (runEnd[i] - from > 0)
            {
                return runStart[i] - from > 0 ? runStart[i] : from;
            }
        }
        return otherwise;
    }

    /**
     * Hand over the runs of sequence numbers in {@code [from, toExclusive)} that are not held, in
     * order, each cut to at most {@code maxRun} numbers, at most {@code maxRuns} of them. The work is
     * bounded by the runs, whatever the distance from {@code from} to {@code toExclusive}.
     *
     * @return the runs handed over.
     */
    int forEachMissing(
        final long from, final long toExclusive, final long maxRun, final int maxRuns, final MissingRunHandler handler)
    {
        final int limit = head + size;
        int i = head;
        while (i < limit && runEnd[i] - from <= 0)
        {
            i++;
        }
        long s = from;
        int runs = 0;
        while (toExclusive - s > 0 && runs < maxRuns)
        {
            if (i < limit && runStart[i] - s <= 0)
            {
                if (runEnd[i] - s > 0)
                {
                    s = runEnd[i];
                }
                i++;
                continue;
            }
            final long missingEnd = i < limit && runStart[i] - toExclusive < 0 ? runStart[i] : toExclusive;
            final long end = missingEnd - s > maxRun ? s + maxRun : missingEnd;
            handler.onMissing(s, end);
            runs++;
            s = end;
        }
        return runs;
    }

    /**
     * Hold a message; the caller checked it is not held, fits a cell and lies within the ring.
     *
     * @return false when it would need a new run and the run table is full (nothing held).
     */
    boolean put(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        if (!addToRuns(sequence))
        {
            return false;
        }
        final int slot = (int)sequence & mask;
        cells.putBytes(slot * cellSize, buffer, offset, length);
        lengths[slot] = length;
        sequences[slot] = sequence;
        used[slot] = true;
        return true;
    }

    /** The first held message was delivered: drop it. */
    void removeFirst()
    {
        used[(int)runStart[head] & mask] = false;
        runStart[head]++;
        if (runStart[head] == runEnd[head])
        {
            head++;
            size--;
            if (0 == size)
            {
                head = 0;
            }
        }
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

    private boolean addToRuns(final long sequence)
    {
        // the last run that starts before sequence: usually the last one, as packets mostly come in order
        int i = head + size - 1;
        while (i >= head && runStart[i] - sequence > 0)
        {
            i--;
        }
        final boolean hasNext = i + 1 < head + size;
        if (i >= head && runEnd[i] == sequence)
        {
            runEnd[i]++;
            if (hasNext && runStart[i + 1] == runEnd[i])
            {
                runEnd[i] = runEnd[i + 1];
                remove(i + 1);
            }
            return true;
        }
        if (hasNext && runStart[i + 1] == sequence + 1)
        {
            runStart[i + 1] = sequence;
            return true;
        }
        if (size == MAX_RUNS)
        {
            return false;
        }
        insert(i + 1, sequence);
        return true;
    }

    private void insert(final int index, final long sequence)
    {
        int at = index;
        if (at == head && head > 0)
        {
            head--;
            at = head;
        }
        else
        {
            if (head + size == MAX_RUNS)
            {
                System.arraycopy(runStart, head, runStart, 0, size);
                System.arraycopy(runEnd, head, runEnd, 0, size);
                at -= head;
                head = 0;
            }
            final int tail = head + size - at;
            System.arraycopy(runStart, at, runStart, at + 1, tail);
            System.arraycopy(runEnd, at, runEnd, at + 1, tail);
        }
        runStart[at] = sequence;
        runEnd[at] = sequence + 1;
        size++;
    }

    private void remove(final int index)
    {
        final int tail = head + size - index - 1;
        System.arraycopy(runStart, index + 1, runStart, index, tail);
        System.arraycopy(runEnd, index + 1, runEnd, index, tail);
        size--;
    }
}
