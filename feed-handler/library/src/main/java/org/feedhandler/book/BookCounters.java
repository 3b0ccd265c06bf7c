package org.feedhandler.book;

/**
 * What {@link OrderBooks} refused or corrected, by kind. Plain fields, written by the books' thread only
 * and read on it (e.g. to publish them to a counters file); never reset, not even by
 * {@link OrderBooks#clear}. A full capacity is also reported to the listener.
 */
public final class BookCounters
{
    private final BookListener listener;
    private final String maxOrdersName;
    private final String maxLevelsName;
    long unknownOrderRefs;
    long duplicateOrderRefs;
    long ordersFull;
    long levelsFull;
    long badSides;
    long badValues;
    long excessShares;

    BookCounters(final BookListener listener, final String maxOrdersName, final String maxLevelsName)
    {
        this.listener = listener;
        this.maxOrdersName = maxOrdersName;
        this.maxLevelsName = maxLevelsName;
    }

    int unknownOrder()
    {
        unknownOrderRefs++;
        return OrderBooks.UNKNOWN_ORDER;
    }

    int duplicateOrder()
    {
        duplicateOrderRefs++;
        return OrderBooks.DUPLICATE_ORDER;
    }

    int badSide()
    {
        badSides++;
        return OrderBooks.BAD_SIDE;
    }

    int badValue()
    {
        badValues++;
        return OrderBooks.BAD_VALUE;
    }

    /**
     * @param report whether the listener is to hear of it: once until an add fits again.
     */
    int ordersFull(final boolean report, final int capacity)
    {
        ordersFull++;
        if (report)
        {
            listener.onCapacityExceeded(maxOrdersName, capacity);
        }
        return OrderBooks.ORDERS_FULL;
    }

    /**
     * @param report whether the listener is to hear of it: once until a level opens again.
     */
    int levelsFull(final boolean report, final int capacity)
    {
        levelsFull++;
        if (report)
        {
            listener.onCapacityExceeded(maxLevelsName, capacity);
        }
        return OrderBooks.LEVELS_FULL;
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

    /** @return orders not added because the order capacity was reached. */
    public long ordersFull()
    {
        return ordersFull;
    }

    /** @return orders not added because the level capacity was reached. */
    public long levelsFull()
    {
        return levelsFull;
    }

    /** @return adds with a side other than {@code 'B'} or {@code 'S'}. */
    public long badSides()
    {
        return badSides;
    }

    /** @return operations with a locate, shares or price out of range. */
    public long badValues()
    {
        return badValues;
    }

    /** @return executions or cancels of more shares than remained (the order was removed). */
    public long excessShares()
    {
        return excessShares;
    }

    /** @return every reject and correction above, summed. */
    public long total()
    {
        return unknownOrderRefs + duplicateOrderRefs + ordersFull + levelsFull + badSides + badValues + excessShares;
    }
}
