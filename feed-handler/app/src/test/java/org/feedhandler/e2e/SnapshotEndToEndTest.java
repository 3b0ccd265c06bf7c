package org.feedhandler.e2e;

import org.feedhandler.book.BookComparison;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.handler.FeedHandler;
import org.feedhandler.latency.MidnightClock;
import org.feedhandler.pipeline.BookBuilder;
import org.feedhandler.pipeline.GlimpseSnapshotBuilder;
import org.feedhandler.pipeline.SnapshotRecovery;
import org.feedhandler.protocol.itch.EndOfSnapshot;
import org.feedhandler.protocol.itch.GlimpseSnapshot;
import org.feedhandler.protocol.itch.ItchDecoder;
import org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer;
import org.feedhandler.sim.FaultInjector;
import org.feedhandler.sim.GlimpseServer;
import org.feedhandler.sim.MarketGenerator;
import org.feedhandler.sim.MessageHistory;
import org.feedhandler.sim.Publisher;
import org.feedhandler.sim.PublisherContext;
import org.feedhandler.transport.Loopback;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GLIMPSE snapshot recovery end to end: the in-process publisher sends a generated stream over loopback
 * multicast with a short request-server history, an in-process {@link GlimpseServer} serves snapshots of
 * books fed the same stream up to what the publisher has sent (built with {@link GlimpseSnapshotBuilder}),
 * and the handler, started late or cut off beyond the history, must end with books equal to a replay of
 * the whole stream; the failures must be counted and said, never crash it.
 */
@Tag("integration")
@Timeout(120)
class SnapshotEndToEndTest
{
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final int RATE = 20_000;
    private static final int HISTORY = 1_000;
    private static final String USERNAME = "fh";
    private static final String PASSWORD = "secret";

    @TempDir
    Path dir;

    private final MidnightClock clock = new MidnightClock();

    /**
     * Snapshots of the generated stream up to the last message the publisher has sent (its history's
     * highest): the books a real GLIMPSE server would hold at the login. The first {@code withoutEnd}
     * logins get a snapshot whose End of Snapshot is missing.
     */
    static final class StreamSnapshots implements GlimpseServer.SnapshotSource
    {
        private final long seed;
        private final MessageHistory history;
        private final AtomicInteger withoutEnd;
        final AtomicLong lastSequence = new AtomicLong();
        final AtomicLong lastMessages = new AtomicLong();

        StreamSnapshots(final long seed, final MessageHistory history, final int withoutEnd)
        {
            this.seed = seed;
            this.history = history;
            this.withoutEnd = new AtomicInteger(withoutEnd);
        }

        public GlimpseSnapshot snapshot()
        {
            final long upTo = history.highest();
            final OrderBooks books = new OrderBooks(new OrderBooks.Context().maxOrders(1 << 17).maxLevels(1 << 15));
            final BookBuilder builder = new BookBuilder(books);
            new MarketGenerator(seed, E2e.STOCKS, E2e.MAX_LIVE_ORDERS).generate(upTo, new ItchDecoder(builder));
            final GlimpseSnapshot full = new GlimpseSnapshotBuilder().build(
                books, builder::symbol, (byte)'Q', 34_200_000_000_000L, upTo + 1, new GlimpseSnapshot());
            lastSequence.set(upTo + 1);
            lastMessages.set(full.messageCount());
            if (withoutEnd.getAndDecrement() <= 0)
            {
                return full;
            }
            final GlimpseSnapshot cut = new GlimpseSnapshot();
            full.forEach((buffer, offset, length, sequence) ->
            {
                if (EndOfSnapshot.MESSAGE_TYPE != buffer.getByte(offset))
                {
                    cut.append(buffer, offset, length);
                }
            });
            return cut;
        }
    }

