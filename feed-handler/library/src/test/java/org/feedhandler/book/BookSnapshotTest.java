package org.feedhandler.book;

import org.junit.jupiter.api.Test;

import static org.feedhandler.book.OrderBooks.BUY;
import static org.feedhandler.book.OrderBooks.SELL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BookSnapshotTest
{
    private final OrderBooks books = new OrderBooks(new OrderBooks.Context().maxOrders(1024).maxLevels(256));
    private final BookSnapshot snapshot = new BookSnapshot();

    @Test
    void shouldCaptureFiveBestLevelsPerSideBestFirst()
    {
        long ref = 1;
        for (int i = 0; i < 7; i++)
        {
            books.addOrder(3, ref++, BUY, 100 + i, 1000 - i, 0);
            books.addOrder(3, ref++, SELL, 200 + i, 1100 + i, 0);
        }
        books.addOrder(3, ref++, BUY, 1, 1000, 0);

        assertTrue(snapshot.capture(books, 3));

        assertEquals(3, snapshot.locate());
        assertEquals(5, snapshot.bidCount());
        assertEquals(5, snapshot.askCount());
        assertEquals("3 B [[1000, 101, 2], [999, 101, 1], [998, 102, 1], [997, 103, 1], [996, 104, 1]] " +
            "S [[1100, 200, 1], [1101, 201, 1], [1102, 202, 1], [1103, 203, 1], [1104, 204, 1]]", snapshot.toString());
        assertEquals(996, snapshot.bidPrice(4));
        assertEquals(1104, snapshot.askPrice(4));
        assertEquals(2, snapshot.bidOrders(0));
        assertEquals(201, snapshot.askShares(1));
        assertThrows(IndexOutOfBoundsException.class, () -> snapshot.bidPrice(5));
    }

    @Test
    void shouldCaptureOneSidedAndEmptyBooks()
    {
        books.addOrder(65535, 1, SELL, 10, 500, 0);

        assertTrue(snapshot.capture(books, 65535));
        assertEquals("65535 B [] S [[500, 10, 1]]", snapshot.toString());

        assertFalse(snapshot.capture(books, 4));
        assertEquals(0, snapshot.bidCount());
        assertEquals(0, snapshot.askCount());
    }

    @Test
    void shouldVisitNonEmptyLocatesInAscendingOrder()
    {
        books.addOrder(65535, 1, SELL, 10, 500, 0);
        books.addOrder(0, 2, BUY, 10, 500, 0);
        books.addOrder(40000, 3, BUY, 10, 500, 0);
        books.addOrder(7, 4, BUY, 10, 500, 0);
        books.deleteOrder(4, 0);

        final StringBuilder out = new StringBuilder();
        for (int locate = books.nextNonEmptyLocate(0); locate >= 0; locate = books.nextNonEmptyLocate(locate + 1))
        {
            snapshot.capture(books, locate);
            snapshot.appendTo(out).append('\n');
        }

        assertEquals("0 B [[500, 10, 1]] S []\n40000 B [[500, 10, 1]] S []\n65535 B [] S [[500, 10, 1]]\n", out.toString());
    }
}
