package org.feedhandler.pipeline;

import org.feedhandler.api.MarketDataListener;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.protocol.itch.AddOrder;
import org.feedhandler.protocol.itch.AddOrderMpid;
import org.feedhandler.protocol.itch.BrokenTrade;
import org.feedhandler.protocol.itch.CrossTrade;
import org.feedhandler.protocol.itch.ItchListener;
import org.feedhandler.protocol.itch.Noii;
import org.feedhandler.protocol.itch.OperationalHalt;
import org.feedhandler.protocol.itch.OrderCancel;
import org.feedhandler.protocol.itch.OrderDelete;
import org.feedhandler.protocol.itch.OrderExecuted;
import org.feedhandler.protocol.itch.OrderExecutedWithPrice;
import org.feedhandler.protocol.itch.OrderReplace;
import org.feedhandler.protocol.itch.RegShoRestriction;
import org.feedhandler.protocol.itch.StockDirectory;
import org.feedhandler.protocol.itch.StockTradingAction;
import org.feedhandler.protocol.itch.SystemEvent;
import org.feedhandler.protocol.itch.Trade;

/**
 * The {@link BookBuilder} of a pipeline with a {@link MarketDataListener}: it applies the same messages to
 * the same books and tells the listener about each, with what the books know and the message does not
 * (an execution's side, price and remaining shares). For one message, in this order: the order event
 * ({@code onOrder*}), then the books' level changes and top of book ({@link MarketDataBookListener});
 * {@link #endOfEvent} closes the packet with {@link MarketDataListener#onEndOfEvent}. The first message of
 * a packet opens its event with {@link MarketDataListener#onBeginEvent} and the packet's receive time
 * ({@link #received}): one predicted branch a message, one call a packet.
 * <p>
 * An order event is sent only for an operation the books will apply: an order event about an unknown
 * order, a duplicate add or an invalid side is not sent (the books count the reject). An add or the new
 * order of a replace the books then cannot place for lack of capacity is followed by
 * {@link MarketDataListener#onOrderDeleted} for it, so that the events still rebuild the books.
 * <p>
 * Costs one more order lookup a message than the plain builder (the order's fields before it changes),
 * in lines the books' own lookup then finds in cache. A pipeline without a listener uses the plain
 * {@link BookBuilder}, unchanged. Allocation-free.
 */
final class MarketDataBuilder implements ItchListener
{
    private static final byte PRINTABLE = 'Y';
    private static final byte NO_CROSS = ' ';

    private final BookBuilder builder;
    private final OrderBooks books;
    private final BookBuilder.DecodedMark mark;
    private final MarketDataListener listener;
    private final long epochOffsetNanos;
    private long receiveNanos;
    private boolean eventPending;

    /**
     * @param epochOffsetNanos added to {@link #received} stamps for {@link MarketDataListener#onBeginEvent}.
     */
    MarketDataBuilder(
        final BookBuilder builder,
        final BookBuilder.DecodedMark mark,
        final MarketDataListener listener,
        final long epochOffsetNanos)
    {
        this.builder = builder;
        this.books = builder.books();
        this.mark = mark;
        this.listener = listener;
        this.epochOffsetNanos = epochOffsetNanos;
    }

    /** The messages that follow, until the next call, came in a packet received at this monotonic instant. */
    void received(final long receiveNanos)
    {
        this.receiveNanos = receiveNanos;
    }

    /** A message of the packet is about to be told: the first one opens the event. */
    private void begin()
    {
        if (!eventPending)
        {
            eventPending = true;
            listener.onBeginEvent(receiveNanos + epochOffsetNanos);
        }
    }

    /** The packet (or the call) is done: close the event, if it had any message. */
    void endOfEvent()
    {
        if (eventPending)
        {
            eventPending = false;
            listener.onEndOfEvent();
        }
    }

    public void onSystemEvent(final SystemEvent m)
    {
        builder.onSystemEvent(m);
        begin();
        listener.onSystemEvent(m.eventCode(), m.timestamp());
    }

    public void onStockDirectory(final StockDirectory m)
    {
        builder.onStockDirectory(m);
        begin();
        listener.onInstrument(m.stockLocate(), m.stock(), m.marketCategory(), m.financialStatusIndicator(),
            m.roundLotSize(), m.issueClassification(), m.luldReferencePriceTier(), m.timestamp());
    }

    public void onStockTradingAction(final StockTradingAction m)
    {
        begin();
        listener.onTradingStatus(m.stockLocate(), m.messageType(), m.tradingState(), m.reason(), m.timestamp());
    }

    public void onRegShoRestriction(final RegShoRestriction m)
    {
        begin();
        listener.onTradingStatus(m.stockLocate(), m.messageType(), m.regShoAction(), 0, m.timestamp());
    }

    public void onOperationalHalt(final OperationalHalt m)
    {
        begin();
        listener.onTradingStatus(
            m.stockLocate(), m.messageType(), m.operationalHaltAction(), m.marketCode(), m.timestamp());
    }

    public void onNoii(final Noii m)
    {
        begin();
        listener.onImbalance(m.stockLocate(), m.pairedShares(), m.imbalanceShares(), m.imbalanceDirection(),
            m.farPrice(), m.nearPrice(), m.currentReferencePrice(), m.crossType(), m.priceVariationIndicator(),
            m.timestamp());
    }

