package org.feedhandler.book;

import static org.feedhandler.book.BookState.B_ENDS;
import static org.feedhandler.book.BookState.B_LEVELS;
import static org.feedhandler.book.BookState.bs;
import static org.feedhandler.book.OrderTable.NIL;
import static org.feedhandler.book.Pairs.BASE;
import static org.feedhandler.book.Pairs.high;
import static org.feedhandler.book.Pairs.low;
import static org.feedhandler.book.Pairs.pack;
import static org.feedhandler.book.Pairs.withHigh;
import static org.feedhandler.book.Pairs.withLow;

/**
 * The price levels of {@link OrderBooks}: a pool of level records with a free list, a hash from
 * (locate, side, price) to level, and per book side a sorted doubly linked list of levels, best first,
 * whose ends and length sit in {@link BookState}. Single-threaded; preallocated; no allocation.
 * <pre>
 *  table long[2 * (2^m + 4096)]             records long[6 + 4 * capacity]: one 32-byte record per level
 *  +--------------------------+----------+  +-------------+-----+-------------+-------------------+
 *  | locate:16 side:1 price:32| home:i+1 |-&gt;| total (i64) | key | prev : next | tail order : count |
 *  +--------------------------+----------+  +-------------+-----+-------------+-------------------+
 *                                         a walk or an update touches one record, not two arrays
 *
 *        best -&gt; [101.00] &lt;-&gt; [100.99] &lt;-&gt; [100.95] &lt;-&gt; ... &lt;-&gt; [92.10] &lt;- worst        (bids)
 *                      |
 *                      +-&gt; tail: order 90
 *                          order 17 &lt;-&gt; order 4 &lt;-&gt; order 90     time priority, head first; prev
 *                                                                 and next end in NIL. The level
 *                                                                 keeps only the tail: an add or a
 *                                                                 removal writes its neighbours'
 *                                                                 records without reading them, and
 *                                                                 a query finds the head walking back
 * </pre>
 * The hash is a {@link RobinHoodTable} preallocated for the capacity but used over a prefix that doubles,
 * a few slots an add, as the levels grow (at most 1/8 full while growing), so its live part stays a few
 * MiB whatever the capacity: each book's levels sit at a place of their own, and in a table of the full
 * 64 MiB (the default) the thousands of books in use were each on a page of their own.
 * <p>
 * <b>Why a linked list of levels.</b> Best price is O(1) (the head). An order at an existing price
 * finds its level in O(1) through the hash, without walking; only a price that opens a new level walks
 * the list, from the nearer end (chosen by price distance to the best and to the worst level), and new
 * levels open overwhelmingly near the top of the book; one more than a few ticks from both ends starts
 * its walk from a level the hash finds within 4 ticks of it, if any (a deep, dense book). Removing a
 * level is O(1). A pooled sorted array per book would make the walk a binary search but every insertion
 * and removal near the top a shift of the whole array behind it, and sizing per-book arrays for 65,536
 * books from one pool needs a second allocator. The cost of the list is a pointer walk for a new level
 * deep in a sparse book with thousands of levels.
 */
final class LevelTable extends RobinHoodTable
{
    // level record, long[] stride 4 = 32 bytes; int pairs packed high:low
    static final int L_TOTAL = 0;
    static final int L_KEY = 1;
    static final int L_LINKS = 2; // prev level : next level
    static final int L_ORDERS = 3; // tail order : order count
    static final int L_STRIDE = 4;
    static final long U32_MASK = 0xFFFF_FFFFL;

    /**
     * Prices from $1 up are divided by 64 in the hash: their tick is a cent, 100 in Price(4) (Reg NMS
     * Rule 612 forbids sub-penny quotes from $1.00), so the levels of a book a tick apart land one or two
     * 16-byte slots apart, four to a cache line, instead of a cache line (and most of a page) apart.
     * Below $1 the tick is $0.0001, 1 in Price(4), and the price is its own offset: divided by 64 as well,
     * every 64 consecutive prices would share one home slot, and a sub-dollar book a few thousand levels
     * deep became one probe cluster thousands of slots long (2 us an operation at 2,000 levels a side,
     * against 30 ns for the same book on a cent grid; {@code BookLevelsBenchmark}).
     */
    private static final int LEVEL_PRICE_SHIFT = 6;
    /** $1.0000 in Price(4): the smallest price quoted on the cent grid. */
    private static final long CENT_GRID_FROM = 10_000;
    /** A cent in Price(4): the tick from {@link #CENT_GRID_FROM} up (below it, 1). */
    private static final long CENT = 100;
    /**
     * A new level more than this many ticks from both ends of a deep book is placed from a level found
     * this many ticks away at most, through the hash, rather than by a walk from an end.
     */
    private static final int NEIGHBOUR_TICKS = 4;
    /**
     * ... but only in a book of more levels than this: a shorter walk costs less than the probes (in the
     * generated streams, whose books are mostly shallower, probing every time cost 3-6 % of decode + book).
     */
    private static final int NEIGHBOUR_MIN_LEVELS = 32;

