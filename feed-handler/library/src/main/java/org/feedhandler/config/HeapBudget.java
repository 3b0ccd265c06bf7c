package org.feedhandler.config;

/**
 * Whether the books the configuration asks for fit the heap, checked before they are allocated, so that
 * capacities too big for {@code -Xmx} stop start-up with the bytes needed rather than an
 * {@link OutOfMemoryError} halfway through.
 * <p>
 * The estimate sizes the arrays {@code org.feedhandler.book.OrderBooks} preallocates from its two
 * capacities (it is kept here, from the capacities alone, so that it does not depend on how the books
 * are split into classes):
 * <ul>
 *     <li>the order index, an open-addressing table of {@code long} pairs: the next power of two at or
 *     above twice the order capacity (at least 16) plus a 4,096-slot tail, 16 bytes a slot;</li>
 *     <li>the order records, four {@code int}s (shares, level, previous, next) and one {@code long}
 *     reference per order: 24 bytes an order;</li>
 *     <li>the level index, sized as the order index but from the level capacity;</li>
 *     <li>the level records, four {@code long}s per level: 32 bytes a level;</li>
 *     <li>the per-stock state, one 64-byte line and a stale flag for each of the 65,536 Stock Locates.</li>
 * </ul>
 * At the defaults (8,388,608 orders, 2,097,152 levels) that is about 580 MiB.
 */
public final class HeapBudget
{
    /** Heap kept for everything but the books: histograms, buffers, the JVM's own (a generous bound). */
    public static final long OTHER_HEAP_BYTES = 64L * 1024 * 1024;

    private static final long MIB = 1024L * 1024;
    private static final int TABLE_TAIL_SLOTS = 4096;
    private static final int MIN_TABLE_SLOTS = 16;
    private static final long TABLE_SLOT_BYTES = 16;
    private static final long ORDER_RECORD_BYTES = 4 * 4 + 8;
    private static final long LEVEL_RECORD_BYTES = 4 * 8;
    private static final long STOCK_LOCATES = 65_536;
    private static final long STOCK_STATE_BYTES = 64 + 1;

    private HeapBudget()
    {
    }

    /**
     * @param maxOrders order capacity.
     * @param maxLevels level capacity.
     * @return the heap bytes the books' arrays take.
     */
    public static long booksBytes(final long maxOrders, final long maxLevels)
    {
        return tableBytes(maxOrders) + maxOrders * ORDER_RECORD_BYTES +
            tableBytes(maxLevels) + maxLevels * LEVEL_RECORD_BYTES +
            STOCK_LOCATES * STOCK_STATE_BYTES;
    }

    /**
     * Check the configured capacities against a maximum heap.
     *
     * @param settings     the configuration ({@code feed.book.max.orders}, {@code feed.book.max.levels}).
     * @param maxHeapBytes the heap available, {@link Runtime#maxMemory()}.
     * @throws ConfigurationException naming the order capacity when the books do not fit, with the bytes needed.
     */
    public static void requireBooksFit(final Settings settings, final long maxHeapBytes)
    {
        requireBooksFit(settings, Configuration.BOOK_MAX_CAPACITY, maxHeapBytes);
    }

    /**
     * Check the configured capacities, each capped at a limit (as a replay caps them by its file's size),
     * against a maximum heap.
     *
     * @param settings     the configuration ({@code feed.book.max.orders}, {@code feed.book.max.levels}).
     * @param limit        the most orders and levels that will be allocated.
     * @param maxHeapBytes the heap available, {@link Runtime#maxMemory()}.
     * @throws ConfigurationException naming the order capacity when the books do not fit, with the bytes needed.
     */
    public static void requireBooksFit(final Settings settings, final int limit, final long maxHeapBytes)
    {
        final int maxOrders = settings.intValue(Configuration.BOOK_MAX_ORDERS_PROP_NAME,
            Configuration.BOOK_MAX_ORDERS_DEFAULT, 1, Configuration.BOOK_MAX_CAPACITY);
        final int maxLevels = settings.intValue(Configuration.BOOK_MAX_LEVELS_PROP_NAME,
            Configuration.BOOK_MAX_LEVELS_DEFAULT, 1, Configuration.BOOK_MAX_CAPACITY);
        requireBooksFit(settings, Math.min(maxOrders, limit), Math.min(maxLevels, limit), maxHeapBytes);
    }

    /**
     * Check capacities (perhaps capped below the configured ones) against a maximum heap.
     *
     * @param settings     the configuration, for where the capacities came from.
     * @param maxOrders    order capacity to allocate.
     * @param maxLevels    level capacity to allocate.
     * @param maxHeapBytes the heap available, {@link Runtime#maxMemory()}.
     * @throws ConfigurationException naming the order capacity when the books do not fit, with the bytes needed.
     */
    public static void requireBooksFit(
        final Settings settings, final int maxOrders, final int maxLevels, final long maxHeapBytes)
    {
        final long books = booksBytes(maxOrders, maxLevels);
        final long needed = books + OTHER_HEAP_BYTES;
        if (needed > maxHeapBytes)
        {
            final String key = Configuration.BOOK_MAX_ORDERS_PROP_NAME;
            throw new ConfigurationException(key, "books of " + maxOrders + " orders and " + maxLevels +
                " levels (" + Configuration.BOOK_MAX_LEVELS_PROP_NAME + ") need about " + mib(books) +
                " MiB of heap, " + mib(needed) + " MiB with the rest, but the JVM may use only " + mib(maxHeapBytes) +
                " MiB: raise the heap (JAVA_OPTS=-Xmx" + (mib(needed) + 1) + "m) or lower the capacities (" +
                key + " from " + settings.sourceOf(key) + ", " + Configuration.BOOK_MAX_LEVELS_PROP_NAME + " from " +
                settings.sourceOf(Configuration.BOOK_MAX_LEVELS_PROP_NAME) + ")");
        }
    }

    private static long tableBytes(final long capacity)
    {
        final long slots = Math.max(MIN_TABLE_SLOTS, Long.highestOneBit(2 * capacity - 1) << 1);
        return (slots + TABLE_TAIL_SLOTS) * TABLE_SLOT_BYTES;
    }

    private static long mib(final long bytes)
    {
        return (bytes + MIB - 1) / MIB;
    }
}
