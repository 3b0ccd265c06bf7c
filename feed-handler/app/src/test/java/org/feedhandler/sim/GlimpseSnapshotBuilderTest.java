package org.feedhandler.sim;

import org.feedhandler.book.OrderBooks;
import org.feedhandler.pipeline.GlimpseSnapshotBuilder;
import org.feedhandler.protocol.itch.GlimpseSnapshot;
import org.feedhandler.protocol.itch.ItchDecoder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GlimpseSnapshotBuilderTest
{
    @Test
    void shouldRebuildBooksEqualToTheSourceWithTimePriorityPreservedThroughTheItchDecoder()
    {
        final GlimpseFixture fixture = new GlimpseFixture(7, 200_000);
        assertTrue(fixture.source.restingOrders() > 1_000, "orders rest: " + fixture.source.restingOrders());
        assertMultiOrderLevels(fixture.source);

        fixture.snapshot.forEach(fixture.glimpseDecoder);

        fixture.assertLoadedEqualsSource();
        assertEquals(0, fixture.itchDecoder.malformed() + fixture.itchDecoder.unknown(), "rejected messages");
        assertEquals(1, fixture.glimpseDecoder.endOfSnapshots());
        assertEquals(fixture.source.restingOrders(), fixture.builder.orders(), "one Add Order per resting order");
        assertEquals(GlimpseFixture.STOCKS, fixture.builder.stocks());
        // System Event, R H Y per stock, the adds, End of Snapshot
        assertEquals(1 + 3 * GlimpseFixture.STOCKS + fixture.builder.orders() + 1, fixture.snapshot.messageCount());
        assertEquals(GlimpseFixture.STOCKS, fixture.itchDecoder.count((byte)'R'));
        assertEquals(GlimpseFixture.STOCKS, fixture.itchDecoder.count((byte)'H'));
        assertEquals(GlimpseFixture.STOCKS, fixture.itchDecoder.count((byte)'Y'));
        assertEquals(fixture.nextSequence, fixture.snapshot.itchSequenceNumber());
    }

    @Test
    void shouldEndAnEmptyBooksSnapshotWithTheSequenceAndNoOrders()
    {
        final GlimpseSnapshot snapshot = new GlimpseSnapshot();
        final GlimpseSnapshotBuilder builder = new GlimpseSnapshotBuilder();
        builder.build(new OrderBooks(new OrderBooks.Context().maxOrders(16).maxLevels(16)), locate -> 0, (byte)'O', 0, 1,
            snapshot);

        final long[] end = {-1};
        snapshot.forEach(new org.feedhandler.protocol.itch.GlimpseDecoder(
            new ItchDecoder(new org.feedhandler.protocol.itch.ItchListener()
            {
            }), sequence -> end[0] = sequence));
        assertEquals(2, snapshot.messageCount(), "System Event and End of Snapshot");
        assertEquals(1, end[0]);
        assertEquals(0, builder.orders());
    }

    private static void assertMultiOrderLevels(final OrderBooks books)
    {
        final long[] prices = new long[1024];
        final long[] shares = new long[1024];
        final long[] counts = new long[1024];
        for (int locate = 1; locate <= GlimpseFixture.STOCKS; locate++)
        {
            final int levels = books.levels(locate, OrderBooks.BUY, prices.length, prices, shares, counts);
            for (int i = 0; i < levels; i++)
            {
                if (counts[i] > 2)
                {
                    return;
                }
            }
        }
        throw new AssertionError("no level holds several orders: time priority would go untested");
    }
}