    public void onAddOrder(final AddOrder m)
    {
        add(m.stockLocate(), m.orderReferenceNumber(), m.buySellIndicator(), m.shares(), m.price(), 0, m.timestamp());
    }

    public void onAddOrderMpid(final AddOrderMpid m)
    {
        add(m.stockLocate(), m.orderReferenceNumber(), m.buySellIndicator(), m.shares(), m.price(), m.attribution(),
            m.timestamp());
    }

    private void add(
        final int locate, final long orderRef, final byte side, final long shares, final long price,
        final int attribution, final long timestamp)
    {
        mark.decoded(timestamp);
        begin();
        final boolean announced = (OrderBooks.BUY == side || OrderBooks.SELL == side) && !books.containsOrder(orderRef);
        if (announced)
        {
            listener.onOrderAdded(locate, orderRef, side, price, shares, attribution, timestamp);
        }
        if (OrderBooks.OK != books.addOrder(locate, orderRef, side, shares, price, timestamp) && announced)
        {
            listener.onOrderDeleted(locate, orderRef, side, price, shares, timestamp);
        }
    }

    public void onOrderExecuted(final OrderExecuted m)
    {
        execute(m.orderReferenceNumber(), m.executedShares(), m.matchNumber(), OrderBooks.NULL_PRICE, PRINTABLE,
            m.timestamp());
    }

    public void onOrderExecutedWithPrice(final OrderExecutedWithPrice m)
    {
        execute(m.orderReferenceNumber(), m.executedShares(), m.matchNumber(), m.executionPrice(), m.printable(),
            m.timestamp());
    }

    /** @param printPrice the print, or {@link OrderBooks#NULL_PRICE} for the order's own price (an E). */
    private void execute(
        final long orderRef, final long executedShares, final long matchNumber, final long printPrice,
        final byte printable, final long timestamp)
    {
        mark.decoded(timestamp);
        begin();
        final int order = books.findOrder(orderRef);
        if (order >= 0)
        {
            final long remaining = books.handleShares(order);
            final long executed = Math.min(executedShares, remaining);
            listener.onOrderExecuted(books.handleLocate(order), orderRef, books.handleSide(order),
                OrderBooks.NULL_PRICE == printPrice ? books.handlePrice(order) : printPrice, executed,
                remaining - executed, matchNumber, printable, timestamp);
        }
        books.executeOrder(orderRef, executedShares, timestamp);
    }

    public void onOrderCancel(final OrderCancel m)
    {
        final long orderRef = m.orderReferenceNumber();
        final long cancelledShares = m.cancelledShares();
        final long timestamp = m.timestamp();
        mark.decoded(timestamp);
        begin();
        final int order = books.findOrder(orderRef);
        if (order >= 0)
        {
            final long remaining = books.handleShares(order);
            final long cancelled = Math.min(cancelledShares, remaining);
            listener.onOrderCancelled(books.handleLocate(order), orderRef, books.handleSide(order),
                books.handlePrice(order), cancelled, remaining - cancelled, timestamp);
        }
        books.cancelOrder(orderRef, cancelledShares, timestamp);
    }

    public void onOrderDelete(final OrderDelete m)
    {
        final long orderRef = m.orderReferenceNumber();
        final long timestamp = m.timestamp();
        mark.decoded(timestamp);
        begin();
        final int order = books.findOrder(orderRef);
        if (order >= 0)
        {
            listener.onOrderDeleted(books.handleLocate(order), orderRef, books.handleSide(order),
                books.handlePrice(order), books.handleShares(order), timestamp);
        }
        books.deleteOrder(orderRef, timestamp);
    }

    public void onOrderReplace(final OrderReplace m)
    {
        final long originalRef = m.originalOrderReferenceNumber();
        final long newRef = m.newOrderReferenceNumber();
        final long shares = m.shares();
        final long price = m.price();
        final long timestamp = m.timestamp();
        mark.decoded(timestamp);
        begin();
        final int order = books.findOrder(originalRef);
        final boolean announced = order >= 0 && (newRef == originalRef || !books.containsOrder(newRef));
        int locate = 0;
        byte side = 0;
        if (announced)
        {
            locate = books.handleLocate(order);
            side = books.handleSide(order);
            listener.onOrderReplaced(locate, originalRef, newRef, side, price, shares, timestamp);
        }
        if (OrderBooks.OK != books.replaceOrder(originalRef, newRef, shares, price, timestamp) && announced)
        {
            // the original left, the new one found no level: it is not in the books either
            listener.onOrderDeleted(locate, newRef, side, price, shares, timestamp);
        }
    }

    public void onTrade(final Trade m)
    {
        mark.decoded(m.timestamp());
        begin();
        listener.onTrade(m.stockLocate(), m.orderReferenceNumber(), m.buySellIndicator(), m.price(), m.shares(),
            m.matchNumber(), m.messageType(), NO_CROSS, m.timestamp());
    }

    public void onCrossTrade(final CrossTrade m)
    {
        mark.decoded(m.timestamp());
        begin();
        listener.onTrade(m.stockLocate(), 0, NO_CROSS, m.crossPrice(), m.shares(), m.matchNumber(), m.messageType(),
            m.crossType(), m.timestamp());
    }

    public void onBrokenTrade(final BrokenTrade m)
    {
        mark.decoded(m.timestamp());
        begin();
        listener.onBrokenTrade(m.stockLocate(), m.matchNumber(), m.timestamp());
    }
}
