package org.feedhandler.book;

import java.util.Arrays;

import org.feedhandler.config.Configuration;
import org.feedhandler.config.Settings;

/**
 * The order books of every Stock Locate (0..65535), both sides, built from order-by-order messages
 * (ITCH 5.0 {@code A F E C X D U P Q}). Single-threaded: one thread applies messages and queries.
 * <p>
 * <b>Zero allocation after construction.</b> All storage is preallocated primitive arrays sized
 * from {@code feed.book.max.orders} and {@code feed.book.max.levels}. Operations never throw and
 * never allocate: each returns a result code ({@link #OK}, {@link #UNKNOWN_ORDER}, ...), bumps a
 * counter when it rejects, and a full capacity is reported through
 * {@link BookListener#onCapacityExceeded(String, int)} with the key of the setting to raise.
 * <p>
 * <b>Values.</b> Stock Locate u16 as {@code int}; order reference u64 as {@code long}, any bit
 * pattern (including 0 and the top bit set) is a valid key; shares and prices u32 in a
 * {@code long} (0..2^32-1, so signed comparison of prices is the unsigned order); level totals are
 * 64-bit. Side is the ASCII byte {@code 'B'} or {@code 'S'}.
 *
 * <pre>
 *  orders: a RobinHoodTable of fixed size (open addressing, Robin Hood linear probing, load &lt;= 0.5,
 *  early-stopping backward-shift delete, no tombstones), hashed so that consecutive references keep
 *  consecutive slots within aligned buckets of 256 (orderHash); an always-empty last slot answers every miss
 *
 *  orderTable long[2*(2^k+4096)]  orderInts int[4 * maxOrders]           orderRefs long[maxOrders]
 *  +-----------+--------------+   +--------+-------+-------+-------+     +---------+
 *  | ref (u64) | home : idx+1 |--&gt;| shares | level | prev  | next  |     | ref     |  (cold: L3 reads)
 *  +-----------+--------------+   +--------+-------+-------+-------+     +---------+
 *   16 bytes: key and value         16 bytes, one cache line; prev/next: the level's FIFO (below),
 *   share one cache line            next doubles as the free-list link when the order is free
 *
 *  levels: a pool with a free list, a price -&gt; level hash keyed by (locate, side, price) packed
 *  into one long, and per book side a sorted doubly linked list, best first. The level hash is a
 *  RobinHoodTable: preallocated for the capacity, but used over a prefix that doubles, a few slots an
 *  add, as the levels grow (at most 1/8 full while growing), so its live part stays a few MiB whatever
 *  the capacity: each book's levels sit at a place of their own, and in a table of the full 64 MiB
 *  (the default) the thousands of books in use were each on a page of their own
 *
 *  levelTable long[2 * (2^m + 4096)]        levels long[6 + 4 * maxLevels]: one 32-byte record per level
 *  +--------------------------+----------+  +-------------+-----+-------------+-------------------+
 *  | locate:16 side:1 price:32| home:i+1 |-&gt;| total (i64) | key | prev : next | tail order : count |
 *  +--------------------------+----------+  +-------------+-----+-------------+-------------------+
 *                                         a walk or an update touches one record, not two arrays
 *
 *  per locate, one 64-byte line (bookState): per side best : worst level, level count, top price, top shares
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
 * <p>
 * <b>Why a linked list of levels.</b> Best price is O(1) (the head). An order at an existing price
 * finds its level in O(1) through the level hash, without walking; only a price that opens a new
 * level walks the list, from the nearer end (chosen by price distance to the best and to the worst
 * level), and new levels open overwhelmingly near the top of the book; one more than a few ticks from
 * both ends starts its walk from a level the hash finds within 4 ticks of it, if any (a deep, dense
 * book). Removing a level is O(1).
 * A pooled sorted array per book would make the walk a binary search but every insertion and
 * removal near the top a shift of the whole array behind it, and sizing per-book arrays for 65,536
 * books from one pool needs a second allocator. The cost of the list is a pointer walk for a new
 * level deep in a sparse book with thousands of levels.
 * <p>
 * <b>Memory at the defaults</b> (8M orders, 2M levels): an order costs 32 bytes of hash table (two
 * 16-byte slots at load 0.5), 16 bytes of record and 8 bytes of reference: 56 bytes, 448 MiB; a
 * level costs 32 bytes of table and 32 bytes of record: 64 bytes, 128 MiB (the table's 64 MiB is touched
 * only as far as the levels in use need); the per-locate book state
 * (64 bytes a locate) 4 MiB. About 580 MiB of heap in all. ({@code replay} sizes its books to the file.)
 * <p>
 * <b>Events.</b> For one operation: {@link BookListener#onLevelChanged} for each level touched (a
 * removed level reports 0 shares and 0 orders), then {@link BookListener#onTopOfBook} once, only
 * if the best bid or offer changed price or shares. A replace therefore reports the old and the
 * new level, and at most one top-of-book change.
 * <p>
 * <b>Top of book is tracked only for a listener that takes it.</b> Telling whether an operation
 * changed the best bid or offer means reading the best level's record and the last reported top on
 * every operation: about 6 % of decode + book (session 10 in the README). The books do that only when
 * the listener's class overrides {@link BookListener#onTopOfBook} (checked once, at construction);
 * otherwise the event would reach the interface's empty default anyway. The best bid and offer
 * themselves ({@link #bestBidPrice} and the rest) are read from the levels and are right either way.
 */
public final class OrderBooks
{
    /** The operation was applied. */
    public static final int OK = 0;
    /** No resting order has the reference; nothing changed. */
    public static final int UNKNOWN_ORDER = 1;
    /** An add (or the new reference of a replace) names an order already resting; nothing changed. */
    public static final int DUPLICATE_ORDER = 2;
    /** The order pool is full ({@code feed.book.max.orders}); the order was not added. */
    public static final int ORDERS_FULL = 3;
    /** The level pool is full ({@code feed.book.max.levels}); the order was not added. */
    public static final int LEVELS_FULL = 4;
    /** The side is neither {@code 'B'} nor {@code 'S'}; nothing changed. */
    public static final int BAD_SIDE = 5;
    /** Locate, shares or price out of its unsigned range; nothing changed. */
    public static final int BAD_VALUE = 6;

    /** Buy side byte. */
    public static final byte BUY = 'B';
    /** Sell side byte. */
    public static final byte SELL = 'S';

    /** Price reported for a side without orders. Never a valid u32 price. */
    public static final long NULL_PRICE = -1L;
    /** Locate passed to {@link BookListener#onStale} when every book changes at once. */
    public static final int ALL_LOCATES = -1;
    /** Number of Stock Locates, the range of a u16. */
    public static final int LOCATE_COUNT = 65536;
    /** Largest capacity accepted for orders or levels. */
    public static final int MAX_CAPACITY = 1 << 28;