    private Properties props(
        final InetSocketAddress group, final Publisher publisher, final GlimpseServer server, final String on)
    {
        final Properties props = E2e.udp(dir, group, null);
        props.setProperty("feed.udp.rcvbuf", "4m");
        props.setProperty("feed.gap.wait.us", "500");
        props.setProperty("feed.recovery.timeout.ms", "20");
        props.setProperty("feed.recovery.max.attempts", "2");
        props.setProperty("feed.recovery.server", E2e.endpoint(publisher.retransmissionServer().localAddress()));
        props.setProperty("feed.snapshot.server", "127.0.0.1:" + server.port());
        props.setProperty("feed.snapshot.on", on);
        props.setProperty("feed.snapshot.username", USERNAME);
        props.setProperty("feed.snapshot.password", PASSWORD);
        props.setProperty("feed.snapshot.buffer.bytes", "8m");
        return props;
    }

    private static PublisherContext publisher(final InetSocketAddress group, final MidnightClock clock, final long seed,
        final long messages)
    {
        return E2e.publisher(E2e.udpChannel(group, null), clock, seed).rate(RATE).messages(messages)
            .retransmitAddress(ANY_PORT).historyMessages(HISTORY);
    }

    private static GlimpseServer.Context server(final StreamSnapshots snapshots)
    {
        return new GlimpseServer.Context().port(0).username(USERNAME).password(PASSWORD).snapshotSource(snapshots);
    }

    /** Wait until the publisher has sent {@code sequence} messages: a handler started then has missed them. */
    private static void awaitSent(final Publisher publisher, final long sequence)
    {
        E2e.awaitTrue(() -> publisher.history().highest() >= sequence, 20_000,
            () -> "publisher sent " + publisher.history().highest());
    }

    private static String state(final E2e.Handler handler)
    {
        final SnapshotRecovery s = handler.pipeline().snapshot();
        final MoldUdp64Sequencer q = handler.pipeline().sequencer();
        return "snapshot recoveries " + s.recoveries() + " failures " + s.failures() + " messages " + s.messages() +
            " sequence " + s.sequence() + " buffered " + s.bufferedPackets() + " overflows " + s.overflows() +
            " dropped " + s.droppedPackets() + " | next " + q.nextExpected() + " gaps " + q.counters().gaps() +
            " unrecovered " + q.counters().unrecoveredMessages() + "\n" + handler.console();
    }

    private static void assertBooksEqualAReplay(final E2e.Handler handler, final long seed, final long messages)
    {
        final String state = state(handler);
        assertEquals(0, handler.pipeline().books().staleCount(), state);
        assertFalse(handler.pipeline().sequencer().isStale(), state);
        assertNull(BookComparison.firstDifference(E2e.replay(seed, messages), handler.pipeline().books()), state);
    }

    @Test
    void shouldJoinLateFromASnapshotAndEndWithTheBooksOfTheWholeStream() throws Exception
    {
        final long seed = 31;
        final long messages = 60_000;
        final InetSocketAddress group = Loopback.group();
        final Publisher publisher = Publisher.launch(publisher(group, clock, seed, messages));
        try (E2e.Sender sender = new E2e.Sender(publisher))
        {
            final StreamSnapshots snapshots = new StreamSnapshots(seed, publisher.history(), 0);
            try (GlimpseServer server = new GlimpseServer(server(snapshots)))
            {
                awaitSent(publisher, 20_000); // far more than the request server's history of 1,000
                final E2e.Handler handler = new E2e.Handler(
                    new FeedHandler.Context(), props(group, publisher, server, "start,gap"), clock, "late", true);
                try
                {
                    handler.awaitDelivered(messages, 30_000);
                }
                finally
                {
                    handler.close();
                }
                final SnapshotRecovery s = handler.pipeline().snapshot();
                final String state = state(handler);
                assertEquals(1, s.recoveries(), state);
                assertEquals(0, s.failures(), state);
                assertTrue(s.sequence() > 20_000, state);
                assertEquals(snapshots.lastSequence.get(), s.sequence(), state);
                assertEquals(snapshots.lastMessages.get(), s.messages(), state);
                assertEquals(0, handler.pipeline().sequencer().counters().unrecoveredMessages(), state);
                assertTrue(handler.console().contains("fh: snapshot loaded (1 so far): live feed resumed at sequence " +
                    s.sequence()), state);
                handler.console().lines().filter(line -> line.startsWith("fh: snapshot loaded")).forEach(System.out::println);
                assertTrue(handler.console().contains(" | snapshot done: "), state); // the progress line says so
                assertBooksEqualAReplay(handler, seed, messages);
            }
        }
    }

