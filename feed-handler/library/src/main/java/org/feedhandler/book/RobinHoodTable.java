package org.feedhandler.book;

import java.util.Arrays;
import java.util.function.LongToIntFunction;

/**
 * An open-addressing hash table from a {@code long} key to an {@code int} index, for {@link OrderBooks}:
 * Robin Hood linear probing, preallocated for its capacity, but in use only over a prefix that grows
 * with the entries it holds, by linear hashing, a slot at a time. Single-threaded; no allocation.
 * <p>
 * <b>Why it grows.</b> A table sized for a busy day's peak (millions of levels) spreads the few tens
 * of thousands of entries of a quiet stream, or of a morning, over tens of megabytes: with keys that
 * cluster (a book's levels sit together), each cluster lands on a 4 KiB page of its own, and thousands
 * of pages in use miss the TLB (the cache misses, simulated, are about the same at either size), and
 * zeroing the table costs its whole size. Used over a prefix eight to sixteen times its entries, the
 * same entries sit in a few megabytes. The array is still allocated whole at start, so growth
 * never allocates, and the capacity is still the configured one.
 * <p>
 * <b>How it grows.</b> A key's hash {@code x} (a fixed 32-bit value, {@link #hash}) has the home slot
 * {@code x & lowMask}, the low bits of {@code x}. When the entries pass an eighth of the
 * {@code lowMask + 1} slots in use ({@link #GROW_SHIFT}), the table starts doubling: each later insertion
 * of the owner first calls {@link #split}, which moves on {@value #SPLIT_STEPS} home slots, and for home
 * slot {@code c} it moves each entry whose hash has the next bit set from home {@code c} to home
 * {@code c + lowMask + 1}, in the upper half, and leaves the others where they are. Home slots below the split cursor take one bit more of the hash
 * ({@link #homeOf}). The doubling is done once the cursor has passed every home slot of the lower half,
 * within a quarter of the table's slots in insertions, so the lower half is never more than 3/8 full. At
 * the largest size it fills up to the half its capacity allows.
 * No step ever moves more than the entries of a few home slots: there is no rehash of the whole table
 * and no pause.
 * <p>
 * <b>Layout.</b> Entries are two longs: the key, and a value packing the entry's home slot (high half)
 * with the index + 1 (low half; 0 = empty slot). Runs of occupied slots are ordered by home slot, so
 * a lookup stops at the first entry whose home lies beyond its own, and a deletion shifts the entries
 * after it back until one sits at its home (no tombstones). Probes never wrap: past the largest size
 * lies a tail of {@value #TAIL} slots for the last runs to spill into, and the very last slot is kept
 * empty: it answers every miss ({@link #find}). An insertion that would fill it fails instead.
 * <p>
 * <b>Owners extend it.</b> {@link OrderTable} and {@link LevelTable} are this table with their records
 * beside it, not holders of one: a lookup from the books reaches the slots and masks in the table object
 * itself, one dependent load fewer than through a field naming the index.
 */
sealed class RobinHoodTable permits OrderTable, LevelTable
{
    /** Slots past the largest size for the last runs to spill into. */
    static final int TAIL = 4096;
    /** Home slots a {@link #split} call moves on. 4 finishes a doubling in a quarter of the slots' insertions. */
    static final int SPLIT_STEPS = 4;
    /** Slots in use at first (or the largest size, if smaller). */
    static final int INITIAL_SLOTS = 1 << 12;
    /**
     * A doubling starts when the entries pass 1/2^{@value} of the slots in use: at 1/2, as a fixed table
     * runs, runs of neighbouring keys (a book's levels, a block of order references) met each other so
     * often that a lookup probed 5.7 slots and a deletion shifted 12.6 entries back (order and level
     * tables together, a million {@code CLUSTERED} messages); at 1/8, 1.6 and 1.0.
     */
    static final int GROW_SHIFT = 3;

    /** Key, value pairs; {@code slots[i + 1]} is the value of the entry at index {@code i}. */
    final long[] slots;
    private final LongToIntFunction hash;
    private final int maxSlots;
    private final int lastSlot;
    private final int missIndex;

    private int lowMask;
    private int highMask;
    private int splitCursor;
    private boolean splitting;
    private boolean splitAbandoned;
    private int entries;
    /** Kept here, where every insertion writes anyway, rather than in the counters the hot path never reads. */
    private boolean fullReported;