    private static final int NIL = -1;
    /**
     * References per block, and slots per bucket, of {@link #orderHash}: 256, 4 KiB of table, one page.
     * 4096 measured the same; 64 was slower. Small buckets bound the damage when two blocks of live
     * orders share a bucket: one bucket's overflow into the next at worst.
     */
    private static final int ORDER_BLOCK_BITS = 8;
    private static final long ORDER_BLOCK_MASK = (1L << ORDER_BLOCK_BITS) - 1;
    private static final int BOOK_COUNT = LOCATE_COUNT * 2;
    /**
     * Prices from $1 up are divided by 64 in the level hash: their tick is a cent, 100 in Price(4)
     * (Reg NMS Rule 612 forbids sub-penny quotes from $1.00), so the levels of a book a tick apart land
     * one or two 16-byte slots apart, four to a cache line, instead of a cache line (and most of a page)
     * apart. Below $1 the tick is $0.0001, 1 in Price(4), and the price is its own offset: divided by
     * 64 as well, every 64 consecutive prices would share one home slot, and a sub-dollar book a few
     * thousand levels deep became one probe cluster thousands of slots long (2 us an operation at
     * 2,000 levels a side, against 30 ns for the same book on a cent grid; {@code BookLevelsBenchmark}).
     */
    private static final int LEVEL_PRICE_SHIFT = 6;
    /** $1.0000 in Price(4): the smallest price quoted on the cent grid. */
    private static final long CENT_GRID_FROM = 10_000;
    /** A cent in Price(4): the tick from {@link #CENT_GRID_FROM} up (below it, 1). */
    private static final long CENT = 100;
    /**
     * A new level more than this many ticks from both ends of a deep book is placed from a level found
     * this many ticks away at most, through the level hash, rather than by a walk from an end.
     */
    private static final int NEIGHBOUR_TICKS = 4;
    /**
     * ... but only in a book of more levels than this: a shorter walk costs less than the probes (in the
     * generated streams, whose books are mostly shallower, probing every time cost 3-6 % of decode + book).
     */
    private static final int NEIGHBOUR_MIN_LEVELS = 32;
    private static final long U32_MASK = 0xFFFF_FFFFL;
    /**
     * {@link #clear} zeroes a table's entries one by one when they fill less than 1/16 of its slots, and
     * the whole table otherwise. At the default capacities (8M orders, 2M levels; {@code BookClearBenchmark},
     * medians): zeroing both tables whole takes 27 ms; entry by entry, found by a pass over the records
     * in use, 2.8 ms with 31K orders resting, 9.3 ms with 400K and 12.2 ms with 900K (the level table
     * zeroed whole).
     */
    private static final int CLEAR_BY_ENTRY = 16;

    // order record, int[] stride 4
    private static final int O_SHARES = 0;
    private static final int O_LEVEL = 1;
    private static final int O_PREV = 2;
    private static final int O_NEXT = 3;
    private static final int O_STRIDE = 4;

    // level record, long[] stride 2 and int[] stride 4
    // level record, long[] stride 4 = 32 bytes; int pairs packed high:low
    private static final int L_TOTAL = 0;
    private static final int L_KEY = 1;
    private static final int L_LINKS = 2; // prev level : next level
    private static final int L_ORDERS = 3; // tail order : order count
    private static final int L_STRIDE = 4;
    /**
     * Records start 48 bytes into the array, just after the 16-byte array header, 64 bytes from
     * the array's start: when the array starts on a cache line (G1 allocates arrays of half a
     * region or more at a region boundary) no 32-byte record straddles two lines.
     */
    private static final int L_BASE = 6;
    private static final long LOW_MASK = 0xFFFF_FFFFL;

    // book state, long[] stride 4 per book, both books of a locate in one 64-byte line
    private static final int B_ENDS = 0; // best level : worst level
    private static final int B_LEVELS = 1;
    private static final int B_TOP_PRICE = 2;
    private static final int B_TOP_SHARES = 3;
    private static final long HIGH_MASK = 0xFFFF_FFFF_0000_0000L;

    private final BookListener listener;
    /** Whether the listener overrides {@link BookListener#onTopOfBook}: if not, no one needs the top tracked. */
    private final boolean tracksTopOfBook;
    private final int maxOrders;
    private final int maxLevels;

    private final RobinHoodTable orderIndex;
    private final long[] orderTable;
    private final int orderHashShift;
    private final int[] orderInts;
    private final long[] orderRefs;
    private int orderFreeHead;
    private int orderHighWater;
    private int restingOrders;

    private final RobinHoodTable levelIndex;
    private final long[] levelTable;
    private final long[] levels;
    private int levelFreeHead;
    private int levelHighWater;
    private int usedLevels;

    /**
     * Per locate, one 64-byte cache line: per side (bid, then ask) best level : worst level, level
     * count, top-of-book price and shares. An operation on a book reads and writes this one line,
     * not four arrays. Starts {@link #L_BASE} longs in, for the same alignment as {@link #levels}.
     */
    private final long[] bookState = new long[L_BASE + LOCATE_COUNT * 8];
    private final boolean[] stale = new boolean[LOCATE_COUNT];
    private int staleCount;

    private boolean ordersFullReported;
    private boolean levelsFullReported;
    private long unknownOrderRefs;
    private long duplicateOrderRefs;
    private long ordersFullCount;
    private long levelsFullCount;
    private long badSideCount;
    private long badValueCount;
    private long excessSharesCount;

    /**
     * Preallocate every structure.
     *
     * @param maxOrders resting orders the books can hold at once, 1..{@link #MAX_CAPACITY}.
     * @param maxLevels price levels the books can hold at once, 1..{@link #MAX_CAPACITY}.
     * @param listener  receives the changes; {@link BookListener#NO_OP} for none.
     * @throws IllegalArgumentException when a capacity is out of range or the listener is null.
     */
    public OrderBooks(final int maxOrders, final int maxLevels, final BookListener listener)
    {
        if (maxOrders < 1 || maxOrders > MAX_CAPACITY)
        {
            throw new IllegalArgumentException(
                Configuration.BOOK_MAX_ORDERS_PROP_NAME + ": " + maxOrders + " is out of range [1, " + MAX_CAPACITY + "]");
        }
        if (maxLevels < 1 || maxLevels > MAX_CAPACITY)
        {
            throw new IllegalArgumentException(
                Configuration.BOOK_MAX_LEVELS_PROP_NAME + ": " + maxLevels + " is out of range [1, " + MAX_CAPACITY + "]");
        }
        if (null == listener)
        {
            throw new IllegalArgumentException("listener is null (use BookListener.NO_OP)");
        }

        this.listener = listener;
        this.tracksTopOfBook = takesTopOfBook(listener);
        this.maxOrders = maxOrders;
        this.maxLevels = maxLevels;

        final int orderSlots = tableSlots(maxOrders);
        final int orderShift = hashShift(orderSlots);
        orderHashShift = orderShift;
        orderIndex = new RobinHoodTable(orderSlots, orderSlots, ref -> (int)orderHash(ref, orderShift));
        orderTable = orderIndex.slots;
        orderInts = new int[maxOrders * O_STRIDE];
        orderRefs = new long[maxOrders];

        levelIndex = new RobinHoodTable(tableSlots(maxLevels), OrderBooks::levelHash);
        levelTable = levelIndex.slots;
        levels = new long[L_BASE + maxLevels * L_STRIDE];

        resetBooks();
    }

