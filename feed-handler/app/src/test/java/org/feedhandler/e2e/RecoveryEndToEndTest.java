package org.feedhandler.e2e;

import org.feedhandler.book.BookComparison;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.pipeline.FeedPipeline;
import org.feedhandler.protocol.Lines;
import org.feedhandler.protocol.moldudp64.MoldUdp64;
import org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer;
import org.feedhandler.latency.MidnightClock;
import org.feedhandler.sim.FaultInjector;
import org.feedhandler.sim.Publisher;
import org.feedhandler.sim.PublisherContext;
import org.feedhandler.sim.PublisherResult;
import org.feedhandler.transport.Loopback;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Losses, duplicates, reordering, A/B lines, end of session and session changes end to end: the
 * in-process publisher injects the faults (deterministic for a seed) and serves retransmissions,
 * the handler recovers over loopback, and its books must equal a clean replay.
 */
@Tag("integration")
@Timeout(120)
class RecoveryEndToEndTest
{
    /** Where a request server binds: the kernel picks the port, and the handler is told it. */
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final int RATE = 20_000;

    @TempDir
    Path dir;

    private final MidnightClock clock = new MidnightClock();
    /** Packets the second session of {@link #twoSessions} sent, heartbeats included. */
    private long secondSessionPackets;

    /** Launched before the handler, so that its request server's port can go into the handler's settings. */
    private static Publisher launch(final PublisherContext publisher, final long messages)
    {
        return Publisher.launch(publisher.retransmitAddress(ANY_PORT).messages(messages));
    }

    private static InetSocketAddress server(final Publisher publisher)
    {
        return publisher.retransmissionServer().localAddress();
    }

    private Properties props(final InetSocketAddress a, final InetSocketAddress b, final InetSocketAddress recovery)
    {
        final Properties props = E2e.udp(dir, a, b);
        props.setProperty("feed.udp.rcvbuf", "4m");
        props.setProperty("feed.gap.wait.us", "500");
        props.setProperty("feed.recovery.timeout.ms", "20");
        props.setProperty("feed.recovery.max.attempts", "5");
        if (null != recovery)
        {
            props.setProperty("feed.recovery.server", E2e.endpoint(recovery));
        }
        return props;
    }

    /** What a run left: the handler (closed) and what the publisher said it did. */
    private record Run(E2e.Handler handler, PublisherResult result)
    {
        FeedPipeline pipeline()
        {
            return handler.pipeline();
        }

        MoldUdp64Sequencer sequencer()
        {
            return handler.pipeline().sequencer();
        }
    }

    private Run run(final Properties props, final PublisherContext publisher, final long messages) throws Exception
    {
        return run(props, Publisher.launch(publisher.messages(messages)), messages);
    }

    /** A handler for a publisher launched before it: the publisher is closed if the handler cannot start. */
    private E2e.Handler handler(final Properties props, final Publisher publisher, final String label) throws Exception
    {
        try
        {
            return new E2e.Handler(props, clock, label);
        }
        catch (final Exception ex)
        {
            publisher.close();
            throw ex;
        }
    }

    private Run run(final Properties props, final Publisher publisher, final long messages) throws Exception
    {
        final E2e.Handler handler = handler(props, publisher, "recovery");
        try (E2e.Sender sender = new E2e.Sender(publisher))
        {
            final PublisherResult result = sender.result();
            handler.awaitDelivered(messages, 20_000);
            return new Run(handler, result);
        }
        finally
        {
            handler.close();
        }
    }

    private static void assertEveryMessageDeliveredAndBooksEqualAReplay(final Run run, final long seed, final long messages)
    {
        final MoldUdp64Sequencer sequencer = run.sequencer();
        final String state = "gaps " + sequencer.counters().gaps() + " missing " + sequencer.counters().missingMessages() + " recovered " +
            sequencer.counters().recoveredMessages() + " unrecovered " + sequencer.counters().unrecoveredMessages() + " requests " +
            sequencer.counters().requests() + "\n" + run.handler().console();
        assertFalse(run.handler().console().contains("ERROR"), run.handler().console());
        assertEquals(messages, sequencer.counters().messagesDelivered(), state);
        assertEquals(messages, run.pipeline().decoder().messages(), state);
        assertEquals(0, sequencer.counters().unrecoveredMessages(), state);
        assertEquals(sequencer.counters().missingMessages(), sequencer.counters().recoveredMessages(), state);
        assertEquals(0, run.pipeline().books().staleCount(), state);
        assertFalse(sequencer.isStale(), state);
        assertNull(BookComparison.firstDifference(E2e.replay(seed, messages), run.pipeline().books()), state);
    }

