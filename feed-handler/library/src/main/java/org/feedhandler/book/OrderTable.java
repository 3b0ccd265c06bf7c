package org.feedhandler.book;

import java.util.function.LongToIntFunction;

/**
 * The resting orders of {@link OrderBooks}: a hash table from order reference to order, the order records,
 * and their free list. Single-threaded; preallocated for its capacity; no allocation.
 *
 * <pre>
 *  orders: a RobinHoodTable of fixed size (open addressing, Robin Hood linear probing, load &lt;= 0.5,
 *  early-stopping backward-shift delete, no tombstones), hashed so that consecutive references keep
 *  consecutive slots within aligned buckets of 256 ({@link #orderHash}); an always-empty last slot
 *  answers every miss
 *
 *  table long[2*(2^k+4096)]       ints int[4 * capacity]                refs long[capacity]
 *  +-----------+--------------+   +--------+-------+-------+-------+     +---------+
 *  | ref (u64) | home : idx+1 |--&gt;| shares | level | prev  | next  |     | ref     |  (cold: L3 reads)
 *  +-----------+--------------+   +--------+-------+-------+-------+     +---------+
 *   16 bytes: key and value         16 bytes, one cache line; prev/next: the level's FIFO (time
 *   share one cache line            priority), next doubles as the free-list link when the order is free
 * </pre>
 * The table keeps its size: growing it as the level table grows did not pay. Its runs ordered by home slot
 * matter most here: a run of live orders with consecutive references can be hundreds of slots long, and
 * a lookup or a deletion stops early in it.
 * <p>
 * The owner reads and writes {@link #table} and {@link #ints} directly on its hot path, as it would its
 * own fields: the records' layout is the contract between the two.
 */
final class OrderTable extends RobinHoodTable
{
    static final int NIL = -1;

    // order record, int[] stride 4
    static final int O_SHARES = 0;
    static final int O_LEVEL = 1;
    static final int O_PREV = 2;
    static final int O_NEXT = 3;
    static final int O_STRIDE = 4;

    /**
     * References per block, and slots per bucket, of {@link #orderHash}: 256, 4 KiB of table, one page.
     * 4096 measured the same; 64 was slower. Small buckets bound the damage when two blocks of live
     * orders share a bucket: one bucket's overflow into the next at worst.
     */
    private static final int ORDER_BLOCK_BITS = 8;
    private static final long ORDER_BLOCK_MASK = (1L << ORDER_BLOCK_BITS) - 1;

    /** {@link #slots}, the index's own: {@code table[find(ref) + 1]} is the order + 1, or 0. */
    final long[] table;
    /** Order records, {@link #O_STRIDE} ints each. */
    final int[] ints;
    /** Each order's reference, read only to clear the table and to answer queries. */
    final long[] refs;
    final int capacity;
    private final int hashShift;
    private int freeHead;
    private int highWater;
    int resting;

    /**
     * @param capacity orders it can hold at once.
     */
    OrderTable(final int capacity)
    {
        this(capacity, tableSlots(capacity));
    }

    private OrderTable(final int capacity, final int slots)
    {
        super(slots, slots, orderHashOf(hashShift(slots)));
        this.capacity = capacity;
        this.hashShift = hashShift(slots);
        this.table = this.slots;
        this.ints = new int[capacity * O_STRIDE];
        this.refs = new long[capacity];
        reset();
    }

    /**
     * @param capacity orders.
     * @return heap bytes the table and the records take.
     */
    static long footprintBytes(final int capacity)
    {
        return (tableSlots(capacity) + RobinHoodTable.TAIL) * 16L + capacity * (O_STRIDE * 4L + 8L);
    }

    /** The reference's home slot: an add hashes once for the duplicate check and the insertion. */
    int home(final long orderRef)
    {
        return homeOf((int)orderHash(orderRef, hashShift));
    }

    /**
     * @return the index in {@link #table} of the reference's entry, or of the always-empty slot past the
     * table's end when it is not resting: either way {@code table[i + 1]} is the order + 1, or 0.
     */
    int find(final long orderRef)
    {
        return find(orderRef, home(orderRef));
    }

    /**
     * @return the resting order of the reference, or {@link #NIL}.
     */
    int order(final long orderRef)
    {
        return (int)table[find(orderRef) + 1] - 1;
    }

    /**
     * Copy the orders of a level's queue, head first, into caller-owned arrays. It walks back from the
     * tail to the head whatever {@code max}: the levels keep each queue's tail only, so that the feed's
     * adds and removals never read a neighbour's record.
     *
     * @return the number of orders copied.
     */
    int copyQueue(final int tail, final int max, final long[] orderRefs, final long[] shares)
    {
        int order = tail;
        for (int prev; NIL != (prev = ints[order * O_STRIDE + O_PREV]); )
        {
            order = prev;
        }
        int count = 0;
        while (count < max && NIL != order)
        {
            orderRefs[count] = refs[order];
            shares[count] = ints[order * O_STRIDE + O_SHARES] & Pairs.LOW_MASK;
            count++;
            order = ints[order * O_STRIDE + O_NEXT];
        }
        return count;
    }