    /** {@link #slots}, the index's own: {@code table[find(key, home) + 1]} is the level + 1, or 0. */
    final long[] table;
    /** Level records, {@link #L_STRIDE} longs each from {@link Pairs#BASE} on. */
    final long[] records;
    /** {@link BookState#state}, where each book's list has its ends and length. */
    private final long[] bookState;
    final int capacity;
    private int freeHead;
    private int highWater;
    int used;

    /**
     * @param capacity  levels it can hold at once.
     * @param bookState the books' state, {@link BookState#state}.
     */
    LevelTable(final int capacity, final long[] bookState)
    {
        super(OrderTable.tableSlots(capacity), LevelTable::levelHash);
        this.capacity = capacity;
        this.bookState = bookState;
        this.table = slots;
        this.records = new long[BASE + capacity * L_STRIDE];
        reset();
    }

    /**
     * @param capacity levels.
     * @return heap bytes the table and the records take.
     */
    static long footprintBytes(final int capacity)
    {
        return (OrderTable.tableSlots(capacity) + RobinHoodTable.TAIL) * 16L + capacity * (L_STRIDE * 8L);
    }

    static int lv(final int level)
    {
        return BASE + (level << 2);
    }

    static long levelKey(final int book, final long price)
    {
        return ((long)book << 32) | price;
    }

    int home(final long key)
    {
        return homeOf(levelHash(key));
    }

    /**
     * @return the book's level at the price, or {@link OrderTable#NIL}.
     */
    int levelAt(final int book, final long price)
    {
        final long key = levelKey(book, price);
        return (int)table[find(key, home(key)) + 1] - 1;
    }

    long price(final int level)
    {
        return records[lv(level) + L_KEY] & U32_MASK;
    }

    int book(final int level)
    {
        return (int)(records[lv(level) + L_KEY] >>> 32);
    }

    long total(final int level)
    {
        return records[lv(level) + L_TOTAL];
    }

    int next(final int level)
    {
        return low(records[lv(level) + L_LINKS]);
    }

    int prev(final int level)
    {
        return high(records[lv(level) + L_LINKS]);
    }

    int tailOrder(final int level)
    {
        return high(records[lv(level) + L_ORDERS]);
    }

    int orderCount(final int level)
    {
        return low(records[lv(level) + L_ORDERS]);
    }

    /**
     * Copy a book's levels, best first, into caller-owned arrays.
     *
     * @return the number of levels copied.
     */
    int copy(final int best, final int max, final long[] prices, final long[] shares, final long[] orderCounts)
    {
        int count = 0;
        for (int level = best; level != NIL && count < max; level = next(level))
        {
            prices[count] = price(level);
            shares[count] = total(level);
            orderCounts[count] = orderCount(level);
            count++;
        }
        return count;
    }

    /**
     * Open a level, empty, and link it into its book's list in price order.
     *
     * @param home the key's home slot ({@link #home}).
     * @return the level, or {@link OrderTable#NIL} when the pool is full or the table's last run reached
     * its end: as good as full.
     */
    int open(final long key, final int home, final int book, final long price, final int sideIndex)
    {
        if (used == capacity)
        {
            return NIL;
        }
        final boolean reuse = NIL != freeHead;
        final int level = reuse ? freeHead : highWater;
        if (!insert(key, home, level))
        {
            return NIL;
        }
        if (reuse)
        {
            freeHead = next(level);
        }
        else
        {
            highWater++;
        }
        used++;
        final int l = lv(level);
        records[l + L_TOTAL] = 0L;
        records[l + L_KEY] = key;
        records[l + L_ORDERS] = pack(NIL, 0);

        final int bs = bs(book);
        final long ends = bookState[bs + B_ENDS];
        final int best = high(ends);
        bookState[bs + B_LEVELS]++;
        if (NIL == best)
        {
            records[l + L_LINKS] = pack(NIL, NIL);
            bookState[bs + B_ENDS] = pack(level, level);
            return level;
        }

        // bids: better = higher price; asks: better = lower price. Walk from the nearer end, or, when
        // both ends are more than a few ticks away, from a level found a few ticks away in the hash
        final int worst = low(ends);
        final long fromBest = Math.abs(price - price(best));
        final long fromWorst = Math.abs(price(worst) - price);
        final long tick = price < CENT_GRID_FROM ? 1 : CENT;
        final boolean deepInside =
            bookState[bs + B_LEVELS] > NEIGHBOUR_MIN_LEVELS && Math.min(fromBest, fromWorst) > NEIGHBOUR_TICKS * tick;
        int start = deepInside ? nearbyLevel(book, price, tick) : NIL;
        if (NIL == start)
        {
            start = fromBest <= fromWorst ? best : worst;
        }
        if (!isBetter(sideIndex, price, price(start)))
        {
            // toward worse prices from start, which is at least as good as price
            int after = NIL;
            int at = start;
            while (NIL != at && !isBetter(sideIndex, price, price(at)))
            {
                after = at;
                at = next(at);
            }
            link(book, level, after, at);
        }
        else
        {
            // toward better prices from start, which is worse than price
            int before = NIL;
            int at = start;
            while (NIL != at && isBetter(sideIndex, price, price(at)))
            {
                before = at;
                at = prev(at);
            }
            link(book, level, at, before);
        }
        return level;
    }