    /** Rolls of the loss dice for sequences 1..messages on a line, sorted. */
    private static double[] sortedLossRolls(final long seed, final long messages, final int line)
    {
        final double[] rolls = new double[(int)messages];
        for (int i = 0; i < messages; i++)
        {
            rolls[i] = FaultInjector.roll(seed, i + 1, line, FaultInjector.LOSS);
        }
        Arrays.sort(rolls);
        return rolls;
    }

    @Test
    void shouldRecoverEachIsolatedLostPacketAsOneGapFromTheRequestServer() throws Exception
    {
        final long seed = 11;
        final long messages = 10_000;
        // a probability only the six lowest rolls are under: at most six packets lost, far apart.
        // The packet is lost only if its first message is one of them, and which messages share a
        // packet depends on the publisher's timing (it batches after a stall). 72-byte packets hold
        // one message, or two short ones, however late the publisher runs: nearly every message
        // starts a packet, so on any host at least one of the six is lost.
        final double[] rolls = sortedLossRolls(seed, messages, 0);
        final double loss = (rolls[5] + rolls[6]) / 2;
        final long[] lost = java.util.stream.LongStream.rangeClosed(1, messages)
            .filter(sequence -> FaultInjector.roll(seed, sequence, 0, FaultInjector.LOSS) < loss).toArray();
        assertEquals(6, lost.length);
        for (int i = 1; i < lost.length; i++)
        {
            assertTrue(lost[i] - lost[i - 1] > 50, Arrays.toString(lost));
        }

        final InetSocketAddress group = Loopback.group();
        final Publisher publisher = launch(E2e.publisher(E2e.udpChannel(group, null), clock, seed).rate(RATE).loss(loss)
            .maxPacketLength(72), messages);
        final Run run = run(props(group, null, server(publisher)), publisher, messages);

        final long dropped = run.result().dropped();
        assertTrue(dropped >= 1 && dropped <= 6, "dropped " + dropped);
        assertEquals(dropped, run.sequencer().counters().gaps());
        assertTrue(run.sequencer().counters().recoveredMessages() >= dropped);
        assertTrue(run.sequencer().counters().requests() >= dropped);
        assertEveryMessageDeliveredAndBooksEqualAReplay(run, seed, messages);
    }

    @Test
    void shouldRecoverManyGapsOpenAtOnce() throws Exception
    {
        final long seed = 12;
        final long messages = 20_000;
        final InetSocketAddress group = Loopback.group();
        final Publisher publisher = launch(E2e.publisher(E2e.udpChannel(group, null), clock, seed).rate(RATE).loss(0.03),
            messages);
        final Run run = run(props(group, null, server(publisher)), publisher, messages);

        // many: a third of the 3% of packets the dice drop (how many packets 20,000 messages make
        // depends on how often the publisher ran late and batched)
        final long many = run.result().packets() / 100;
        assertTrue(run.result().dropped() > many, "dropped " + run.result().dropped() + " of " + run.result().packets());
        assertTrue(run.sequencer().counters().gaps() > many, "gaps " + run.sequencer().counters().gaps() + " of " + run.result().packets());
        assertEveryMessageDeliveredAndBooksEqualAReplay(run, seed, messages);
    }

    @Test
    void shouldAskAtOnceForTheRestWhenAnAnswerHoldsFewerMessagesThanAsked() throws Exception
    {
        final long seed = 13;
        final long messages = 10_000;
        // 72-byte packets hold one message of the longest kind (NOII, 50 bytes): runs of lost packets
        // are asked for in one request, answered one packet (one or two messages) at a time
        final InetSocketAddress group = Loopback.group();
        final Publisher publisher = launch(E2e.publisher(E2e.udpChannel(group, null), clock, seed).rate(RATE).loss(0.2)
            .maxPacketLength(72), messages);
        try (RequestProxy proxy = new RequestProxy(server(publisher), 0))
        {
            final Run run = run(props(group, null, proxy.address()), publisher, messages);

            assertEveryMessageDeliveredAndBooksEqualAReplay(run, seed, messages);
            final List<RequestProxy.Packet> requests = proxy.requests();
            final List<RequestProxy.Packet> answers = proxy.answers();
            int partial = 0;
            for (final RequestProxy.Packet answer : answers)
            {
                final boolean askedForMore = requests.stream()
                    .anyMatch(r -> r.sequence() == answer.sequence() && r.count() > answer.count());
                if (askedForMore)
                {
                    partial++;
                    final long rest = answer.sequence() + answer.count();
                    assertTrue(requests.stream().anyMatch(r -> r.sequence() == rest),
                        "no request for " + rest + " after the partial answer " + answer);
                }
            }
            assertTrue(partial > 10, "partial answers " + partial + " of " + answers.size());
            assertEquals(0, run.sequencer().counters().unrecoveredMessages());
        }
    }