    /**
     * @return the level of the reference's resting order, or {@link #NIL}.
     */
    int levelOf(final long orderRef)
    {
        final int order = order(orderRef);
        return order < 0 ? NIL : ints[order * O_STRIDE + O_LEVEL];
    }

    boolean isResting(final long orderRef, final int home)
    {
        return table[find(orderRef, home) + 1] != 0;
    }

    /**
     * Take an order record and enter the reference. Whatever fails changes nothing.
     *
     * @return the order, or {@link #NIL} when the reference rests already or the table's last run reached
     * its end: as good as full (a run thousands of slots long).
     */
    int insert(final long orderRef, final int home)
    {
        final int order;
        final int free = freeHead;
        if (NIL != free)
        {
            order = free;
        }
        else
        {
            order = highWater;
        }
        if (!insert(orderRef, home, order))
        {
            return NIL;
        }
        if (NIL != free)
        {
            freeHead = ints[order * O_STRIDE + O_NEXT];
        }
        else
        {
            highWater++;
        }
        refs[order] = orderRef;
        resting++;
        return order;
    }

    /**
     * Delete the entry at {@code slot} ({@link #find}) and free its order.
     */
    void remove(final int slot, final int order)
    {
        delete(slot);
        final int o = order * O_STRIDE;
        ints[o + O_LEVEL] = NIL; // free: clear() skips it
        ints[o + O_NEXT] = freeHead;
        freeHead = order;
        resting--;
    }

    /**
     * Empty the table: entry by entry, found by a pass over the records in use, when they fill less than
     * 1/{@code byEntryRatio} of its slots, else the whole table.
     */
    void clear(final int byEntryRatio)
    {
        if ((long)resting * byEntryRatio < slotsInUse())
        {
            for (int order = 0; order < highWater; order++)
            {
                if (NIL != ints[order * O_STRIDE + O_LEVEL])
                {
                    clearEntry(refs[order]);
                }
            }
        }
        else
        {
            clearAll();
        }
        emptied();
        reset();
    }

    private void reset()
    {
        freeHead = NIL;
        highWater = 0;
        resting = 0;
    }

    /** The hash the index rehashes by when it splits a home slot: {@link #orderHash} at this shift. */
    private static LongToIntFunction orderHashOf(final int shift)
    {
        return ref -> (int)orderHash(ref, shift);
    }

    /**
     * The order table's hash. Exchanges number orders in increasing order through the day, and the
     * live orders are mostly recent ones: so consecutive references keep consecutive slots (an add
     * lands next to the previous add, in a line already cached, and the live orders fill a compact
     * window of the table rather than a random cache line anywhere in it: with the table sized for
     * millions of orders, a scattered lookup costs a cache miss and a TLB miss every time).
     * <p>
     * The table is cut into aligned buckets of {@code 2^ORDER_BLOCK_BITS} slots, one block of as many
     * references to a bucket: the block's number, Fibonacci-hashed, picks the bucket (consecutive
     * blocks land as far apart as any sequence can, so sequential references never collide), and the
     * reference plus the next bits of that hash picks the slot inside it (a rotation: the block's
     * references still fill the bucket one to a slot). References with a stride of 256 or more, one to
     * a block, so still get a bucket and a slot each from the hash, not one slot a bucket. Placing
     * blocks at any slot rather than on bucket boundaries let two blocks of live orders overlap:
     * sequential references at a quarter load then probed 35 slots on average.
     *
     * @param shift 64 - log2(table slots): the hash's top bits index the table ({@link #hashShift}).
     */
    static long orderHash(final long orderRef, final int shift)
    {
        final long blockHash = fibonacci(orderRef >>> ORDER_BLOCK_BITS, shift);
        return (blockHash & ~ORDER_BLOCK_MASK) | ((blockHash + orderRef) & ORDER_BLOCK_MASK);
    }

    /**
     * Fibonacci hashing (Knuth, TAOCP 6.4): the top bits of the key times 2^64 / golden ratio. Consecutive
     * keys (block numbers, books) land as far apart as any sequence can, and it is one multiply and one
     * shift on the way to the first probe's load, where a full mixer (MurmurHash3's fmix64) is two
     * multiplies and three shift-xors in a row.
     */
    static long fibonacci(final long key, final int shift)
    {
        return (key * 0x9E37_79B9_7F4A_7C15L) >>> shift;
    }

    /**
     * @param slots a table's slots, a power of two.
     * @return the shift that leaves log2(slots) bits of a 64-bit product.
     */
    static int hashShift(final int slots)
    {
        return 64 - Integer.numberOfTrailingZeros(slots);
    }

    /**
     * @param capacity entries.
     * @return slots for them at load 0.5 at most, a power of two.
     */
    static int tableSlots(final int capacity)
    {
        final long wanted = 2L * capacity;
        return (int)Math.max(16L, Long.highestOneBit(wanted - 1) << 1);
    }
}
