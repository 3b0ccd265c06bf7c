package org.feedhandler.book;

/**
 * Compares two sets of books level by level: every locate, both sides, full depth (price, total
 * shares, order count), and the number of resting orders. The live-versus-replay check of the demo
 * and the end-to-end tests. Off the hot path.
 */
public final class BookComparison
{
    private BookComparison()
    {
    }

    /**
     * @param expected the reference books (e.g. a clean replay).
     * @param actual   the books to check (e.g. the live handler's).
     * @return null when equal, else a description of the first difference.
     */
    public static String firstDifference(final OrderBooks expected, final OrderBooks actual)
    {
        if (expected.restingOrders() != actual.restingOrders())
        {
            return "resting orders: expected " + expected.restingOrders() + ", actual " + actual.restingOrders();
        }
        int capacity = 16;
        long[] ep = new long[capacity];
        long[] es = new long[capacity];
        long[] eo = new long[capacity];
        long[] ap = new long[capacity];
        long[] as = new long[capacity];
        long[] ao = new long[capacity];
        for (int locate = 0; locate < OrderBooks.LOCATE_COUNT; locate++)
        {
            if (expected.isEmpty(locate) && actual.isEmpty(locate))
            {
                continue;
            }
            for (final byte side : new byte[]{OrderBooks.BUY, OrderBooks.SELL})
            {
                final int en = expected.levelCount(locate, side);
                final int an = actual.levelCount(locate, side);
                if (en != an)
                {
                    return "locate " + locate + " side " + (char)side + ": expected " + en + " levels, actual " + an;
                }
                if (en > capacity)
                {
                    capacity = Integer.highestOneBit(en) << 1;
                    ep = new long[capacity];
                    es = new long[capacity];
                    eo = new long[capacity];
                    ap = new long[capacity];
                    as = new long[capacity];
                    ao = new long[capacity];
                }
                expected.levels(locate, side, en, ep, es, eo);
                actual.levels(locate, side, an, ap, as, ao);
                for (int i = 0; i < en; i++)
                {
                    if (ep[i] != ap[i] || es[i] != as[i] || eo[i] != ao[i])
                    {
                        return "locate " + locate + " side " + (char)side + " level " + i + ": expected " +
                            es[i] + "@" + ep[i] + " (" + eo[i] + " orders), actual " + as[i] + "@" + ap[i] +
                            " (" + ao[i] + " orders)";
                    }
                }
            }
        }
        return null;
    }
}