    @Test
    void shouldAskAgainWhenARequestIsLost() throws Exception
    {
        final long seed = 14;
        final long messages = 10_000;
        final InetSocketAddress group = Loopback.group();
        // loss is rolled per packet, and a sender stalled on a loaded host packs 10,000 messages into as few
        // as a few hundred packets: 3 % leaves next to no chance of a run with no request to lose
        final Publisher publisher = launch(E2e.publisher(E2e.udpChannel(group, null), clock, seed).rate(RATE)
            .loss(0.03), messages);
        try (RequestProxy proxy = new RequestProxy(server(publisher), 1))
        {
            final Run run = run(props(group, null, proxy.address()), publisher, messages);

            assertEveryMessageDeliveredAndBooksEqualAReplay(run, seed, messages);
            assertEquals(1, proxy.dropped().size(), "packets dropped by the sender: " + run.result().dropped());
            final RequestProxy.Packet lost = proxy.dropped().get(0);
            assertTrue(proxy.requests().stream().anyMatch(r -> r.sequence() == lost.sequence()),
                "the lost request " + lost + " was not asked again: " + proxy.requests());
            assertTrue(run.sequencer().counters().requests() > run.sequencer().counters().gaps());
        }
    }

    @Test
    void shouldGiveUpAfterTheLastAttemptWhenTheRequestServerIsDownFlagTheBooksStaleAndGoOnReceiving() throws Exception
    {
        final long seed = 15;
        final long messages = 10_000;
        final InetSocketAddress group = Loopback.group();
        final Properties props = props(group, null, Loopback.unusedPort());
        props.setProperty("feed.recovery.max.attempts", "3");
        final Run run = run(props,
            E2e.publisher(E2e.udpChannel(group, null), clock, seed).rate(RATE).loss(0.01).retransmitAddress(null),
            messages);

        final MoldUdp64Sequencer sequencer = run.sequencer();
        final OrderBooks books = run.pipeline().books();
        assertTrue(run.result().dropped() > run.result().packets() / 200, "half the 1% of packets the dice drop");
        assertTrue(sequencer.counters().unrecoveredMessages() > 0);
        assertEquals(sequencer.counters().missingMessages(), sequencer.counters().unrecoveredMessages());
        assertEquals(0, sequencer.counters().recoveredMessages());
        assertTrue(sequencer.counters().requests() >= 3, "requests " + sequencer.counters().requests());
        // it went on: every message that arrived was delivered, past every gap
        assertEquals(messages, sequencer.counters().messagesDelivered() + sequencer.counters().unrecoveredMessages());
        assertTrue(sequencer.nextExpected() > messages);
        assertTrue(books.staleCount() > 0);
        final int locate = books.nextNonEmptyLocate(1);
        assertTrue(locate > 0 && books.isStale(locate), "locate " + locate);
    }

    @Test
    void shouldFillEachLinesLossesFromTheOtherLineWithoutRecovery() throws Exception
    {
        final long messages = 10_000;
        final double loss = 0.02;
        // a seed under which no sequence number is lost on both lines
        long seed = 100;
        while (coincidentLosses(seed, messages, loss) > 0)
        {
            seed++;
        }
        final InetSocketAddress groupA = Loopback.group();
        final InetSocketAddress groupB = Loopback.group();
        final Run run = run(props(groupA, groupB, null),
            E2e.publisher(E2e.udpChannel(groupA, groupB), clock, seed).rate(RATE).ab(true).loss(loss), messages);

        final MoldUdp64Sequencer sequencer = run.sequencer();
        // losses are rolled per packet, and a sender stalled on a loaded host batches messages into fewer packets
        assertTrue(run.result().dropped() > 0, "dropped " + run.result().dropped() + " of " + run.result().packets());
        assertEquals(0, sequencer.counters().gaps());
        assertTrue(sequencer.counters().lineFirstArrivals(Lines.A) > 0);
        assertTrue(sequencer.counters().lineFirstArrivals(Lines.B) > 0);
        assertTrue(sequencer.counters().lineDuplicates(Lines.A) > 0);
        assertTrue(sequencer.counters().lineDuplicates(Lines.B) > 0);
        assertEquals(0, sequencer.counters().requests());
        assertEveryMessageDeliveredAndBooksEqualAReplay(run, seed, messages);
    }

