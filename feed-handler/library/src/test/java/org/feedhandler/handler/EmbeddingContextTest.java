package org.feedhandler.handler;

import org.feedhandler.api.BookView;
import org.feedhandler.api.MarketDataListener;
import org.feedhandler.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The embedding side of {@link FeedHandler.Context}: the book view can be handed out before the books
 * exist and answers once the context is concluded; a listener set after that is refused, since the books
 * were built without it.
 */
class EmbeddingContextTest
{
    @TempDir
    Path dir;

    @Test
    void shouldBindTheBookViewAtConclusionAndRefuseALateListener()
    {
        final Properties props = new Properties();
        props.setProperty("feed.book.max.orders", "1024");
        props.setProperty("feed.book.max.levels", "256");
        props.setProperty("feed.counters.file", dir.resolve("counters.dat").toString());
        props.setProperty("feed.results.dir", dir.resolve("results").toString());
        final FeedHandler.Context ctx = new FeedHandler.Context().settings(Settings.of(props, "test"));
        final BookView view = ctx.bookView();
        ctx.listener(new MarketDataListener()
        {
        });

        ctx.conclude();

        assertSame(view, ctx.bookView());
        assertEquals(MarketDataListener.NULL_PRICE, view.bestBidPrice(1), "an empty side");
        assertEquals(0, view.bestAskShares(1));
        assertEquals(MarketDataListener.NULL_PRICE, view.orderPrice(42), "an unknown order");
        assertEquals(-1, view.orderShares(42));
        assertFalse(view.isStale(65_535));
        assertThrows(IllegalArgumentException.class, () -> view.bestBidPrice(65_536));
        assertThrows(IllegalArgumentException.class, () -> view.levelCount(1, (byte)'X'));
        final IllegalStateException late = assertThrows(IllegalStateException.class, () -> ctx.listener(null));
        assertEquals("FeedHandler.Context: set the listener before conclude()", late.getMessage());
    }
}
