package org.feedhandler.book;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.feedhandler.book.OrderBooks.BUY;
import static org.feedhandler.book.OrderBooks.NULL_PRICE;
import static org.feedhandler.book.OrderBooks.SELL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random operations, fixed seeds, against {@link ReferenceBooks}: every result code must match,
 * and after each batch every book (levels, totals, order queues in priority), the statistics, the
 * counters, and the state rebuilt from the listener's events must equal the model.
 */
@Timeout(120)
class OrderBooksRandomTest
{
    private static final long U32_MAX = 0xFFFF_FFFFL;
    private static final int BATCH = 5_000;

    @Test
    void shouldMatchReferenceModelOverAMillionRandomOperations()
    {
        final ReferenceBooks model = run(0x5EEDL, 1_000_000, 16_384, 16_384, 6_000, 60);
        assertTrue(model.unknown > 1000 && model.duplicate > 1000 && model.excess > 1000, "rejects exercised");
        assertTrue(model.levels > 2000, "deep books: " + model.levels);
        assertEquals(0, model.ordersFull + model.levelsFull, "roomy capacity");
    }

    @Test
    void shouldMatchReferenceModelAcrossAClearThatZeroesTheEntriesOneByOne()
    {
        // a few thousand orders in tables sized for 128K: the clear half-way zeroes each entry where it
        // sits rather than the whole table (under 1/16 full), and the second half runs on what it left
        final ReferenceBooks model = run(0xC1EAL, 400_000, 1 << 17, 1 << 15, 2_000, 40);
        assertTrue(model.unknown > 100 && model.duplicate > 100, "rejects exercised");
        assertEquals(0, model.ordersFull + model.levelsFull, "roomy capacity");
    }

    @Test
    void shouldMatchReferenceModelWhenCapacityIsOftenFull()
    {
        final ReferenceBooks model = run(0xF011L, 300_000, 300, 260, 400, 10);
        assertTrue(model.ordersFull > 1000 && model.levelsFull > 1000,
            "full exercised: orders " + model.ordersFull + ", levels " + model.levelsFull);
    }

    @Test
    void shouldMatchReferenceModelWithConsecutiveReferencesAsAnExchangeAssignsThem()
    {
        // references 1, 2, 3, ... fill long runs of consecutive table slots: the case the tables'
        // Robin Hood ordering and early-stopping deletes must get right, at a load near one half
        final ReferenceBooks model = run(0xC0DEL, 600_000, 4_096, 4_096, 3_900, 40, true);
        assertTrue(model.unknown > 100 && model.duplicate > 100, "rejects exercised");
    }

    private static ReferenceBooks run(
        final long seed, final int operations, final int maxOrders, final int maxLevels, final int targetOrders, final int spread)
    {
        return run(seed, operations, maxOrders, maxLevels, targetOrders, spread, false);
    }