    /**
     * Books sized by {@code feed.book.max.orders} and {@code feed.book.max.levels}.
     *
     * @param settings the configuration.
     * @param listener receives the changes.
     * @return the books.
     * @throws org.feedhandler.config.ConfigurationException naming the key of a bad capacity.
     */
    public static OrderBooks fromSettings(final Settings settings, final BookListener listener)
    {
        return fromSettings(settings, listener, MAX_CAPACITY);
    }

    /**
     * Books sized by {@code feed.book.max.orders} and {@code feed.book.max.levels}, each capped at a
     * limit the caller knows cannot be exceeded (e.g. the Add Orders a file can hold).
     *
     * @param settings the configuration.
     * @param listener receives the changes.
     * @param limit    most orders and most levels worth allocating, 1..{@link #MAX_CAPACITY}.
     * @return the books.
     * @throws org.feedhandler.config.ConfigurationException naming the key of a bad capacity.
     */
    public static OrderBooks fromSettings(final Settings settings, final BookListener listener, final int limit)
    {
        final int maxOrders = settings.intValue(
            Configuration.BOOK_MAX_ORDERS_PROP_NAME, Configuration.BOOK_MAX_ORDERS_DEFAULT, 1, MAX_CAPACITY);
        final int maxLevels = settings.intValue(
            Configuration.BOOK_MAX_LEVELS_PROP_NAME, Configuration.BOOK_MAX_LEVELS_DEFAULT, 1, MAX_CAPACITY);
        return new OrderBooks(Math.min(maxOrders, limit), Math.min(maxLevels, limit), listener);
    }

    /**
     * Heap bytes the books take for the given capacities (arrays only), for start-up reports.
     *
     * @param maxOrders order capacity.
     * @param maxLevels level capacity.
     * @return bytes.
     */
    public static long footprintBytes(final int maxOrders, final int maxLevels)
    {
        final long orders = (tableSlots(maxOrders) + RobinHoodTable.TAIL) * 16L + maxOrders * (O_STRIDE * 4L + 8L);
        final long levels = (tableSlots(maxLevels) + RobinHoodTable.TAIL) * 16L + maxLevels * (L_STRIDE * 8L);
        final long books = LOCATE_COUNT * 65L;
        return orders + levels + books;
    }

    // ---- operations -----------------------------------------------------------------------------

    /**
     * Add a resting order (ITCH {@code A} and {@code F}). It joins the back of its price level.
     *
     * @param locate    Stock Locate, 0..65535.
     * @param orderRef  order reference, any 64-bit pattern.
     * @param side      {@code 'B'} or {@code 'S'}.
     * @param shares    shares, 0..2^32-1.
     * @param price     price, 0..2^32-1.
     * @param timestamp message timestamp, passed to the listener.
     * @return {@link #OK}, {@link #DUPLICATE_ORDER}, {@link #ORDERS_FULL}, {@link #LEVELS_FULL},
     * {@link #BAD_SIDE} or {@link #BAD_VALUE}.
     */
    public int addOrder(
        final int locate, final long orderRef, final byte side, final long shares, final long price, final long timestamp)
    {
        final int sideIndex = sideIndex(side);
        if (sideIndex < 0)
        {
            badSideCount++;
            return BAD_SIDE;
        }
        if ((locate & ~0xFFFF) != 0 || (shares >>> 32) != 0 || (price >>> 32) != 0)
        {
            badValueCount++;
            return BAD_VALUE;
        }

        levelIndex.split();
        final int home = orderHome(orderRef);
        final int result = insertOrder(locate, sideIndex, orderRef, home, shares, price, timestamp);
        if (OK == result)
        {
            updateTopOfBook(locate, sideIndex, timestamp);
        }
        return result;
    }

    /**
     * Execute part or all of a resting order (ITCH {@code E}, and {@code C}, whose order rests at
     * its own price whatever the print price). At zero remaining shares the order leaves the book.
     * More shares than remain removes the order and is counted in {@link #excessSharesCount()}.
     *
     * @param orderRef       order reference.
     * @param executedShares shares executed, 0..2^32-1.
     * @param timestamp      message timestamp.
     * @return {@link #OK}, {@link #UNKNOWN_ORDER} or {@link #BAD_VALUE}.
     */
    public int executeOrder(final long orderRef, final long executedShares, final long timestamp)
    {
        return reduceOrder(orderRef, executedShares, timestamp, false, 0, NULL_PRICE);
    }

    /**
     * Execute part or all of a resting order (ITCH {@code E}, {@code C}) and report the execution to
     * the listener as a trade ({@link BookListener#onTrade}) with the order's stock and side, before
     * the book changes. The order rests at its own price; the trade is printed at
     * {@code printPrice}, or at the order's price when that is {@link #NULL_PRICE} (an {@code E}).
     *
     * @param orderRef       order reference.
     * @param executedShares shares executed, 0..2^32-1.
     * @param matchNumber    the execution's match number.
     * @param printPrice     C's execution price, or {@link #NULL_PRICE} for E.
     * @param timestamp      message timestamp.
     * @return {@link #OK}, {@link #UNKNOWN_ORDER} or {@link #BAD_VALUE}.
     */
    public int executeOrder(
        final long orderRef, final long executedShares, final long matchNumber, final long printPrice,
        final long timestamp)
    {
        return reduceOrder(orderRef, executedShares, timestamp, true, matchNumber, printPrice);
    }

    /**
     * Cancel part of a resting order (ITCH {@code X}). At zero remaining shares the order leaves.
     *
     * @param orderRef        order reference.
     * @param cancelledShares shares cancelled, 0..2^32-1.
     * @param timestamp       message timestamp.
     * @return {@link #OK}, {@link #UNKNOWN_ORDER} or {@link #BAD_VALUE}.
     */
    public int cancelOrder(final long orderRef, final long cancelledShares, final long timestamp)
    {
        return reduceOrder(orderRef, cancelledShares, timestamp, false, 0, NULL_PRICE);
    }

    /**
     * Remove a resting order (ITCH {@code D}).
     *
     * @param orderRef  order reference.
     * @param timestamp message timestamp.
     * @return {@link #OK} or {@link #UNKNOWN_ORDER}.
     */
    public int deleteOrder(final long orderRef, final long timestamp)
    {
        final int slot = findOrderSlot(orderRef);
        final int order = (int)orderTable[slot + 1] - 1;
        if (order < 0)
        {
            unknownOrderRefs++;
            return UNKNOWN_ORDER;
        }

        final int level = orderInts[order * O_STRIDE + O_LEVEL];
        final int book = bookOf(level);
        removeOrder(slot, order, level, timestamp);
        updateTopOfBook(book >>> 1, book & 1, timestamp);
        return OK;
    }