    private static int coincidentLosses(final long seed, final long messages, final double loss)
    {
        int both = 0;
        for (long sequence = 1; sequence <= messages; sequence++)
        {
            if (FaultInjector.roll(seed, sequence, 0, FaultInjector.LOSS) < loss &&
                FaultInjector.roll(seed, sequence, 1, FaultInjector.LOSS) < loss)
            {
                both++;
            }
        }
        return both;
    }

    @Test
    void shouldRecoverLossesOnBothLinesAtOnceFromTheRequestServer() throws Exception
    {
        final long messages = 20_000;
        final double loss = 0.1;
        final long seed = 21;
        assertTrue(coincidentLosses(seed, messages, loss) > 50);
        final InetSocketAddress groupA = Loopback.group();
        final InetSocketAddress groupB = Loopback.group();
        final Publisher publisher = launch(E2e.publisher(E2e.udpChannel(groupA, groupB), clock, seed).rate(RATE).ab(true)
            .loss(loss), messages);
        final Run run = run(props(groupA, groupB, server(publisher)), publisher, messages);

        assertTrue(run.sequencer().counters().gaps() > 0);
        assertTrue(run.sequencer().counters().recoveredMessages() > 0);
        assertEveryMessageDeliveredAndBooksEqualAReplay(run, seed, messages);
    }

    @Test
    void shouldNotAllocateOnTheReceiverThreadWhileArbitratingAndRecoveringInSteadyState() throws Exception
    {
        final long seed = 24;
        final long messages = 200_000;
        final long warmUp = 100_000; // see EndToEndTest.WARM_UP: C2's first compilation of a class interns its literals
        final long steadyEnd = 190_000;
        final InetSocketAddress groupA = Loopback.group();
        final InetSocketAddress groupB = Loopback.group();
        final Publisher publisher = launch(E2e.publisher(E2e.udpChannel(groupA, groupB), clock, seed)
            .rate(60_000).ab(true).loss(0.05).duplicate(0.01).reorder(0.01), messages);
        final E2e.Handler handler = handler(props(groupA, groupB, server(publisher)), publisher, "alloc");
        final E2e.ReceiverAllocation allocation;
        final long gapsAtWarmUp;
        final long recoveredAtWarmUp;
        try
        {
            try (E2e.Sender sender = new E2e.Sender(publisher))
            {
                handler.awaitDelivered(warmUp, 20_000);
                gapsAtWarmUp = handler.pipeline().sequencer().counters().gaps();
                recoveredAtWarmUp = handler.pipeline().sequencer().counters().recoveredMessages();
                allocation = E2e.ReceiverAllocation.measure(handler, warmUp, steadyEnd);
                sender.result();
                handler.awaitDelivered(messages, 20_000);
            }
        }
        finally
        {
            handler.close();
        }

        final MoldUdp64Sequencer sequencer = handler.pipeline().sequencer();
        System.out.println("RecoveryEndToEndTest: " + allocation + " (A/B, 5% loss per line, gaps " + sequencer.counters().gaps() + ", recovered " + sequencer.counters().recoveredMessages() + ")");
        // the steady window did see arbitration and recovery (probe values read while running: approximate)
        assertTrue(sequencer.counters().gaps() > gapsAtWarmUp + 10, "gaps " + gapsAtWarmUp + " -> " + sequencer.counters().gaps());
        assertTrue(sequencer.counters().recoveredMessages() > recoveredAtWarmUp + 10);
        assertTrue(sequencer.counters().lineDuplicates(Lines.B) > 1000);
        assertEveryMessageDeliveredAndBooksEqualAReplay(new Run(handler, null), seed, messages);
        allocation.assertSteadyStateAllocationFree();
    }

    @Test
    void shouldDropDuplicatesAndPutReorderedPacketsBackInOrder() throws Exception
    {
        final long seed = 22;
        final long messages = 20_000;
        final InetSocketAddress group = Loopback.group();
        final Publisher publisher = launch(E2e.publisher(E2e.udpChannel(group, null), clock, seed).rate(RATE)
            .duplicate(0.05).reorder(0.05), messages);
        final Run run = run(props(group, null, server(publisher)), publisher, messages);

        // half the 5% of packets the dice duplicate, and reorder
        assertTrue(run.result().duplicated() > run.result().packets() / 40, "duplicated " + run.result().duplicated());
        assertTrue(run.result().reordered() > run.result().packets() / 40, "reordered " + run.result().reordered());
        assertTrue(run.sequencer().counters().duplicatePackets() >= run.result().duplicated(),
            "duplicates " + run.sequencer().counters().duplicatePackets() + " sent " + run.result().duplicated());
        assertEveryMessageDeliveredAndBooksEqualAReplay(run, seed, messages);
    }

