package org.feedhandler.book;

/**
 * The top levels of one book, copied into arrays this object owns: the shape of the replay output
 * ({@code [price, shares, orders]} per level, best first, for each non-empty locate ascending).
 * Reusable, allocation free after construction; the caller formats it (JSON, text).
 *
 * <pre>{@code
 * final BookSnapshot snapshot = new BookSnapshot(5);
 * for (int locate = books.nextNonEmptyLocate(0); locate >= 0; locate = books.nextNonEmptyLocate(locate + 1))
 * {
 *     snapshot.capture(books, locate);
 *     for (int i = 0; i < snapshot.bidCount(); i++) { ... snapshot.bidPrice(i) ... }
 * }
 * }</pre>
 */
public final class BookSnapshot
{
    /** Depth of the replay output. */
    public static final int DEFAULT_DEPTH = 5;

    private final int depth;
    private final long[] bidPrices;
    private final long[] bidShares;
    private final long[] bidOrders;
    private final long[] askPrices;
    private final long[] askShares;
    private final long[] askOrders;
    private int locate = -1;
    private int bidCount;
    private int askCount;

    public BookSnapshot()
    {
        this(DEFAULT_DEPTH);
    }

    /**
     * @param depth most levels per side to copy.
     */
    public BookSnapshot(final int depth)
    {
        if (depth < 1)
        {
            throw new IllegalArgumentException("depth must be at least 1: " + depth);
        }
        this.depth = depth;
        bidPrices = new long[depth];
        bidShares = new long[depth];
        bidOrders = new long[depth];
        askPrices = new long[depth];
        askShares = new long[depth];
        askOrders = new long[depth];
    }

    /**
     * Copy the top levels of both sides of one book.
     *
     * @param books  the books.
     * @param locate Stock Locate.
     * @return true when the book has at least one level.
     */
    public boolean capture(final OrderBooks books, final int locate)
    {
        this.locate = locate;
        bidCount = books.levels(locate, OrderBooks.BUY, depth, bidPrices, bidShares, bidOrders);
        askCount = books.levels(locate, OrderBooks.SELL, depth, askPrices, askShares, askOrders);
        return bidCount + askCount > 0;
    }

    public int depth()
    {
        return depth;
    }

    public int locate()
    {
        return locate;
    }

    public int bidCount()
    {
        return bidCount;
    }

    public int askCount()
    {
        return askCount;
    }

    public long bidPrice(final int i)
    {
        return bidPrices[checkIndex(i, bidCount)];
    }

    public long bidShares(final int i)
    {
        return bidShares[checkIndex(i, bidCount)];
    }

    public long bidOrders(final int i)
    {
        return bidOrders[checkIndex(i, bidCount)];
    }

    public long askPrice(final int i)
    {
        return askPrices[checkIndex(i, askCount)];
    }

    public long askShares(final int i)
    {
        return askShares[checkIndex(i, askCount)];
    }

    public long askOrders(final int i)
    {
        return askOrders[checkIndex(i, askCount)];
    }

    /**
     * Append the snapshot as text, {@code locate B [[price, shares, orders], ...] S [...]}, for
     * logs and test messages (allocates).
     *
     * @param out where to append.
     * @return {@code out}.
     */
    public StringBuilder appendTo(final StringBuilder out)
    {
        out.append(locate).append(" B [");
        appendSide(out, bidCount, bidPrices, bidShares, bidOrders);
        out.append("] S [");
        appendSide(out, askCount, askPrices, askShares, askOrders);
        return out.append(']');
    }

    @Override
    public String toString()
    {
        return appendTo(new StringBuilder()).toString();
    }

    private static void appendSide(
        final StringBuilder out, final int count, final long[] prices, final long[] shares, final long[] orders)
    {
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                out.append(", ");
            }
            out.append('[').append(prices[i]).append(", ").append(shares[i]).append(", ").append(orders[i]).append(']');
        }
    }

    private static int checkIndex(final int i, final int count)
    {
        if (i < 0 || i >= count)
        {
            throw new IndexOutOfBoundsException("level " + i + " of " + count);
        }
        return i;
    }
}