    /**
     * Replace a resting order (ITCH {@code U}): the original leaves the book and a new order with
     * a new reference, the same stock and side, and new shares and price joins the back of its
     * level (it loses time priority even at the same price).
     * <p>
     * An unknown original, a new reference already resting (other than the original's own), or an
     * out-of-range value changes nothing. If the new order cannot be placed for lack of a level
     * ({@link #LEVELS_FULL}), the original has still left the book, as the exchange says it has.
     *
     * @param origRef   reference of the resting order.
     * @param newRef    reference of the new order.
     * @param shares    shares of the new order, 0..2^32-1.
     * @param price     price of the new order, 0..2^32-1.
     * @param timestamp message timestamp.
     * @return {@link #OK}, {@link #UNKNOWN_ORDER}, {@link #DUPLICATE_ORDER}, {@link #LEVELS_FULL}
     * or {@link #BAD_VALUE}.
     */
    public int replaceOrder(
        final long origRef, final long newRef, final long shares, final long price, final long timestamp)
    {
        if ((shares >>> 32) != 0 || (price >>> 32) != 0)
        {
            badValueCount++;
            return BAD_VALUE;
        }

        levelIndex.split();
        final int origSlot = findOrderSlot(origRef);
        final int order = (int)orderTable[origSlot + 1] - 1;
        if (order < 0)
        {
            unknownOrderRefs++;
            return UNKNOWN_ORDER;
        }
        final int newHome = orderHome(newRef);
        if (newRef != origRef && isResting(newRef, newHome))
        {
            return duplicateOrder();
        }

        final int level = orderInts[order * O_STRIDE + O_LEVEL];
        final int book = bookOf(level);
        final int locate = book >>> 1;
        final int sideIndex = book & 1;
        removeOrder(origSlot, order, level, timestamp);

        final int result = insertOrder(locate, sideIndex, newRef, newHome, shares, price, timestamp);
        updateTopOfBook(locate, sideIndex, timestamp);
        return result;
    }

    /**
     * Report a trade that does not touch the book (ITCH {@code P}, {@code Q}): the listener's
     * {@link BookListener#onTrade} is called and nothing else happens.
     *
     * @param locate      Stock Locate.
     * @param orderRef    order reference (0 for a cross).
     * @param side        side byte as received.
     * @param shares      shares (unsigned; a cross is 64-bit).
     * @param price       price.
     * @param matchNumber match number.
     * @param timestamp   message timestamp.
     */
    public void trade(
        final int locate,
        final long orderRef,
        final byte side,
        final long shares,
        final long price,
        final long matchNumber,
        final long timestamp)
    {
        listener.onTrade(locate, orderRef, side, shares, price, matchNumber, timestamp);
    }

    /**
     * Report a broken trade (ITCH {@code B}) to the listener; the book is unchanged.
     *
     * @param locate      Stock Locate.
     * @param matchNumber the broken trade's match number.
     * @param timestamp   message timestamp.
     */
    public void brokenTrade(final int locate, final long matchNumber, final long timestamp)
    {
        listener.onBrokenTrade(locate, matchNumber, timestamp);
    }

    /**
     * Empty every book (a new session). Sends no level or top-of-book events: the caller announces
     * the session change. Stale flags and counters are kept.
     * <p>
     * The cost follows what rests, not the capacity: a table whose entries fill less than
     * 1/{@value #CLEAR_BY_ENTRY} of its slots has each entry zeroed where it sits, found by a pass over
     * the records in use; a fuller one is zeroed whole (the level table: the slots in use, which its
     * growth keeps to a few times its entries). Zeroing the default-sized order table writes 256 MiB,
     * tens of milliseconds, and evicts every cache line and TLB entry the feed was using. Either way the
     * 65,536 locates' book state (4 MiB) is reset. The level table keeps the size it grew to.
     */
    public void clear()
    {
        final boolean ordersByEntry = (long)restingOrders * CLEAR_BY_ENTRY < orderIndex.slotsInUse();
        final boolean levelsByEntry = (long)usedLevels * CLEAR_BY_ENTRY < levelIndex.slotsInUse();
        if (ordersByEntry)
        {
            for (int order = 0; order < orderHighWater; order++)
            {
                if (NIL != orderInts[order * O_STRIDE + O_LEVEL])
                {
                    orderIndex.clearEntry(orderRefs[order]);
                }
            }
        }
        else
        {
            orderIndex.clearAll();
        }
        orderIndex.emptied();
        if (levelsByEntry)
        {
            for (int level = 0; level < levelHighWater; level++)
            {
                final int l = lv(level);
                if (0 != low(levels[l + L_ORDERS]))
                {
                    levelIndex.clearEntry(levels[l + L_KEY]);
                }
            }
        }
        else
        {
            levelIndex.clearAll();
        }
        levelIndex.emptied();
        resetBooks();
    }

    // ---- stale flags ----------------------------------------------------------------------------

    /**
     * Flag one book possibly stale (messages for it may have been lost).
     *
     * @param locate Stock Locate.
     */
    public void markStale(final int locate)
    {
        if (!stale[locate])
        {
            stale[locate] = true;
            staleCount++;
            listener.onStale(locate, true);
        }
    }

    /**
     * Flag every book possibly stale (a gap in the stream). The listener hears it once, with
     * {@link #ALL_LOCATES}, unless every book was already stale.
     */
    public void markAllStale()
    {
        if (staleCount < LOCATE_COUNT)
        {
            Arrays.fill(stale, true);
            staleCount = LOCATE_COUNT;
            listener.onStale(ALL_LOCATES, true);
        }
    }

    /**
     * Trust one book again (e.g. after a snapshot or recovery).
     *
     * @param locate Stock Locate.
     */
    public void clearStale(final int locate)
    {
        if (stale[locate])
        {
            stale[locate] = false;
            staleCount--;
            listener.onStale(locate, false);
        }
    }

    /**
     * Trust every book again. The listener hears it once, with {@link #ALL_LOCATES}, if any was stale.
     */
    public void clearAllStale()
    {
        if (staleCount > 0)
        {
            Arrays.fill(stale, false);
            staleCount = 0;
            listener.onStale(ALL_LOCATES, false);
        }
    }

    public boolean isStale(final int locate)
    {
        return stale[locate];
    }

    public int staleCount()
    {
        return staleCount;
    }

    // ---- queries --------------------------------------------------------------------------------

    /**
     * @param locate Stock Locate.
     * @return true when neither side has a level.
     */
    public boolean isEmpty(final int locate)
    {
        return 0 == levelCount(locate << 1) && 0 == levelCount((locate << 1) | 1);
    }

