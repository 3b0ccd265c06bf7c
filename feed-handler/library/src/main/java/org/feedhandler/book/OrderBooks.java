package org.feedhandler.book;

import static org.feedhandler.book.LevelTable.L_KEY;
import static org.feedhandler.book.LevelTable.L_ORDERS;
import static org.feedhandler.book.LevelTable.L_TOTAL;
import static org.feedhandler.book.LevelTable.U32_MASK;
import static org.feedhandler.book.LevelTable.levelKey;
import static org.feedhandler.book.LevelTable.lv;
import static org.feedhandler.book.OrderTable.NIL;
import static org.feedhandler.book.OrderTable.O_LEVEL;
import static org.feedhandler.book.OrderTable.O_NEXT;
import static org.feedhandler.book.OrderTable.O_PREV;
import static org.feedhandler.book.OrderTable.O_SHARES;
import static org.feedhandler.book.OrderTable.O_STRIDE;
import static org.feedhandler.book.Pairs.high;
import static org.feedhandler.book.Pairs.low;
import static org.feedhandler.book.Pairs.pack;
import static org.feedhandler.book.Pairs.withHigh;
import static org.feedhandler.book.Pairs.withLow;

/**
 * The order books of every Stock Locate (0..65535), both sides, built from order-by-order messages
 * (ITCH 5.0 {@code A F E C X D U P Q}). Single-threaded: one thread applies messages and queries.
 * Built from a {@link Context}, concluded once.
 * <p>
 * <b>Zero allocation after construction.</b> All storage is preallocated primitive arrays sized by the
 * context's capacities. Operations never throw and never allocate: each returns a result code
 * ({@link #OK}, {@link #UNKNOWN_ORDER}, ...), counts a reject in {@link #counters()}, and a full
 * capacity is reported through {@link BookListener#onCapacityExceeded(String, int)} with the name of
 * the capacity to raise.
 * <p>
 * <b>Values.</b> Stock Locate u16 as {@code int}; order reference u64 as {@code long}, any bit
 * pattern (including 0 and the top bit set) is a valid key; shares and prices u32 in a
 * {@code long} (0..2^32-1, so signed comparison of prices is the unsigned order); level totals are
 * 64-bit. Side is the ASCII byte {@code 'B'} or {@code 'S'}. A timestamp is the message's, passed on to
 * the listener. An operation given a value out of its range changes nothing and answers {@link #BAD_VALUE}.
 * <p>
 * <b>Parts.</b> This class applies the operations; the state sits in four parts, each with its layout
 * described where it is kept: the resting orders ({@link OrderTable}), the price levels and each book's
 * sorted list of them ({@link LevelTable}), per locate the lists' ends, the top of book and the stale
 * flag ({@link BookState}), and the reject counts ({@link BookCounters}). The parts are final classes,
 * held with their arrays in final fields of this object ({@link BookQueries}, which answers the queries):
 * an operation reads and writes the same arrays, through as many loads, as when all of it was one class,
 * and every call on its path is to a final class, inlined.
 * <p>
 * <b>Memory at 8M orders and 2M levels</b>: an order costs 32 bytes of hash table (two 16-byte slots at
 * load 0.5), 16 bytes of record and 8 bytes of reference: 56 bytes, 448 MiB; a level costs 32 bytes of
 * table and 32 bytes of record: 64 bytes, 128 MiB (the table's 64 MiB is touched only as far as the
 * levels in use need); the per-locate book state (64 bytes a locate) 4 MiB. About 580 MiB of heap in all
 * ({@link #footprintBytes}).
 * <p>
 * <b>Events.</b> For one operation: {@link BookListener#onLevelChanged} for each level touched (a
 * removed level reports 0 shares and 0 orders), then {@link BookListener#onTopOfBook} once, only
 * if the best bid or offer changed price or shares. A replace therefore reports the old and the
 * new level, and at most one top-of-book change.
 * <p>
 * <b>Top of book is tracked only for a listener that takes it.</b> Telling whether an operation
 * changed the best bid or offer means reading the best level's record and the last reported top on
 * every operation, a few percent of decode + book. The books do that only when the listener's class
 * overrides {@link BookListener#onTopOfBook} (checked once, at construction); otherwise the event would
 * reach the interface's empty default anyway. The best bid and offer themselves ({@link #bestBidPrice}
 * and the rest) are read from the levels and are right either way.
 */
public final class OrderBooks extends BookQueries
{
    /** The operation was applied. */
    public static final int OK = 0;
    /** No resting order has the reference; nothing changed. */
    public static final int UNKNOWN_ORDER = 1;
    /** An add (or the new reference of a replace) names an order already resting; nothing changed. */
    public static final int DUPLICATE_ORDER = 2;
    /** The order pool is full; the order was not added. */
    public static final int ORDERS_FULL = 3;
    /** The level pool is full; the order was not added. */
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