    @Test
    void shouldRecoverAGapBeyondTheHistoryWindowWithASnapshot() throws Exception
    {
        final long seed = 32;
        final long messages = 40_000;
        // lose the packets whose first message rolls under the 6th lowest of the first 40,000: a few
        // isolated losses. Their retransmission is asked for after the gap wait, when the request
        // server's history (4 messages, 0.2 ms at 20,000 msg/s) has long moved on: given up, then a snapshot.
        final double[] rolls = new double[(int)messages];
        for (int i = 0; i < messages; i++)
        {
            rolls[i] = FaultInjector.roll(seed, i + 1, 0, FaultInjector.LOSS);
        }
        Arrays.sort(rolls);
        final double loss = (rolls[5] + rolls[6]) / 2;
        final InetSocketAddress group = Loopback.group();
        final Publisher publisher = Publisher.launch(publisher(group, clock, seed, messages).historyMessages(4)
            .loss(loss).maxPacketLength(72));
        try
        {
            final StreamSnapshots snapshots = new StreamSnapshots(seed, publisher.history(), 0);
            try (GlimpseServer server = new GlimpseServer(server(snapshots)))
            {
                final E2e.Handler handler = new E2e.Handler(props(group, publisher, server, "gap"), clock, "gap");
                try (E2e.Sender sender = new E2e.Sender(publisher))
                {
                    assertTrue(sender.result().dropped() >= 1);
                    handler.awaitDelivered(messages, 30_000);
                }
                finally
                {
                    handler.close();
                }
                final SnapshotRecovery s = handler.pipeline().snapshot();
                final String state = state(handler);
                // the gap was given up, then covered by the snapshot: lost on the wire, not in the books
                assertTrue(handler.pipeline().sequencer().counters().snapshotCoveredMessages() >= 1, state);
                assertEquals(0, handler.pipeline().sequencer().counters().unrecoveredMessages(), state);
                assertTrue(s.recoveries() >= 1, state);
                assertEquals(0, s.failures(), state);
                assertBooksEqualAReplay(handler, seed, messages);
            }
        }
        finally
        {
            publisher.close(); // the sender closed it already, unless the handler could not start
        }
    }

    @Test
    void shouldSayWhyTheLoginWasRejectedAndGoOnWithStaleBooks() throws Exception
    {
        final long seed = 33;
        final long messages = 30_000;
        final InetSocketAddress group = Loopback.group();
        final Publisher publisher = Publisher.launch(publisher(group, clock, seed, messages));
        try (E2e.Sender sender = new E2e.Sender(publisher))
        {
            final StreamSnapshots snapshots = new StreamSnapshots(seed, publisher.history(), 0);
            try (GlimpseServer server = new GlimpseServer(server(snapshots)))
            {
                awaitSent(publisher, 10_000);
                final Properties props = props(group, publisher, server, "start,gap");
                props.setProperty("feed.snapshot.password", "wrong");
                final E2e.Handler handler = new E2e.Handler(props, clock, "rejected");
                try
                {
                    E2e.awaitTrue(() -> handler.console().contains("rejected"), 20_000, handler::console);
                    handler.awaitDelivered(messages, 30_000); // the live feed goes on, what was missed given up
                }
                finally
                {
                    handler.close();
                }
                final SnapshotRecovery s = handler.pipeline().snapshot();
                final String state = state(handler);
                assertEquals(1, server.loginsRejected(), state);
                assertEquals(1, s.failures(), state);
                assertEquals(0, s.recoveries(), state);
                assertTrue(s.isDisabled(), state);
                assertFalse(s.isLoading(), state);
                assertTrue(handler.console().contains("fh: ERROR SoupBinTCP login as \"fh\" to /127.0.0.1:" +
                    server.port() + " rejected: 'A' not authorized"), state);
                assertTrue(handler.console().contains("feed.snapshot.password"), state);
                assertFalse(handler.console().contains("on an agent thread"), state);
                assertTrue(handler.pipeline().books().staleCount() > 0, state);
            }
        }
    }

