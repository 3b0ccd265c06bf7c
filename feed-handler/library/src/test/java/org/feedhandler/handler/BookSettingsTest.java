package org.feedhandler.handler;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.feedhandler.book.BookListener;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.config.Configuration;
import org.feedhandler.config.ConfigurationException;
import org.feedhandler.config.Settings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BookSettingsTest
{
    @Test
    void shouldSizeTheBooksFromTheirSettings()
    {
        final Properties properties = new Properties();
        properties.setProperty(Configuration.BOOK_MAX_ORDERS_PROP_NAME, "1k");
        properties.setProperty(Configuration.BOOK_MAX_LEVELS_PROP_NAME, "300");

        final OrderBooks books = new OrderBooks(BookSettings.context(Settings.of(properties, "test")));

        assertEquals(1024, books.maxOrders());
        assertEquals(300, books.maxLevels());
    }

    @Test
    void shouldNameTheKeyOfAnOutOfRangeCapacity()
    {
        final Properties properties = new Properties();
        properties.setProperty(Configuration.BOOK_MAX_LEVELS_PROP_NAME, "0");

        final ConfigurationException ex = assertThrows(
            ConfigurationException.class, () -> BookSettings.context(Settings.of(properties, "test")));
        assertEquals(Configuration.BOOK_MAX_LEVELS_PROP_NAME, ex.key());
    }

    @Test
    void shouldNameTheSettingToRaiseWhenTheBooksAreFull()
    {
        final Properties properties = new Properties();
        properties.setProperty(Configuration.BOOK_MAX_ORDERS_PROP_NAME, "1");
        final List<String> full = new ArrayList<>();
        final OrderBooks books = new OrderBooks(BookSettings.context(Settings.of(properties, "test"))
            .listener(new BookListener()
            {
                public void onCapacityExceeded(final String settingKey, final int capacity)
                {
                    full.add(settingKey + "=" + capacity);
                }
            }));

        assertEquals(OrderBooks.OK, books.addOrder(1, 1, OrderBooks.BUY, 100, 10_000, 0));
        assertEquals(OrderBooks.ORDERS_FULL, books.addOrder(1, 2, OrderBooks.BUY, 100, 10_000, 0));

        assertEquals(List.of(Configuration.BOOK_MAX_ORDERS_PROP_NAME + "=1"), full);
    }
}