    /**
     * Unlink the level from its book's list and free it.
     */
    void close(final int level, final long key, final int book)
    {
        final long links = records[lv(level) + L_LINKS];
        final int prev = high(links);
        final int next = low(links);
        final int bs = bs(book);
        if (NIL == prev)
        {
            bookState[bs + B_ENDS] = withHigh(bookState[bs + B_ENDS], next);
        }
        else
        {
            setNext(prev, next);
        }
        if (NIL == next)
        {
            bookState[bs + B_ENDS] = withLow(bookState[bs + B_ENDS], prev);
        }
        else
        {
            setPrev(next, prev);
        }
        bookState[bs + B_LEVELS]--;

        delete(find(key, home(key)));
        setNext(level, freeHead);
        freeHead = level;
        used--;
    }

    /**
     * Empty the table: entry by entry, found by a pass over the records in use, when they fill less than
     * 1/{@code byEntryRatio} of its slots in use, else every slot in use. It keeps the size it grew to.
     */
    void clear(final int byEntryRatio)
    {
        if ((long)used * byEntryRatio < slotsInUse())
        {
            for (int level = 0; level < highWater; level++)
            {
                final int l = lv(level);
                if (0 != low(records[l + L_ORDERS]))
                {
                    clearEntry(records[l + L_KEY]);
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
        used = 0;
    }

    /**
     * A level of the book within {@link #NEIGHBOUR_TICKS} ticks of {@code price}, nearest first, looked
     * up in the hash; {@link OrderTable#NIL} when there is none. In a deep, dense book it saves the walk
     * from an end: a new level a thousand levels from both ends cost about 1 us an add
     * ({@code BookLevelsBenchmark}, {@code SHUFFLED}).
     */
    private int nearbyLevel(final int book, final long price, final long tick)
    {
        int level = NIL;
        for (int i = 1; i <= NEIGHBOUR_TICKS && NIL == level; i++)
        {
            final long below = price - i * tick;
            final long above = price + i * tick;
            level = below >= 0 ? levelAt(book, below) : NIL;
            if (NIL == level && above <= U32_MASK)
            {
                level = levelAt(book, above);
            }
        }
        return level;
    }

    /** Link {@code level} between {@code prev} (better, or NIL) and {@code next} (worse, or NIL). */
    private void link(final int book, final int level, final int prev, final int next)
    {
        records[lv(level) + L_LINKS] = pack(prev, next);
        final int bs = bs(book);
        if (NIL == prev)
        {
            bookState[bs + B_ENDS] = withHigh(bookState[bs + B_ENDS], level);
        }
        else
        {
            setNext(prev, level);
        }
        if (NIL == next)
        {
            bookState[bs + B_ENDS] = withLow(bookState[bs + B_ENDS], level);
        }
        else
        {
            setPrev(next, level);
        }
    }

    private void setNext(final int level, final int next)
    {
        final int i = lv(level) + L_LINKS;
        records[i] = withLow(records[i], next);
    }

    private void setPrev(final int level, final int prev)
    {
        final int i = lv(level) + L_LINKS;
        records[i] = withHigh(records[i], prev);
    }

    private static boolean isBetter(final int sideIndex, final long price, final long than)
    {
        return 0 == sideIndex ? price > than : price < than;
    }

    /**
     * The hash: the book's (locate and side, the key's high half) Fibonacci product, byte-reversed, plus
     * the price over 64 from $1 up and the price itself below (see {@link #LEVEL_PRICE_SHIFT}): about one
     * slot a tick either way. The levels of one book, at nearby prices, so sit near each other in the
     * table; different books start at unrelated offsets.
     * <p>
     * The table takes the low bits of the hash ({@link RobinHoodTable#homeOf}), as many as its size in use,
     * so the product's best-mixed bits, its top byte and the next, are turned to the bottom; one byte swap,
     * where a full bit reversal would be ten dependent operations on Java 17.
     *
     * @return the hash, whose low bits are the home slot.
     */
    static int levelHash(final long levelKey)
    {
        final long price = levelKey & U32_MASK;
        return (int)Long.reverseBytes(OrderTable.fibonacci(levelKey >>> 32, 0)) + // the whole product, shifted by 0
            (int)(price < CENT_GRID_FROM ? price : price >>> LEVEL_PRICE_SHIFT);
    }
}