    /**
     * @param fromLocate first locate to look at.
     * @return the first locate at or after {@code fromLocate} whose book is not empty, or -1.
     */
    public int nextNonEmptyLocate(final int fromLocate)
    {
        for (int locate = Math.max(0, fromLocate); locate < LOCATE_COUNT; locate++)
        {
            if (!isEmpty(locate))
            {
                return locate;
            }
        }
        return -1;
    }

    public long bestBidPrice(final int locate)
    {
        return bestPrice(locate << 1);
    }

    public long bestBidShares(final int locate)
    {
        return bestShares(locate << 1);
    }

    public long bestAskPrice(final int locate)
    {
        return bestPrice((locate << 1) | 1);
    }

    public long bestAskShares(final int locate)
    {
        return bestShares((locate << 1) | 1);
    }

    /**
     * @param locate Stock Locate.
     * @param side   {@code 'B'} or {@code 'S'}.
     * @return number of price levels on that side.
     */
    public int levelCount(final int locate, final byte side)
    {
        return levelCount(book(locate, side));
    }

    /**
     * Copy the best levels of one side, best first, into caller-owned arrays.
     *
     * @param locate      Stock Locate.
     * @param side        {@code 'B'} or {@code 'S'}.
     * @param maxLevels   most levels to copy; the arrays must hold this many.
     * @param prices      receives prices.
     * @param shares      receives total shares.
     * @param orderCounts receives order counts.
     * @return the number of levels copied.
     */
    public int levels(
        final int locate,
        final byte side,
        final int maxLevels,
        final long[] prices,
        final long[] shares,
        final long[] orderCounts)
    {
        int count = 0;
        for (int level = bestLevel(book(locate, side)); level != NIL && count < maxLevels; level = nextLevel(level))
        {
            prices[count] = levelPrice(level);
            shares[count] = levels[lv(level) + L_TOTAL];
            orderCounts[count] = orderCount(level);
            count++;
        }
        return count;
    }

    /**
     * Copy the orders resting at one price, in time priority (first is next to trade). It walks the
     * whole queue at the price, whatever {@code maxOrders}: the books keep each queue's tail only, so
     * that the feed's adds and removals never read a neighbour's record.
     *
     * @param locate    Stock Locate.
     * @param side      {@code 'B'} or {@code 'S'}.
     * @param price     the price of the level.
     * @param maxOrders most orders to copy; the arrays must hold this many.
     * @param orderRefs receives order references.
     * @param shares    receives remaining shares.
     * @return the number of orders copied (0 when there is no such level).
     */
    public int ordersAt(
        final int locate,
        final byte side,
        final long price,
        final int maxOrders,
        final long[] orderRefs,
        final long[] shares)
    {
        if ((price >>> 32) != 0)
        {
            return 0;
        }
        final int level = levelAt(book(locate, side), price);
        if (NIL == level)
        {
            return 0;
        }
        // the queue keeps only its tail: the head is found walking back (a query, not the feed's path)
        int order = tailOrder(level);
        for (int prev; NIL != (prev = orderInts[order * O_STRIDE + O_PREV]); )
        {
            order = prev;
        }
        int count = 0;
        while (count < maxOrders && NIL != order)
        {
            orderRefs[count] = this.orderRefs[order];
            shares[count] = orderInts[order * O_STRIDE + O_SHARES] & U32_MASK;
            count++;
            order = orderInts[order * O_STRIDE + O_NEXT];
        }
        return count;
    }

    /**
     * @param orderRef order reference.
     * @return true when the order is resting.
     */
    public boolean containsOrder(final long orderRef)
    {
        return isResting(orderRef, orderHome(orderRef));
    }

    /**
     * @param orderRef order reference.
     * @return remaining shares of a resting order, or -1 when unknown.
     */
    public long orderShares(final long orderRef)
    {
        final int order = (int)orderTable[findOrderSlot(orderRef) + 1] - 1;
        return order < 0 ? -1 : orderInts[order * O_STRIDE + O_SHARES] & U32_MASK;
    }

    /**
     * @param orderRef order reference.
     * @return price of a resting order, or {@link #NULL_PRICE} when unknown.
     */
    public long orderPrice(final long orderRef)
    {
        final int order = (int)orderTable[findOrderSlot(orderRef) + 1] - 1;
        return order < 0 ? NULL_PRICE : levelPrice(orderInts[order * O_STRIDE + O_LEVEL]);
    }

    /**
     * @param orderRef order reference.
     * @return side byte of a resting order, or 0 when unknown.
     */
    public byte orderSide(final long orderRef)
    {
        final int order = (int)orderTable[findOrderSlot(orderRef) + 1] - 1;
        return order < 0 ? 0 : sideByte(bookOf(orderInts[order * O_STRIDE + O_LEVEL]) & 1);
    }

    /**
     * @param orderRef order reference.
     * @return Stock Locate of a resting order, or -1 when unknown.
     */
    public int orderLocate(final long orderRef)
    {
        final int order = (int)orderTable[findOrderSlot(orderRef) + 1] - 1;
        return order < 0 ? -1 : bookOf(orderInts[order * O_STRIDE + O_LEVEL]) >>> 1;
    }

    // ---- statistics -----------------------------------------------------------------------------

    public long restingOrders()
    {
        return restingOrders;
    }

    public int usedLevels()
    {
        return usedLevels;
    }

    /** @return the level table's slots in use, which follow the levels in use rather than the capacity. */
    int levelSlotsInUse()
    {
        return levelIndex.slotsInUse();
    }

    public int maxOrders()
    {
        return maxOrders;
    }

    public int maxLevels()
    {
        return maxLevels;
    }

    /** @return operations naming an order reference that is not resting. */
    public long unknownOrderRefs()
    {
        return unknownOrderRefs;
    }

    /** @return adds (and replaces) naming a reference already resting. */
    public long duplicateOrderRefs()
    {
        return duplicateOrderRefs;
    }

    /** @return orders not added because {@code feed.book.max.orders} was reached. */
    public long ordersFullCount()
    {
        return ordersFullCount;
    }

    /** @return orders not added because {@code feed.book.max.levels} was reached. */
    public long levelsFullCount()
    {
        return levelsFullCount;
    }

    /** @return adds with a side other than {@code 'B'} or {@code 'S'}. */
    public long badSideCount()
    {
        return badSideCount;
    }

    /** @return operations with a locate, shares or price out of range. */
    public long badValueCount()
    {
        return badValueCount;
    }

    /** @return executions or cancels of more shares than remained (the order was removed). */
    public long excessSharesCount()
    {
        return excessSharesCount;
    }

    /**
     * @param result a result code.
     * @return its name, for logs and tests.
     */
    public static String resultName(final int result)
    {
        switch (result)
        {
            case OK:
                return "OK";
            case UNKNOWN_ORDER:
                return "UNKNOWN_ORDER";
            case DUPLICATE_ORDER:
                return "DUPLICATE_ORDER";
            case ORDERS_FULL:
                return "ORDERS_FULL";
            case LEVELS_FULL:
                return "LEVELS_FULL";
            case BAD_SIDE:
                return "BAD_SIDE";
            case BAD_VALUE:
                return "BAD_VALUE";
            default:
                return "UNKNOWN_RESULT(" + result + ")";
        }
    }

