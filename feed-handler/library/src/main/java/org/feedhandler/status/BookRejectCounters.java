package org.feedhandler.status;

import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

/**
 * What the books refused, published: {@code book rejects}, the total, then one counter per kind, each
 * labelled {@code book rejects: <kind>} so that {@code stat} lists them together. The receiver copies the
 * books' plain counts here once per publication, as it does the other counters.
 */
public final class BookRejectCounters
{
    private final AtomicCounter total;
    private final AtomicCounter unknownOrders;
    private final AtomicCounter duplicateOrders;
    private final AtomicCounter badSides;
    private final AtomicCounter badValues;
    private final AtomicCounter excessShares;
    private final AtomicCounter ordersFull;
    private final AtomicCounter levelsFull;

    BookRejectCounters(final CountersManager manager)
    {
        total = manager.newCounter("book rejects", FeedCounters.BOOK_REJECTS_TYPE_ID);
        unknownOrders = kind(manager, "unknown order reference", 1);
        duplicateOrders = kind(manager, "duplicate order reference", 2);
        badSides = kind(manager, "side not B or S", 3);
        badValues = kind(manager, "value out of range", 4);
        excessShares = kind(manager, "shares beyond the order", 5);
        ordersFull = kind(manager, "orders full (feed.book.max.orders)", 6);
        levelsFull = kind(manager, "levels full (feed.book.max.levels)", 7);
    }

    private static AtomicCounter kind(final CountersManager manager, final String kind, final int key)
    {
        return manager.newCounter("book rejects: " + kind, FeedCounters.BOOK_REJECT_KIND_TYPE_ID, (b) -> b.putInt(0, key));
    }

    /** @return every reject below, summed. */
    public AtomicCounter total()
    {
        return total;
    }

    /** @return executions, cancels, deletes and replaces naming an order that is not resting. */
    public AtomicCounter unknownOrders()
    {
        return unknownOrders;
    }

    /** @return adds and replaces naming an order reference already resting. */
    public AtomicCounter duplicateOrders()
    {
        return duplicateOrders;
    }

    /** @return adds whose side is neither 'B' nor 'S'. */
    public AtomicCounter badSides()
    {
        return badSides;
    }

    /** @return operations with a locate, shares or price out of range. */
    public AtomicCounter badValues()
    {
        return badValues;
    }

    /** @return executions or cancels of more shares than the order had left (the order was removed). */
    public AtomicCounter excessShares()
    {
        return excessShares;
    }

    /** @return adds refused for a full order table. */
    public AtomicCounter ordersFull()
    {
        return ordersFull;
    }

    /** @return adds refused for a full level table. */
    public AtomicCounter levelsFull()
    {
        return levelsFull;
    }
}
