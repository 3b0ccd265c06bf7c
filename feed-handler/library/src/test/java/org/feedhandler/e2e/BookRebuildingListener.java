package org.feedhandler.e2e;

import org.feedhandler.api.BookView;
import org.feedhandler.api.MarketDataListener;
import org.feedhandler.book.OrderBooks;

/**
 * A listener with real work to do on the receiver thread, allocation-free: it rebuilds the L3 books
 * from the order events into books of its own, keeps the top of book each instrument was last told,
 * and at every end of event checks that top against the handler's books through the {@link BookView}
 * and reads the best five bid levels of the last instrument touched. Read its fields after the handler
 * is closed.
 */
final class BookRebuildingListener implements MarketDataListener
{
    final OrderBooks rebuilt;
    private final BookView view;
    private final long[] bids = new long[OrderBooks.LOCATE_COUNT * 2];
    private final long[] asks = new long[OrderBooks.LOCATE_COUNT * 2];
    private final long[] prices = new long[5];
    private final long[] shares = new long[5];
    private final long[] counts = new long[5];
    private int lastTop = -1;
    long events;
    long orderEvents;
    long rejectedByRebuilt;
    long topOfBookMismatches;
    long levelShares;
    long instruments;
    long trades;

    BookRebuildingListener(final BookView view, final int maxOrders, final int maxLevels)
    {
        this.view = view;
        rebuilt = new OrderBooks(new OrderBooks.Context().maxOrders(maxOrders).maxLevels(maxLevels));
    }

    private void applied(final int result)
    {
        orderEvents++;
        if (OrderBooks.OK != result)
        {
            rejectedByRebuilt++;
        }
    }

    public void onInstrument(
        final int instrumentId, final long symbol, final byte marketCategory, final byte financialStatus,
        final long roundLotSize, final byte issueClassification, final byte luldReferencePriceTier,
        final long timestamp)
    {
        instruments++;
    }

    public void onOrderAdded(
        final int instrumentId, final long orderId, final byte side, final long price, final long shares,
        final int attribution, final long timestamp)
    {
        applied(rebuilt.addOrder(instrumentId, orderId, side, shares, price, timestamp));
    }

    public void onOrderExecuted(
        final int instrumentId, final long orderId, final byte side, final long price, final long executedShares,
        final long remainingShares, final long matchNumber, final byte printable, final long timestamp)
    {
        applied(rebuilt.executeOrder(orderId, executedShares, timestamp));
    }

    public void onOrderCancelled(
        final int instrumentId, final long orderId, final byte side, final long price, final long cancelledShares,
        final long remainingShares, final long timestamp)
    {
        applied(rebuilt.cancelOrder(orderId, cancelledShares, timestamp));
    }

    public void onOrderDeleted(
        final int instrumentId, final long orderId, final byte side, final long price, final long shares,
        final long timestamp)
    {
        applied(rebuilt.deleteOrder(orderId, timestamp));
    }

    public void onOrderReplaced(
        final int instrumentId, final long originalOrderId, final long orderId, final byte side, final long price,
        final long shares, final long timestamp)
    {
        applied(rebuilt.replaceOrder(originalOrderId, orderId, shares, price, timestamp));
    }

    public void onTopOfBook(
        final int instrumentId, final long bidPrice, final long bidShares, final long askPrice,
        final long askShares, final long timestamp)
    {
        bids[instrumentId * 2] = bidPrice;
        bids[instrumentId * 2 + 1] = bidShares;
        asks[instrumentId * 2] = askPrice;
        asks[instrumentId * 2 + 1] = askShares;
        lastTop = instrumentId;
    }

    public void onTrade(
        final int instrumentId, final long orderId, final byte side, final long price, final long shares,
        final long matchNumber, final byte tradeType, final byte crossType, final long timestamp)
    {
        trades++;
    }

    public void onEndOfEvent()
    {
        events++;
        final int i = lastTop;
        if (i >= 0)
        {
            if (bids[i * 2] != view.bestBidPrice(i) || bids[i * 2 + 1] != view.bestBidShares(i) ||
                asks[i * 2] != view.bestAskPrice(i) || asks[i * 2 + 1] != view.bestAskShares(i))
            {
                topOfBookMismatches++;
            }
            final int n = view.levels(i, BUY, 5, prices, shares, counts);
            for (int l = 0; l < n; l++)
            {
                levelShares += shares[l];
            }
            lastTop = -1;
        }
    }
}
