package org.feedhandler.e2e;

import io.aeron.Aeron;
import io.aeron.archive.client.AeronArchive;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.feedhandler.api.MarketDataListener;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The handler with its normalized output on (IPC, recorded by an Aeron Archive): the simulator sends
 * over UDP multicast on loopback, a subscriber that joined at the start and one that joins mid-run from
 * the recording both rebuild the books of a clean replay; every event the early subscriber sees carries
 * a receive time (the input packet's arrival) at or before its publish time, both on the UNIX epoch and
 * close to the wall clock; the receiver thread allocates nothing in steady state with the output on,
 * while the late subscriber is replayed, and drops nothing.
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
        final EventTimes times = new EventTimes();
        try (E2e.Handler handler = new E2e.Handler(props, clock, "output");
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(handler.handler.outputAeronDirectory()));
            AeronArchive archive = AeronArchive.connect(
                OutputFeed.archiveClientContext(handler.handler.outputAeronDirectory()).aeron(aeron));
            Poller early = new Poller(times.subscriber = new MarketDataSubscriber(new MarketDataSubscriber.Context()
                .aeron(aeron).books(books()).listener(times))))
        {
            final OutputPublisher publisher = handler.handler.outputFeed().publisher();
            final Poller late;
            try (E2e.Sender sender = new E2e.Sender(E2e.publisher(E2e.udpChannel(group, null), clock, SEED)
                .rate(RATE).messages(MESSAGES)))
            {
                handler.awaitDelivered(WARM_UP / 2, 20_000);
                // the late subscriber joins from the recording while the run goes on, and is replayed
                // during the measured windows: what a late join costs the receiver thread
                late = new Poller(new MarketDataSubscriber(new MarketDataSubscriber.Context()
                    .aeron(aeron).archive(archive).books(books())));
                allocation = E2e.ReceiverAllocation.measure(handler, WARM_UP, STEADY_END);
                handler.awaitDelivered(MESSAGES, 20_000);
            }
            try (Poller lateSubscriber = late)
            {
                final MarketDataSubscriber e = early.await(publisher.messages());
                final MarketDataSubscriber l = lateSubscriber.await(publisher.messages());

                assertEquals(0, publisher.droppedMessages(), () -> "output dropped: back-pressured " +
                    publisher.backPressured() + ", not connected " + publisher.notConnected() + ", closed " +
                    publisher.closed());
                // the output mirrors the handler's books, whatever the input lost
                final OrderBooks live = handler.handler.pipeline().books();
                assertEquals(0, e.gaps());
                assertNull(BookComparison.firstDifference(live, e.books()), "early subscriber");
                assertEquals(List.of(), times.wrong, () -> times.wrong.size() + " of " + times.events + " events");
                assertEquals(publisher.events(), times.events, "events ended");
                assertEquals(times.events, times.begun, "events begun");
                assertEquals(MarketDataSubscriber.Join.REPLAY, l.join());
                assertEquals(1, l.firstSequence());
                assertEquals(0, l.gaps());
                assertNull(BookComparison.firstDifference(live, l.books()), "late subscriber");
                // and, when the handler recovered every gap (a starved loaded host may not), a clean replay's
                final long unrecovered = handler.handler.pipeline().sequencer().counters().unrecoveredMessages();
                if (0 == unrecovered)
                {
                    assertNull(BookComparison.firstDifference(replay, live), "handler");
                }
                else
                {
                    System.out.println("output e2e: the handler could not recover " + unrecovered +
                        " messages (host overloaded), so its books are compared with the subscribers' only");
                }
            }
        }
        allocation.assertSteadyStateAllocationFree();
    }

    /**
     * Checks every event's first and last message as the subscriber delivers them: receive and publish
     * times non-zero, receive at or before publish, the event begun with its first message's receive time,
     * and both times near the wall clock read here: not after it (the handler's calibration is good to well
     * under a millisecond), nor more than a loaded host's delivery delay before it.
     */
    private static final class EventTimes implements MarketDataListener
    {
        private static final long AHEAD_NS = 50_000_000L;
        private static final long BEHIND_NS = 10_000_000_000L;
        final List<String> wrong = new ArrayList<>();
        MarketDataSubscriber subscriber;
        long begun;
        long events;
        private long beginTime;

        public void onBeginEvent(final long receiveTimestamp)
        {
            begun++;
            beginTime = receiveTimestamp;
            check("first", subscriber.receiveTimestamp() != receiveTimestamp);
        }

        public void onEndOfEvent()
        {
            events++;
            // a gap notice written between packets leads the next event with the earlier receive time
            check("last", subscriber.receiveTimestamp() < beginTime);
        }

        private void check(final String which, final boolean notTheEvents)
        {
            final long receive = subscriber.receiveTimestamp();
            final long publish = subscriber.publishTimestamp();
            final long now = System.currentTimeMillis() * 1_000_000L;
            if (wrong.size() < 10 && (notTheEvents || 0 == receive || receive > publish ||
                publish > now + AHEAD_NS || receive < now - BEHIND_NS))
            {
                wrong.add(which + " message " + subscriber.sequence() + ": begun with " + beginTime + ", receive " +
                    receive + ", publish " + publish + ", wall clock " + now);
            }
        }
    }

    /** Polls a subscriber on a thread of its own (backing off when idle) until closed. */
    private static final class Poller implements AutoCloseable
    {
        private final MarketDataSubscriber subscriber;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Poller(final MarketDataSubscriber subscriber)
        {
            this.subscriber = subscriber;
            thread = new Thread(() ->
            {
                final BackoffIdleStrategy idle = new BackoffIdleStrategy();
                while (running.get())
                {
                    idle.idle(subscriber.poll(100));
                }
            }, "test-subscriber");
            thread.start();
        }

        /** Wait until it has delivered {@code messages}, then stop polling and hand it over. */
        MarketDataSubscriber await(final long messages) throws InterruptedException
        {
            E2e.awaitTrue(() -> subscriber.messages() >= messages, 30_000,
                () -> "subscriber has " + subscriber.messages() + " of " + messages);
            stop();
            return subscriber;
        }

        private void stop() throws InterruptedException
        {
            running.set(false);
            thread.join();
        }

        public void close() throws InterruptedException
        {
            stop();
            subscriber.close();
        }
    }

    private static OrderBooks.Context books()
    {
        return new OrderBooks.Context().maxOrders(262144).maxLevels(65536);
    }
}
