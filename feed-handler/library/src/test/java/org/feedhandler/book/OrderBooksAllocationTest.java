package org.feedhandler.book;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After warm-up, millions of mixed operations over a thousand stocks must allocate nothing on the
 * calling thread, as counted by the JVM's per-thread allocation counter (TLAB and outside).
 */
@Timeout(120)
class OrderBooksAllocationTest
{
    private static final int OPERATIONS = 2_000_000;

    @Test
    void shouldAllocateNothingAfterWarmUp()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        threads.getThreadAllocatedBytes(threadId); // load and link the measurement before it counts

        final CountingListener listener = new CountingListener();
        final OrderBooks books = new OrderBooks(new OrderBooks.Context().maxOrders(1 << 20).maxLevels(1 << 18).listener(listener));
        final Driver driver = new Driver(books, 0x9E3779B97F4A7C15L);

        // Warm-up until every method of the loop runs C2 code: the first call after C2 replaces a
        // method's C1 code was seen (JFR, -XX:-UseTLAB) to allocate a few hundred bytes once, in
        // the JVM, at the entry of that method. The query path runs once per 128 operations, so
        // it reaches C2 within the first warm-up run.
        driver.run(OPERATIONS);
        driver.run(OPERATIONS);

        final long calibrateBefore = threads.getThreadAllocatedBytes(threadId);
        final long calibrateAfter = threads.getThreadAllocatedBytes(threadId);
        assertEquals(0, calibrateAfter - calibrateBefore, "the measurement itself allocates");

        final long start = System.nanoTime();
        final String passes = org.feedhandler.Allocations.assertAllocationFreeInSteadyState(
            OPERATIONS + " operations", OPERATIONS, 5, () -> driver.run(OPERATIONS));
        final long elapsed = (System.nanoTime() - start) / passes.split(" ").length;