    private static ReferenceBooks run(
        final long seed,
        final int operations,
        final int maxOrders,
        final int maxLevels,
        final int targetOrders,
        final int spread,
        final boolean consecutiveRefs)
    {
        final Random random = new Random(seed);
        final long[] nextRef = {1_000_000L};
        final LongSupplier refSource = consecutiveRefs ? () -> nextRef[0]++ : () -> newRef(random);
        final EventMirror mirror = new EventMirror();
        final OrderBooks books = new OrderBooks(new OrderBooks.Context().maxOrders(maxOrders).maxLevels(maxLevels).listener(mirror));
        final ReferenceBooks model = new ReferenceBooks(maxOrders, maxLevels);

        final int[] locates = new int[48];
        final long[] basePrices = new long[locates.length];
        locates[0] = 0;
        locates[1] = 1;
        locates[2] = 32767;
        locates[3] = 32768;
        locates[4] = 65535;
        for (int i = 5; i < locates.length; i++)
        {
            locates[i] = random.nextInt(65536);
        }
        for (int i = 0; i < locates.length; i++)
        {
            switch (i % 4)
            {
                case 0:
                    basePrices[i] = U32_MAX - 400; // top of the u32 range
                    break;
                case 1:
                    basePrices[i] = (1L << 31) - 200; // straddles 2^31
                    break;
                case 2:
                    basePrices[i] = 0; // bottom of the range
                    break;
                default:
                    basePrices[i] = 1_000_000 + random.nextInt(10_000_000);
            }
        }

        final LiveRefs refs = new LiveRefs();
        long timestamp = 0;
        int maxResting = 0;
        for (int op = 0; op < operations; op++)
        {
            timestamp++;
            final int kind = random.nextInt(100);
            final int addChance = model.orders.size() < targetOrders ? 45 : 30;
            if (kind < addChance || refs.isEmpty())
            {
                final int which = random.nextInt(locates.length);
                final byte side = random.nextBoolean() ? BUY : SELL;
                final long price = randomPrice(random, basePrices[which], spread);
                final long shares = randomShares(random);
                final long ref = random.nextInt(200) == 0 && !refs.isEmpty() ? refs.pick(random) : refSource.getAsLong();
                final int expected = model.add(locates[which], ref, side, shares, price);
                assertEquals(expected, books.addOrder(locates[which], ref, side, shares, price, timestamp),
                    () -> "add at op " + opName(ref));
                refs.sync(ref, model);
            }
            else
            {
                final long ref = random.nextInt(50) == 0 ? newRef(random) : refs.pick(random);
                final ReferenceBooks.Order order = model.orders.get(ref);
                final int expected;
                final int actual;
                if (kind < addChance + 15)
                {
                    final long by = null == order ? randomShares(random) : reduceBy(random, order.shares);
                    expected = model.reduce(ref, by);
                    actual = books.executeOrder(ref, by, timestamp);
                }
                else if (kind < addChance + 30)
                {
                    final long by = null == order ? randomShares(random) : reduceBy(random, order.shares);
                    expected = model.reduce(ref, by);
                    actual = books.cancelOrder(ref, by, timestamp);
                }
                else if (kind < addChance + 45)
                {
                    expected = model.delete(ref);
                    actual = books.deleteOrder(ref, timestamp);
                }
                else
                {
                    final long newRef = random.nextInt(100) == 0 ? ref : random.nextInt(200) == 0 ?
                        refs.pick(random) : refSource.getAsLong();
                    final long base = null == order ? 1_000_000 : order.price;
                    final long price = random.nextInt(3) == 0 ? base : randomPrice(random, Math.max(0, base - spread / 2), spread);
                    final long shares = randomShares(random);
                    expected = model.replace(ref, newRef, shares, price);
                    actual = books.replaceOrder(ref, newRef, shares, price, timestamp);
                    refs.sync(newRef, model);
                }
                assertEquals(expected, actual, "op " + op);
                refs.sync(ref, model);
            }

            // every op, adds included, reaches the checks and the clear half-way
            maxResting = Math.max(maxResting, model.orders.size());
            if (0 == (op + 1) % BATCH)
            {
                assertSame(books, model, mirror, locates, "after op " + op);
            }
            if (op == operations / 2)
            {
                books.clear();
                model.clear();
                mirror.clear();
                refs.clear();
                assertSame(books, model, mirror, locates, "after clear");
            }
        }
        assertSame(books, model, mirror, locates, "at end");
        System.out.printf("seed %x: %d ops, %d resting, %d levels, max resting %d, unknown %d, duplicate %d, " +
            "excess %d, orders full %d, levels full %d%n", seed, operations, books.restingOrders(), books.usedLevels(),
            maxResting, model.unknown, model.duplicate, model.excess, model.ordersFull, model.levelsFull);
        return model;
    }

    private static String opName(final long ref)
    {
        return Long.toUnsignedString(ref);
    }