    /**
     * A table that starts at {@value #INITIAL_SLOTS} slots (or {@code maxSlots}, if smaller) and grows.
     *
     * @param maxSlots the most slots ever in use, a power of two: twice the most entries it will hold.
     * @param hash     a key's 32-bit hash, whose low bits pick its home slot at every size.
     */
    RobinHoodTable(final int maxSlots, final LongToIntFunction hash)
    {
        this(maxSlots, Math.min(maxSlots, INITIAL_SLOTS), hash);
    }

    /**
     * @param maxSlots     the most slots ever in use, a power of two: twice the most entries it will hold.
     * @param initialSlots the slots in use at first, a power of two; {@code maxSlots} for a table that
     *                     never grows.
     * @param hash         a key's 32-bit hash, whose low bits pick its home slot at every size.
     */
    RobinHoodTable(final int maxSlots, final int initialSlots, final LongToIntFunction hash)
    {
        if (Integer.bitCount(maxSlots) != 1 || Integer.bitCount(initialSlots) != 1 || initialSlots > maxSlots)
        {
            throw new IllegalArgumentException("slots must be powers of two, initial " + initialSlots +
                " at most " + maxSlots);
        }
        this.slots = new long[(maxSlots + TAIL) * 2];
        this.hash = hash;
        this.maxSlots = maxSlots;
        this.lastSlot = maxSlots + TAIL - 1;
        this.missIndex = lastSlot * 2;
        this.lowMask = initialSlots - 1;
        this.highMask = (lowMask << 1) | 1;
    }

    /**
     * @param x the key's hash ({@link #hash}).
     * @return the key's home slot at the table's present size.
     */
    final int homeOf(final int x)
    {
        return x & ((x & lowMask) < splitCursor ? highMask : lowMask);
    }

    /**
     * @param key  the key.
     * @param home its home slot ({@link #homeOf}).
     * @return the index in {@link #slots} of the key's entry, or of the always-empty last slot when the key
     * is absent: either way {@code slots[i + 1]} is the index + 1, or 0.
     */
    final int find(final long key, final int home)
    {
        final long[] t = slots;
        int i = home << 1;
        while (true)
        {
            final long value = t[i + 1];
            if (0 == value || (int)(value >>> 32) > home)
            {
                return missIndex;
            }
            if (t[i] == key)
            {
                return i;
            }
            i += 2;
        }
    }

    /**
     * Insert a key unless it is present, after the entries of the same or a nearer home slot. The scan
     * for the place passes every entry of the key's home slot, so it finds the key if it is there: an
     * add needs no lookup of its own first.
     *
     * @return false, changing nothing, when the key is present, or when the run would reach the table's
     * last slot (only a run of thousands of slots at the end of the largest size does): {@link #find}
     * tells which.
     */
    final boolean insert(final long key, final int home, final int index)
    {
        final long[] t = slots;
        int at = home;
        long value;
        while (0 != (value = t[(at << 1) + 1]) && (int)(value >>> 32) <= home)
        {
            if (t[at << 1] == key)
            {
                return false; // present (a key of another home slot cannot be equal)
            }
            at++;
        }
        int free = at;
        while (0 != t[(free << 1) + 1])
        {
            free++;
        }
        if (free >= lastSlot)
        {
            return false;
        }
        for (int i = free << 1; i > at << 1; i -= 2)
        {
            // shift the entries after the new one on by a slot: usually none or one, where a copy call costs more
            t[i] = t[i - 2];
            t[i + 1] = t[i - 1];
        }
        t[at << 1] = key;
        t[(at << 1) + 1] = ((long)home << 32) | (index + 1L);
        fullReported = false;
        if (++entries > (lowMask + 1) >>> GROW_SHIFT && !splitting && lowMask + 1 < maxSlots && !splitAbandoned)
        {
            splitting = true;
        }
        return true;
    }

    /**
     * Delete the entry at index {@code i} ({@link #find}): shift the entries after it back by one slot
     * until one sits at its home or a slot is empty.
     */
    final void delete(final int i)
    {
        final long[] t = slots;
        int hole = i;
        while (true)
        {
            final int next = hole + 2;
            final long value = t[next + 1];
            if (0 == value || (int)(value >>> 32) == next >> 1)
            {
                break;
            }
            t[hole] = t[next];
            t[hole + 1] = value;
            hole = next;
        }
        t[hole] = 0L;
        t[hole + 1] = 0L;
        entries--;
    }