    /**
     * {@link #clear} zeroes a table's entries one by one when they fill less than 1/16 of its slots, and
     * the whole table otherwise (the level table: the slots in use, which its growth keeps to a few times
     * its entries): zeroing an order table sized for 8M orders writes 256 MiB, tens of milliseconds, and
     * evicts every cache line and TLB entry the feed was using. At 8M orders and 2M levels
     * ({@code BookClearBenchmark}, medians): zeroing both tables whole takes 27 ms; entry by entry, found by
     * a pass over the records in use, 2.8 ms with 31K orders resting, 9.3 ms with 400K and 12.2 ms with
     * 900K (the level table zeroed whole).
     */
    private static final int CLEAR_BY_ENTRY = 16;

    private final BookListener listener;
    /** Whether the listener overrides {@link BookListener#onTopOfBook}: if not, no one needs the top tracked. */
    private final boolean tracksTopOfBook;

    /**
     * Preallocate every structure.
     *
     * @param ctx the capacities and the listener; concluded here unless it is already.
     * @throws IllegalArgumentException naming a capacity out of range or a missing listener.
     */
    public OrderBooks(final Context ctx)
    {
        super(ctx);
        listener = ctx.listener;
        tracksTopOfBook = BookState.takesTopOfBook(listener);
    }

    /** @return heap bytes books of these capacities take (arrays only), for start-up reports. */
    public static long footprintBytes(final int maxOrders, final int maxLevels)
    {
        return OrderTable.footprintBytes(maxOrders) + LevelTable.footprintBytes(maxLevels) + LOCATE_COUNT * 65L;
    }

    // ---- operations -----------------------------------------------------------------------------

