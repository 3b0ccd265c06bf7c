package org.feedhandler.pipeline;

import org.feedhandler.api.BookView;
import org.feedhandler.api.MarketDataListener;
import org.feedhandler.book.OrderBooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A listener that trusts nothing but its callbacks: it rebuilds the L3 books from the order events into
 * books of its own, the L2 levels from the level events and the top of book from its events, and at every
 * {@link #onEndOfEvent} checks each instrument the event touched against the handler's books through the
 * {@link BookView}: the best bid and offer, every level, and the top of book last reported. Mismatches are
 * recorded (a test asserts there are none); allocates, so it is for correctness tests only.
 */
final class RebuildingListener implements MarketDataListener
{
    private static final int MAX_LEVELS = 4096;

    final OrderBooks rebuilt;
    final List<String> mismatches = new ArrayList<>();
    final List<String> status = new ArrayList<>();
    long events;
    long orderEvents;
    long levelEvents;
    long topOfBookEvents;
    long trades;
    long gaps;
    long snapshots;
    private BookView view;
    private final Map<Long, long[]> levels = new TreeMap<>();
    private final long[][] top = new long[OrderBooks.LOCATE_COUNT][];
    private final boolean[] touched = new boolean[OrderBooks.LOCATE_COUNT];
    private final int[] touchedList = new int[OrderBooks.LOCATE_COUNT];
    private int touchedCount;
    private final long[] prices = new long[MAX_LEVELS];
    private final long[] shares = new long[MAX_LEVELS];
    private final long[] counts = new long[MAX_LEVELS];

    RebuildingListener(final int maxOrders, final int maxLevels)
    {
        rebuilt = new OrderBooks(new OrderBooks.Context().maxOrders(maxOrders).maxLevels(maxLevels));
    }

    RebuildingListener view(final BookView view)
    {
        this.view = view;
        return this;
    }

    private void touch(final int instrumentId)
    {
        if (!touched[instrumentId])
        {
            touched[instrumentId] = true;
            touchedList[touchedCount++] = instrumentId;
        }
    }

    private void check(final boolean ok, final String what)
    {
        if (!ok && mismatches.size() < 20)
        {
            mismatches.add("event " + events + ": " + what);
        }
    }

    public void onSystemEvent(final byte eventCode, final long timestamp)
    {
        status.add("system " + (char)eventCode);
    }

    public void onInstrument(
        final int instrumentId, final long symbol, final byte marketCategory, final byte financialStatus,
        final long roundLotSize, final byte issueClassification, final byte luldReferencePriceTier,
        final long timestamp)
    {
        status.add("instrument " + instrumentId + " " + org.feedhandler.protocol.itch.Symbols.toString(symbol).trim() +
            " " + roundLotSize);
    }

    public void onTradingStatus(
        final int instrumentId, final byte statusType, final byte state, final int reason, final long timestamp)
    {
        status.add("status " + instrumentId + " " + (char)statusType + (char)state);
    }

    public void onOrderAdded(
        final int instrumentId, final long orderId, final byte side, final long price, final long shares,
        final int attribution, final long timestamp)
    {
        orderEvents++;
        touch(instrumentId);
        check(OrderBooks.OK == rebuilt.addOrder(instrumentId, orderId, side, shares, price, timestamp), "add " + orderId);
    }

    public void onOrderExecuted(
        final int instrumentId, final long orderId, final byte side, final long price, final long executedShares,
        final long remainingShares, final long matchNumber, final byte printable, final long timestamp)
    {
        orderEvents++;
        touch(instrumentId);
        check(rebuilt.orderShares(orderId) == executedShares + remainingShares, "execute remaining " + orderId);
        check(rebuilt.orderSide(orderId) == side, "execute side " + orderId);
        check(OrderBooks.OK == rebuilt.executeOrder(orderId, executedShares, timestamp), "execute " + orderId);
    }

    public void onOrderCancelled(
        final int instrumentId, final long orderId, final byte side, final long price, final long cancelledShares,
        final long remainingShares, final long timestamp)
    {
        orderEvents++;
        touch(instrumentId);
        check(rebuilt.orderShares(orderId) == cancelledShares + remainingShares, "cancel remaining " + orderId);
        check(rebuilt.orderPrice(orderId) == price, "cancel price " + orderId);
        check(OrderBooks.OK == rebuilt.cancelOrder(orderId, cancelledShares, timestamp), "cancel " + orderId);
    }

    public void onOrderDeleted(
        final int instrumentId, final long orderId, final byte side, final long price, final long shares,
        final long timestamp)
    {
        orderEvents++;
        touch(instrumentId);
        check(rebuilt.orderShares(orderId) == shares, "delete shares " + orderId);
        check(OrderBooks.OK == rebuilt.deleteOrder(orderId, timestamp), "delete " + orderId);
    }

    public void onOrderReplaced(
        final int instrumentId, final long originalOrderId, final long orderId, final byte side, final long price,
        final long shares, final long timestamp)
    {
        orderEvents++;
        touch(instrumentId);
        check(rebuilt.orderSide(originalOrderId) == side, "replace side " + originalOrderId);
        check(OrderBooks.OK == rebuilt.replaceOrder(originalOrderId, orderId, shares, price, timestamp),
            "replace " + originalOrderId);
    }

    public void onLevelChanged(
        final int instrumentId, final byte side, final long price, final long totalShares, final int orderCount,
        final long timestamp)
    {
        levelEvents++;
        touch(instrumentId);
        final long key = ((long)instrumentId << 33) | ((long)(side == BUY ? 0 : 1) << 32) | price;
        if (0 == orderCount)
        {
            check(null != levels.remove(key), "removed level was never reported " + instrumentId + " " + price);
        }
        else
        {
            levels.put(key, new long[]{totalShares, orderCount});
        }
    }

    public void onTopOfBook(
        final int instrumentId, final long bidPrice, final long bidShares, final long askPrice, final long askShares,
        final long timestamp)
    {
        topOfBookEvents++;
        touch(instrumentId);
        top[instrumentId] = new long[]{bidPrice, bidShares, askPrice, askShares};
    }

    public void onTrade(
        final int instrumentId, final long orderId, final byte side, final long price, final long shares,
        final long matchNumber, final byte tradeType, final byte crossType, final long timestamp)
    {
        trades++;
    }

    public void onFeedGap(final long fromSequence, final long count)
    {
        gaps += count;
        status.add("gap " + fromSequence + " " + count);
    }

    public void onBookStale(final int instrumentId)
    {
        status.add("stale " + instrumentId);
    }

    public void onBookRecovered(final int instrumentId)
    {
        status.add("recovered " + instrumentId);
    }

    public void onSnapshotBegin(final long feedSequence)
    {
        // the books start over (a snapshot reload or a new session): so does what was reported of them
        snapshots++;
        rebuilt.clear();
        levels.clear();
        java.util.Arrays.fill(top, null);
    }

    public void onEndOfEvent()
    {
        events++;
        for (int i = 0; i < touchedCount; i++)
        {
            final int locate = touchedList[i];
            touched[locate] = false;
            checkInstrument(locate);
        }
        touchedCount = 0;
    }

    private void checkInstrument(final int locate)
    {
        final long bid = view.bestBidPrice(locate);
        final long ask = view.bestAskPrice(locate);
        check(bid == nullable(rebuilt.bestBidPrice(locate)) && ask == nullable(rebuilt.bestAskPrice(locate)),
            "best of " + locate + ": view " + bid + "/" + ask + ", rebuilt from L3 " + rebuilt.bestBidPrice(locate) +
            "/" + rebuilt.bestAskPrice(locate));
        final long[] t = top[locate];
        if (null != t)
        {
            check(t[0] == bid && t[1] == view.bestBidShares(locate) && t[2] == ask && t[3] == view.bestAskShares(locate),
                "top of book of " + locate + " last reported " + java.util.Arrays.toString(t) + ", view " + bid + "x" +
                view.bestBidShares(locate) + " " + ask + "x" + view.bestAskShares(locate));
        }
        for (final byte side : new byte[]{BUY, SELL})
        {
            final int n = view.levels(locate, side, MAX_LEVELS, prices, shares, counts);
            check(n == view.levelCount(locate, side), "level count");
            final long from = ((long)locate << 33) | ((long)(side == BUY ? 0 : 1) << 32);
            final Map<Long, long[]> reported = ((TreeMap<Long, long[]>)levels).subMap(from, from + (1L << 32));
            check(n == reported.size(), "levels of " + locate + " " + (char)side + ": view " + n + ", reported " +
                reported.size());
            for (int i = 0; i < n; i++)
            {
                final long[] level = reported.get(from | prices[i]);
                check(null != level && level[0] == shares[i] && level[1] == counts[i],
                    "level " + locate + " " + (char)side + " " + prices[i]);
            }
        }
    }

    private static long nullable(final long booksPrice)
    {
        return OrderBooks.NULL_PRICE == booksPrice ? NULL_PRICE : booksPrice;
    }
}
