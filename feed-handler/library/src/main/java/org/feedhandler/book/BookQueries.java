package org.feedhandler.book;

import static org.feedhandler.book.LevelTable.U32_MASK;
import static org.feedhandler.book.OrderBooks.BUY;
import static org.feedhandler.book.OrderBooks.LOCATE_COUNT;
import static org.feedhandler.book.OrderBooks.NULL_PRICE;
import static org.feedhandler.book.OrderBooks.SELL;
import static org.feedhandler.book.OrderTable.NIL;
import static org.feedhandler.book.OrderTable.O_LEVEL;
import static org.feedhandler.book.OrderTable.O_SHARES;
import static org.feedhandler.book.OrderTable.O_STRIDE;

/**
 * The read side of {@link OrderBooks}: its parts, built from a concluded {@link OrderBooks.Context}, and the
 * queries over them, as Agrona's {@code AbstractConcurrentArrayQueue} holds a queue's state and reads for
 * the queues that extend it. The parts sit in fields of the one {@link OrderBooks} object, so the
 * operations reach them with no more loads than a single class would take. Not for other subclasses.
 */
public abstract class BookQueries
{
    final OrderTable orders;
    final long[] orderTable;
    final int[] orderInts;
    final LevelTable levels;
    final long[] levelTable;
    final long[] levelRecords;
    final BookState books;
    final BookCounters counters;

    BookQueries(final OrderBooks.Context ctx)
    {
        if (!ctx.isConcluded())
        {
            ctx.conclude();
        }
        counters = new BookCounters(ctx.listener, ctx.maxOrdersName, ctx.maxLevelsName);
        orders = new OrderTable(ctx.maxOrders);
        orderTable = orders.table;
        orderInts = orders.ints;
        books = new BookState(ctx.listener);
        levels = new LevelTable(ctx.maxLevels, books.state);
        levelTable = levels.table;
        levelRecords = levels.records;
    }

    /** @return true when neither side of the locate's book has a level. */
    public boolean isEmpty(final int locate)
    {
        return books.isEmpty(locate);
    }

    /** @return the first locate at or after {@code fromLocate} whose book is not empty, or -1. */
    public int nextNonEmptyLocate(final int fromLocate)
    {
        for (int locate = Math.max(0, fromLocate); locate < LOCATE_COUNT; locate++)
        {
            if (!books.isEmpty(locate))
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

    /** @return the number of price levels on that side ({@code 'B'} or {@code 'S'}) of the locate's book. */
    public int levelCount(final int locate, final byte side)
    {
        return books.levelCount(book(locate, side));
    }

    /**
     * Copy the best levels of one side, best first, into caller-owned arrays of at least {@code maxLevels}:
     * their prices, total shares and order counts.
     *
     * @return the number of levels copied.
     */
    public int levels(
        final int locate, final byte side, final int maxLevels, final long[] prices, final long[] shares,
        final long[] orderCounts)
    {
        return levels.copy(books.bestLevel(book(locate, side)), maxLevels, prices, shares, orderCounts);
    }

    /**
     * Copy the orders resting at one price, in time priority (first is next to trade). It walks the
     * whole queue at the price, whatever {@code maxOrders}: the books keep each queue's tail only, so
     * that the feed's adds and removals never read a neighbour's record. The arrays hold at least
     * {@code maxOrders}: the references and the remaining shares.
     *
     * @return the number of orders copied (0 when there is no such level).
     */
    public int ordersAt(
        final int locate, final byte side, final long price, final int maxOrders, final long[] orderRefs,
        final long[] shares)
    {
        final int level = (price >>> 32) != 0 ? NIL : levels.levelAt(book(locate, side), price);
        return NIL == level ? 0 : orders.copyQueue(levels.tailOrder(level), maxOrders, orderRefs, shares);
    }

    /** @return true when the order is resting. */
    public boolean containsOrder(final long orderRef)
    {
        return orders.isResting(orderRef, orders.home(orderRef));
    }

    /** @return remaining shares of a resting order, or -1 when unknown. */
    public long orderShares(final long orderRef)
    {
        final int order = orders.order(orderRef);
        return order < 0 ? -1 : orderInts[order * O_STRIDE + O_SHARES] & U32_MASK;
    }

    /** @return price of a resting order, or {@link #NULL_PRICE} when unknown. */
    public long orderPrice(final long orderRef)
    {
        final int level = orders.levelOf(orderRef);
        return NIL == level ? NULL_PRICE : levels.price(level);
    }

    /** @return side byte of a resting order, or 0 when unknown. */
    public byte orderSide(final long orderRef)
    {
        final int level = orders.levelOf(orderRef);
        return NIL == level ? 0 : sideByte(levels.book(level) & 1);
    }

    /** @return Stock Locate of a resting order, or -1 when unknown. */
    public int orderLocate(final long orderRef)
    {
        final int level = orders.levelOf(orderRef);
        return NIL == level ? -1 : levels.book(level) >>> 1;
    }

    /**
     * Find a resting order once, for reading several of its fields without a lookup each: the handle is
     * valid until the books next change.
     *
     * @return a handle for {@link #handleShares}, {@link #handlePrice}, {@link #handleSide} and
     * {@link #handleLocate}, or -1 when the order is not resting.
     */
    public int findOrder(final long orderRef)
    {
        return orders.order(orderRef);
    }

    /** @return remaining shares of the order a {@link #findOrder} handle names. */
    public long handleShares(final int handle)
    {
        return orderInts[handle * O_STRIDE + O_SHARES] & U32_MASK;
    }

    /** @return price of the order a {@link #findOrder} handle names. */
    public long handlePrice(final int handle)
    {
        return levels.price(orderInts[handle * O_STRIDE + O_LEVEL]);
    }

    /** @return side byte of the order a {@link #findOrder} handle names. */
    public byte handleSide(final int handle)
    {
        return sideByte(levels.book(orderInts[handle * O_STRIDE + O_LEVEL]) & 1);
    }

    /** @return Stock Locate of the order a {@link #findOrder} handle names. */
    public int handleLocate(final int handle)
    {
        return levels.book(orderInts[handle * O_STRIDE + O_LEVEL]) >>> 1;
    }

    // ---- statistics -----------------------------------------------------------------------------

    public long restingOrders()
    {
        return orders.resting;
    }

    public int usedLevels()
    {
        return levels.used;
    }

    public int maxOrders()
    {
        return orders.capacity;
    }

    public int maxLevels()
    {
        return levels.capacity;
    }

    /** @return the level table's slots in use, which follow the levels in use rather than the capacity. */
    int levelSlotsInUse()
    {
        return levels.slotsInUse();
    }

    /** @return what the books refused or corrected, by kind; read on the books' thread. */
    public BookCounters counters()
    {
        return counters;
    }

    long bestPrice(final int book)
    {
        final int level = books.bestLevel(book);
        return NIL == level ? NULL_PRICE : levels.price(level);
    }

    long bestShares(final int book)
    {
        final int level = books.bestLevel(book);
        return NIL == level ? 0L : levels.total(level);
    }

    static int sideIndex(final byte side)
    {
        return BUY == side ? 0 : SELL == side ? 1 : -1;
    }

    static byte sideByte(final int sideIndex)
    {
        return 0 == sideIndex ? BUY : SELL;
    }

    static int book(final int locate, final byte side)
    {
        final int sideIndex = sideIndex(side);
        if (sideIndex < 0 || (locate & ~0xFFFF) != 0)
        {
            throw new IllegalArgumentException("locate " + locate + " side " + side);
        }
        return (locate << 1) | sideIndex;
    }
}
