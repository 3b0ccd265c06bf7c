package org.feedhandler.book;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.TreeMap;

import static org.feedhandler.book.OrderBooks.DUPLICATE_ORDER;
import static org.feedhandler.book.OrderBooks.LEVELS_FULL;
import static org.feedhandler.book.OrderBooks.OK;
import static org.feedhandler.book.OrderBooks.ORDERS_FULL;
import static org.feedhandler.book.OrderBooks.UNKNOWN_ORDER;

/**
 * The obvious, slow model of the same semantics, built on {@link TreeMap} and boxed collections:
 * the randomized test holds {@link OrderBooks} to it.
 */
final class ReferenceBooks
{
    static final class Order
    {
        final int locate;
        final byte side;
        final long price;
        long shares;

        Order(final int locate, final byte side, final long price, final long shares)
        {
            this.locate = locate;
            this.side = side;
            this.price = price;
            this.shares = shares;
        }
    }

    final int maxOrders;
    final int maxLevels;
    final Map<Long, Order> orders = new HashMap<>();
    /** book (locate * 2 + side) -> price, best first -> refs in time priority. */
    final Map<Integer, TreeMap<Long, LinkedHashSet<Long>>> books = new HashMap<>();
    int levels;
    long unknown;
    long duplicate;
    long ordersFull;
    long levelsFull;
    long excess;

    ReferenceBooks(final int maxOrders, final int maxLevels)
    {
        this.maxOrders = maxOrders;
        this.maxLevels = maxLevels;
    }

    static int book(final int locate, final byte side)
    {
        return locate * 2 + (OrderBooks.BUY == side ? 0 : 1);
    }

    TreeMap<Long, LinkedHashSet<Long>> side(final int locate, final byte side)
    {
        return books.computeIfAbsent(book(locate, side),
            b -> OrderBooks.BUY == side ? new TreeMap<>(Collections.reverseOrder()) : new TreeMap<>());
    }

    int add(final int locate, final long ref, final byte side, final long shares, final long price)
    {
        if (orders.containsKey(ref))
        {
            duplicate++;
            return DUPLICATE_ORDER;
        }
        return place(locate, ref, side, shares, price);
    }

    private int place(final int locate, final long ref, final byte side, final long shares, final long price)
    {
        if (orders.size() == maxOrders)
        {
            ordersFull++;
            return ORDERS_FULL;
        }
        final TreeMap<Long, LinkedHashSet<Long>> levelsOfSide = side(locate, side);
        LinkedHashSet<Long> queue = levelsOfSide.get(price);
        if (null == queue)
        {
            if (levels == maxLevels)
            {
                levelsFull++;
                return LEVELS_FULL;
            }
            levels++;
            queue = new LinkedHashSet<>();
            levelsOfSide.put(price, queue);
        }
        queue.add(ref);
        orders.put(ref, new Order(locate, side, price, shares));
        return OK;
    }

    int reduce(final long ref, final long by)
    {
        final Order order = orders.get(ref);
        if (null == order)
        {
            unknown++;
            return UNKNOWN_ORDER;
        }
        if (by >= order.shares)
        {
            if (by > order.shares)
            {
                excess++;
            }
            remove(ref, order);
        }
        else
        {
            order.shares -= by;
        }
        return OK;
    }

    int delete(final long ref)
    {
        final Order order = orders.get(ref);
        if (null == order)
        {
            unknown++;
            return UNKNOWN_ORDER;
        }
        remove(ref, order);
        return OK;
    }

    int replace(final long origRef, final long newRef, final long shares, final long price)
    {
        final Order order = orders.get(origRef);
        if (null == order)
        {
            unknown++;
            return UNKNOWN_ORDER;
        }
        if (newRef != origRef && orders.containsKey(newRef))
        {
            duplicate++;
            return DUPLICATE_ORDER;
        }
        remove(origRef, order);
        return place(order.locate, newRef, order.side, shares, price);
    }

    void clear()
    {
        orders.clear();
        books.clear();
        levels = 0;
    }

    private void remove(final long ref, final Order order)
    {
        orders.remove(ref);
        final TreeMap<Long, LinkedHashSet<Long>> levelsOfSide = side(order.locate, order.side);
        final LinkedHashSet<Long> queue = levelsOfSide.get(order.price);
        queue.remove(ref);
        if (queue.isEmpty())
        {
            levelsOfSide.remove(order.price);
            levels--;
        }
    }

    long levelShares(final LinkedHashSet<Long> queue)
    {
        long total = 0;
        for (final Long ref : queue)
        {
            total += orders.get(ref).shares;
        }
        return total;
    }
}
