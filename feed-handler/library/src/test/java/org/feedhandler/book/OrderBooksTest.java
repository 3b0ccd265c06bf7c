package org.feedhandler.book;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.feedhandler.book.OrderBooks.BAD_SIDE;
import static org.feedhandler.book.OrderBooks.BAD_VALUE;
import static org.feedhandler.book.OrderBooks.BUY;
import static org.feedhandler.book.OrderBooks.DUPLICATE_ORDER;
import static org.feedhandler.book.OrderBooks.LEVELS_FULL;
import static org.feedhandler.book.OrderBooks.NULL_PRICE;
import static org.feedhandler.book.OrderBooks.OK;
import static org.feedhandler.book.OrderBooks.ORDERS_FULL;
import static org.feedhandler.book.OrderBooks.SELL;
import static org.feedhandler.book.OrderBooks.UNKNOWN_ORDER;
import static org.feedhandler.book.RecordingListener.level;
import static org.feedhandler.book.RecordingListener.tob;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderBooksTest
{
    private static final int LOCATE = 7;
    private static final long U32_MAX = 0xFFFF_FFFFL;

    private final RecordingListener listener = new RecordingListener();
    private final OrderBooks books = new OrderBooks(new OrderBooks.Context().maxOrders(1024).maxLevels(256).listener(listener));

    // ---- add and aggregation ----------------------------------------------------------------------

    @Test
    void shouldAddOrderAndReportLevelThenTopOfBook()
    {
        assertEquals(OK, books.addOrder(LOCATE, 1, BUY, 100, 1_000_000, 10));

        assertEquals(List.of(
            level(LOCATE, 'B', 1_000_000, 100, 1, 10),
            tob(LOCATE, 1_000_000, 100, NULL_PRICE, 0, 10)), listener.take());
        assertEquals(1_000_000, books.bestBidPrice(LOCATE));
        assertEquals(100, books.bestBidShares(LOCATE));
        assertEquals(NULL_PRICE, books.bestAskPrice(LOCATE));
        assertEquals(0, books.bestAskShares(LOCATE));
        assertEquals(1, books.restingOrders());
        assertEquals(1, books.usedLevels());
        assertFalse(books.isEmpty(LOCATE));
    }

    @Test
    void shouldAggregateOrdersAtSamePriceIntoOneLevel()
    {
        books.addOrder(LOCATE, 1, SELL, 100, 500, 1);
        books.addOrder(LOCATE, 2, SELL, 250, 500, 2);
        books.addOrder(LOCATE, 3, SELL, 50, 500, 3);

        assertLevels(LOCATE, SELL, new long[][]{ { 500, 400, 3 } });
        assertEquals(1, books.levelCount(LOCATE, SELL));
        assertEquals(1, books.usedLevels());
        assertEquals(3, books.restingOrders());
        assertEquals(List.of(
            level(LOCATE, 'S', 500, 100, 1, 1), tob(LOCATE, NULL_PRICE, 0, 500, 100, 1),
            level(LOCATE, 'S', 500, 350, 2, 2), tob(LOCATE, NULL_PRICE, 0, 500, 350, 2),
            level(LOCATE, 'S', 500, 400, 3, 3), tob(LOCATE, NULL_PRICE, 0, 500, 400, 3)), listener.take());
    }

    @Test
    void shouldOrderBidsHighestFirstAndAsksLowestFirst()
    {
        books.addOrder(LOCATE, 1, BUY, 10, 100, 0);
        books.addOrder(LOCATE, 2, BUY, 20, 300, 0);
        books.addOrder(LOCATE, 3, BUY, 30, 200, 0);
        books.addOrder(LOCATE, 4, SELL, 40, 600, 0);
        books.addOrder(LOCATE, 5, SELL, 50, 400, 0);
        books.addOrder(LOCATE, 6, SELL, 60, 500, 0);

        assertLevels(LOCATE, BUY, new long[][]{ { 300, 20, 1 }, { 200, 30, 1 }, { 100, 10, 1 } });
        assertLevels(LOCATE, SELL, new long[][]{ { 400, 50, 1 }, { 500, 60, 1 }, { 600, 40, 1 } });
    }

    @Test
    void shouldInsertNewLevelsInTheMiddleWalkingFromEitherEnd()
    {
        // wide book: 1000, 2000, ..., 100000; then fill in near the best and near the worst
        for (int i = 1; i <= 100; i++)
        {
            books.addOrder(LOCATE, i, BUY, i, i * 1000L, 0);
        }
        books.addOrder(LOCATE, 1001, BUY, 1, 99_500, 0);
        books.addOrder(LOCATE, 1002, BUY, 1, 1_500, 0);
        books.addOrder(LOCATE, 1003, BUY, 1, 500, 0);
        books.addOrder(LOCATE, 1004, BUY, 1, 200_000, 0);
        books.addOrder(LOCATE, 1005, BUY, 1, 50_500, 0);

        final long[] prices = new long[200];
        final int count = books.levels(LOCATE, BUY, 200, prices, new long[200], new long[200]);
        assertEquals(105, count);
        assertEquals(105, books.levelCount(LOCATE, BUY));
        for (int i = 1; i < count; i++)
        {
            assertTrue(prices[i - 1] > prices[i], "descending at " + i);
        }
        assertEquals(200_000, prices[0]);
        assertEquals(99_500, prices[2]);
        assertEquals(500, prices[count - 1]);
        assertEquals(1_500, prices[count - 3]);
    }

    // ---- execute, cancel, delete ------------------------------------------------------------------

    @Test
    void shouldReduceOrderWhenPartiallyExecuted()
    {
        books.addOrder(LOCATE, 1, BUY, 100, 1000, 1);
        books.addOrder(LOCATE, 2, BUY, 50, 1000, 2);
        listener.take();

        assertEquals(OK, books.executeOrder(1, 30, 3));

        assertEquals(70, books.orderShares(1));
        assertLevels(LOCATE, BUY, new long[][]{ { 1000, 120, 2 } });
        assertEquals(List.of(level(LOCATE, 'B', 1000, 120, 2, 3), tob(LOCATE, 1000, 120, NULL_PRICE, 0, 3)),
            listener.take());
    }

    @Test
    void shouldRemoveOrderWhenExecutedInFull()
    {
        books.addOrder(LOCATE, 1, SELL, 100, 1000, 1);
        books.addOrder(LOCATE, 2, SELL, 50, 1000, 2);
        listener.take();

        assertEquals(OK, books.executeOrder(1, 100, 3));

        assertFalse(books.containsOrder(1));
        assertEquals(-1, books.orderShares(1));
        assertEquals(1, books.restingOrders());
        assertLevels(LOCATE, SELL, new long[][]{ { 1000, 50, 1 } });
        assertEquals(List.of(level(LOCATE, 'S', 1000, 50, 1, 3), tob(LOCATE, NULL_PRICE, 0, 1000, 50, 3)),
            listener.take());
    }

    @Test
    void shouldRemoveLevelAndMoveBestWhenLastOrderExecuted()
    {
        books.addOrder(LOCATE, 1, SELL, 100, 1000, 1);
        books.addOrder(LOCATE, 2, SELL, 70, 1100, 2);
        listener.take();

        assertEquals(OK, books.executeOrder(1, 100, 3));

        assertEquals(1100, books.bestAskPrice(LOCATE));
        assertEquals(1, books.usedLevels());
        assertEquals(List.of(level(LOCATE, 'S', 1000, 0, 0, 3), tob(LOCATE, NULL_PRICE, 0, 1100, 70, 3)),
            listener.take());
    }

    @Test
    void shouldRemoveOrderWhenCancelledToZero()
    {
        books.addOrder(LOCATE, 1, BUY, 100, 1000, 1);
        assertEquals(OK, books.cancelOrder(1, 40, 2));
        assertEquals(60, books.orderShares(1));
        listener.take();

        assertEquals(OK, books.cancelOrder(1, 60, 3));

        assertFalse(books.containsOrder(1));
        assertTrue(books.isEmpty(LOCATE));
        assertEquals(0, books.usedLevels());
        assertEquals(List.of(level(LOCATE, 'B', 1000, 0, 0, 3), tob(LOCATE, NULL_PRICE, 0, NULL_PRICE, 0, 3)),
            listener.take());
    }

    @Test
    void shouldRemoveOrderAndCountWhenMoreSharesExecutedThanRemain()
    {
        books.addOrder(LOCATE, 1, BUY, 100, 1000, 1);

        assertEquals(OK, books.executeOrder(1, 150, 2));

        assertFalse(books.containsOrder(1));
        assertTrue(books.isEmpty(LOCATE));
        assertEquals(1, books.counters().excessShares());
    }

    @Test
    void shouldDeleteOrder()
    {
        books.addOrder(LOCATE, 1, BUY, 100, 1000, 1);
        books.addOrder(LOCATE, 2, BUY, 30, 1000, 1);
        listener.take();

        assertEquals(OK, books.deleteOrder(1, 5));

        assertFalse(books.containsOrder(1));
        assertLevels(LOCATE, BUY, new long[][]{ { 1000, 30, 1 } });
        assertEquals(List.of(level(LOCATE, 'B', 1000, 30, 1, 5), tob(LOCATE, 1000, 30, NULL_PRICE, 0, 5)),
            listener.take());
    }

    @Test
    void shouldRejectOperationsOnUnknownOrders()
    {
        books.addOrder(LOCATE, 1, BUY, 100, 1000, 1);
        listener.take();

        assertEquals(UNKNOWN_ORDER, books.executeOrder(99, 10, 2));
        assertEquals(UNKNOWN_ORDER, books.cancelOrder(99, 10, 2));
        assertEquals(UNKNOWN_ORDER, books.deleteOrder(99, 2));
        assertEquals(UNKNOWN_ORDER, books.replaceOrder(99, 100, 10, 1000, 2));

        assertEquals(4, books.counters().unknownOrderRefs());
        assertEquals(List.of(), listener.take());
        assertLevels(LOCATE, BUY, new long[][]{ { 1000, 100, 1 } });
        assertFalse(books.containsOrder(100));
    }

    @Test
    void shouldRejectDuplicateAddWithoutChangingBook()
    {
        books.addOrder(LOCATE, 1, BUY, 100, 1000, 1);
        listener.take();

        assertEquals(DUPLICATE_ORDER, books.addOrder(LOCATE + 1, 1, SELL, 5, 2000, 2));

        assertEquals(1, books.counters().duplicateOrderRefs());
        assertEquals(List.of(), listener.take());
        assertTrue(books.isEmpty(LOCATE + 1));
        assertEquals(100, books.orderShares(1));
        assertEquals(1, books.usedLevels(), "the level the duplicate would have opened is gone");
        assertEquals(1, books.restingOrders());
    }

    @Test
    void shouldReportADuplicateAsADuplicateWhenTheBooksAreFull()
    {
        final OrderBooks small = new OrderBooks(new OrderBooks.Context().maxOrders(2).maxLevels(2).listener(listener));
        small.addOrder(LOCATE, 1, BUY, 100, 1000, 1);
        small.addOrder(LOCATE, 2, BUY, 100, 990, 1);
        listener.take();

        // every level in use: a new price cannot be placed, but a resting reference is a duplicate first
        assertEquals(DUPLICATE_ORDER, small.addOrder(LOCATE, 1, SELL, 5, 2000, 2));
        assertEquals(0, small.counters().levelsFull());
        // every order in use
        assertEquals(DUPLICATE_ORDER, small.addOrder(LOCATE, 2, BUY, 5, 1000, 2));
        assertEquals(0, small.counters().ordersFull());
        assertEquals(2, small.counters().duplicateOrderRefs());
        assertEquals(List.of(), listener.take());

        assertEquals(ORDERS_FULL, small.addOrder(LOCATE, 3, BUY, 5, 1000, 2));
        assertEquals(1, small.counters().ordersFull());
    }

    @Test
    void shouldRejectBadSideAndOutOfRangeValues()
    {
        assertEquals(BAD_SIDE, books.addOrder(LOCATE, 1, (byte)'X', 100, 1000, 1));
        assertEquals(BAD_VALUE, books.addOrder(65536, 1, BUY, 100, 1000, 1));
        assertEquals(BAD_VALUE, books.addOrder(-1, 1, BUY, 100, 1000, 1));
        assertEquals(BAD_VALUE, books.addOrder(LOCATE, 1, BUY, U32_MAX + 1, 1000, 1));
        assertEquals(BAD_VALUE, books.addOrder(LOCATE, 1, BUY, 100, -1, 1));
        assertEquals(OK, books.addOrder(LOCATE, 1, BUY, 100, 1000, 1));
        assertEquals(BAD_VALUE, books.executeOrder(1, -5, 1));
        assertEquals(BAD_VALUE, books.replaceOrder(1, 2, 100, U32_MAX + 1, 1));

        assertEquals(1, books.counters().badSides());
        assertEquals(6, books.counters().badValues());
        assertEquals(1, books.restingOrders());
        assertEquals(100, books.orderShares(1));
    }

    // ---- replace ----------------------------------------------------------------------------------

    @Test
    void shouldReplaceOrderWithNewReferenceSharesAndPriceOnSameSideAndStock()
    {
        books.addOrder(LOCATE, 1, SELL, 100, 1000, 1);
        books.addOrder(LOCATE, 2, SELL, 40, 1100, 1);
        listener.take();

        assertEquals(OK, books.replaceOrder(1, 3, 60, 1050, 2));

        assertFalse(books.containsOrder(1));
        assertEquals(60, books.orderShares(3));
        assertEquals(1050, books.orderPrice(3));
        assertEquals(SELL, books.orderSide(3));
        assertEquals(LOCATE, books.orderLocate(3));
        assertLevels(LOCATE, SELL, new long[][]{ { 1050, 60, 1 }, { 1100, 40, 1 } });
        assertEquals(2, books.restingOrders());
        assertEquals(List.of(
            level(LOCATE, 'S', 1000, 0, 0, 2),
            level(LOCATE, 'S', 1050, 60, 1, 2),
            tob(LOCATE, NULL_PRICE, 0, 1050, 60, 2)), listener.take());
    }

    @Test
    void shouldLoseTimePriorityWhenReplacedAtSamePrice()
    {
        books.addOrder(LOCATE, 1, BUY, 100, 1000, 1);
        books.addOrder(LOCATE, 2, BUY, 200, 1000, 1);
        books.addOrder(LOCATE, 3, BUY, 300, 1000, 1);

        assertEquals(OK, books.replaceOrder(1, 4, 100, 1000, 2));

        final long[] refs = new long[8];
        final long[] shares = new long[8];
        assertEquals(3, books.ordersAt(LOCATE, BUY, 1000, 8, refs, shares));
        assertArrayEquals(new long[]{ 2, 3, 4 }, java.util.Arrays.copyOf(refs, 3));
        assertArrayEquals(new long[]{ 200, 300, 100 }, java.util.Arrays.copyOf(shares, 3));
    }

    @Test
    void shouldKeepTheBestBidAndOfferRightForAListenerThatDoesNotTakeTopOfBook()
    {
        final int[] levelEvents = new int[1];
        final BookListener levelsOnly = new BookListener()
        {
            public void onLevelChanged(
                final int locate, final byte side, final long price, final long totalShares, final int orderCount,
                final long timestamp)
            {
                levelEvents[0]++;
            }
        };
        assertFalse(BookState.takesTopOfBook(levelsOnly));
        assertFalse(BookState.takesTopOfBook(BookListener.NO_OP));
        assertTrue(BookState.takesTopOfBook(listener));

        final OrderBooks untracked = new OrderBooks(new OrderBooks.Context().maxOrders(1024).maxLevels(256).listener(levelsOnly));
        for (final OrderBooks b : new OrderBooks[]{ books, untracked })
        {
            b.addOrder(LOCATE, 1, BUY, 100, 1000, 1);
            b.addOrder(LOCATE, 2, BUY, 200, 1010, 1);
            b.addOrder(LOCATE, 3, SELL, 300, 1050, 1);
            b.replaceOrder(2, 4, 250, 1005, 2);
            b.executeOrder(3, 100, 3);
        }
        assertBestEqual(books, untracked);
        assertEquals(1005, untracked.bestBidPrice(LOCATE));
        assertEquals(250, untracked.bestBidShares(LOCATE));
        assertEquals(200, untracked.bestAskShares(LOCATE));
        for (final OrderBooks b : new OrderBooks[]{ books, untracked })
        {
            b.deleteOrder(4, 4);
            b.cancelOrder(3, 200, 4);
        }
        assertBestEqual(books, untracked);
        assertEquals(1000, untracked.bestBidPrice(LOCATE));
        assertEquals(NULL_PRICE, untracked.bestAskPrice(LOCATE));
        assertEquals(listener.take().stream().filter(e -> e instanceof RecordingListener.Level).count(), levelEvents[0]);
    }

    @Test
    void shouldReportTopOfBookToAListenerThatInheritsTheOverride()
    {
        class Base implements BookListener
        {
            int tops;

            public void onTopOfBook(
                final int locate, final long bidPrice, final long bidShares, final long askPrice, final long askShares,
                final long timestamp)
            {
                tops++;
            }
        }
        class Derived extends Base
        {
        }
        final Derived derived = new Derived();
        final OrderBooks inherited = new OrderBooks(new OrderBooks.Context().maxOrders(16).maxLevels(16).listener(derived));

        inherited.addOrder(LOCATE, 1, BUY, 100, 1000, 1);
        inherited.addOrder(LOCATE, 2, BUY, 100, 990, 1);

        assertEquals(1, derived.tops);
    }

    private static void assertBestEqual(final OrderBooks expected, final OrderBooks actual)
    {
        assertEquals(expected.bestBidPrice(LOCATE), actual.bestBidPrice(LOCATE));
        assertEquals(expected.bestBidShares(LOCATE), actual.bestBidShares(LOCATE));
        assertEquals(expected.bestAskPrice(LOCATE), actual.bestAskPrice(LOCATE));
        assertEquals(expected.bestAskShares(LOCATE), actual.bestAskShares(LOCATE));
    }

    @Test
    void shouldCopyTheFirstOrdersInTimePriorityWhenAskedForFewerThanRest()
    {
        for (long ref = 1; ref <= 6; ref++)
        {
            books.addOrder(LOCATE, ref, SELL, 100 * ref, 1000, 1);
        }
        books.deleteOrder(1, 2); // the head
        books.deleteOrder(4, 2); // the middle
        books.deleteOrder(6, 2); // the tail

        final long[] refs = new long[2];
        final long[] shares = new long[2];
        assertEquals(2, books.ordersAt(LOCATE, SELL, 1000, 2, refs, shares));
        assertArrayEquals(new long[]{ 2, 3 }, refs);
        assertArrayEquals(new long[]{ 200, 300 }, shares);

        books.addOrder(LOCATE, 7, SELL, 700, 1000, 3);
        final long[] all = new long[8];
        assertEquals(4, books.ordersAt(LOCATE, SELL, 1000, 8, all, new long[8]));
        assertArrayEquals(new long[]{ 2, 3, 5, 7 }, java.util.Arrays.copyOf(all, 4));
    }

    @Test
    void shouldNotReportTopOfBookWhenReplaceLeavesBestUnchanged()
    {
        books.addOrder(LOCATE, 1, BUY, 100, 1000, 1);
        listener.take();

        assertEquals(OK, books.replaceOrder(1, 2, 100, 1000, 2));

        assertEquals(List.of(level(LOCATE, 'B', 1000, 0, 0, 2), level(LOCATE, 'B', 1000, 100, 1, 2)),
            listener.take());
    }

    @Test
    void shouldRejectReplaceToReferenceAlreadyResting()
    {
        books.addOrder(LOCATE, 1, BUY, 100, 1000, 1);
        books.addOrder(LOCATE, 2, BUY, 100, 1001, 1);
        listener.take();

        assertEquals(DUPLICATE_ORDER, books.replaceOrder(1, 2, 10, 999, 2));

        assertEquals(List.of(), listener.take());
        assertEquals(100, books.orderShares(1));
        assertEquals(1, books.counters().duplicateOrderRefs());
    }

    // ---- best bid and offer -----------------------------------------------------------------------

    @Test
    void shouldMoveBestBidAndOfferAndReportOnlyWhenTheyChange()
    {
        books.addOrder(LOCATE, 1, BUY, 100, 1000, 1);
        books.addOrder(LOCATE, 2, SELL, 100, 1010, 2);
        listener.take();

        books.addOrder(LOCATE, 3, BUY, 10, 990, 3); // deeper: level only
        books.addOrder(LOCATE, 4, BUY, 20, 1005, 4); // better bid
        books.addOrder(LOCATE, 5, SELL, 30, 1020, 5); // deeper ask: level only
        books.deleteOrder(4, 6); // bid back to 1000
        books.executeOrder(3, 5, 7); // deeper: level only

        assertEquals(List.of(
            level(LOCATE, 'B', 990, 10, 1, 3),
            level(LOCATE, 'B', 1005, 20, 1, 4), tob(LOCATE, 1005, 20, 1010, 100, 4),
            level(LOCATE, 'S', 1020, 30, 1, 5),
            level(LOCATE, 'B', 1005, 0, 0, 6), tob(LOCATE, 1000, 100, 1010, 100, 6),
            level(LOCATE, 'B', 990, 5, 1, 7)), listener.take());
    }

    @Test
    void shouldKeepBooksOfManyStocksApart()
    {
        for (int locate = 1; locate <= 100; locate++)
        {
            books.addOrder(locate, locate, BUY, locate, 1000 + locate, 0);
            books.addOrder(locate, 1000 + locate, SELL, 2L * locate, 2000 + locate, 0);
        }
        books.deleteOrder(50, 0);

        for (int locate = 1; locate <= 100; locate++)
        {
            if (locate == 50)
            {
                assertEquals(NULL_PRICE, books.bestBidPrice(locate));
            }
            else
            {
                assertEquals(1000 + locate, books.bestBidPrice(locate));
                assertEquals(locate, books.bestBidShares(locate));
            }
            assertEquals(2000 + locate, books.bestAskPrice(locate));
            assertEquals(2L * locate, books.bestAskShares(locate));
        }
        assertTrue(books.isEmpty(0));
        assertTrue(books.isEmpty(101));
        assertEquals(199, books.restingOrders());
        assertEquals(199, books.usedLevels());
    }

    // ---- unsigned edges ---------------------------------------------------------------------------

    @Test
    void shouldKeepSharesAbove2Pow31()
    {
        final long big = (1L << 31) + 12345;
        books.addOrder(LOCATE, 1, BUY, U32_MAX, 1000, 1);
        books.addOrder(LOCATE, 2, BUY, big, 1000, 1);

        assertEquals(U32_MAX, books.orderShares(1));
        assertEquals(big, books.orderShares(2));
        assertEquals(U32_MAX + big, books.bestBidShares(LOCATE));

        books.executeOrder(1, big, 2);
        assertEquals(U32_MAX - big, books.orderShares(1));
        assertEquals(U32_MAX, books.bestBidShares(LOCATE));
    }

    @Test
    void shouldSumLevelTotalsBeyond2Pow32()
    {
        final long shares = 4_000_000_000L;
        for (int i = 0; i < 10; i++)
        {
            assertEquals(OK, books.addOrder(LOCATE, i, SELL, shares, 1000, 1));
        }
        assertEquals(10 * shares, books.bestAskShares(LOCATE));
        books.cancelOrder(3, shares - 1, 2);
        assertEquals(9 * shares + 1, books.bestAskShares(LOCATE));
        assertLevels(LOCATE, SELL, new long[][]{ { 1000, 9 * shares + 1, 10 } });
    }

    @Test
    void shouldOrderPricesAbove2Pow31AsUnsigned()
    {
        final long high = (1L << 31) + 5;
        books.addOrder(LOCATE, 1, BUY, 1, 100, 1);
        books.addOrder(LOCATE, 2, BUY, 1, U32_MAX, 1);
        books.addOrder(LOCATE, 3, BUY, 1, high, 1);
        books.addOrder(LOCATE, 4, BUY, 1, (1L << 31) - 1, 1);
        books.addOrder(LOCATE, 5, SELL, 1, U32_MAX, 1);
        books.addOrder(LOCATE, 6, SELL, 1, high, 1);
        books.addOrder(LOCATE, 7, SELL, 1, 0, 1);

        assertLevels(LOCATE, BUY, new long[][]{ { U32_MAX, 1, 1 }, { high, 1, 1 }, { (1L << 31) - 1, 1, 1 }, { 100, 1, 1 } });
        assertLevels(LOCATE, SELL, new long[][]{ { 0, 1, 1 }, { high, 1, 1 }, { U32_MAX, 1, 1 } });
        assertEquals(U32_MAX, books.bestBidPrice(LOCATE));
        assertEquals(0, books.bestAskPrice(LOCATE));
        assertEquals(high, books.orderPrice(3));
    }

    @Test
    void shouldAcceptAnyOrderReferenceBitPattern()
    {
        final long[] refs = { 0L, 1L, (1L << 32) + 1, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE, -1L, 0x8000_0000_0000_0001L };
        for (int i = 0; i < refs.length; i++)
        {
            assertEquals(OK, books.addOrder(LOCATE, refs[i], BUY, i + 1, 1000 + i, 1));
        }
        for (int i = 0; i < refs.length; i++)
        {
            assertEquals(i + 1, books.orderShares(refs[i]));
        }
        assertEquals(DUPLICATE_ORDER, books.addOrder(LOCATE, -1L, SELL, 1, 1, 1));
        assertEquals(OK, books.replaceOrder(Long.MIN_VALUE, -2L, 77, 5000, 2));
        assertEquals(77, books.orderShares(-2L));
        assertFalse(books.containsOrder(Long.MIN_VALUE));
        assertEquals(OK, books.deleteOrder(-1L, 3));
        assertEquals(OK, books.deleteOrder(0L, 3));
        assertFalse(books.containsOrder(-1L));
        assertFalse(books.containsOrder(0L));
        assertEquals(6, books.restingOrders());
    }

    @Test
    void shouldHandleLocatesAbove2Pow15()
    {
        books.addOrder(65535, 1, BUY, 10, 1000, 1);
        books.addOrder(65535, 2, SELL, 20, 1010, 1);
        books.addOrder(32768, 3, SELL, 30, 1020, 1);

        assertEquals(1000, books.bestBidPrice(65535));
        assertEquals(1010, books.bestAskPrice(65535));
        assertEquals(1020, books.bestAskPrice(32768));
        assertEquals(65535, books.orderLocate(1));
        assertEquals(32768, books.nextNonEmptyLocate(0));
        assertEquals(65535, books.nextNonEmptyLocate(32769));
        assertEquals(-1, books.nextNonEmptyLocate(65536));
        assertTrue(books.isEmpty(32767));
        books.deleteOrder(1, 2);
        books.deleteOrder(2, 2);
        assertTrue(books.isEmpty(65535));
    }

    // ---- capacity ---------------------------------------------------------------------------------

    @Test
    void shouldRejectWhenOrdersFullAndReuseCapacityAfterDelete()
    {
        final OrderBooks small = new OrderBooks(new OrderBooks.Context().maxOrders(4).maxLevels(16).listener(listener));
        for (int i = 0; i < 4; i++)
        {
            assertEquals(OK, small.addOrder(LOCATE, i, BUY, 1, 1000, 1));
        }
        listener.take();

        assertEquals(ORDERS_FULL, small.addOrder(LOCATE, 10, BUY, 1, 1000, 2));
        assertEquals(ORDERS_FULL, small.addOrder(LOCATE, 11, SELL, 1, 2000, 2));

        assertEquals(2, small.counters().ordersFull());
        assertFalse(small.containsOrder(10));
        assertEquals(List.of(new RecordingListener.Capacity("maxOrders", 4)), listener.take());

        assertEquals(OK, small.deleteOrder(2, 3));
        assertEquals(OK, small.addOrder(LOCATE, 10, BUY, 5, 1000, 4));
        assertEquals(4, small.restingOrders());
        assertLevels(small, LOCATE, BUY, new long[][]{ { 1000, 8, 4 } });

        listener.take();
        assertEquals(ORDERS_FULL, small.addOrder(LOCATE, 12, BUY, 1, 1000, 5));
        assertEquals(List.of(new RecordingListener.Capacity("maxOrders", 4)), listener.take());
    }

    @Test
    void shouldRejectWhenLevelsFullAndReuseCapacityAfterDelete()
    {
        final OrderBooks small = new OrderBooks(new OrderBooks.Context().maxOrders(16).maxLevels(2).listener(listener));
        assertEquals(OK, small.addOrder(LOCATE, 1, BUY, 1, 1000, 1));
        assertEquals(OK, small.addOrder(LOCATE, 2, SELL, 1, 2000, 1));
        assertEquals(OK, small.addOrder(LOCATE, 3, SELL, 1, 2000, 1)); // existing level: fine
        listener.take();

        assertEquals(LEVELS_FULL, small.addOrder(LOCATE, 4, BUY, 1, 999, 2));
        assertEquals(LEVELS_FULL, small.addOrder(LOCATE + 1, 5, BUY, 1, 1000, 2));

        assertEquals(2, small.counters().levelsFull());
        assertFalse(small.containsOrder(4));
        assertEquals(3, small.restingOrders());
        assertEquals(List.of(new RecordingListener.Capacity("maxLevels", 2)), listener.take());

        assertEquals(OK, small.deleteOrder(1, 3));
        assertEquals(OK, small.addOrder(LOCATE, 4, BUY, 1, 999, 4));
        assertEquals(999, small.bestBidPrice(LOCATE));
        assertEquals(2, small.usedLevels());
    }

    @Test
    void shouldRemoveOriginalWhenReplaceFindsLevelsFull()
    {
        final OrderBooks small = new OrderBooks(new OrderBooks.Context().maxOrders(16).maxLevels(2).listener(listener));
        small.addOrder(LOCATE, 1, BUY, 1, 1000, 1);
        small.addOrder(LOCATE, 2, BUY, 1, 1000, 1);
        small.addOrder(LOCATE, 3, SELL, 1, 2000, 1);

        assertEquals(LEVELS_FULL, small.replaceOrder(1, 4, 1, 1001, 2));

        assertFalse(small.containsOrder(1));
        assertFalse(small.containsOrder(4));
        assertEquals(1, small.counters().levelsFull());
        assertLevels(small, LOCATE, BUY, new long[][]{ { 1000, 1, 1 } });

        // a replace that frees its own level always fits
        assertEquals(OK, small.replaceOrder(2, 5, 9, 1001, 3));
        assertLevels(small, LOCATE, BUY, new long[][]{ { 1001, 9, 1 } });
    }

    @Test
    void shouldNameTheCapacityOutOfRangeWhenConcluded()
    {
        final OrderBooks.Context ctx = new OrderBooks.Context()
            .maxOrders(16).maxLevels(0).capacityNames("orders.key", "levels.key");

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, ctx::conclude);
        assertEquals("levels.key: 0 is out of range [1, " + OrderBooks.MAX_CAPACITY + "]", ex.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> new OrderBooks(new OrderBooks.Context().maxLevels(16)), "no order capacity set");
    }

    @Test
    void shouldRefuseToChangeOrReuseAConcludedContext()
    {
        final OrderBooks.Context ctx = new OrderBooks.Context().maxOrders(16).maxLevels(16);
        final OrderBooks first = new OrderBooks(ctx);

        assertTrue(ctx.isConcluded());
        assertEquals(16, first.maxOrders());
        assertThrows(IllegalStateException.class, () -> ctx.maxOrders(32));
        assertThrows(IllegalStateException.class, ctx::conclude);
    }

    @Test
    void shouldEstimateFootprintOfDefaultsBelow600MiB()
    {
        final long bytes = OrderBooks.footprintBytes(8 * 1024 * 1024, 2 * 1024 * 1024);
        assertTrue(bytes < 600L * 1024 * 1024, () -> "footprint " + bytes);
        assertTrue(bytes > 560L * 1024 * 1024, () -> "footprint " + bytes);
    }

    // ---- trades, clear, stale ---------------------------------------------------------------------

    @Test
    void shouldPassTradesToListenerWithoutChangingBook()
    {
        books.addOrder(LOCATE, 1, BUY, 100, 1000, 1);
        listener.take();

        books.trade(LOCATE, 0, BUY, 1L << 40, 1000, -1L, 9);

        assertEquals(List.of(new RecordingListener.Trade(LOCATE, 0, 'B', 1L << 40, 1000, -1L, 9)), listener.take());
        assertLevels(LOCATE, BUY, new long[][]{ { 1000, 100, 1 } });
        assertEquals(1, books.restingOrders());
    }

    @Test
    void shouldClearAllBooksAndAcceptTheSameReferencesAgain()
    {
        for (int i = 0; i < 100; i++)
        {
            books.addOrder(i, i, 0 == (i & 1) ? BUY : SELL, 10, 1000 + i, 1);
        }
        listener.take();

        books.clear();

        assertEquals(List.of(), listener.take());
        assertEquals(0, books.restingOrders());
        assertEquals(0, books.usedLevels());
        assertEquals(-1, books.nextNonEmptyLocate(0));
        assertFalse(books.containsOrder(5));
        assertEquals(NULL_PRICE, books.bestBidPrice(0));

        assertEquals(OK, books.addOrder(3, 5, BUY, 10, 1000, 2));
        assertEquals(List.of(level(3, 'B', 1000, 10, 1, 2), tob(3, 1000, 10, NULL_PRICE, 0, 2)), listener.take());
    }

    @Test
    void shouldForgetEveryOrderAndLevelOnClearWhetherItDeletesEntriesOneByOneOrZeroesTheTables()
    {
        // a table with fewer entries than 1/16 of its slots is cleared entry by entry, a fuller one zeroed
        // whole: 2^17 order slots and 2^15 level slots here. An entry the clear missed would answer
        // containsOrder, or hand the re-added order a stale level (fewer levels used). Every third order
        // is deleted first, and some of their levels with them: clear must pass over freed records
        final int[][] cases = {
            { 100, 5 },      // few orders, few levels: both by entry
            { 50_000, 4 },   // many orders at few prices: orders zeroed, levels by entry
            { 50_000, 500 }, // many orders, many levels: both zeroed
            { 4_000, 500 },  // few orders, many levels: orders by entry, levels zeroed
        };
        for (final int[] c : cases)
        {
            final int orders = c[0];
            final int pricesPerBook = c[1];
            final OrderBooks big = new OrderBooks(new OrderBooks.Context().maxOrders(1 << 16).maxLevels(1 << 14));
            for (int pass = 0; pass < 3; pass++)
            {
                for (int i = 0; i < orders; i++)
                {
                    final int locate = 1 + i % 13;
                    final byte side = 0 == (i & 1) ? BUY : SELL;
                    final long ref = 0x1_0000_0000L + i * 7919L;
                    final long price = 10_000 + (i / 26 % pricesPerBook) * 100L + (BUY == side ? 0 : 1_000_000);
                    assertEquals(OK, big.addOrder(locate, ref, side, 10, price, pass), orders + " orders, pass " + pass);
                }
                assertEquals(Math.min(26L * pricesPerBook, orders), big.usedLevels(), orders + " orders, pass " + pass);
                for (int i = 0; i < orders; i += 3)
                {
                    assertEquals(OK, big.deleteOrder(0x1_0000_0000L + i * 7919L, pass));
                }

                big.clear();

                assertEquals(0, big.restingOrders());
                assertEquals(0, big.usedLevels());
                assertEquals(-1, big.nextNonEmptyLocate(0));
                for (int i = 0; i < orders; i++)
                {
                    assertFalse(big.containsOrder(0x1_0000_0000L + i * 7919L), orders + " orders, order " + i);
                }
            }
        }
    }

    @Test
    void shouldMarkAndClearStaleFlags()
    {
        books.markStale(5);
        books.markStale(5);
        assertTrue(books.isStale(5));
        assertFalse(books.isStale(6));
        assertEquals(1, books.staleCount());
        books.clearStale(5);
        books.clearStale(5);
        assertEquals(0, books.staleCount());

        books.markAllStale();
        books.markAllStale();
        assertEquals(65536, books.staleCount());
        assertTrue(books.isStale(65535));
        books.clearStale(65535);
        assertEquals(65535, books.staleCount());
        books.clearAllStale();
        assertEquals(0, books.staleCount());
        assertFalse(books.isStale(0));
        books.clearAllStale();

        assertEquals(List.of(
            new RecordingListener.Stale(5, true),
            new RecordingListener.Stale(5, false),
            new RecordingListener.Stale(OrderBooks.ALL_LOCATES, true),
            new RecordingListener.Stale(65535, false),
            new RecordingListener.Stale(OrderBooks.ALL_LOCATES, false)), listener.take());
    }

    @Test
    void shouldKeepTheLevelTableToTheLevelsInUseWhateverItsCapacity()
    {
        // the default level capacity (2M: a 64 MiB table), 3,000 levels over 300 books: the table in use
        // grows to 8 to 16 slots a level (a doubling may be under way), and keeps that size across a clear
        final OrderBooks big = new OrderBooks(new OrderBooks.Context().maxOrders(1 << 14).maxLevels(2 * 1024 * 1024));
        final int initial = big.levelSlotsInUse();
        for (int round = 0; round < 2; round++)
        {
            long ref = 1;
            for (int locate = 1; locate <= 150; locate++)
            {
                for (int tick = 0; tick < 10; tick++)
                {
                    assertEquals(OK, big.addOrder(locate, ref++, BUY, 100, 1_000_000 - tick * 100L, 0));
                    assertEquals(OK, big.addOrder(locate, ref++, SELL, 100, 1_000_100 + tick * 100L, 0));
                }
            }
            assertEquals(3_000, big.usedLevels());
            assertTrue(big.levelSlotsInUse() > initial && big.levelSlotsInUse() <= 16 * 4_096,
                "level slots in use: " + big.levelSlotsInUse());
            assertEquals(10, big.levels(150, BUY, 10, new long[10], new long[10], new long[10]));
            assertEquals(1, big.ordersAt(150, BUY, 1_000_000 - 900, 1, new long[1], new long[1]), "found by the hash");
            final int grown = big.levelSlotsInUse();
            big.clear();
            assertTrue(big.levelSlotsInUse() >= grown, "a clear keeps the size (and completes a doubling)");
            assertEquals(NULL_PRICE, big.bestBidPrice(150));
        }
    }

    @Test
    void shouldRejectAnOrderWhoseTableRunWouldReachTheEndAsFullAndKeepTheRest()
    {
        // references chosen so that every one hashes to the order table's last home slot: their run fills
        // the table's tail, and the add that would reach its always-empty last slot is refused as
        // ORDERS_FULL, naming the setting, with the books as they were (its new level taken out again)
        final int maxOrders = 1 << 13;
        final int slots = 2 * maxOrders;
        final int shift = OrderTable.hashShift(slots);
        final RecordingListener listener = new RecordingListener();
        final OrderBooks crowded = new OrderBooks(new OrderBooks.Context().maxOrders(maxOrders).maxLevels(1 << 13).listener(listener));
        final long[] refs = new long[RobinHoodTable.TAIL + 1];
        int found = 0;
        for (long block = 1; found < refs.length; block++)
        {
            for (long ref = block << 8; ref < (block + 1) << 8 && found < refs.length; ref++)
            {
                if ((OrderTable.orderHash(ref, shift) & (slots - 1)) == slots - 1)
                {
                    refs[found++] = ref;
                }
            }
        }
        for (int i = 0; i < RobinHoodTable.TAIL; i++)
        {
            assertEquals(OK, crowded.addOrder(1, refs[i], BUY, 100, 1_000_000, 0), "order " + i);
        }
        listener.take();
        assertEquals(ORDERS_FULL, crowded.addOrder(1, refs[RobinHoodTable.TAIL], SELL, 100, 2_000_000, 0));
        assertEquals(List.of(new RecordingListener.Capacity("maxOrders", maxOrders)),
            listener.take());
        assertEquals(1, crowded.counters().ordersFull());
        assertEquals(RobinHoodTable.TAIL, crowded.restingOrders());
        assertEquals(1, crowded.usedLevels(), "the refused order's new level is gone");
        assertEquals(NULL_PRICE, crowded.bestAskPrice(1));
        assertFalse(crowded.containsOrder(refs[RobinHoodTable.TAIL]));
        for (int i = 0; i < RobinHoodTable.TAIL; i++)
        {
            assertEquals(100, crowded.orderShares(refs[i]), "order " + i);
        }
        assertEquals(OK, crowded.deleteOrder(refs[0], 0));
        assertEquals(OK, crowded.addOrder(1, refs[RobinHoodTable.TAIL], SELL, 100, 2_000_000, 0), "room again");
    }

    @Test
    void shouldKeepStaleFlagsAcrossClear()
    {
        books.markStale(9);
        books.clear();
        assertTrue(books.isStale(9));
    }

    @Test
    void shouldGiveEveryLevelOfADeepBookItsOwnHomeSlotOnBothTickGrids()
    {
        // one book (locate 7, buy side: the key's high half), 3,000 levels a tick apart on each grid:
        // sub-dollar prices a $0.0001 tick apart, and prices from $1 a cent apart. Sharing home slots,
        // a deep book turns into one probe cluster as long as the book (2 us an operation at 2,000
        // levels, where a cent-grid book of the same depth took 30 ns)
        final long book = 7L << 1;
        for (final long[] grid : new long[][]{ { 1, 1 }, { 9_000, 1 }, { 10_000, 100 }, { 2_500_000, 100 } })
        {
            final long from = grid[0];
            final long tick = grid[1];
            final java.util.Set<Integer> homes = new java.util.HashSet<>();
            int previous = LevelTable.levelHash((book << 32) | from);
            for (int i = 0; i < 3_000 && from + i * tick <= 0xFFFF_FFFFL; i++)
            {
                final long price = from + i * tick;
                final int home = LevelTable.levelHash((book << 32) | price);
                if (price < 10_000 || price - tick >= 10_000)
                {
                    assertTrue(home - previous <= 2 || i == 0, "levels a tick apart stay near: " + price);
                }
                previous = home;
                homes.add(home);
            }
            final long expected = Math.min(3_000, from < 10_000 ? 10_000 - from : 3_000);
            assertTrue(homes.size() >= expected, "from " + from + " by " + tick + ": " + homes.size() + " homes");
        }
    }

    @Test
    void shouldPlaceSequentialReferencesWithoutCollisionAndStridedOnesInShortProbeRuns()
    {
        // 2^16 references into a 2^18-slot table (a quarter full), placed by linear probing from their
        // homes as the order table places them. Sequential references, an exchange's numbering, must
        // not collide at all (blocks placed at any slot rather than in aligned buckets probed 35 slots
        // on average here); references a power of two apart, one or many to a block, must not pile up
        final int bits = 18;
        final int mask = (1 << bits) - 1;
        final int shift = OrderTable.hashShift(1 << bits);
        for (int strideBits = 0; strideBits <= 47; strideBits++)
        {
            final boolean[] occupied = new boolean[1 << bits];
            long displacement = 0;
            for (long i = 0; i < 1 << 16; i++)
            {
                int slot = (int)OrderTable.orderHash(977 + (i << strideBits), shift) & mask;
                while (occupied[slot])
                {
                    slot = (slot + 1) & mask;
                    displacement++;
                }
                occupied[slot] = true;
            }
            final double mean = displacement / (double)(1 << 16);
            if (0 == strideBits)
            {
                assertEquals(0, displacement, "sequential references collided");
            }
            assertTrue(mean < 10, "stride 2^" + strideBits + ": mean probe " + mean);
        }
    }

    @Test
    void shouldKeepADeepBookSortedWhenLevelsOpenInsideItInAnyOrder()
    {
        // levels far from both ends start their walk from a level the hash finds a few ticks away:
        // on each grid, shuffled ticks and, between them, off-grid prices the probes never hit
        final java.util.Random random = new java.util.Random(5);
        for (final long[] grid : new long[][]{ { 2_000, 1 }, { 1_000_000, 100 } })
        {
            final OrderBooks deep = new OrderBooks(new OrderBooks.Context().maxOrders(1 << 14).maxLevels(1 << 13));
            final long mid = grid[0];
            final long tick = grid[1];
            final java.util.List<Long> prices = new java.util.ArrayList<>();
            for (int i = 1; i <= 600; i++)
            {
                prices.add(i * tick);
                if (tick > 1 && i % 7 == 0)
                {
                    prices.add(i * tick + 37); // off the cent grid
                }
            }
            java.util.Collections.shuffle(prices, random);
            long ref = 1;
            for (final long distance : prices)
            {
                assertEquals(OK, deep.addOrder(3, ref++, BUY, distance, mid - distance, 0));
                assertEquals(OK, deep.addOrder(3, ref++, SELL, distance, mid + distance, 0));
            }
            final java.util.List<Long> sorted = new java.util.ArrayList<>(prices);
            java.util.Collections.sort(sorted);
            final long[][] bids = new long[sorted.size()][];
            final long[][] asks = new long[sorted.size()][];
            for (int i = 0; i < sorted.size(); i++)
            {
                final long distance = sorted.get(i);
                bids[i] = new long[]{ mid - distance, distance, 1 };
                asks[i] = new long[]{ mid + distance, distance, 1 };
            }
            assertLevels(deep, 3, BUY, bids);
            assertLevels(deep, 3, SELL, asks);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private void assertLevels(final int locate, final byte side, final long[][] expected)
    {
        assertLevels(books, locate, side, expected);
    }

    private static void assertLevels(final OrderBooks books, final int locate, final byte side, final long[][] expected)
    {
        final int max = expected.length + 1;
        final long[] prices = new long[max];
        final long[] shares = new long[max];
        final long[] counts = new long[max];
        final int count = books.levels(locate, side, max, prices, shares, counts);
        final long[][] actual = new long[count][];
        for (int i = 0; i < count; i++)
        {
            actual[i] = new long[]{ prices[i], shares[i], counts[i] };
        }
        assertEquals(java.util.Arrays.deepToString(expected), java.util.Arrays.deepToString(actual));
        assertEquals(count, books.levelCount(locate, side));
    }
}
