package org.feedhandler.pipeline;

import org.feedhandler.api.MarketDataListener;
import org.feedhandler.book.BookListener;
import org.feedhandler.book.OrderBooks;

/**
 * The books' own events passed on to a {@link MarketDataListener}: level changes, top of book (the books'
 * {@link OrderBooks#NULL_PRICE} of -1 becomes {@link MarketDataListener#NULL_PRICE}), and a book's stale
 * flag as {@link MarketDataListener#onBookStale} or {@link MarketDataListener#onBookRecovered}
 * ({@link OrderBooks#ALL_LOCATES} becomes {@link MarketDataListener#ALL_INSTRUMENTS}). Trades are not passed
 * on from here: the {@link MarketDataBuilder} reports executions as order events and {@code P}, {@code Q}
 * and {@code B} with the fields the books do not have. Capacity rejects are counted by the books.
 * <p>
 * The books track the top of book only for a listener whose class overrides {@code onTopOfBook}
 * (docs/decisions/0007): {@link #of} keeps that saving for a market-data listener that does not.
 */
public class MarketDataBookListener implements BookListener
{
    final MarketDataListener listener;

    MarketDataBookListener(final MarketDataListener listener)
    {
        this.listener = listener;
    }

    /**
     * The books' listener for a market-data listener: give it to {@link OrderBooks.Context#listener} of the
     * books a {@link FeedPipeline} with the same {@link FeedPipeline.Context#listener} builds.
     *
     * @param listener the market-data listener.
     * @return a listener that takes the top of book only when {@code listener} does.
     */
    public static BookListener of(final MarketDataListener listener)
    {
        return takesTopOfBook(listener) ? new WithTopOfBook(listener) : new MarketDataBookListener(listener);
    }

    static boolean takesTopOfBook(final MarketDataListener listener)
    {
        try
        {
            return MarketDataListener.class != listener.getClass().getMethod(
                "onTopOfBook", int.class, long.class, long.class, long.class, long.class, long.class).getDeclaringClass();
        }
        catch (final NoSuchMethodException ex)
        {
            throw new IllegalStateException("MarketDataListener.onTopOfBook changed its parameters", ex);
        }
    }

    public void onLevelChanged(
        final int locate,
        final byte side,
        final long price,
        final long totalShares,
        final int orderCount,
        final long timestamp)
    {
        listener.onLevelChanged(locate, side, price, totalShares, orderCount, timestamp);
    }

    public void onStale(final int locate, final boolean stale)
    {
        final int instrumentId = OrderBooks.ALL_LOCATES == locate ? MarketDataListener.ALL_INSTRUMENTS : locate;
        if (stale)
        {
            listener.onBookStale(instrumentId);
        }
        else
        {
            listener.onBookRecovered(instrumentId);
        }
    }

    /** For a market-data listener that takes the top of book: so do the books. */
    static final class WithTopOfBook extends MarketDataBookListener
    {
        WithTopOfBook(final MarketDataListener listener)
        {
            super(listener);
        }

        public void onTopOfBook(
            final int locate,
            final long bidPrice,
            final long bidShares,
            final long askPrice,
            final long askShares,
            final long timestamp)
        {
            listener.onTopOfBook(
                locate,
                OrderBooks.NULL_PRICE == bidPrice ? MarketDataListener.NULL_PRICE : bidPrice,
                bidShares,
                OrderBooks.NULL_PRICE == askPrice ? MarketDataListener.NULL_PRICE : askPrice,
                askShares,
                timestamp);
        }
    }
}
