package org.feedhandler.e2e;

import io.aeron.Aeron;
import io.aeron.archive.client.AeronArchive;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.feedhandler.book.BookComparison;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.handler.OutputFeed;
import org.feedhandler.latency.MidnightClock;
import org.feedhandler.normalized.OutputPublisher;
import org.feedhandler.subscriber.MarketDataSubscriber;
import org.feedhandler.transport.Loopback;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The handler with its normalized output on (IPC, recorded by an Aeron Archive): the simulator sends
 * over UDP multicast on loopback, a subscriber that joined at the start and one that joins after the
 * run, from the recording, both rebuild the books of a clean replay; the receiver thread allocates
 * nothing in steady state with the output on.
 */
@Tag("integration")
@Timeout(120)
class OutputEndToEndTest
{
    private static final long SEED = 4343;
    private static final int RATE = 30_000;
    private static final long MESSAGES = 240_000;
    private static final long WARM_UP = 150_000;
    private static final long STEADY_END = 230_000;

    @TempDir
    Path dir;

    private final MidnightClock clock = new MidnightClock();
    private final InetSocketAddress group = Loopback.group();

    @Test
    void shouldRebuildTheReplaysBooksInAnEarlyAndALateSubscriberWithoutAllocatingOnTheReceiverThread() throws Exception
    {
        final Properties props = E2e.udp(dir, group, null);
        props.setProperty("feed.udp.rcvbuf", "4m");
        props.setProperty("feed.output.enabled", "true");
        props.setProperty("feed.output.archive.dir", dir.resolve("archive").toString());

        final E2e.ReceiverAllocation allocation;
        final OrderBooks replay = E2e.replay(SEED, MESSAGES);
        try (E2e.Handler handler = new E2e.Handler(props, clock, "output");
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(handler.handler.outputAeronDirectory()));
            MarketDataSubscriber early = new MarketDataSubscriber(new MarketDataSubscriber.Context()
                .aeron(aeron).books(books())))
        {
            final OutputFeed output = handler.handler.outputFeed();
            final AtomicBoolean running = new AtomicBoolean(true);
            final Thread poller = new Thread(() ->
            {
                final BackoffIdleStrategy idle = new BackoffIdleStrategy();
                while (running.get())
                {
                    idle.idle(early.poll(100));
                }
            }, "test-subscriber");
            poller.start();
            try (E2e.Sender sender = new E2e.Sender(E2e.publisher(E2e.udpChannel(group, null), clock, SEED)
                .rate(RATE).messages(MESSAGES)))
            {
                allocation = E2e.ReceiverAllocation.measure(handler, WARM_UP, STEADY_END);
                handler.awaitDelivered(MESSAGES, 20_000);
            }
            final OutputPublisher publisher = output.publisher();
            E2e.awaitTrue(() -> early.messages() >= publisher.messages(), 20_000,
                () -> "early subscriber has " + early.messages() + " of " + publisher.messages());
            running.set(false);
            poller.join();

            assertEquals(0, publisher.droppedMessages(), () -> "output dropped: back-pressured " +
                publisher.backPressured() + ", not connected " + publisher.notConnected() + ", closed " +
                publisher.closed() + ", events " + publisher.events() + ", early gaps " + early.gaps() +
                " first " + early.firstSequence());
            assertEquals(0, early.gaps());
            assertNull(BookComparison.firstDifference(replay, early.books()), "early subscriber");

            try (AeronArchive archive = AeronArchive.connect(
                    OutputFeed.archiveClientContext(handler.handler.outputAeronDirectory()).aeron(aeron));
                MarketDataSubscriber late = new MarketDataSubscriber(new MarketDataSubscriber.Context()
                    .aeron(aeron).archive(archive).books(books())))
            {
                assertEquals(MarketDataSubscriber.Join.REPLAY, late.join());
                final BackoffIdleStrategy idle = new BackoffIdleStrategy();
                final long deadline = System.nanoTime() + 30_000_000_000L;
                while (late.messages() < publisher.messages() && System.nanoTime() < deadline)
                {
                    idle.idle(late.poll(1_000));
                }
                assertEquals(publisher.messages(), late.messages());
                assertEquals(1, late.firstSequence());
                assertEquals(0, late.gaps());
                assertNull(BookComparison.firstDifference(replay, late.books()), "late subscriber");
            }
        }
        allocation.assertSteadyStateAllocationFree();
        assertTrue(allocation.warmUp() >= 0);
    }

    private static OrderBooks.Context books()
    {
        return new OrderBooks.Context().maxOrders(262144).maxLevels(65536);
    }
}
