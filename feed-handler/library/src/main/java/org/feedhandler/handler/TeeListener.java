package org.feedhandler.handler;

import org.feedhandler.api.MarketDataListener;

/**
 * Two listeners called in turn with every event: the embedding application's first (it is on the
 * receiver thread for the lowest latency), then the normalized output's publisher.
 */
final class TeeListener implements MarketDataListener
{
    private final MarketDataListener first;
    private final MarketDataListener second;

    TeeListener(final MarketDataListener first, final MarketDataListener second)
    {
        this.first = first;
        this.second = second;
    }

    public void onSystemEvent(final byte eventCode, final long timestamp)
    {
        first.onSystemEvent(eventCode, timestamp);
        second.onSystemEvent(eventCode, timestamp);
    }

    public void onInstrument(
        final int instrumentId,
        final long symbol,
        final byte marketCategory,
        final byte financialStatus,
        final long roundLotSize,
        final byte issueClassification,
        final byte luldReferencePriceTier,
        final long timestamp)
    {
        first.onInstrument(instrumentId, symbol, marketCategory, financialStatus, roundLotSize,
            issueClassification, luldReferencePriceTier, timestamp);
        second.onInstrument(instrumentId, symbol, marketCategory, financialStatus, roundLotSize,
            issueClassification, luldReferencePriceTier, timestamp);
    }

    public void onTradingStatus(
        final int instrumentId,
        final byte statusType,
        final byte state,
        final int reason,
        final long timestamp)
    {
        first.onTradingStatus(instrumentId, statusType, state, reason, timestamp);
        second.onTradingStatus(instrumentId, statusType, state, reason, timestamp);
    }

    public void onOrderAdded(
        final int instrumentId,
        final long orderId,
        final byte side,
        final long price,
        final long shares,
        final int attribution,
        final long timestamp)
    {
        first.onOrderAdded(instrumentId, orderId, side, price, shares, attribution, timestamp);
        second.onOrderAdded(instrumentId, orderId, side, price, shares, attribution, timestamp);
    }

    public void onOrderExecuted(
        final int instrumentId,
        final long orderId,
        final byte side,
        final long price,
        final long executedShares,
        final long remainingShares,
        final long matchNumber,
        final byte printable,
        final long timestamp)
    {
        first.onOrderExecuted(instrumentId, orderId, side, price, executedShares, remainingShares, matchNumber,
            printable, timestamp);
        second.onOrderExecuted(instrumentId, orderId, side, price, executedShares, remainingShares, matchNumber,
            printable, timestamp);
    }

    public void onOrderCancelled(
        final int instrumentId,
        final long orderId,
        final byte side,
        final long price,
        final long cancelledShares,
        final long remainingShares,
        final long timestamp)
    {
        first.onOrderCancelled(instrumentId, orderId, side, price, cancelledShares, remainingShares, timestamp);
        second.onOrderCancelled(instrumentId, orderId, side, price, cancelledShares, remainingShares, timestamp);
    }

    public void onOrderDeleted(
        final int instrumentId,
        final long orderId,
        final byte side,
        final long price,
        final long shares,
        final long timestamp)
    {
        first.onOrderDeleted(instrumentId, orderId, side, price, shares, timestamp);
        second.onOrderDeleted(instrumentId, orderId, side, price, shares, timestamp);
    }

    public void onOrderReplaced(
        final int instrumentId,
        final long originalOrderId,
        final long orderId,
        final byte side,
        final long price,
        final long shares,
        final long timestamp)
    {
        first.onOrderReplaced(instrumentId, originalOrderId, orderId, side, price, shares, timestamp);
        second.onOrderReplaced(instrumentId, originalOrderId, orderId, side, price, shares, timestamp);
    }

    public void onLevelChanged(
        final int instrumentId,
        final byte side,
        final long price,
        final long totalShares,
        final int orderCount,
        final long timestamp)
    {
        first.onLevelChanged(instrumentId, side, price, totalShares, orderCount, timestamp);
        second.onLevelChanged(instrumentId, side, price, totalShares, orderCount, timestamp);
    }

    public void onTopOfBook(
        final int instrumentId,
        final long bidPrice,
        final long bidShares,
        final long askPrice,
        final long askShares,
        final long timestamp)
    {
        first.onTopOfBook(instrumentId, bidPrice, bidShares, askPrice, askShares, timestamp);
        second.onTopOfBook(instrumentId, bidPrice, bidShares, askPrice, askShares, timestamp);
    }

    public void onTrade(
        final int instrumentId,
        final long orderId,
        final byte side,
        final long price,
        final long shares,
        final long matchNumber,
        final byte tradeType,
        final byte crossType,
        final long timestamp)
    {
        first.onTrade(instrumentId, orderId, side, price, shares, matchNumber, tradeType, crossType, timestamp);
        second.onTrade(instrumentId, orderId, side, price, shares, matchNumber, tradeType, crossType, timestamp);
    }

    public void onBrokenTrade(final int instrumentId, final long matchNumber, final long timestamp)
    {
        first.onBrokenTrade(instrumentId, matchNumber, timestamp);
        second.onBrokenTrade(instrumentId, matchNumber, timestamp);
    }

    public void onImbalance(
        final int instrumentId,
        final long pairedShares,
        final long imbalanceShares,
        final byte imbalanceDirection,
        final long farPrice,
        final long nearPrice,
        final long referencePrice,
        final byte crossType,
        final byte priceVariationIndicator,
        final long timestamp)
    {
        first.onImbalance(instrumentId, pairedShares, imbalanceShares, imbalanceDirection, farPrice, nearPrice,
            referencePrice, crossType, priceVariationIndicator, timestamp);
        second.onImbalance(instrumentId, pairedShares, imbalanceShares, imbalanceDirection, farPrice, nearPrice,
            referencePrice, crossType, priceVariationIndicator, timestamp);
    }

    public void onBeginEvent(final long receiveTimestamp)
    {
        first.onBeginEvent(receiveTimestamp);
        second.onBeginEvent(receiveTimestamp);
    }

    public void onEndOfEvent()
    {
        first.onEndOfEvent();
        second.onEndOfEvent();
    }

    public void onFeedGap(final long fromSequence, final long count)
    {
        first.onFeedGap(fromSequence, count);
        second.onFeedGap(fromSequence, count);
    }

    public void onBookStale(final int instrumentId)
    {
        first.onBookStale(instrumentId);
        second.onBookStale(instrumentId);
    }

    public void onBookRecovered(final int instrumentId)
    {
        first.onBookRecovered(instrumentId);
        second.onBookRecovered(instrumentId);
    }

    public void onSnapshotBegin(final long feedSequence)
    {
        first.onSnapshotBegin(feedSequence);
        second.onSnapshotBegin(feedSequence);
    }

    public void onSnapshotEnd(final long feedSequence)
    {
        first.onSnapshotEnd(feedSequence);
        second.onSnapshotEnd(feedSequence);
    }

    public void onHeartbeat(final long timestamp)
    {
        first.onHeartbeat(timestamp);
        second.onHeartbeat(timestamp);
    }
}