    private static long newRef(final Random random)
    {
        switch (random.nextInt(4))
        {
            case 0:
                return random.nextLong() | Long.MIN_VALUE; // top bit set
            case 1:
                return (1L << 32) + random.nextInt(1 << 20); // just above 2^32
            case 2:
                return random.nextInt(1 << 24); // small, clustered
            default:
                return random.nextLong();
        }
    }

    private static long randomPrice(final Random random, final long base, final int spread)
    {
        if (random.nextInt(500) == 0)
        {
            return random.nextLong() & U32_MAX; // far away: forces long walks from either end
        }
        return Math.min(U32_MAX, base + random.nextInt(spread));
    }

    private static long randomShares(final Random random)
    {
        final int r = random.nextInt(100);
        if (r < 3)
        {
            return U32_MAX - random.nextInt(1000); // totals beyond 2^32
        }
        if (r < 6)
        {
            return (1L << 31) + random.nextInt(1 << 20);
        }
        return 1 + random.nextInt(1000);
    }

    private static long reduceBy(final Random random, final long remaining)
    {
        final int r = random.nextInt(10);
        if (r < 4)
        {
            return remaining; // to zero
        }
        if (r == 4)
        {
            return Math.min(U32_MAX, remaining + 1 + random.nextInt(10)); // more than remains
        }
        return remaining <= 1 ? remaining : 1 + (long)(random.nextDouble() * (remaining - 1));
    }

    private static void assertSame(
        final OrderBooks books, final ReferenceBooks model, final EventMirror mirror, final int[] locates, final String when)
    {
        assertEquals(model.orders.size(), books.restingOrders(), when);
        assertEquals(model.levels, books.usedLevels(), when);
        assertEquals(model.unknown, books.counters().unknownOrderRefs(), when);
        assertEquals(model.duplicate, books.counters().duplicateOrderRefs(), when);
        assertEquals(model.ordersFull, books.counters().ordersFull(), when);
        assertEquals(model.levelsFull, books.counters().levelsFull(), when);
        assertEquals(model.excess, books.counters().excessShares(), when);
        assertEquals(0, mirror.repeatedTopOfBook, when);

        final int capacity = books.maxLevels() + 1;
        final long[] prices = new long[capacity];
        final long[] shares = new long[capacity];
        final long[] counts = new long[capacity];
        final long[] orderRefs = new long[books.maxOrders() + 1];
        final long[] orderShares = new long[books.maxOrders() + 1];
        final Map<Long, long[]> expectedMirror = new HashMap<>();
        for (final int locate : locates)
        {
            for (final byte side : new byte[]{ BUY, SELL })
            {
                final TreeMap<Long, LinkedHashSet<Long>> expected = model.side(locate, side);
                final int count = books.levels(locate, side, capacity, prices, shares, counts);
                assertEquals(expected.size(), count, when + " levels " + locate + (char)side);
                assertEquals(expected.size(), books.levelCount(locate, side), when);
                int i = 0;
                for (final Map.Entry<Long, LinkedHashSet<Long>> e : expected.entrySet())
                {
                    final String where = when + " " + locate + (char)side + " level " + i;
                    final LinkedHashSet<Long> queue = e.getValue();
                    assertEquals((long)e.getKey(), prices[i], where);
                    assertEquals(model.levelShares(queue), shares[i], where);
                    assertEquals(queue.size(), counts[i], where);
                    final int n = books.ordersAt(locate, side, e.getKey(), orderRefs.length, orderRefs, orderShares);
                    assertEquals(queue.size(), n, where);
                    int j = 0;
                    for (final Long ref : queue)
                    {
                        assertEquals((long)ref, orderRefs[j], where + " order " + j);
                        assertEquals(model.orders.get(ref).shares, orderShares[j], where + " order " + j);
                        j++;
                    }
                    expectedMirror.put(EventMirror.key(locate, side, e.getKey()),
                        new long[]{ model.levelShares(queue), queue.size() });
                    i++;
                }
            }

            final long[] top = mirror.top(locate);
            assertEquals(books.bestBidPrice(locate), top[0], when + " tob " + locate);
            assertEquals(books.bestBidShares(locate), top[1], when + " tob " + locate);
            assertEquals(books.bestAskPrice(locate), top[2], when + " tob " + locate);
            assertEquals(books.bestAskShares(locate), top[3], when + " tob " + locate);
            final TreeMap<Long, LinkedHashSet<Long>> bids = model.side(locate, BUY);
            assertEquals(bids.isEmpty() ? NULL_PRICE : bids.firstKey(), books.bestBidPrice(locate), when);
            final TreeMap<Long, LinkedHashSet<Long>> asks = model.side(locate, SELL);
            assertEquals(asks.isEmpty() ? NULL_PRICE : asks.firstKey(), books.bestAskPrice(locate), when);
        }

        assertEquals(expectedMirror.size(), mirror.levels.size(), when + " levels known from events");
        for (final Map.Entry<Long, long[]> e : expectedMirror.entrySet())
        {
            final long[] actual = mirror.levels.get(e.getKey());
            assertEquals(e.getValue()[0], null == actual ? -1 : actual[0], when + " level event total");
            assertEquals(e.getValue()[1], null == actual ? -1 : actual[1], when + " level event count");
        }
    }