        System.out.printf(
            "%d ops in %.1f ms: %.1f ns/op (driver included); resting %d, levels %d, events %d; adds %d, executes %d, cancels %d, deletes %d, replaces %d%n",
            OPERATIONS, elapsed / 1e6, (double)elapsed / OPERATIONS, books.restingOrders(), books.usedLevels(),
            listener.events,
            driver.adds, driver.executes, driver.cancels, driver.deletes, driver.replaces);
        System.out.println("bytes allocated per pass: " + passes);
        assertTrue(books.restingOrders() > 100_000, "book kept busy: " + books.restingOrders());
        final long quarter = OPERATIONS / 4; // counts cover warm-up and measurement
        assertTrue(driver.adds > quarter && driver.executes > quarter && driver.cancels > quarter &&
            driver.deletes > quarter && driver.replaces > quarter, "every kind of operation ran");
    }

    static final class CountingListener implements BookListener
    {
        long events;
        long checksum;

        public void onTopOfBook(
            final int locate,
            final long bidPrice,
            final long bidShares,
            final long askPrice,
            final long askShares,
            final long timestamp)
        {
            events++;
            checksum += bidPrice ^ askShares;
        }

        public void onLevelChanged(
            final int locate,
            final byte side,
            final long price,
            final long totalShares,
            final int orderCount,
            final long timestamp)
        {
            events++;
            checksum += price ^ totalShares;
        }

        public void onTrade(
            final int locate,
            final long orderRef,
            final byte side,
            final long shares,
            final long price,
            final long matchNumber,
            final long timestamp)
        {
            events++;
        }

        public void onStale(final int locate, final boolean stale)
        {
            events++;
        }
    }

    /**
     * Drives a busy book with primitive state only: a xorshift generator, a ring of live order
     * references, a unique reference sequence (an odd multiplier is a bijection on 64 bits, so the
     * references are unique and spread over every bit, the top bit included).
     */
    static final class Driver
    {
        private static final int STOCKS = 1024;
        private static final int TARGET_RESTING = 200_000;

        private final OrderBooks books;
        private final int[] locates = new int[STOCKS];
        private final long[] basePrices = new long[STOCKS];
        private final long[] live = new long[1 << 20];
        private final long[] prices = new long[BookSnapshot.DEFAULT_DEPTH];
        private final long[] shares = new long[BookSnapshot.DEFAULT_DEPTH];
        private final long[] counts = new long[BookSnapshot.DEFAULT_DEPTH];
        private final BookSnapshot snapshot = new BookSnapshot();
        private int liveCount;
        private long state;
        private long sequence;
        private long timestamp;
        long adds;
        long executes;
        long cancels;
        long deletes;
        long replaces;

        Driver(final OrderBooks books, final long seed)
        {
            this.books = books;
            this.state = seed;
            for (int i = 0; i < STOCKS; i++)
            {
                locates[i] = i == 0 ? 65535 : (i * 61) & 0xFFFF;
                basePrices[i] = (i & 3) == 0 ? (1L << 31) - 32 : 10_000 + 100L * i;
            }
        }

        void run(final int operations)
        {
            for (int i = 0; i < operations; i++)
            {
                timestamp++;
                final long r = next();
                final int kind = (int)(r & 127);
                if (liveCount < TARGET_RESTING ? kind < 64 : kind < 24)
                {
                    add(r);
                }
                else if (liveCount > 0)
                {
                    final int index = (int)((r >>> 8) % liveCount);
                    final long ref = live[index];
                    if (kind < 64)
                    {
                        final long remaining = books.orderShares(ref);
                        final long by = 0 == (r & 0x300) ? remaining : 1 + ((r >>> 40) % remaining);
                        books.executeOrder(ref, by, timestamp);
                        executes++;
                        forgetIfGone(index, ref);
                    }
                    else if (kind < 84)
                    {
                        books.cancelOrder(ref, 1 + ((r >>> 40) & 63), timestamp);
                        cancels++;
                        forgetIfGone(index, ref);
                    }
                    else if (kind < 100)
                    {
                        books.deleteOrder(ref, timestamp);
                        deletes++;
                        forget(index);
                    }
                    else
                    {
                        final long newRef = nextRef();
                        final long price = books.orderPrice(ref) + ((r >>> 20) & 7) - 3;
                        if (OrderBooks.OK == books.replaceOrder(ref, newRef, 1 + ((r >>> 24) & 1023), price, timestamp))
                        {
                            live[index] = newRef;
                        }
                        else
                        {
                            forgetIfGone(index, ref);
                        }
                        replaces++;
                    }
                }
                if (0 == (r >>> 57))
                {
                    query(r);
                }
            }
        }

        private void add(final long r)
        {
            final int stock = (int)((r >>> 7) & (STOCKS - 1));
            final byte side = 0 == (r & (1 << 17)) ? OrderBooks.BUY : OrderBooks.SELL;
            final long price = basePrices[stock] + ((r >>> 18) & 63) + (OrderBooks.BUY == side ? 0 : 64);
            final long quantity = 0 == ((r >>> 30) & 255) ? 0xFFFF_FFFFL : 1 + ((r >>> 30) & 1023);
            final long ref = nextRef();
            if (OrderBooks.OK == books.addOrder(locates[stock], ref, side, quantity, price, timestamp) &&
                liveCount < live.length)
            {
                live[liveCount++] = ref;
            }
            adds++;
        }

        private void query(final long r)
        {
            final int locate = locates[(int)((r >>> 7) & (STOCKS - 1))];
            books.levels(locate, OrderBooks.BUY, prices.length, prices, shares, counts);
            snapshot.capture(books, locate);
            books.trade(locate, 0, OrderBooks.BUY, 100, books.bestAskPrice(locate), r, timestamp);
            books.markStale(locate);
            books.clearStale(locate);
        }

        private void forgetIfGone(final int index, final long ref)
        {
            if (!books.containsOrder(ref))
            {
                forget(index);
            }
        }

        private void forget(final int index)
        {
            live[index] = live[--liveCount];
        }

        private long nextRef()
        {
            return ++sequence * 0x9E3779B97F4A7C15L;
        }

        private long next()
        {
            long x = state;
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            state = x;
            return x;
        }
    }
}
