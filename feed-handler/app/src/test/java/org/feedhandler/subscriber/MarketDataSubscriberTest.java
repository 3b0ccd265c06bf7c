package org.feedhandler.subscriber;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.archive.client.AeronArchive;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.feedhandler.Allocations;
import org.feedhandler.book.BookComparison;
import org.feedhandler.handler.OutputFeed;
import org.feedhandler.normalized.OutputPublisher;
import org.feedhandler.transport.AeronTransport;
import org.feedhandler.transport.Loopback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publisher to subscriber over a real embedded media driver: the subscriber's books equal the
 * reference books, over IPC and UDP loopback, for a subscriber joining late from the archive's
 * recording too; back-pressure drops and counts without blocking; publishing allocates nothing.
 */
@Tag("integration")
@Timeout(180)
class MarketDataSubscriberTest
{
    private static AeronTransport transport;
    private static int nextStream = 3001;
    private final BackoffIdleStrategy idle = new BackoffIdleStrategy();

    @BeforeAll
    static void launchDriver()
    {
        transport = AeronTransport.launchEmbedded();
    }

    @AfterAll
    static void closeDriver()
    {
        transport.close();
    }

    private static Aeron aeron()
    {
        return transport.aeron();
    }

    @Test
    void shouldReproduceTheBooksOverIpc()
    {
        reproduceBooks("aeron:ipc");
    }

    @Test
    void shouldReproduceTheBooksOverUdpLoopback()
    {
        reproduceBooks("aeron:udp?endpoint=127.0.0.1:" + Loopback.unusedPort().getPort());
    }

    private void reproduceBooks(final String channel)
    {
        final int stream = nextStream++;
        try (ExclusivePublication publication = aeron().addExclusivePublication(channel, stream);
            OutputPublisher publisher = new OutputPublisher(
                publication, new OffsetEpochNanoClock(), OutputPublisher.DEFAULT_BUFFER_LENGTH, null, false);
            MarketDataSubscriber subscriber = new MarketDataSubscriber(new MarketDataSubscriber.Context()
                .aeron(aeron()).channel(channel).streamId(stream).books(GeneratedFeed.booksContext())))
        {
            awaitConnected(publication);
            final GeneratedFeed feed = new GeneratedFeed(7, publisher);
            publishAndPoll(feed, 20_000, publication, publisher, subscriber);

            assertEquals(0, publisher.droppedMessages(), "dropped");
            assertEquals(publisher.nextSequence() - 1, publisher.messages());
            assertEquals(0, subscriber.gaps());
            assertEquals(1, subscriber.firstSequence());
            assertFalse(subscriber.joinedFromRecording());
            assertNull(BookComparison.firstDifference(feed.reference(), subscriber.books()));
        }
    }

    @Test
    void shouldEmptyItsBooksWhenTheHandlersBooksStartOverAtASnapshotOrANewSession()
    {
        final int stream = nextStream++;
        try (ExclusivePublication publication = aeron().addExclusivePublication("aeron:ipc", stream);
            OutputPublisher publisher = new OutputPublisher(
                publication, new OffsetEpochNanoClock(), OutputPublisher.DEFAULT_BUFFER_LENGTH, null, false);
            MarketDataSubscriber subscriber = new MarketDataSubscriber(new MarketDataSubscriber.Context()
                .aeron(aeron()).channel("aeron:ipc").streamId(stream).books(GeneratedFeed.booksContext())))
        {
            awaitConnected(publication);
            final GeneratedFeed before = new GeneratedFeed(17, publisher);
            publishAndPoll(before, 5_000, publication, publisher, subscriber);
            assertTrue(subscriber.books().restingOrders() > 100, "resting " + subscriber.books().restingOrders());

            // the handler's books start over (as FeedPipeline tells a followed session change), and a
            // stream of other orders builds them again
            publisher.onSnapshotBegin(0);
            publisher.onSnapshotEnd(0);
            publisher.onEndOfEvent();
            final GeneratedFeed after = new GeneratedFeed(19, publisher);
            publishAndPoll(after, 5_000, publication, publisher, subscriber);

            assertEquals(0, publisher.droppedMessages(), "dropped");
            assertEquals(0, subscriber.gaps());
            assertNull(BookComparison.firstDifference(after.reference(), subscriber.books()));
        }
    }

