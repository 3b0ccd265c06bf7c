package org.feedhandler.normalized;

import org.feedhandler.api.MarketDataListener;

import java.util.ArrayList;
import java.util.List;

/**
 * Records every call as one line naming the method and every argument, so that two streams of calls
 * compare as lists of strings.
 */
final class RecordingListener implements MarketDataListener
{
    final List<String> calls = new ArrayList<>();

    public void onSystemEvent(final byte eventCode, final long timestamp)
    {
        calls.add("systemEvent " + (char)eventCode + " " + timestamp);
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
        calls.add("instrument " + instrumentId + " " + Long.toHexString(symbol) + " " + (char)marketCategory + " " +
            (char)financialStatus + " " + roundLotSize + " " + (char)issueClassification + " " +
            (char)luldReferencePriceTier + " " + timestamp);
    }

    public void onTradingStatus(
        final int instrumentId, final byte statusType, final byte state, final int reason, final long timestamp)
    {
        calls.add("tradingStatus " + instrumentId + " " + (char)statusType + " " + (char)state + " " +
            Integer.toHexString(reason) + " " + timestamp);
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
        calls.add("orderAdded " + instrumentId + " " + Long.toUnsignedString(orderId) + " " + (char)side + " " + price +
            " " + shares + " " + Integer.toHexString(attribution) + " " + timestamp);
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
        calls.add("orderExecuted " + instrumentId + " " + Long.toUnsignedString(orderId) + " " + (char)side + " " +
            price + " " + executedShares + " " + remainingShares + " " + Long.toUnsignedString(matchNumber) + " " +
            (char)printable + " " + timestamp);
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
        calls.add("orderCancelled " + instrumentId + " " + Long.toUnsignedString(orderId) + " " + (char)side + " " +
            price + " " + cancelledShares + " " + remainingShares + " " + timestamp);
    }

    public void onOrderDeleted(
        final int instrumentId,
        final long orderId,
        final byte side,
        final long price,
        final long shares,
        final long timestamp)
    {
        calls.add("orderDeleted " + instrumentId + " " + Long.toUnsignedString(orderId) + " " + (char)side + " " +
            price + " " + shares + " " + timestamp);
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
        calls.add("orderReplaced " + instrumentId + " " + Long.toUnsignedString(originalOrderId) + " " +
            Long.toUnsignedString(orderId) + " " + (char)side + " " + price + " " + shares + " " + timestamp);
    }

    public void onLevelChanged(
        final int instrumentId,
        final byte side,
        final long price,
        final long totalShares,
        final int orderCount,
        final long timestamp)
    {
        calls.add("levelChanged " + instrumentId + " " + (char)side + " " + price + " " + totalShares + " " +
            orderCount + " " + timestamp);
    }

    public void onTopOfBook(
        final int instrumentId,
        final long bidPrice,
        final long bidShares,
        final long askPrice,
        final long askShares,
        final long timestamp)
    {
        calls.add("topOfBook " + instrumentId + " " + bidPrice + " " + bidShares + " " + askPrice + " " + askShares +
            " " + timestamp);
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
        calls.add("trade " + instrumentId + " " + Long.toUnsignedString(orderId) + " " + (char)side + " " + price +
            " " + shares + " " + Long.toUnsignedString(matchNumber) + " " + (char)tradeType + " " + (char)crossType +
            " " + timestamp);
    }

    public void onBrokenTrade(final int instrumentId, final long matchNumber, final long timestamp)
    {
        calls.add("brokenTrade " + instrumentId + " " + Long.toUnsignedString(matchNumber) + " " + timestamp);
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
        calls.add("imbalance " + instrumentId + " " + pairedShares + " " + imbalanceShares + " " +
            (char)imbalanceDirection + " " + farPrice + " " + nearPrice + " " + referencePrice + " " +
            (char)crossType + " " + (char)priceVariationIndicator + " " + timestamp);
    }

    public void onEndOfEvent()
    {
        calls.add("endOfEvent");
    }

    public void onFeedGap(final long fromSequence, final long count)
    {
        calls.add("feedGap " + fromSequence + " " + count);
    }

    public void onBookStale(final int instrumentId)
    {
        calls.add("bookStale " + instrumentId);
    }

    public void onBookRecovered(final int instrumentId)
    {
        calls.add("bookRecovered " + instrumentId);
    }

    public void onSnapshotBegin(final long feedSequence)
    {
        calls.add("snapshotBegin " + feedSequence);
    }

    public void onSnapshotEnd(final long feedSequence)
    {
        calls.add("snapshotEnd " + feedSequence);
    }

    public void onHeartbeat(final long timestamp)
    {
        calls.add("heartbeat " + timestamp);
    }
}