    /**
     * While the table is doubling, move on {@value #SPLIT_STEPS} home slots. Call it before computing any
     * home slot for the operation at hand: homes computed before a split may be stale after it.
     */
    final void split()
    {
        for (int step = 0; step < SPLIT_STEPS && splitting; step++)
        {
            splitHome();
        }
    }

    private void splitHome()
    {
        final long[] t = slots;
        final int from = splitCursor;
        final int bit = lowMask + 1;
        int i = from << 1;
        long value;
        while (0 != (value = t[i + 1]))
        {
            final int home = (int)(value >>> 32);
            if (home > from)
            {
                break;
            }
            final long key = t[i];
            if (home == from && (hash.applyAsInt(key) & bit) != 0)
            {
                delete(i);
                if (!insert(key, from + bit, (int)value - 1))
                {
                    // the upper half's run reached the last slot: stay at this size, with this home slot
                    // not split, so every entry of it goes back, this one and those already moved
                    insert(key, from, (int)value - 1); // fits: its deletion freed a slot before the run's end
                    unsplit(from, from + bit);
                    splitting = false;
                    splitAbandoned = true;
                    return;
                }
                continue; // the next entry has shifted into slot i
            }
            i += 2;
        }
        splitCursor = from + 1;
        if (splitCursor == bit)
        {
            doubled();
        }
    }

    /** The doubling is complete: every home slot takes one bit more of the hash. */
    private void doubled()
    {
        lowMask = highMask;
        highMask = (highMask << 1) | 1;
        splitCursor = 0;
        splitting = false;
    }

    /** Move every entry of home slot {@code to} back to home slot {@code from}: only when a split fails. */
    private void unsplit(final int from, final int to)
    {
        final long[] t = slots;
        int i = to << 1;
        long value;
        while (0 != (value = t[i + 1]) && (int)(value >>> 32) <= to)
        {
            if ((int)(value >>> 32) == to)
            {
                final long key = t[i];
                delete(i);
                insert(key, from, (int)value - 1); // fits: the deletion freed a slot
                i = to << 1; // the insertion shifted the run: look again from the start
                continue;
            }
            i += 2;
        }
    }

    /**
     * Zero a present key's entry where it sits, without shifting the entries after it back: only while
     * emptying the table entry by entry ({@link #clearEntry}, then {@link #emptied}), when no lookup runs in
     * between. The scan passes the slots already zeroed and ends at the key.
     */
    void clearEntry(final long key)
    {
        final long[] t = slots;
        for (int i = homeOf(hash.applyAsInt(key)) << 1; i < missIndex; i += 2)
        {
            if (t[i] == key && t[i + 1] != 0)
            {
                t[i] = 0L;
                t[i + 1] = 0L;
                return;
            }
        }
    }

    /** Zero every slot in use, the spill of the last run included (they end at the first empty slot). */
    void clearAll()
    {
        int end = splitCursor > 0 ? highMask + 1 : lowMask + 1;
        while (end < lastSlot && 0 != slots[(end << 1) + 1])
        {
            end++;
        }
        Arrays.fill(slots, 0, end << 1, 0L);
    }

    /**
     * Every entry was zeroed ({@link #clearAll}, or a {@link #clearEntry} each): the size stays, the size
     * the entries needed last time. A doubling under way (or given up) is complete at once: with no
     * entries there is nothing to move.
     */
    void emptied()
    {
        entries = 0;
        fullReported = false;
        if (splitting || splitCursor > 0)
        {
            doubled();
        }
        splitAbandoned = false;
    }

    /**
     * @return true the first time it is asked since the table last took an entry or was emptied: its owner
     * reports a full table once an episode, however many insertions it refuses.
     */
    boolean reportFull()
    {
        final boolean report = !fullReported;
        fullReported = true;
        return report;
    }

    /** @return slots in use: the lower half and what of the upper half a doubling has reached. */
    int slotsInUse()
    {
        return lowMask + 1 + splitCursor;
    }

    /** @return whether a doubling is under way. */
    boolean isSplitting()
    {
        return splitting;
    }

    int entries()
    {
        return entries;
    }
}