    // ---- internals: orders ----------------------------------------------------------------------

    /**
     * Place an order. A reference already resting is found by the order table's insertion, which scans
     * its home slot's entries anyway, rather than by a lookup before it: an add probes the table once.
     * Whatever stops the add first undoes what it did (a level it opened), so a duplicate changes
     * nothing and is reported as a duplicate, also when the books are full.
     *
     * @param home the reference's home slot in the order table ({@link #orderHome}).
     */
    private int insertOrder(
        final int locate,
        final int sideIndex,
        final long orderRef,
        final int home,
        final long shares,
        final long price,
        final long timestamp)
    {
        if (restingOrders == maxOrders)
        {
            return noRoomForOrder(orderRef, home);
        }

        final int book = (locate << 1) | sideIndex;
        final long key = levelKey(book, price);
        final int levelHome = levelHome(key);
        int level = (int)levelTable[findLevelSlot(key, levelHome) + 1] - 1;
        if (level < 0)
        {
            if (usedLevels == maxLevels || NIL == (level = newLevel(key, levelHome, book, price, sideIndex)))
            {
                if (isResting(orderRef, home))
                {
                    return duplicateOrder();
                }
                levelsFullCount++;
                if (!levelsFullReported)
                {
                    levelsFullReported = true;
                    listener.onCapacityExceeded(Configuration.BOOK_MAX_LEVELS_PROP_NAME, maxLevels);
                }
                return LEVELS_FULL;
            }
            levelsFullReported = false;
        }

        final int order = allocateOrder();
        if (!orderIndex.insert(orderRef, home, order))
        {
            // resting already, or the table's last run reached its end: as good as full (a run
            // thousands of slots long)
            freeOrder(order);
            if (0 == orderCount(level))
            {
                removeLevel(level, levels[lv(level) + L_KEY], bookOf(level));
            }
            return noRoomForOrder(orderRef, home);
        }
        ordersFullReported = false;
        final int o = order * O_STRIDE;
        orderInts[o + O_SHARES] = (int)shares;
        orderInts[o + O_LEVEL] = level;
        orderRefs[order] = orderRef;
        restingOrders++;

        // the new order becomes the tail: the old tail's record is written, not read, and the head's
        // not touched
        final int l = lv(level);
        final long orders = levels[l + L_ORDERS];
        final int tail = high(orders);
        orderInts[o + O_PREV] = tail;
        orderInts[o + O_NEXT] = NIL;
        if (NIL != tail)
        {
            orderInts[tail * O_STRIDE + O_NEXT] = order;
        }
        final int count = low(orders) + 1;
        levels[l + L_ORDERS] = pack(order, count);
        final long total = (levels[l + L_TOTAL] += shares);

        listener.onLevelChanged(locate, sideByte(sideIndex), price, total, count, timestamp);
        return OK;
    }

    private int reduceOrder(
        final long orderRef,
        final long reduceBy,
        final long timestamp,
        final boolean trade,
        final long matchNumber,
        final long printPrice)
    {
        if ((reduceBy >>> 32) != 0)
        {
            badValueCount++;
            return BAD_VALUE;
        }
        final int slot = findOrderSlot(orderRef);
        final int order = (int)orderTable[slot + 1] - 1;
        if (order < 0)
        {
            unknownOrderRefs++;
            return UNKNOWN_ORDER;
        }

        final int o = order * O_STRIDE;
        final long remaining = orderInts[o + O_SHARES] & U32_MASK;
        final int level = orderInts[o + O_LEVEL];
        final int book = bookOf(level);
        if (trade)
        {
            listener.onTrade(book >>> 1, orderRef, sideByte(book & 1), Math.min(reduceBy, remaining),
                printPrice == NULL_PRICE ? levelPrice(level) : printPrice, matchNumber, timestamp);
        }
        if (reduceBy >= remaining)
        {
            if (reduceBy > remaining)
            {
                excessSharesCount++;
            }
            removeOrder(slot, order, level, timestamp);
        }
        else
        {
            orderInts[o + O_SHARES] = (int)(remaining - reduceBy);
            final long total = (levels[lv(level) + L_TOTAL] -= reduceBy);
            listener.onLevelChanged(
                book >>> 1,
                sideByte(book & 1),
                levelPrice(level),
                total,
                orderCount(level),
                timestamp);
        }
        updateTopOfBook(book >>> 1, book & 1, timestamp);
        return OK;
    }

    /**
     * Unlink the order from its level, drop the level if it empties, delete it from the table and
     * free it. Reports the level change; the caller reports the top of book.
     */
    private void removeOrder(final int slot, final int order, final int level, final long timestamp)
    {
        final int o = order * O_STRIDE;
        final int l = lv(level);
        final int next = orderInts[o + O_NEXT];
        final int prev = orderInts[o + O_PREV];
        long orders = levels[l + L_ORDERS];
        // the neighbours' records are written, never read
        if (NIL != prev)
        {
            orderInts[prev * O_STRIDE + O_NEXT] = next;
        }
        if (NIL != next)
        {
            orderInts[next * O_STRIDE + O_PREV] = prev;
        }
        else
        {
            orders = withHigh(orders, prev); // the tail leaves
        }
        final int count = low(orders) - 1;
        levels[l + L_ORDERS] = withLow(orders, count);
        final long total = (levels[l + L_TOTAL] -= orderInts[o + O_SHARES] & U32_MASK);
        final long key = levels[l + L_KEY];
        final int book = (int)(key >>> 32);

        orderIndex.delete(slot);
        freeOrder(order);
        restingOrders--;

        if (0 == count)
        {
            removeLevel(level, key, book);
            listener.onLevelChanged(book >>> 1, sideByte(book & 1), key & U32_MASK, 0L, 0, timestamp);
        }
        else
        {
            listener.onLevelChanged(book >>> 1, sideByte(book & 1), key & U32_MASK, total, count, timestamp);
        }
    }

    private boolean isResting(final long orderRef, final int home)
    {
        return orderTable[findOrderSlot(orderRef, home) + 1] != 0;
    }

    /** An add that found no room for its order: a duplicate if the reference rests, else a full table. */
    private int noRoomForOrder(final long orderRef, final int home)
    {
        return isResting(orderRef, home) ? duplicateOrder() : ordersFull();
    }

    private int duplicateOrder()
    {
        duplicateOrderRefs++;
        return DUPLICATE_ORDER;
    }

    private int ordersFull()
    {
        ordersFullCount++;
        if (!ordersFullReported)
        {
            ordersFullReported = true;
            listener.onCapacityExceeded(Configuration.BOOK_MAX_ORDERS_PROP_NAME, maxOrders);
        }
        return ORDERS_FULL;
    }

