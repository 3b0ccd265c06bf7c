package org.feedhandler.pipeline;

import org.feedhandler.api.BookView;
import org.feedhandler.api.MarketDataListener;
import org.feedhandler.book.OrderBooks;

/**
 * {@link OrderBooks} seen through the public {@link BookView}: the same queries, read in place, with the
 * books' absent price (-1) given as {@link MarketDataListener#NULL_PRICE}. It can be handed out before the
 * books exist (a listener takes it in its constructor, before the handler's context builds the books) and
 * is bound to them once, by the owner of both.
 */
public final class OrderBooksView implements BookView
{
    private OrderBooks books;

    /**
     * @param books the books to show, or null to bind them later.
     */
    public OrderBooksView(final OrderBooks books)
    {
        this.books = books;
    }

    /**
     * Show these books, once.
     *
     * @param books the books.
     * @return this.
     * @throws IllegalStateException when bound already.
     */
    public OrderBooksView bind(final OrderBooks books)
    {
        if (null != this.books)
        {
            throw new IllegalStateException("OrderBooksView already bound");
        }
        this.books = books;
        return this;
    }

    /** The books read some arrays unchecked: an id out of range would read past them. */
    private static int locate(final int instrumentId)
    {
        if ((instrumentId & ~0xFFFF) != 0)
        {
            throw new IllegalArgumentException("instrument id " + instrumentId + " out of range 0..65535");
        }
        return instrumentId;
    }

    private static long price(final long booksPrice)
    {
        return OrderBooks.NULL_PRICE == booksPrice ? MarketDataListener.NULL_PRICE : booksPrice;
    }

    public long bestBidPrice(final int instrumentId)
    {
        return price(books.bestBidPrice(locate(instrumentId)));
    }

    public long bestBidShares(final int instrumentId)
    {
        return books.bestBidShares(locate(instrumentId));
    }

    public long bestAskPrice(final int instrumentId)
    {
        return price(books.bestAskPrice(locate(instrumentId)));
    }

    public long bestAskShares(final int instrumentId)
    {
        return books.bestAskShares(locate(instrumentId));
    }

    public int levelCount(final int instrumentId, final byte side)
    {
        return books.levelCount(locate(instrumentId), side);
    }

    public int levels(
        final int instrumentId, final byte side, final int maxLevels, final long[] prices, final long[] shares,
        final long[] orderCounts)
    {
        return books.levels(locate(instrumentId), side, maxLevels, prices, shares, orderCounts);
    }

    public boolean containsOrder(final long orderId)
    {
        return books.containsOrder(orderId);
    }

    public long orderShares(final long orderId)
    {
        return books.orderShares(orderId);
    }

    public long orderPrice(final long orderId)
    {
        return price(books.orderPrice(orderId));
    }

    public byte orderSide(final long orderId)
    {
        return books.orderSide(orderId);
    }

    public int orderInstrument(final long orderId)
    {
        return books.orderLocate(orderId);
    }

    public boolean isStale(final int instrumentId)
    {
        return books.isStale(locate(instrumentId));
    }
}
