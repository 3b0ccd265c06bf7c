package org.feedhandler.sim;

import org.feedhandler.book.BookComparison;
import org.feedhandler.book.BookListener;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.pipeline.BookBuilder;
import org.feedhandler.pipeline.GlimpseSnapshotBuilder;
import org.feedhandler.protocol.itch.GlimpseDecoder;
import org.feedhandler.protocol.itch.GlimpseSnapshot;
import org.feedhandler.protocol.itch.ItchDecoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Books built from a generated stream, their snapshot, and fresh books to load a snapshot into, for the
 * GLIMPSE tests.
 */
final class GlimpseFixture
{
    static final int STOCKS = 40;
    static final long TIMESTAMP = 34_200_000_000_000L;

    final MarketGenerator generator;
    final OrderBooks source = new OrderBooks(new OrderBooks.Context().maxOrders(1 << 16).maxLevels(1 << 15));
    final long nextSequence;
    final GlimpseSnapshot snapshot = new GlimpseSnapshot();
    final GlimpseSnapshotBuilder builder = new GlimpseSnapshotBuilder();

    /** Loaded from a snapshot. */
    final OrderBooks loaded = new OrderBooks(new OrderBooks.Context().maxOrders(1 << 16).maxLevels(1 << 15));
    final BookBuilder loadedBuilder = new BookBuilder(loaded);
    final ItchDecoder itchDecoder = new ItchDecoder(loadedBuilder);
    long endOfSnapshot = -1;
    final GlimpseDecoder glimpseDecoder = new GlimpseDecoder(itchDecoder, sequence -> endOfSnapshot = sequence);

    GlimpseFixture(final long seed, final long messages)
    {
        generator = new MarketGenerator(seed, STOCKS, 5_000, MarketGenerator.Flow.CLUSTERED);
        generator.generate(messages, new ItchDecoder(new BookBuilder(source)));
        nextSequence = messages + 1;
        builder.build(source, this::symbol, (byte)'Q', TIMESTAMP, nextSequence, snapshot);
    }

    long symbol(final int locate)
    {
        return locate >= 1 && locate <= STOCKS ? generator.symbol(locate) : 0;
    }

    void resetLoaded()
    {
        loaded.clear();
        endOfSnapshot = -1;
    }

    /**
     * The loaded books hold the same levels and, within each level, the same orders in the same time
     * priority as the source; every stock's symbol came through; the End of Snapshot named the sequence.
     */
    void assertLoadedEqualsSource()
    {
        assertNull(BookComparison.firstDifference(source, loaded));
        assertEquals(nextSequence, endOfSnapshot, "End of Snapshot sequence");
        final long[] prices = new long[4096];
        final long[] shares = new long[4096];
        final long[] counts = new long[4096];
        final long[] expectedRefs = new long[4096];
        final long[] expectedShares = new long[4096];
        final long[] actualRefs = new long[4096];
        final long[] actualShares = new long[4096];
        int levelsChecked = 0;
        for (int locate = 1; locate <= STOCKS; locate++)
        {
            assertEquals(generator.symbol(locate), loadedBuilder.symbol(locate), "symbol of locate " + locate);
            for (final byte side : new byte[]{OrderBooks.BUY, OrderBooks.SELL})
            {
                final int levels = source.levels(locate, side, prices.length, prices, shares, counts);
                for (int level = 0; level < levels; level++)
                {
                    final int n = source.ordersAt(locate, side, prices[level], expectedRefs.length, expectedRefs,
                        expectedShares);
                    final int m = loaded.ordersAt(locate, side, prices[level], actualRefs.length, actualRefs,
                        actualShares);
                    assertEquals(n, m, "orders at " + locate + " " + (char)side + " " + prices[level]);
                    final String where = "queue at locate " + locate + " " + (char)side + " " + prices[level];
                    assertArrayEquals(java.util.Arrays.copyOf(expectedRefs, n), java.util.Arrays.copyOf(actualRefs, m),
                        where);
                    assertArrayEquals(java.util.Arrays.copyOf(expectedShares, n),
                        java.util.Arrays.copyOf(actualShares, m), where);
                    levelsChecked++;
                }
            }
        }
        if (0 == levelsChecked)
        {
            throw new AssertionError("no level to compare: the source books are empty");
        }
    }
}