    @Test
    void shouldConvergeOnTheSameBooksWhenJoiningLateFromTheRecording(@TempDir final Path archiveDir)
    {
        final int stream = nextStream++;
        try (OutputFeed output = OutputFeed.start(aeron(), "aeron:ipc", stream, archiveDir, 0,
                new OutputPublisher(new OffsetEpochNanoClock(), OutputPublisher.DEFAULT_BUFFER_LENGTH), null);
            AeronArchive archive = AeronArchive.connect(
                OutputFeed.archiveClientContext(transport.aeronDirectoryName()).aeron(aeron()));
            MarketDataSubscriber early = new MarketDataSubscriber(new MarketDataSubscriber.Context()
                .aeron(aeron()).channel("aeron:ipc").streamId(stream).books(GeneratedFeed.booksContext())))
        {
            final OutputPublisher publisher = output.publisher();
            awaitConnected(output.publication());
            final GeneratedFeed feed = new GeneratedFeed(11, publisher);
            for (int i = 0; i < 10_000; i++)
            {
                paceTo(output.publication(), early);
                feed.event();
                early.poll(100);
            }

            try (MarketDataSubscriber late = new MarketDataSubscriber(new MarketDataSubscriber.Context()
                .aeron(aeron()).archive(archive).channel("aeron:ipc").streamId(stream)
                .books(GeneratedFeed.booksContext())))
            {
                assertEquals(MarketDataSubscriber.Join.REPLAY, late.join());
                for (int i = 0; i < 10_000; i++)
                {
                    paceTo(output.publication(), early, late);
                    feed.event();
                    early.poll(100);
                    late.poll(100);
                }
                drain(early, publisher.messages());
                drain(late, publisher.messages());

                assertEquals(0, publisher.droppedMessages(), "dropped");
                assertEquals(1, late.firstSequence());
                assertEquals(0, late.gaps());
                assertEquals(0, early.gaps());
                assertNull(BookComparison.firstDifference(feed.reference(), early.books()));
                assertNull(BookComparison.firstDifference(feed.reference(), late.books()));
            }
        }
    }

    @Test
    void shouldJoinLateWithReplayMergeOverUdpMdc(@TempDir final Path archiveDir)
    {
        final int stream = nextStream++;
        final String channel = "aeron:udp?control=127.0.0.1:" + Loopback.unusedPort().getPort() +
            "|control-mode=dynamic";
        try (OutputFeed output = OutputFeed.start(aeron(), channel, stream, archiveDir, 0,
                new OutputPublisher(new OffsetEpochNanoClock(), OutputPublisher.DEFAULT_BUFFER_LENGTH), null);
            AeronArchive archive = AeronArchive.connect(
                OutputFeed.archiveClientContext(transport.aeronDirectoryName()).aeron(aeron())))
        {
            final OutputPublisher publisher = output.publisher();
            awaitConnected(output.publication());
            final GeneratedFeed feed = new GeneratedFeed(13, publisher);
            for (int i = 0; i < 5_000; i++)
            {
                paceTo(output.publication()); // the recording is the only receiver
                feed.event();
            }

            try (MarketDataSubscriber late = new MarketDataSubscriber(new MarketDataSubscriber.Context()
                .aeron(aeron()).archive(archive).channel(channel).streamId(stream)
                .books(GeneratedFeed.booksContext())))
            {
                assertEquals(MarketDataSubscriber.Join.REPLAY_MERGE, late.join());
                for (int i = 0; i < 5_000; i++)
                {
                    paceTo(output.publication(), late);
                    feed.event();
                    late.poll(100);
                }
                drain(late, publisher.messages());
                while (!late.isLive())
                {
                    paceTo(output.publication(), late);
                    feed.event(); // ReplayMerge merges once the replay has caught up with live traffic
                    idle.idle(late.poll(100));
                }
                drain(late, publisher.messages());

                assertEquals(0, publisher.droppedMessages(), "dropped");
                assertEquals(1, late.firstSequence());
                assertEquals(0, late.gaps());
                assertNull(BookComparison.firstDifference(feed.reference(), late.books()));
            }
        }
    }