    @Test
    void shouldReportTheEndOfSession() throws Exception
    {
        final long seed = 23;
        final long messages = 5_000;
        final InetSocketAddress group = Loopback.group();
        final E2e.Handler handler = new E2e.Handler(props(group, null, null), clock, "eos");
        try (E2e.Sender sender = new E2e.Sender(
            E2e.publisher(E2e.udpChannel(group, null), clock, seed).rate(RATE).messages(messages).endOfSession(true)))
        {
            sender.result();
            E2e.awaitTrue(() -> handler.pipeline().sequencer().endOfSession(), 10_000, () -> "no end of session");
        }
        finally
        {
            handler.close();
        }
        assertTrue(handler.pipeline().sequencer().endOfSession());
        assertEquals(messages, handler.pipeline().sequencer().counters().messagesDelivered());
        assertEquals(0, handler.pipeline().sequencer().counters().gaps());
    }

    @Test
    void shouldClearTheBooksAndFollowANewSessionAfterTheCurrentOneEndedWhenConfiguredToFollow() throws Exception
    {
        final E2e.Handler handler = twoSessions(Loopback.group(), "follow");
        final MoldUdp64Sequencer sequencer = handler.pipeline().sequencer();
        assertEquals(1, sequencer.counters().sessionChanges());
        assertEquals(MoldUdp64.sessionHigh("SESSION002"), sequencer.sessionHigh());
        assertEquals(MoldUdp64.sessionLow("SESSION002"), sequencer.sessionLow());
        assertEquals(0, sequencer.counters().foreignSessionPackets());
        assertNull(BookComparison.firstDifference(E2e.replay(32, 4_000), handler.pipeline().books()));
    }

    @Test
    void shouldDropAndCountAnotherSessionsPacketsWhenConfiguredToIgnore() throws Exception
    {
        final E2e.Handler handler = twoSessions(Loopback.group(), "ignore");
        final MoldUdp64Sequencer sequencer = handler.pipeline().sequencer();
        assertEquals(0, sequencer.counters().sessionChanges());
        assertEquals(MoldUdp64.sessionHigh("SESSION001"), sequencer.sessionHigh());
        // every packet of the other session counted: as many as it sent (4,000 messages in however many
        // packets the sender's pace made of them: fewer, fuller ones when it ran late on a busy host),
        // and a heartbeat or two it sent after its count was taken (one seen; two allowed)
        final long other = sequencer.counters().foreignSessionPackets();
        assertTrue(secondSessionPackets > 0 && other >= secondSessionPackets && other <= secondSessionPackets + 2,
            "other session's packets " + other + ", sent " + secondSessionPackets);
        assertEquals(5_000, sequencer.counters().messagesDelivered());
        assertNull(BookComparison.firstDifference(E2e.replay(31, 5_000), handler.pipeline().books()));
    }

    /** SESSION001 (seed 31, 5000 messages, end of session), then SESSION002 (seed 32, 4000 messages) on one group. */
    private E2e.Handler twoSessions(final InetSocketAddress group, final String change) throws Exception
    {
        final Properties props = props(group, null, null);
        props.setProperty("feed.session.change", change);
        final E2e.Handler handler = new E2e.Handler(props, clock, "sessions");
        try
        {
            // the first session ends with an end of session, after which a new one is followed at once
            try (E2e.Sender first = new E2e.Sender(E2e.publisher(E2e.udpChannel(group, null), clock, 31)
                .session("SESSION001").rate(RATE).messages(5_000).endOfSession(true)))
            {
                first.result();
                handler.awaitDelivered(5_000, 20_000);
            }
            try (E2e.Sender second = new E2e.Sender(E2e.publisher(E2e.udpChannel(group, null), clock, 32)
                .session("SESSION002").rate(RATE).messages(4_000)))
            {
                final long secondPackets = second.result().packets();
                secondSessionPackets = secondPackets;
                if ("follow".equals(change))
                {
                    E2e.awaitTrue(() -> handler.pipeline().sequencer().counters().sessionChanges() == 1 &&
                        handler.pipeline().sequencer().nextExpected() > 4_000, 20_000, handler::console);
                }
                else
                {
                    // the second session's final heartbeat is the last packet it sends
                    E2e.awaitTrue(() -> handler.pipeline().sequencer().counters().foreignSessionPackets() >= secondPackets,
                        20_000, handler::console);
                }
            }
        }
        finally
        {
            handler.close();
        }
        return handler;
    }
}
