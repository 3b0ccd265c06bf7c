package org.feedhandler.api;

/**
 * What a consumer of the feed handler's market data receives: instruments and their trading status,
 * order-level events (L3), price levels (L2), top of book, trades, imbalances, the end of each venue
 * event, and the health of the books. The same interface serves a listener embedded in the handler
 * and one fed by the normalized SBE stream ({@link org.feedhandler.normalized.SbeMarketDataReader}), so
 * strategy code runs unchanged in either place. Every method defaults to doing nothing: override only
 * what you need.
 * <p>
 * <b>Contract.</b>
 * <ul>
 *     <li>Callbacks run on the handler's pinned receiver thread (or the subscriber's polling thread),
 *     synchronously, while the event is being applied. Never block, never wait on a lock, never do I/O
 *     there: a slow listener delays every book behind it and, past the socket buffer, loses packets.</li>
 *     <li>Arguments are primitives valid for the call only. The handler's {@link BookView} reads its books
 *     in place: query it from a callback only, and never keep an answer past the call as if it stayed
 *     true; copy what must outlive it.</li>
 *     <li>Do not allocate on the hot path, and do not call back into the handler to change it.</li>
 *     <li>Within one venue event {@link #onBeginEvent} comes first, with the time its input packet
 *     arrived; then, message by message, each atomic change ({@code onOrder*}), then
 *     {@link #onLevelChanged} for each level that change touched, then {@link #onTopOfBook} when it moved
 *     the instrument's best bid or offer (so an event of several messages may tell several of each, for
 *     one instrument too); and {@link #onEndOfEvent} last: only then are the books consistent.</li>
 * </ul>
 * <b>Units.</b> Prices are integers with 4 implied decimals (ITCH {@code Price(4)}: 1234500 is $123.45);
 * an absent price is {@link #NULL_PRICE}. Sides are the ASCII bytes {@link #BUY} and {@link #SELL}.
 * Timestamps are the venue's, in nanoseconds (ITCH: past midnight of the trading day, Eastern time).
 * Instrument ids are the venue's (ITCH Stock Locate); {@link #ALL_INSTRUMENTS} means the whole feed.
 * ASCII codes packed into an {@code int} or {@code long} keep the first byte in the most significant
 * position, as the wire does.
 */
public interface MarketDataListener
{
    /** Buy side. */
    byte BUY = 'B';
    /** Sell side. */
    byte SELL = 'S';
    /** The price of an empty side or an absent price (the SBE int64 null value). */
    long NULL_PRICE = Long.MIN_VALUE;
    /** Price exponent: a price of {@code p} means {@code p * 10^PRICE_EXPONENT}. */
    int PRICE_EXPONENT = -4;
    /** Instrument id that stands for every instrument of the feed. */
    int ALL_INSTRUMENTS = 0;

    /**
     * A venue-wide system event (ITCH {@code S}).
     *
     * @param eventCode ITCH event code: {@code O S Q M E C}.
     * @param timestamp venue time, ns.
     */
    default void onSystemEvent(final byte eventCode, final long timestamp)
    {
    }

    /**
     * An instrument was defined (ITCH {@code R}, Stock Directory).
     *
     * @param instrumentId           instrument id.
     * @param symbol                 8 ASCII bytes, right-padded with spaces, first byte most significant.
     * @param marketCategory         listing market, ITCH code.
     * @param financialStatus        financial status indicator, ITCH code.
     * @param roundLotSize           shares in a round lot.
     * @param issueClassification    ITCH code.
     * @param luldReferencePriceTier ITCH code.
     * @param timestamp              venue time, ns.
     */
    default void onInstrument(
        final int instrumentId,
        final long symbol,
        final byte marketCategory,
        final byte financialStatus,
        final long roundLotSize,
        final byte issueClassification,
        final byte luldReferencePriceTier,
        final long timestamp)
    {
    }

    /**
     * The trading status of an instrument changed: a halt, pause or resumption (ITCH {@code H}), a Reg
     * SHO short-sale restriction (ITCH {@code Y}) or an operational halt (ITCH {@code h}).
     *
     * @param instrumentId instrument id.
     * @param statusType   {@code H}, {@code Y} or {@code h}.
     * @param state        H: {@code H P Q T}; Y: {@code 0 1 2}; h: {@code H T}.
     * @param reason       H: the 4 ASCII bytes of the reason; h: the market code; Y: 0.
     * @param timestamp    venue time, ns.
     */
    default void onTradingStatus(
        final int instrumentId,
        final byte statusType,
        final byte state,
        final int reason,
        final long timestamp)
    {
    }