    @Test
    void shouldDropAndCountWithoutBlockingWhenBackPressured()
    {
        final int stream = nextStream++;
        final String channel = "aeron:ipc?term-length=64k";
        try (ExclusivePublication publication = aeron().addExclusivePublication(channel, stream);
            OutputPublisher publisher = new OutputPublisher(
                publication, new OffsetEpochNanoClock(), OutputPublisher.DEFAULT_BUFFER_LENGTH, null, false);
            MarketDataSubscriber subscriber = new MarketDataSubscriber(new MarketDataSubscriber.Context()
                .aeron(aeron()).channel(channel).streamId(stream).books(GeneratedFeed.booksContext())))
        {
            awaitConnected(publication);
            final GeneratedFeed feed = new GeneratedFeed(5, publisher);
            // the subscriber does not poll: the publication fills its window and pushes back
            feed.events(5_000);

            assertTrue(publisher.backPressured() > 0, "back-pressured events");
            assertEquals(publisher.backPressured(), publisher.droppedEvents());
            assertEquals(publisher.nextSequence() - 1, publisher.messages() + publisher.droppedMessages());

            drain(subscriber, publisher.messages());
            final long accepted = publisher.messages();
            while (publisher.messages() == accepted)
            {
                feed.event(); // until the driver has moved the publication's limit on
                idle.idle();
            }
            drain(subscriber, publisher.messages());
            assertTrue(subscriber.gaps() > 0, "the subscriber sees the dropped events as gaps");
            assertEquals(publisher.droppedMessages(), subscriber.lostMessages());
            assertTrue(subscriber.books().isStale(1), "its books are stale");
        }
    }

    @Test
    void shouldPublishWithoutAllocating()
    {
        final int stream = nextStream++;
        // a window (half the term) of many passes: the driver moves the publication's limit on when it
        // gets the CPU, which on a loaded machine can be several passes later
        final String channel = "aeron:ipc?term-length=64m";
        try (ExclusivePublication publication = aeron().addExclusivePublication(channel, stream);
            OutputPublisher publisher = new OutputPublisher(
                publication, new OffsetEpochNanoClock(), OutputPublisher.DEFAULT_BUFFER_LENGTH, null, false);
            MarketDataSubscriber subscriber = new MarketDataSubscriber(new MarketDataSubscriber.Context()
                .aeron(aeron()).channel(channel).streamId(stream).books(GeneratedFeed.booksContext())))
        {
            awaitConnected(publication);
            final GeneratedFeed feed = new GeneratedFeed(3, publisher);
            for (int i = 0; i < 20; i++)
            {
                feed.events(1_000);
                drain(subscriber, publisher.messages());
            }
            final String passes = Allocations.assertAllocationFreeInSteadyState(
                "publishing 1,000 events", 1_000, 20, () -> drain(subscriber, publisher.messages()),
                () -> feed.events(1_000), () -> drain(subscriber, publisher.messages()));
            assertEquals(0, publisher.droppedMessages(), passes);
        }
    }

    /**
     * The input's pace: wait (with the driver's help) until the publication can take another event, as a
     * feed arriving at a fixed rate would. Under load the shared driver thread can lag far behind a
     * publisher in a tight loop; this test is about the books, the back-pressure test about drops.
     */
    /** {@code events} events of {@code feed}, each paced to the subscriber's window, which polls after each. */
    private void publishAndPoll(
        final GeneratedFeed feed,
        final int events,
        final ExclusivePublication publication,
        final OutputPublisher publisher,
        final MarketDataSubscriber subscriber)
    {
        for (int i = 0; i < events; i++)
        {
            paceTo(publication, subscriber);
            feed.event();
            subscriber.poll(100);
        }
        drain(subscriber, publisher.messages());
    }

    private void paceTo(final ExclusivePublication publication, final MarketDataSubscriber... subscribers)
    {
        while (publication.availableWindow() < 64 * 1024)
        {
            int work = 0;
            for (final MarketDataSubscriber subscriber : subscribers)
            {
                work += subscriber.poll(100);
            }
            idle.idle(work);
        }
        idle.reset();
    }

    private void awaitConnected(final ExclusivePublication publication)
    {
        // and the limit raised for the subscriber: until then a claim is refused as back-pressure
        while (!publication.isConnected() || publication.availableWindow() <= 0)
        {
            idle.idle();
        }
        idle.reset();
    }

    private void drain(final MarketDataSubscriber subscriber, final long messages)
    {
        while (subscriber.messages() < messages)
        {
            idle.idle(subscriber.poll(1_000));
        }
        idle.reset();
    }
}
