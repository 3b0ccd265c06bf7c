package org.feedhandler.config;

import org.feedhandler.book.OrderBooks;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeapBudgetTest
{
    private static final long MIB = 1024 * 1024;

    @Test
    void shouldEstimateWhatTheBooksAllocate()
    {
        // the books' own account of their arrays, kept with them: the two must agree
        final int[][] capacities = {{1, 1}, {1024, 1024}, {8 * 1024 * 1024, 2 * 1024 * 1024}, {1_000_000, 3}};
        for (final int[] c : capacities)
        {
            assertEquals(OrderBooks.footprintBytes(c[0], c[1]), HeapBudget.booksBytes(c[0], c[1]),
                c[0] + " orders, " + c[1] + " levels");
        }
        final long defaults = HeapBudget.booksBytes(
            Configuration.BOOK_MAX_ORDERS_DEFAULT, Configuration.BOOK_MAX_LEVELS_DEFAULT);
        assertTrue(defaults > 570 * MIB && defaults < 590 * MIB, defaults / MIB + " MiB");
    }

    @Test
    void shouldRefuseBooksThatDoNotFitTheHeapNamingTheKeyAndTheBytes()
    {
        final Properties p = new Properties();
        p.setProperty(Configuration.BOOK_MAX_ORDERS_PROP_NAME, "8388608");
        p.setProperty(Configuration.BOOK_MAX_LEVELS_PROP_NAME, "2097152");
        final Settings settings = Settings.of(p, "test.properties");
        final ConfigurationException ex = assertThrows(ConfigurationException.class,
            () -> HeapBudget.requireBooksFit(settings, 512 * MIB));
        assertEquals(Configuration.BOOK_MAX_ORDERS_PROP_NAME, ex.key());
        assertTrue(ex.getMessage().contains("need about 581 MiB of heap, 645 MiB with the rest") &&
            ex.getMessage().contains("-Xmx646m") && ex.getMessage().contains("test.properties"), ex.getMessage());
        assertDoesNotThrow(() -> HeapBudget.requireBooksFit(settings, 646 * MIB));
    }
}
