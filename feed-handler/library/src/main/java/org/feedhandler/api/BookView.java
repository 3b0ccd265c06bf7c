package org.feedhandler.api;

/**
 * A read-only view of the handler's order books, for a {@link MarketDataListener} to query from its
 * callbacks: a stock's best levels, and a resting order by id. Queries read the books in place and
 * allocate nothing; level queries copy into arrays the caller owns and reuses.
 * <p>
 * <b>Contract.</b> Query only on the thread that delivers the callbacks (the handler's receiver thread),
 * from inside a callback: the books change between callbacks, and nothing guards them against another
 * thread. The view is consistent at {@link MarketDataListener#onEndOfEvent}; inside an event it shows the
 * changes delivered so far. Never keep what a query returned as if it stayed true: ask again.
 * <p>
 * Units as in {@link MarketDataListener}: prices with 4 implied decimals, {@link MarketDataListener#NULL_PRICE}
 * for an empty side or an unknown order, sides {@link MarketDataListener#BUY} and {@link MarketDataListener#SELL},
 * instrument ids 0..65535 (ITCH Stock Locate; an id out of range throws {@link IllegalArgumentException}).
 */
public interface BookView
{
    /**
     * @param instrumentId instrument id.
     * @return the best bid, or {@link MarketDataListener#NULL_PRICE} when there are no bids.
     */
    long bestBidPrice(int instrumentId);

    /**
     * @param instrumentId instrument id.
     * @return shares at the best bid, 0 when there are no bids.
     */
    long bestBidShares(int instrumentId);

    /**
     * @param instrumentId instrument id.
     * @return the best offer, or {@link MarketDataListener#NULL_PRICE} when there are no offers.
     */
    long bestAskPrice(int instrumentId);

    /**
     * @param instrumentId instrument id.
     * @return shares at the best offer, 0 when there are no offers.
     */
    long bestAskShares(int instrumentId);

    /**
     * @param instrumentId instrument id.
     * @param side         {@link MarketDataListener#BUY} or {@link MarketDataListener#SELL}.
     * @return the number of price levels on that side.
     * @throws IllegalArgumentException when the side or the instrument id is out of range.
     */
    int levelCount(int instrumentId, byte side);

    /**
     * Copy the top {@code maxLevels} levels of one side, best first, into caller-owned arrays of at least
     * {@code maxLevels} elements each.
     *
     * @param instrumentId instrument id.
     * @param side         {@link MarketDataListener#BUY} or {@link MarketDataListener#SELL}.
     * @param maxLevels    levels wanted at most.
     * @param prices       receives each level's price.
     * @param shares       receives each level's total shares.
     * @param orderCounts  receives each level's number of orders.
     * @return the number of levels copied.
     * @throws IllegalArgumentException when the side or the instrument id is out of range.
     */
    int levels(int instrumentId, byte side, int maxLevels, long[] prices, long[] shares, long[] orderCounts);

    /**
     * @param orderId order id.
     * @return true when the order rests in a book.
     */
    boolean containsOrder(long orderId);

    /**
     * @param orderId order id.
     * @return the order's remaining shares, or -1 when it is not resting.
     */
    long orderShares(long orderId);

    /**
     * @param orderId order id.
     * @return the order's limit price, or {@link MarketDataListener#NULL_PRICE} when it is not resting.
     */
    long orderPrice(long orderId);

    /**
     * @param orderId order id.
     * @return the order's side, or 0 when it is not resting.
     */
    byte orderSide(long orderId);

    /**
     * @param orderId order id.
     * @return the order's instrument id, or -1 when it is not resting.
     */
    int orderInstrument(long orderId);

    /**
     * @param instrumentId instrument id.
     * @return true when the book may be wrong: input was lost and not recovered yet.
     */
    boolean isStale(int instrumentId);
}