    /**
     * An order was added to the book.
     *
     * @param instrumentId instrument id.
     * @param orderId      order id (unsigned 64-bit).
     * @param side         {@link #BUY} or {@link #SELL}.
     * @param price        limit price.
     * @param shares       shares displayed.
     * @param attribution  MPID as 4 ASCII bytes, 0 when unattributed.
     * @param timestamp    venue time, ns.
     */
    default void onOrderAdded(
        final int instrumentId,
        final long orderId,
        final byte side,
        final long price,
        final long shares,
        final int attribution,
        final long timestamp)
    {
    }

    /**
     * Shares of a resting order executed.
     *
     * @param instrumentId    instrument id.
     * @param orderId         order id.
     * @param side            side of the resting order.
     * @param price           execution price.
     * @param executedShares  shares executed.
     * @param remainingShares shares the order still has; 0 means it left the book.
     * @param matchNumber     match number (unsigned 64-bit).
     * @param printable       {@code Y} when the execution counts in volume, {@code N} when not.
     * @param timestamp       venue time, ns.
     */
    default void onOrderExecuted(
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
    }

    /**
     * Part of a resting order was cancelled; the order stays with its priority.
     *
     * @param instrumentId    instrument id.
     * @param orderId         order id.
     * @param side            side of the order.
     * @param price           price of the order.
     * @param cancelledShares shares cancelled.
     * @param remainingShares shares the order still has.
     * @param timestamp       venue time, ns.
     */
    default void onOrderCancelled(
        final int instrumentId,
        final long orderId,
        final byte side,
        final long price,
        final long cancelledShares,
        final long remainingShares,
        final long timestamp)
    {
    }

    /**
     * An order left the book.
     *
     * @param instrumentId instrument id.
     * @param orderId      order id.
     * @param side         side of the order.
     * @param price        price of the order.
     * @param shares       shares it still had.
     * @param timestamp    venue time, ns.
     */
    default void onOrderDeleted(
        final int instrumentId,
        final long orderId,
        final byte side,
        final long price,
        final long shares,
        final long timestamp)
    {
    }

    /**
     * An order was replaced by a new one on the same side; the new one has no time priority.
     *
     * @param instrumentId    instrument id.
     * @param originalOrderId the order that left.
     * @param orderId         the order that replaced it.
     * @param side            side of both.
     * @param price           the new order's price.
     * @param shares          the new order's shares.
     * @param timestamp       venue time, ns.
     */
    default void onOrderReplaced(
        final int instrumentId,
        final long originalOrderId,
        final long orderId,
        final byte side,
        final long price,
        final long shares,
        final long timestamp)
    {
    }

    /**
     * A price level was created, changed or removed; a removed level reports zero shares and orders.
     *
     * @param instrumentId instrument id.
     * @param side         {@link #BUY} or {@link #SELL}.
     * @param price        price of the level.
     * @param totalShares  shares resting at the level now.
     * @param orderCount   orders resting at the level now.
     * @param timestamp    venue time, ns.
     */
    default void onLevelChanged(
        final int instrumentId,
        final byte side,
        final long price,
        final long totalShares,
        final int orderCount,
        final long timestamp)
    {
    }

    /**
     * The best bid or offer changed price or shares.
     *
     * @param instrumentId instrument id.
     * @param bidPrice     best bid, or {@link #NULL_PRICE} when there are no bids.
     * @param bidShares    shares at the best bid, 0 when none.
     * @param askPrice     best offer, or {@link #NULL_PRICE} when there are no offers.
     * @param askShares    shares at the best offer, 0 when none.
     * @param timestamp    venue time, ns.
     */
    default void onTopOfBook(
        final int instrumentId,
        final long bidPrice,
        final long bidShares,
        final long askPrice,
        final long askShares,
        final long timestamp)
    {
    }

