package org.feedhandler.subscriber;

import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.api.MarketDataListener;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.pipeline.BookBuilder;
import org.feedhandler.protocol.itch.AddOrder;
import org.feedhandler.protocol.itch.AddOrderMpid;
import org.feedhandler.protocol.itch.ItchDecoder;
import org.feedhandler.protocol.itch.ItchListener;
import org.feedhandler.protocol.itch.OrderCancel;
import org.feedhandler.protocol.itch.OrderDelete;
import org.feedhandler.protocol.itch.OrderExecuted;
import org.feedhandler.protocol.itch.OrderExecutedWithPrice;
import org.feedhandler.protocol.itch.OrderReplace;
import org.feedhandler.sim.MarketGenerator;

/**
 * A generated ITCH stream applied to reference books (the replay's {@link BookBuilder}) and, as the
 * pipeline's listener would, to a {@link MarketDataListener} (the output publisher), a few messages an
 * event. Only the order messages the subscriber's books need are passed on; the reference books and the
 * subscriber's must then agree.
 */
final class GeneratedFeed
{
    static final int MESSAGES_PER_EVENT = 4;

    private final MarketGenerator generator;
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[256]);
    private final OrderBooks reference = new OrderBooks(new OrderBooks.Context().maxOrders(1 << 16).maxLevels(1 << 14));
    private final ItchDecoder toBooks = new ItchDecoder(new BookBuilder(reference));
    private final MarketDataListener output;
    private final ItchDecoder toOutput;
    private long timestamp = 34_200_000_000_000L;

    GeneratedFeed(final long seed, final MarketDataListener output)
    {
        this.generator = new MarketGenerator(seed, 20, 5_000);
        this.output = output;
        this.toOutput = new ItchDecoder(new ToListener(output));
    }

    /** Generate and apply one event. */
    void event()
    {
        for (int i = 0; i < MESSAGES_PER_EVENT; i++)
        {
            final int length = generator.next(message, 0, timestamp += 1_000);
            toBooks.decode(message, 0, length);
            toOutput.decode(message, 0, length);
        }
        output.onEndOfEvent();
    }

    void events(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            event();
        }
    }

    OrderBooks reference()
    {
        return reference;
    }

    static OrderBooks.Context booksContext()
    {
        return new OrderBooks.Context().maxOrders(1 << 16).maxLevels(1 << 14);
    }

    private static final class ToListener implements ItchListener
    {
        private final MarketDataListener out;

        ToListener(final MarketDataListener out)
        {
            this.out = out;
        }

        public void onAddOrder(final AddOrder m)
        {
            out.onOrderAdded(m.stockLocate(), m.orderReferenceNumber(), m.buySellIndicator(), m.price(), m.shares(), 0,
                m.timestamp());
        }

        public void onAddOrderMpid(final AddOrderMpid m)
        {
            out.onOrderAdded(m.stockLocate(), m.orderReferenceNumber(), m.buySellIndicator(), m.price(), m.shares(),
                m.attribution(), m.timestamp());
        }

        public void onOrderExecuted(final OrderExecuted m)
        {
            out.onOrderExecuted(m.stockLocate(), m.orderReferenceNumber(), (byte)' ', MarketDataListener.NULL_PRICE,
                m.executedShares(), 0, m.matchNumber(), (byte)'Y', m.timestamp());
        }

        public void onOrderExecutedWithPrice(final OrderExecutedWithPrice m)
        {
            out.onOrderExecuted(m.stockLocate(), m.orderReferenceNumber(), (byte)' ', m.executionPrice(),
                m.executedShares(), 0, m.matchNumber(), m.printable(), m.timestamp());
        }

        public void onOrderCancel(final OrderCancel m)
        {
            out.onOrderCancelled(m.stockLocate(), m.orderReferenceNumber(), (byte)' ', MarketDataListener.NULL_PRICE,
                m.cancelledShares(), 0, m.timestamp());
        }

        public void onOrderDelete(final OrderDelete m)
        {
            out.onOrderDeleted(m.stockLocate(), m.orderReferenceNumber(), (byte)' ', MarketDataListener.NULL_PRICE, 0,
                m.timestamp());
        }

        public void onOrderReplace(final OrderReplace m)
        {
            out.onOrderReplaced(m.stockLocate(), m.originalOrderReferenceNumber(), m.newOrderReferenceNumber(),
                (byte)' ', m.price(), m.shares(), m.timestamp());
        }
    }
}