    /**
     * Add a resting order (ITCH {@code A} and {@code F}). It joins the back of its price level.
     *
     * @return {@link #OK}, {@link #DUPLICATE_ORDER}, {@link #ORDERS_FULL}, {@link #LEVELS_FULL},
     * {@link #BAD_SIDE} or {@link #BAD_VALUE}.
     */
    public int addOrder(
        final int locate, final long orderRef, final byte side, final long shares, final long price, final long timestamp)
    {
        final int sideIndex = sideIndex(side);
        if (sideIndex < 0)
        {
            return counters.badSide();
        }
        if ((locate & ~0xFFFF) != 0 || (shares >>> 32) != 0 || (price >>> 32) != 0)
        {
            return counters.badValue();
        }

        levels.split();
        final int home = orders.home(orderRef);
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
     * More shares than remain removes the order and is counted in {@link BookCounters#excessShares()}.
     *
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
     * @return {@link #OK}, {@link #UNKNOWN_ORDER} or {@link #BAD_VALUE}.
     */
    public int cancelOrder(final long orderRef, final long cancelledShares, final long timestamp)
    {
        return reduceOrder(orderRef, cancelledShares, timestamp, false, 0, NULL_PRICE);
    }

    /**
     * Remove a resting order (ITCH {@code D}).
     *
     * @return {@link #OK} or {@link #UNKNOWN_ORDER}.
     */
    public int deleteOrder(final long orderRef, final long timestamp)
    {
        final int slot = orders.find(orderRef);
        final int order = (int)orderTable[slot + 1] - 1;
        if (order < 0)
        {
            return counters.unknownOrder();
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
     * @return {@link #OK}, {@link #UNKNOWN_ORDER}, {@link #DUPLICATE_ORDER}, {@link #LEVELS_FULL}
     * or {@link #BAD_VALUE}.
     */
    public int replaceOrder(
        final long origRef, final long newRef, final long shares, final long price, final long timestamp)
    {
        if ((shares >>> 32) != 0 || (price >>> 32) != 0)
        {
            return counters.badValue();
        }

        levels.split();
        final int origSlot = orders.find(origRef);
        final int order = (int)orderTable[origSlot + 1] - 1;
        if (order < 0)
        {
            return counters.unknownOrder();
        }
        final int newHome = orders.home(newRef);
        if (newRef != origRef && orders.isResting(newRef, newHome))
        {
            return counters.duplicateOrder();
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
     */
    public void trade(
        final int locate, final long orderRef, final byte side, final long shares, final long price,
        final long matchNumber, final long timestamp)
    {
        listener.onTrade(locate, orderRef, side, shares, price, matchNumber, timestamp);
    }

    /**
     * Report a broken trade (ITCH {@code B}) to the listener; the book is unchanged.
     */
    public void brokenTrade(final int locate, final long matchNumber, final long timestamp)
    {
        listener.onBrokenTrade(locate, matchNumber, timestamp);
    }

    /**
     * Empty every book (a new session). Sends no level or top-of-book events: the caller announces
     * the session change. Stale flags and counters are kept. The cost follows what rests, not the
     * capacity ({@link #CLEAR_BY_ENTRY}); the 65,536 locates' book state (4 MiB) is reset either way.
     */
    public void clear()
    {
        orders.clear(CLEAR_BY_ENTRY);
        levels.clear(CLEAR_BY_ENTRY);
        books.reset();
    }

    // ---- stale flags: the listener hears each change; ALL_LOCATES when every book changes at once ------

    /** Flag one book possibly stale (messages for it may have been lost). */
    public void markStale(final int locate)
    {
        books.markStale(locate);
    }

    /** Flag every book possibly stale (a gap in the stream), unless every book already is. */
    public void markAllStale()
    {
        books.markAllStale();
    }

    /** Trust one book again (e.g. after a snapshot or recovery). */
    public void clearStale(final int locate)
    {
        books.clearStale(locate);
    }

    /** Trust every book again, if any was stale. */
    public void clearAllStale()
    {
        books.clearAllStale();
    }

    public boolean isStale(final int locate)
    {
        return books.isStale(locate);
    }

    public int staleCount()
    {
        return books.staleCount();
    }

    /** @return a result code's name, for logs and tests. */
    public static String resultName(final int result)
    {
        return switch (result)
        {
            case OK -> "OK";
            case UNKNOWN_ORDER -> "UNKNOWN_ORDER";
            case DUPLICATE_ORDER -> "DUPLICATE_ORDER";
            case ORDERS_FULL -> "ORDERS_FULL";
            case LEVELS_FULL -> "LEVELS_FULL";
            case BAD_SIDE -> "BAD_SIDE";
            case BAD_VALUE -> "BAD_VALUE";
            default -> "UNKNOWN_RESULT(" + result + ")";
        };
    }

    // ---- internals ------------------------------------------------------------------------------

    /**
     * Place an order. A reference already resting is found by the order table's insertion, which scans
     * its home slot's entries anyway, rather than by a lookup before it: an add probes the table once.
     * Whatever stops the add first undoes what it did (a level it opened), so a duplicate changes
     * nothing and is reported as a duplicate, also when the books are full.
     *
     * @param home the reference's home slot in the order table ({@link OrderTable#home}).
     */
    private int insertOrder(
        final int locate, final int sideIndex, final long orderRef, final int home, final long shares,
        final long price, final long timestamp)
    {
        final OrderTable orders = this.orders;
        if (orders.resting == orders.capacity)
        {
            return noRoomForOrder(orderRef, home);
        }

        final LevelTable levels = this.levels;
        final int book = (locate << 1) | sideIndex;
        final long key = levelKey(book, price);
        final int levelHome = levels.home(key);
        int level = (int)levelTable[levels.find(key, levelHome) + 1] - 1;
        if (level < 0)
        {
            if (NIL == (level = levels.open(key, levelHome, book, price, sideIndex)))
            {
                return orders.isResting(orderRef, home) ?
                    counters.duplicateOrder() : counters.levelsFull(levels.reportFull(), levels.capacity);
            }
        }

        final int order = orders.insert(orderRef, home);
        if (NIL == order)
        {
            // resting already, or the table's last run reached its end: as good as full
            if (0 == levels.orderCount(level))
            {
                levels.close(level, key, book);
            }
            return noRoomForOrder(orderRef, home);
        }
        final int[] ints = orderInts;
        final int o = order * O_STRIDE;
        ints[o + O_SHARES] = (int)shares;
        ints[o + O_LEVEL] = level;

        // the new order becomes the tail of the level's queue: the old tail's record is written, not read,
        // and the head's not touched
        final long[] records = levelRecords;
        final int l = lv(level);
        final long queue = records[l + L_ORDERS];
        final int tail = high(queue);
        ints[o + O_PREV] = tail;
        ints[o + O_NEXT] = NIL;
        if (NIL != tail)
        {
            ints[tail * O_STRIDE + O_NEXT] = order;
        }
        final int count = low(queue) + 1;
        records[l + L_ORDERS] = pack(order, count);
        final long total = (records[l + L_TOTAL] += shares);

        listener.onLevelChanged(locate, sideByte(sideIndex), price, total, count, timestamp);
        return OK;
    }

    private int reduceOrder(
        final long orderRef, final long reduceBy, final long timestamp, final boolean trade, final long matchNumber,
        final long printPrice)
    {
        if ((reduceBy >>> 32) != 0)
        {
            return counters.badValue();
        }
        final int slot = orders.find(orderRef);
        final int order = (int)orderTable[slot + 1] - 1;
        if (order < 0)
        {
            return counters.unknownOrder();
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
                counters.excessShares++;
            }
            removeOrder(slot, order, level, timestamp);
        }
        else
        {
            orderInts[o + O_SHARES] = (int)(remaining - reduceBy);
            final int l = lv(level);
            final long total = (levelRecords[l + L_TOTAL] -= reduceBy);
            listener.onLevelChanged(
                book >>> 1, sideByte(book & 1), levelPrice(level), total, low(levelRecords[l + L_ORDERS]), timestamp);
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
        final int[] ints = orderInts;
        final long[] records = levelRecords;
        final int o = order * O_STRIDE;
        final int l = lv(level);
        final int next = ints[o + O_NEXT];
        final int prev = ints[o + O_PREV];
        long queue = records[l + L_ORDERS];
        // the neighbours' records are written, never read
        if (NIL != prev)
        {
            ints[prev * O_STRIDE + O_NEXT] = next;
        }
        if (NIL != next)
        {
            ints[next * O_STRIDE + O_PREV] = prev;
        }
        else
        {
            queue = withHigh(queue, prev); // the tail leaves
        }
        final int count = low(queue) - 1;
        records[l + L_ORDERS] = withLow(queue, count);
        final long total = (records[l + L_TOTAL] -= ints[o + O_SHARES] & U32_MASK);
        final long key = records[l + L_KEY];
        final int book = (int)(key >>> 32);

        orders.remove(slot, order);

        if (0 == count)
        {
            levels.close(level, key, book);
            listener.onLevelChanged(book >>> 1, sideByte(book & 1), key & U32_MASK, 0L, 0, timestamp);
        }
        else
        {
            listener.onLevelChanged(book >>> 1, sideByte(book & 1), key & U32_MASK, total, count, timestamp);
        }
    }

    /** An add that found no room for its order: a duplicate if the reference rests, else a full table. */
    private int noRoomForOrder(final long orderRef, final int home)
    {
        return orders.isResting(orderRef, home) ?
            counters.duplicateOrder() : counters.ordersFull(orders.reportFull(), orders.capacity);
    }

    private long levelPrice(final int level)
    {
        return levelRecords[lv(level) + L_KEY] & U32_MASK;
    }

    private int bookOf(final int level)
    {
        return (int)(levelRecords[lv(level) + L_KEY] >>> 32);
    }

    private void updateTopOfBook(final int locate, final int sideIndex, final long timestamp)
    {
        if (tracksTopOfBook)
        {
            books.top(locate, sideIndex, levelRecords, timestamp);
        }
    }

    /**
     * What {@link OrderBooks} are built from: the capacities (each 1..{@link #MAX_CAPACITY}, no default),
     * the listener ({@link BookListener#NO_OP} unless set), and the names the capacities go by where they
     * were configured, for errors and {@link BookListener#onCapacityExceeded}. Set fluently, then concluded
     * once, by the books' constructor or before: {@link #conclude} checks every value and names the one
     * out of range; a concluded context no longer changes.
     */
    public static final class Context
    {
        int maxOrders;
        int maxLevels;
        BookListener listener = BookListener.NO_OP;
        String maxOrdersName = "maxOrders";
        String maxLevelsName = "maxLevels";
        private boolean concluded;

        public Context maxOrders(final int maxOrders)
        {
            checkOpen();
            this.maxOrders = maxOrders;
            return this;
        }

        public int maxOrders()
        {
            return maxOrders;
        }

        public Context maxLevels(final int maxLevels)
        {
            checkOpen();
            this.maxLevels = maxLevels;
            return this;
        }

        public int maxLevels()
        {
            return maxLevels;
        }

        public Context listener(final BookListener listener)
        {
            checkOpen();
            this.listener = listener;
            return this;
        }

        /** @return this, the capacities to be named so, e.g. by the keys of the settings they came from. */
        public Context capacityNames(final String maxOrdersName, final String maxLevelsName)
        {
            checkOpen();
            this.maxOrdersName = maxOrdersName;
            this.maxLevelsName = maxLevelsName;
            return this;
        }

        public boolean isConcluded()
        {
            return concluded;
        }

        /**
         * Check every value.
         *
         * @return this.
         * @throws IllegalArgumentException naming a capacity out of range or a missing listener.
         * @throws IllegalStateException    when concluded already.
         */
        public Context conclude()
        {
            checkOpen();
            checkCapacity(maxOrdersName, maxOrders);
            checkCapacity(maxLevelsName, maxLevels);
            if (null == listener)
            {
                throw new IllegalArgumentException("listener is null (use BookListener.NO_OP)");
            }
            concluded = true;
            return this;
        }

        private void checkOpen()
        {
            if (concluded)
            {
                throw new IllegalStateException("OrderBooks.Context is concluded: one context, one OrderBooks");
            }
        }

        private static void checkCapacity(final String name, final int capacity)
        {
            if (capacity < 1 || capacity > MAX_CAPACITY)
            {
                throw new IllegalArgumentException(name + ": " + capacity + " is out of range [1, " + MAX_CAPACITY + "]");
            }
        }
    }
}
