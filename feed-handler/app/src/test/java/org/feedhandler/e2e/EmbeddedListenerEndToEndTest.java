package org.feedhandler.e2e;

import org.feedhandler.book.BookComparison;
import org.feedhandler.handler.FeedHandler;
import org.feedhandler.latency.MidnightClock;
import org.feedhandler.pipeline.FeedPipeline;
import org.feedhandler.sim.PublisherResult;
import org.feedhandler.transport.Loopback;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A listener embedded in the running handler ({@link FeedHandler.Context#listener}), over UDP multicast on
 * loopback from the in-process simulator: the books it rebuilds from the order events on the receiver
 * thread are the handler's, which are a replay's; the top of book it was told matches the books at every
 * end of event; and the receiver thread, listener included, allocates nothing in steady state.
 */
@Tag("integration")
@Timeout(120)
class EmbeddedListenerEndToEndTest
{
    private static final long SEED = 4343;
    private static final int RATE = 40_000;
    private static final long MESSAGES = 240_000;
    private static final long WARM_UP = 120_000;
    private static final long STEADY_END = 230_000;

    @TempDir
    Path dir;

    private final MidnightClock clock = new MidnightClock();
    private final InetSocketAddress group = Loopback.group();

    @Test
    void shouldRebuildTheHandlersBooksFromTheEventsOnTheReceiverThreadWithoutAllocating() throws Exception
    {
        final Properties props = E2e.udp(dir, group, null);
        props.setProperty("feed.udp.rcvbuf", "4m");
        final FeedHandler.Context ctx = new FeedHandler.Context();
        final BookRebuildingListener listener = new BookRebuildingListener(ctx.bookView(), 262144, 65536);
        ctx.listener(listener);
        final E2e.Handler handler = new E2e.Handler(ctx, props, clock, "embedded");
        final E2e.ReceiverAllocation allocation;
        final PublisherResult result;
        try
        {
            try (E2e.Sender sender = new E2e.Sender(
                E2e.publisher(E2e.udpChannel(group, null), clock, SEED).rate(RATE).messages(MESSAGES)))
            {
                allocation = E2e.ReceiverAllocation.measure(handler, WARM_UP, STEADY_END);
                result = sender.result();
                handler.awaitDelivered(MESSAGES, 20_000);
            }
        }
        finally
        {
            handler.close();
        }

        System.out.println(getClass().getSimpleName() + ": " + allocation + ", events " + listener.events +
            ", order events " + listener.orderEvents + ", trades " + listener.trades);
        final FeedPipeline pipeline = handler.pipeline();
        assertEquals(MESSAGES, result.sent());
        assertFalse(handler.console().contains("ERROR"), handler.console());
        assertEquals(MESSAGES, pipeline.sequencer().counters().messagesDelivered(), handler.console());
        assertEquals(0, pipeline.sequencer().counters().gaps());
        assertEquals(E2e.STOCKS, listener.instruments);
        assertTrue(listener.events > 0 && listener.events <= pipeline.packets(), "events " + listener.events);
        assertTrue(listener.orderEvents > MESSAGES / 2, "order events " + listener.orderEvents);
        assertEquals(0, listener.rejectedByRebuilt, "every order event applies to the rebuilt books");
        assertEquals(0, listener.topOfBookMismatches, "the top of book told matches the books at the end of event");
        assertTrue(listener.levelShares > 0);
        assertNull(BookComparison.firstDifference(pipeline.books(), listener.rebuilt), "rebuilt from the events");
        assertNull(BookComparison.firstDifference(E2e.replay(SEED, MESSAGES), pipeline.books()), "a replay's");
        allocation.assertSteadyStateAllocationFree();
    }
}