    private void freeOrder(final int order)
    {
        final int o = order * O_STRIDE;
        orderInts[o + O_LEVEL] = NIL; // free: clear() skips it
        orderInts[o + O_NEXT] = orderFreeHead;
        orderFreeHead = order;
    }

    private int allocateOrder()
    {
        final int order;
        if (NIL != orderFreeHead)
        {
            order = orderFreeHead;
            orderFreeHead = orderInts[order * O_STRIDE + O_NEXT];
        }
        else
        {
            order = orderHighWater++;
        }
        return order;
    }

    /**
     * @return the index in {@link #orderTable} of the reference's entry, or of the always-empty slot
     * past the table's end when it is not resting: either way {@code orderTable[i + 1]} is the order
     * index + 1, or 0.
     */
    private int findOrderSlot(final long orderRef)
    {
        return findOrderSlot(orderRef, orderHome(orderRef));
    }

    private int findOrderSlot(final long orderRef, final int home)
    {
        return orderIndex.find(orderRef, home);
    }

    /** The reference's home slot: an add hashes once for the duplicate check and the insertion. */
    private int orderHome(final long orderRef)
    {
        return orderIndex.home((int)orderHash(orderRef, orderHashShift));
    }

    // ---- internals: levels ----------------------------------------------------------------------

    private int newLevel(final long key, final int home, final int book, final long price, final int sideIndex)
    {
        final boolean reuse = NIL != levelFreeHead;
        final int level = reuse ? levelFreeHead : levelHighWater;
        if (!levelIndex.insert(key, home, level))
        {
            return NIL; // the table's last run reached its end: as good as full
        }
        if (reuse)
        {
            levelFreeHead = nextLevel(level);
        }
        else
        {
            levelHighWater++;
        }
        usedLevels++;
        final int l = lv(level);
        levels[l + L_TOTAL] = 0L;
        levels[l + L_KEY] = key;
        levels[l + L_ORDERS] = pack(NIL, 0);

        final int bs = bs(book);
        final long ends = bookState[bs + B_ENDS];
        final int best = high(ends);
        bookState[bs + B_LEVELS]++;
        if (NIL == best)
        {
            levels[l + L_LINKS] = pack(NIL, NIL);
            bookState[bs + B_ENDS] = pack(level, level);
            return level;
        }

        // bids: better = higher price; asks: better = lower price. Walk from the nearer end, or, when
        // both ends are more than a few ticks away, from a level found a few ticks away in the hash
        final int worst = low(ends);
        final long bestPrice = levelPrice(best);
        final long worstPrice = levelPrice(worst);
        final long fromBest = Math.abs(price - bestPrice);
        final long fromWorst = Math.abs(worstPrice - price);
        final long tick = price < CENT_GRID_FROM ? 1 : CENT;
        final boolean deepInside =
            bookState[bs + B_LEVELS] > NEIGHBOUR_MIN_LEVELS && Math.min(fromBest, fromWorst) > NEIGHBOUR_TICKS * tick;
        int start = deepInside ? nearbyLevel(book, price, tick) : NIL;
        if (NIL == start)
        {
            start = fromBest <= fromWorst ? best : worst;
        }
        if (!isBetter(sideIndex, price, levelPrice(start)))
        {
            // toward worse prices from start, which is at least as good as price
            int after = NIL;
            int at = start;
            while (NIL != at && !isBetter(sideIndex, price, levelPrice(at)))
            {
                after = at;
                at = nextLevel(at);
            }
            linkLevel(book, level, after, at);
        }
        else
        {
            // toward better prices from start, which is worse than price
            int before = NIL;
            int at = start;
            while (NIL != at && isBetter(sideIndex, price, levelPrice(at)))
            {
                before = at;
                at = prevLevel(at);
            }
            linkLevel(book, level, at, before);
        }
        return level;
    }

    /**
     * A level of the book within {@link #NEIGHBOUR_TICKS} ticks of {@code price}, nearest first, looked
     * up in the level hash; {@link #NIL} when there is none. In a deep, dense book it saves the walk
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

    /**
     * @return the book's level at the price, or {@link #NIL}.
     */
    private int levelAt(final int book, final long price)
    {
        return (int)levelTable[findLevelSlot(levelKey(book, price)) + 1] - 1;
    }

    /** Link {@code level} between {@code prev} (better, or NIL) and {@code next} (worse, or NIL). */
    private void linkLevel(final int book, final int level, final int prev, final int next)
    {
        levels[lv(level) + L_LINKS] = pack(prev, next);
        final int bs = bs(book);
        if (NIL == prev)
        {
            bookState[bs + B_ENDS] = withHigh(bookState[bs + B_ENDS], level);
        }
        else
        {
            setNextLevel(prev, level);
        }
        if (NIL == next)
        {
            bookState[bs + B_ENDS] = withLow(bookState[bs + B_ENDS], level);
        }
        else
        {
            setPrevLevel(next, level);
        }
    }

    private void removeLevel(final int level, final long key, final int book)
    {
        final long links = levels[lv(level) + L_LINKS];
        final int prev = high(links);
        final int next = low(links);
        final int bs = bs(book);
        if (NIL == prev)
        {
            bookState[bs + B_ENDS] = withHigh(bookState[bs + B_ENDS], next);
        }
        else
        {
            setNextLevel(prev, next);
        }
        if (NIL == next)
        {
            bookState[bs + B_ENDS] = withLow(bookState[bs + B_ENDS], prev);
        }
        else
        {
            setPrevLevel(next, prev);
        }
        bookState[bs + B_LEVELS]--;

        levelIndex.delete(findLevelSlot(key));
        setNextLevel(level, levelFreeHead);
        levelFreeHead = level;
        usedLevels--;
    }

    private int findLevelSlot(final long key)
    {
        return findLevelSlot(key, levelHome(key));
    }

    private int findLevelSlot(final long key, final int home)
    {
        return levelIndex.find(key, home);
    }

    private int levelHome(final long key)
    {
        return levelIndex.home(levelHash(key));
    }

    private long levelPrice(final int level)
    {
        return levels[lv(level) + L_KEY] & U32_MASK;
    }

    private int bookOf(final int level)
    {
        return (int)(levels[lv(level) + L_KEY] >>> 32);
    }

    private int nextLevel(final int level)
    {
        return low(levels[lv(level) + L_LINKS]);
    }

    private int prevLevel(final int level)
    {
        return high(levels[lv(level) + L_LINKS]);
    }

    private void setNextLevel(final int level, final int next)
    {
        final int i = lv(level) + L_LINKS;
        levels[i] = withLow(levels[i], next);
    }

    private void setPrevLevel(final int level, final int prev)
    {
        final int i = lv(level) + L_LINKS;
        levels[i] = withHigh(levels[i], prev);
    }

    private int tailOrder(final int level)
    {
        return high(levels[lv(level) + L_ORDERS]);
    }

    private int orderCount(final int level)
    {
        return low(levels[lv(level) + L_ORDERS]);
    }

    private static int lv(final int level)
    {
        return L_BASE + (level << 2);
    }