    /**
     * A trade that does not change the visible book: against a non-displayed order (ITCH {@code P})
     * or a cross (ITCH {@code Q}).
     *
     * @param instrumentId instrument id.
     * @param orderId      order id, 0 for a cross.
     * @param side         side as received; a space for a cross.
     * @param price        trade price.
     * @param shares       shares traded.
     * @param matchNumber  match number.
     * @param tradeType    {@code P} or {@code Q}.
     * @param crossType    for a cross: {@code O C H I}; otherwise a space.
     * @param timestamp    venue time, ns.
     */
    default void onTrade(
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
    }

    /**
     * A trade reported earlier was broken; the book is unchanged.
     *
     * @param instrumentId instrument id.
     * @param matchNumber  the broken trade's match number.
     * @param timestamp    venue time, ns.
     */
    default void onBrokenTrade(final int instrumentId, final long matchNumber, final long timestamp)
    {
    }

    /**
     * Net order imbalance ahead of a cross (ITCH {@code I}, NOII).
     *
     * @param instrumentId            instrument id.
     * @param pairedShares            shares that would match at the reference price.
     * @param imbalanceShares         shares not paired.
     * @param imbalanceDirection      {@code B S N O P}.
     * @param farPrice                far clearing price.
     * @param nearPrice               near clearing price.
     * @param referencePrice          current reference price.
     * @param crossType               {@code O C H A}.
     * @param priceVariationIndicator ITCH code.
     * @param timestamp               venue time, ns.
     */
    default void onImbalance(
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
    }

    /**
     * A venue event begins: its changes follow, then {@link #onEndOfEvent}. Called once an event, before
     * its first change, and only for an input packet that changes something (a heartbeat or a duplicate
     * from the other line begins nothing). Notices outside an event ({@link #onFeedGap}, a stale book
     * found between packets, a snapshot's bounds) come without it.
     * <p>
     * In the handler, {@code receiveTimestamp} is the packet's arrival, read once by the packet source
     * (the stamp its latency stages start from), mapped to the UNIX epoch by one add: no clock is read
     * for it. Messages held back by a gap and released by a later packet carry that packet's time.
     * Fed by the normalized stream ({@link org.feedhandler.normalized.SbeMarketDataReader}), it is the
     * {@code receiveTimestamp} of the event's first message, the same value (a notice written between
     * packets leaves with the next event: there it follows this call, which then carries its earlier time).
     *
     * @param receiveTimestamp when the input packet arrived, ns since the UNIX epoch.
     */
    default void onBeginEvent(final long receiveTimestamp)
    {
    }

    /**
     * Every change of the venue's event (the input packet) has been delivered: the books are consistent.
     */
    default void onEndOfEvent()
    {
    }

    /**
     * The input lost messages: a gap in the venue's sequence numbers.
     *
     * @param fromSequence first input sequence number lost.
     * @param count        messages lost.
     */
    default void onFeedGap(final long fromSequence, final long count)
    {
    }

    /**
     * A book may be wrong: input was lost and not recovered yet.
     *
     * @param instrumentId instrument id, or {@link #ALL_INSTRUMENTS} for every book of the feed.
     */
    default void onBookStale(final int instrumentId)
    {
    }

    /**
     * A book is trusted again.
     *
     * @param instrumentId instrument id, or {@link #ALL_INSTRUMENTS} for every book of the feed.
     */
    default void onBookRecovered(final int instrumentId)
    {
    }

    /**
     * The books are empty, and a snapshot of them follows: until {@link #onSnapshotEnd} the events rebuild
     * state rather than report live changes. A consumer keeping its own books clears them here. A followed
     * MoldUDP64 session change empties the books too, and is told as an empty snapshot: begin and end
     * with 0, back to back.
     *
     * @param feedSequence input sequence number the snapshot is consistent with, or 0 when the source names
     *                     it only at the end (GLIMPSE) or a new session begins.
     */
    default void onSnapshotBegin(final long feedSequence)
    {
    }

    /**
     * The snapshot is complete; live events follow.
     *
     * @param feedSequence input sequence number the snapshot is consistent with.
     */
    default void onSnapshotEnd(final long feedSequence)
    {
    }

    /**
     * The source is alive though idle.
     *
     * @param timestamp sender's clock, ns since the UNIX epoch.
     */
    default void onHeartbeat(final long timestamp)
    {
    }
}