    /**
     * References of resting orders, for picking one at random in O(1).
     */
    private static final class LiveRefs
    {
        private final List<Long> list = new ArrayList<>();
        private final Map<Long, Integer> index = new HashMap<>();

        boolean isEmpty()
        {
            return list.isEmpty();
        }

        long pick(final Random random)
        {
            return list.get(random.nextInt(list.size()));
        }

        void clear()
        {
            list.clear();
            index.clear();
        }

        /** Track the reference if the model holds it, forget it if not. */
        void sync(final long ref, final ReferenceBooks model)
        {
            final boolean live = model.orders.containsKey(ref);
            final Integer at = index.get(ref);
            if (live && null == at)
            {
                index.put(ref, list.size());
                list.add(ref);
            }
            else if (!live && null != at)
            {
                final long last = list.remove(list.size() - 1);
                if (last != ref)
                {
                    list.set(at, last);
                    index.put(last, at);
                }
                index.remove(ref);
            }
        }
    }

    /**
     * Rebuilds the books' levels and tops from the events alone, and counts top-of-book events
     * that repeat the previous top (which should never be sent).
     */
    private static final class EventMirror implements BookListener
    {
        final Map<Long, long[]> levels = new HashMap<>();
        final Map<Integer, long[]> tops = new HashMap<>();
        int repeatedTopOfBook;

        static long key(final int locate, final byte side, final long price)
        {
            return ((long)ReferenceBooks.book(locate, side) << 32) | price;
        }

        long[] top(final int locate)
        {
            return tops.getOrDefault(locate, new long[]{ NULL_PRICE, 0, NULL_PRICE, 0 });
        }

        void clear()
        {
            levels.clear();
            tops.clear();
        }

        public void onTopOfBook(
            final int locate,
            final long bidPrice,
            final long bidShares,
            final long askPrice,
            final long askShares,
            final long timestamp)
        {
            final long[] next = { bidPrice, bidShares, askPrice, askShares };
            if (java.util.Arrays.equals(top(locate), next))
            {
                repeatedTopOfBook++;
            }
            tops.put(locate, next);
        }

        public void onLevelChanged(
            final int locate,
            final byte side,
            final long price,
            final long totalShares,
            final int orderCount,
            final long timestamp)
        {
            if (0 == orderCount)
            {
                levels.remove(key(locate, side, price));
            }
            else
            {
                levels.put(key(locate, side, price), new long[]{ totalShares, orderCount });
            }
        }
    }
}
