package org.feedhandler.pipeline;

import org.feedhandler.book.OrderBooks;
import org.feedhandler.protocol.itch.AddOrder;
import org.feedhandler.protocol.itch.AddOrderMpid;
import org.feedhandler.protocol.itch.BrokenTrade;
import org.feedhandler.protocol.itch.CrossTrade;
import org.feedhandler.protocol.itch.ItchListener;
import org.feedhandler.protocol.itch.OrderCancel;
import org.feedhandler.protocol.itch.OrderDelete;
import org.feedhandler.protocol.itch.OrderExecuted;
import org.feedhandler.protocol.itch.OrderExecutedWithPrice;
import org.feedhandler.protocol.itch.OrderReplace;
import org.feedhandler.protocol.itch.StockDirectory;
import org.feedhandler.protocol.itch.SystemEvent;
import org.feedhandler.protocol.itch.Trade;

/**
 * Applies ITCH 5.0 messages to the {@link OrderBooks}, per the semantics in protocols.md:
 * {@code A}/{@code F} add, {@code E}/{@code C} execute and report the trade (the order rests at its
 * own price; C's price is the print), {@code X} cancel, {@code D} delete, {@code U} replace (new reference, same
 * side and stock, loses priority); {@code P} and {@code Q} are trades that never touch the book.
 * {@code R} records each locate's symbol. Results other than OK are counted by the books
 * themselves (unknown references, capacity); nothing here allocates.
 */
public final class BookBuilder implements ItchListener
{
    /**
     * Told when a message has been decoded and is about to change the books: the pipeline stamps
     * its receive-to-decoded latency there, and the book latency of the message before it.
     */
    @FunctionalInterface
    public interface DecodedMark
    {
        DecodedMark NONE = timestamp ->
        {
        };

        /**
         * @param timestamp the message's ITCH Timestamp: nanoseconds since midnight, when the exchange sent it.
         */
        void decoded(long timestamp);
    }

    private final OrderBooks books;
    private final DecodedMark mark;
    private final long[] symbols = new long[OrderBooks.LOCATE_COUNT];
    private long systemEvents;
    private byte lastSystemEvent;

    public BookBuilder(final OrderBooks books)
    {
        this(books, DecodedMark.NONE);
    }

    public BookBuilder(final OrderBooks books, final DecodedMark mark)
    {
        this.books = books;
        this.mark = mark;
    }

    public OrderBooks books()
    {
        return books;
    }

    /**
     * @param locate Stock Locate.
     * @return the symbol its Stock Directory named, as a long; 0 when none was seen.
     */
    public long symbol(final int locate)
    {
        return symbols[locate];
    }

    public long systemEvents()
    {
        return systemEvents;
    }

    /**
     * @return the event code of the last System Event, or 0.
     */
    public byte lastSystemEvent()
    {
        return lastSystemEvent;
    }

    /**
     * Forget symbols (a new session); the books are cleared by their owner.
     */
    public void clear()
    {
        java.util.Arrays.fill(symbols, 0);
    }

    public void onSystemEvent(final SystemEvent m)
    {
        systemEvents++;
        lastSystemEvent = m.eventCode();
    }

    public void onStockDirectory(final StockDirectory m)
    {
        symbols[m.stockLocate()] = m.stock();
    }

    public void onAddOrder(final AddOrder m)
    {
        mark.decoded(m.timestamp());
        books.addOrder(m.stockLocate(), m.orderReferenceNumber(), m.buySellIndicator(), m.shares(), m.price(),
            m.timestamp());
    }

    public void onAddOrderMpid(final AddOrderMpid m)
    {
        mark.decoded(m.timestamp());
        books.addOrder(m.stockLocate(), m.orderReferenceNumber(), m.buySellIndicator(), m.shares(), m.price(),
            m.timestamp());
    }

    public void onOrderExecuted(final OrderExecuted m)
    {
        mark.decoded(m.timestamp());
        books.executeOrder(m.orderReferenceNumber(), m.executedShares(), m.matchNumber(), OrderBooks.NULL_PRICE,
            m.timestamp());
    }

    public void onOrderExecutedWithPrice(final OrderExecutedWithPrice m)
    {
        mark.decoded(m.timestamp());
        books.executeOrder(m.orderReferenceNumber(), m.executedShares(), m.matchNumber(), m.executionPrice(),
            m.timestamp());
    }

    public void onOrderCancel(final OrderCancel m)
    {
        mark.decoded(m.timestamp());
        books.cancelOrder(m.orderReferenceNumber(), m.cancelledShares(), m.timestamp());
    }

    public void onOrderDelete(final OrderDelete m)
    {
        mark.decoded(m.timestamp());
        books.deleteOrder(m.orderReferenceNumber(), m.timestamp());
    }

    public void onOrderReplace(final OrderReplace m)
    {
        mark.decoded(m.timestamp());
        books.replaceOrder(m.originalOrderReferenceNumber(), m.newOrderReferenceNumber(), m.shares(), m.price(),
            m.timestamp());
    }

    public void onTrade(final Trade m)
    {
        mark.decoded(m.timestamp());
        books.trade(m.stockLocate(), m.orderReferenceNumber(), m.buySellIndicator(), m.shares(), m.price(),
            m.matchNumber(), m.timestamp());
    }

    public void onBrokenTrade(final BrokenTrade m)
    {
        mark.decoded(m.timestamp());
        books.brokenTrade(m.stockLocate(), m.matchNumber(), m.timestamp());
    }

    public void onCrossTrade(final CrossTrade m)
    {
        mark.decoded(m.timestamp());
        books.trade(m.stockLocate(), 0, m.crossType(), m.shares(), m.crossPrice(), m.matchNumber(), m.timestamp());
    }
}