    @Test
    void shouldRetryASnapshotWhoseConnectionDropsAndSucceed() throws Exception
    {
        final long seed = 34;
        final long messages = 50_000;
        final InetSocketAddress group = Loopback.group();
        final Publisher publisher = Publisher.launch(publisher(group, clock, seed, messages));
        try (E2e.Sender sender = new E2e.Sender(publisher))
        {
            final StreamSnapshots snapshots = new StreamSnapshots(seed, publisher.history(), 0);
            try (GlimpseServer server = new GlimpseServer(server(snapshots).dropAfterMessages(100, 1)))
            {
                awaitSent(publisher, 10_000);
                final E2e.Handler handler = new E2e.Handler(props(group, publisher, server, "start"), clock, "drop");
                try
                {
                    handler.awaitDelivered(messages, 30_000);
                }
                finally
                {
                    handler.close();
                }
                final SnapshotRecovery s = handler.pipeline().snapshot();
                final String state = state(handler);
                assertEquals(1, server.drops(), state);
                assertEquals(1, s.failures(), state);
                assertEquals(1, s.recoveries(), state);
                assertTrue(handler.console().contains("snapshot attempt failed (1 so far): connection closed by the server"),
                    state);
                assertBooksEqualAReplay(handler, seed, messages);
            }
        }
    }

    @Test
    void shouldGiveUpAServerThatSendsNoHeartbeatsAndRetry() throws Exception
    {
        final long seed = 35;
        final long messages = 50_000;
        final InetSocketAddress group = Loopback.group();
        final Publisher publisher = Publisher.launch(publisher(group, clock, seed, messages));
        try (E2e.Sender sender = new E2e.Sender(publisher))
        {
            // the first snapshot stops short of its End and the server then says nothing at all
            final StreamSnapshots snapshots = new StreamSnapshots(seed, publisher.history(), 1);
            try (GlimpseServer server = new GlimpseServer(server(snapshots).heartbeatIntervalMs(0)
                .endSessionAfterSnapshot(false)))
            {
                awaitSent(publisher, 10_000);
                final Properties props = props(group, publisher, server, "start");
                props.setProperty("feed.snapshot.heartbeat.timeout.ms", "1000");
                final E2e.Handler handler = new E2e.Handler(props, clock, "silent");
                try
                {
                    handler.awaitDelivered(messages, 30_000);
                }
                finally
                {
                    handler.close();
                }
                final SnapshotRecovery s = handler.pipeline().snapshot();
                final String state = state(handler);
                // at least the silent one: a login answered later than the timeout (the test's server builds
                // each snapshot from the stream before it answers) is given up the same way
                assertTrue(s.failures() >= 1, state);
                assertEquals(1, s.recoveries(), state);
                assertTrue(handler.console().contains(
                    "snapshot attempt failed (1 so far): no data or heartbeat from the server within the timeout"), state);
                assertBooksEqualAReplay(handler, seed, messages);
            }
        }
    }

