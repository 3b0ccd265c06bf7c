package org.feedhandler.handler;

import org.feedhandler.book.OrderBooks;
import org.feedhandler.config.Configuration;
import org.feedhandler.config.Settings;

/**
 * The books' capacities as configured: where {@code feed.book.max.orders} and {@code feed.book.max.levels}
 * become an {@link OrderBooks.Context}, so that the book package knows nothing of configuration.
 */
public final class BookSettings
{
    private BookSettings()
    {
    }

    /**
     * A context sized by {@code feed.book.max.orders} and {@code feed.book.max.levels}, its capacities named
     * by those keys, so that a full book tells which setting to raise.
     *
     * @param settings the configuration.
     * @return the context, not concluded: the caller sets the listener.
     * @throws org.feedhandler.config.ConfigurationException naming the key of a capacity out of range.
     */
    public static OrderBooks.Context context(final Settings settings)
    {
        return new OrderBooks.Context()
            .maxOrders(settings.intValue(Configuration.BOOK_MAX_ORDERS_PROP_NAME,
                Configuration.BOOK_MAX_ORDERS_DEFAULT, 1, OrderBooks.MAX_CAPACITY))
            .maxLevels(settings.intValue(Configuration.BOOK_MAX_LEVELS_PROP_NAME,
                Configuration.BOOK_MAX_LEVELS_DEFAULT, 1, OrderBooks.MAX_CAPACITY))
            .capacityNames(Configuration.BOOK_MAX_ORDERS_PROP_NAME, Configuration.BOOK_MAX_LEVELS_PROP_NAME);
    }
}