    private static long pack(final int high, final int low)
    {
        return ((long)high << 32) | (low & LOW_MASK);
    }

    private static int high(final long pair)
    {
        return (int)(pair >>> 32);
    }

    private static int low(final long pair)
    {
        return (int)pair;
    }

    private static long withHigh(final long pair, final int high)
    {
        return ((long)high << 32) | (pair & LOW_MASK);
    }

    private static long withLow(final long pair, final int low)
    {
        return (pair & HIGH_MASK) | (low & LOW_MASK);
    }

    /** Index of a book's (locate * 2 + side) four longs in {@link #bookState}. */
    private static int bs(final int book)
    {
        return L_BASE + (book << 2);
    }

    private int bestLevel(final int book)
    {
        return high(bookState[bs(book) + B_ENDS]);
    }

    private int levelCount(final int book)
    {
        return (int)bookState[bs(book) + B_LEVELS];
    }

    private long bestPrice(final int book)
    {
        final int level = bestLevel(book);
        return NIL == level ? NULL_PRICE : levelPrice(level);
    }

    private long bestShares(final int book)
    {
        final int level = bestLevel(book);
        return NIL == level ? 0L : levels[lv(level) + L_TOTAL];
    }

    private void updateTopOfBook(final int locate, final int sideIndex, final long timestamp)
    {
        if (!tracksTopOfBook)
        {
            return;
        }
        final int book = (locate << 1) | sideIndex;
        final int level = bestLevel(book);
        final long price;
        final long shares;
        if (NIL == level)
        {
            price = NULL_PRICE;
            shares = 0L;
        }
        else
        {
            final int l = lv(level);
            price = levels[l + L_KEY] & U32_MASK;
            shares = levels[l + L_TOTAL];
        }
        final long[] state = bookState;
        final int s = bs(book);
        if (state[s + B_TOP_PRICE] != price || state[s + B_TOP_SHARES] != shares)
        {
            state[s + B_TOP_PRICE] = price;
            state[s + B_TOP_SHARES] = shares;
            final int bid = bs(locate << 1);
            final int ask = bid + 4;
            listener.onTopOfBook(locate, state[bid + B_TOP_PRICE], state[bid + B_TOP_SHARES], state[ask + B_TOP_PRICE],
                state[ask + B_TOP_SHARES], timestamp);
        }
    }

    /**
     * @param listener a listener.
     * @return whether its class overrides {@link BookListener#onTopOfBook}, itself or by inheritance.
     */
    static boolean takesTopOfBook(final BookListener listener)
    {
        try
        {
            return BookListener.class != listener.getClass().getMethod(
                "onTopOfBook", int.class, long.class, long.class, long.class, long.class, long.class).getDeclaringClass();
        }
        catch (final NoSuchMethodException ex)
        {
            throw new IllegalStateException("BookListener.onTopOfBook changed its parameters", ex);
        }
    }

    private void resetBooks()
    {
        orderFreeHead = NIL;
        orderHighWater = 0;
        restingOrders = 0;
        levelFreeHead = NIL;
        levelHighWater = 0;
        usedLevels = 0;
        for (int book = 0; book < BOOK_COUNT; book++)
        {
            final int s = bs(book);
            bookState[s + B_ENDS] = pack(NIL, NIL);
            bookState[s + B_LEVELS] = 0L;
            bookState[s + B_TOP_PRICE] = NULL_PRICE;
            bookState[s + B_TOP_SHARES] = 0L;
        }
        ordersFullReported = false;
        levelsFullReported = false;
    }

    // ---- internals: hashing ---------------------------------------------------------------------

    /*
     * Both tables are a RobinHoodTable (its layout and probing are described there): the level table
     * grows with its entries; the order table keeps its size, as growing it did not pay (README, "Tried
     * and dropped"). Its runs ordered by home slot matter most for the orders: a run of live orders with
     * consecutive references can be hundreds of slots long, and a lookup or a deletion stops early in it.
     */

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
     * blocks at any slot rather than on bucket boundaries, as this did before, let two blocks of live
     * orders overlap: sequential references at a quarter load then probed 35 slots on average.
     *
     * @param shift 64 - log2(table slots): the hash's top bits index the table ({@link #hashShift}).
     */
    static long orderHash(final long orderRef, final int shift)
    {
        final long blockHash = fibonacci(orderRef >>> ORDER_BLOCK_BITS, shift);
        return (blockHash & ~ORDER_BLOCK_MASK) | ((blockHash + orderRef) & ORDER_BLOCK_MASK);
    }

    /**
     * The level table's hash: the book's (locate and side, the key's high half) Fibonacci product,
     * byte-reversed, plus the price over 64 from $1 up and the price itself below (see
     * {@link #LEVEL_PRICE_SHIFT}): about one slot a tick either way. The levels of one book, at nearby
     * prices, so sit near each other in the table; different books start at unrelated offsets.
     * <p>
     * The level table takes the low bits of the hash ({@link RobinHoodTable#home}), as many as its
     * size in use, so the product's best-mixed bits, its top byte and the next, are turned to the
     * bottom; one byte swap, where a full bit reversal would be ten dependent operations on Java 17.
     *
     * @return the hash, whose low bits are the home slot.
     */
    static int levelHash(final long levelKey)
    {
        final long price = levelKey & U32_MASK;
        return (int)Long.reverseBytes(fibonacci(levelKey >>> 32, 0)) + // the whole product, shifted by 0
            (int)(price < CENT_GRID_FROM ? price : price >>> LEVEL_PRICE_SHIFT);
    }

    /**
     * Fibonacci hashing (Knuth, TAOCP 6.4): the top bits of the key times 2^64 / golden ratio. Consecutive
     * keys (block numbers, books) land as far apart as any sequence can, and it is one multiply and one
     * shift on the way to the first probe's load, where a full mixer (MurmurHash3's fmix64) is two
     * multiplies and three shift-xors in a row.
     */
    private static long fibonacci(final long key, final int shift)
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

    private static int tableSlots(final int capacity)
    {
        final long wanted = 2L * capacity;
        return (int)Math.max(16L, Long.highestOneBit(wanted - 1) << 1);
    }

    private static long levelKey(final int book, final long price)
    {
        return ((long)book << 32) | price;
    }

    private static boolean isBetter(final int sideIndex, final long price, final long than)
    {
        return 0 == sideIndex ? price > than : price < than;
    }

    private static int sideIndex(final byte side)
    {
        return BUY == side ? 0 : SELL == side ? 1 : -1;
    }

    private static byte sideByte(final int sideIndex)
    {
        return 0 == sideIndex ? BUY : SELL;
    }

    private static int book(final int locate, final byte side)
    {
        final int sideIndex = sideIndex(side);
        if (sideIndex < 0 || (locate & ~0xFFFF) != 0)
        {
            throw new IllegalArgumentException("locate " + locate + " side " + side);
        }
        return (locate << 1) | sideIndex;
    }
}