    @Test
    void shouldCountASnapshotWithoutEndAsAFailureAndKeepTheBufferBounded() throws Exception
    {
        final long seed = 36;
        final long messages = 100_000;
        // 2,000 msg/s, about as many packets: the buffer of 1,000 fills 0.5 s after it starts or
        // overflowed, while a snapshot times out 0.2 s after each login, so both failures come
        final int maxPackets = 1_000;
        final InetSocketAddress group = Loopback.group();
        final Publisher publisher = Publisher.launch(publisher(group, clock, seed, messages).rate(2_000));
        try (E2e.Sender sender = new E2e.Sender(publisher))
        {
            final StreamSnapshots snapshots = new StreamSnapshots(seed, publisher.history(), Integer.MAX_VALUE);
            try (GlimpseServer server = new GlimpseServer(server(snapshots).heartbeatIntervalMs(50)
                .endSessionAfterSnapshot(false)))
            {
                awaitSent(publisher, 1_000);
                final Properties props = props(group, publisher, server, "start");
                props.setProperty("feed.snapshot.timeout.ms", "200");
                props.setProperty("feed.snapshot.buffer.packets", Integer.toString(maxPackets));
                final E2e.Handler handler = new E2e.Handler(new FeedHandler.Context(), props, clock, "noend", true);
                final SnapshotRecovery s = handler.pipeline().snapshot();
                int maxHeld = 0;
                try
                {
                    // probes of the receiver's plain fields while the stream runs: the buffer never passes its bound
                    final long deadline = System.nanoTime() + 20_000_000_000L;
                    while ((s.failures() < 3 || s.overflows() < 1) && System.nanoTime() - deadline < 0)
                    {
                        maxHeld = Math.max(maxHeld, s.packetsHeld());
                        Thread.sleep(1);
                    }
                    E2e.awaitTrue(() -> handler.console().contains(
                        "no End of Snapshot within feed.snapshot.timeout.ms of the login"), 20_000, handler::console);
                }
                finally
                {
                    handler.close();
                }
                final String state = state(handler);
                assertTrue(s.failures() >= 3, state);
                assertTrue(s.overflows() >= 1, state);
                assertEquals(0, s.recoveries(), state);
                assertTrue(s.isLoading(), state);
                assertTrue(maxHeld <= maxPackets, "held " + maxHeld);
                assertTrue(s.packetsHeld() <= maxPackets, state);
                assertTrue(server.loginsAccepted() >= 2, state);
                assertFalse(handler.console().contains("on an agent thread"), state);
                assertEquals(65_536, handler.pipeline().books().staleCount(), state);
                assertTrue(handler.console().contains(" | snapshot loading"), state); // the progress line says so
            }
        }
    }

    @Test
    void shouldAllocateNothingOnTheReceiverThreadAfterASnapshot() throws Exception
    {
        final long seed = 37;
        final long messages = 300_000;
        final InetSocketAddress group = Loopback.group();
        final Publisher publisher = Publisher.launch(publisher(group, clock, seed, messages).rate(30_000));
        try (E2e.Sender sender = new E2e.Sender(publisher))
        {
            final StreamSnapshots snapshots = new StreamSnapshots(seed, publisher.history(), 0);
            try (GlimpseServer server = new GlimpseServer(server(snapshots)))
            {
                awaitSent(publisher, 10_000);
                final E2e.Handler handler = new E2e.Handler(props(group, publisher, server, "start,gap"), clock, "alloc");
                final E2e.ReceiverAllocation allocation;
                try
                {
                    final SnapshotRecovery s = handler.pipeline().snapshot();
                    E2e.awaitTrue(() -> s.recoveries() == 1, 20_000, () -> state(handler));
                    // steady state: from 100,000 messages after the live feed resumed (see EndToEndTest.WARM_UP:
                    // C2's first compilation of a class interns its literals); plain reads: a probe
                    final long warmUp = handler.pipeline().sequencer().nextExpected() + 100_000;
                    assertTrue(warmUp + 60_000 <= messages, "joined too late to measure: " + state(handler));
                    allocation = E2e.ReceiverAllocation.measure(handler, warmUp, messages);
                }
                finally
                {
                    handler.close();
                }
                final String state = state(handler);
                assertEquals(1, handler.pipeline().snapshot().recoveries(), state);
                allocation.assertSteadyStateAllocationFree();
                assertBooksEqualAReplay(handler, seed, messages);
            }
        }
    }
}
