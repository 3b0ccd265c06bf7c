package org.feedhandler.e2e;

import org.feedhandler.book.BookComparison;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.pipeline.FeedPipeline;
import org.feedhandler.protocol.Lines;
import org.feedhandler.protocol.moldudp64.MoldUdp64;
import org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer;
import org.feedhandler.latency.MidnightClock;
import org.feedhandler.sim.FaultInjector;
import org.feedhandler.sim.PublisherContext;
import org.feedhandler.sim.PublisherResult;
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
@Timeout(120)
class RecoveryEndToEndTest
{
    private static final String GROUP_PREFIX = "239.194.43.";
    private static final int BASE_PORT = 41_300;
    private static final int RATE = 20_000;

    @TempDir
    Path dir;

    private final MidnightClock clock = new MidnightClock();
    /** Packets the second session of {@link #twoSessions} sent, heartbeats included. */
    private long secondSessionPackets;

    private static InetSocketAddress group(final int n)
    {
        return new InetSocketAddress(GROUP_PREFIX + n, BASE_PORT + n);
    }

    private static InetSocketAddress server(final int n)
    {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), BASE_PORT + 50 + n);
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
        final E2e.Handler handler = new E2e.Handler(props, clock, "recovery");
        try (E2e.Sender sender = new E2e.Sender(publisher.messages(messages)))
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
        // a probability only the three lowest rolls are under: at most three packets lost, far apart.
        // The packet is lost only if its first message is one of them, and which messages share a
        // packet depends on the publisher's timing (it batches after a stall), so at least one.
        final double[] rolls = sortedLossRolls(seed, messages, 0);
        final double loss = (rolls[2] + rolls[3]) / 2;
        final long[] lost = java.util.stream.LongStream.rangeClosed(1, messages)
            .filter(sequence -> FaultInjector.roll(seed, sequence, 0, FaultInjector.LOSS) < loss).toArray();
        assertEquals(3, lost.length);
        assertTrue(lost[1] - lost[0] > 50 && lost[2] - lost[1] > 50, Arrays.toString(lost));

        final Run run = run(props(group(1), null, server(1)),
            E2e.publisher(E2e.udpChannel(group(1), null), clock, seed).rate(RATE).loss(loss).retransmitAddress(server(1)),
            messages);

        final long dropped = run.result().dropped();
        assertTrue(dropped >= 1 && dropped <= 3, "dropped " + dropped);
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
        final Run run = run(props(group(2), null, server(2)),
            E2e.publisher(E2e.udpChannel(group(2), null), clock, seed).rate(RATE).loss(0.03).retransmitAddress(server(2)),
            messages);

        assertTrue(run.result().dropped() > 100, "dropped " + run.result().dropped());
        assertTrue(run.sequencer().counters().gaps() > 100, "gaps " + run.sequencer().counters().gaps());
        assertEveryMessageDeliveredAndBooksEqualAReplay(run, seed, messages);
    }

    @Test
    void shouldAskAtOnceForTheRestWhenAnAnswerHoldsFewerMessagesThanAsked() throws Exception
    {
        final long seed = 13;
        final long messages = 10_000;
        // 72-byte packets hold one message of the longest kind (NOII, 50 bytes): runs of lost packets
        // are asked for in one request, answered one packet (one or two messages) at a time
        try (RequestProxy proxy = new RequestProxy(server(3), 0))
        {
            final Run run = run(props(group(3), null, proxy.address()),
                E2e.publisher(E2e.udpChannel(group(3), null), clock, seed).rate(RATE).loss(0.2).maxPacketLength(72)
                .retransmitAddress(server(3)), messages);

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
        try (RequestProxy proxy = new RequestProxy(server(4), 1))
        {
            final Run run = run(props(group(4), null, proxy.address()),
                E2e.publisher(E2e.udpChannel(group(4), null), clock, seed).rate(RATE).loss(0.005)
                .retransmitAddress(server(4)), messages);

            assertEveryMessageDeliveredAndBooksEqualAReplay(run, seed, messages);
            assertEquals(1, proxy.dropped().size());
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
        final Properties props = props(group(5), null, server(5)); // nothing listens there
        props.setProperty("feed.recovery.max.attempts", "3");
        final Run run = run(props,
            E2e.publisher(E2e.udpChannel(group(5), null), clock, seed).rate(RATE).loss(0.01).retransmitAddress(null),
            messages);

        final MoldUdp64Sequencer sequencer = run.sequencer();
        final OrderBooks books = run.pipeline().books();
        assertTrue(run.result().dropped() > 10);
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
        final Run run = run(props(group(6), group(7), null),
            E2e.publisher(E2e.udpChannel(group(6), group(7)), clock, seed).rate(RATE).ab(true).loss(loss), messages);

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
        final Run run = run(props(group(8), group(9), server(8)),
            E2e.publisher(E2e.udpChannel(group(8), group(9)), clock, seed).rate(RATE).ab(true).loss(loss)
            .retransmitAddress(server(8)), messages);

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
        final E2e.Handler handler = new E2e.Handler(props(group(14), group(15), server(14)), clock, "alloc");
        final E2e.ReceiverAllocation allocation;
        final long gapsAtWarmUp;
        final long recoveredAtWarmUp;
        try
        {
            try (E2e.Sender sender = new E2e.Sender(E2e.publisher(E2e.udpChannel(group(14), group(15)), clock, seed)
                .rate(60_000).messages(messages).ab(true).loss(0.05).duplicate(0.01).reorder(0.01)
                .retransmitAddress(server(14))))
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
        final Run run = run(props(group(10), null, server(10)),
            E2e.publisher(E2e.udpChannel(group(10), null), clock, seed).rate(RATE).duplicate(0.05).reorder(0.05)
            .retransmitAddress(server(10)), messages);

        assertTrue(run.result().duplicated() > 100);
        assertTrue(run.result().reordered() > 100);
        assertTrue(run.sequencer().counters().duplicatePackets() >= run.result().duplicated(),
            "duplicates " + run.sequencer().counters().duplicatePackets() + " sent " + run.result().duplicated());
        assertEveryMessageDeliveredAndBooksEqualAReplay(run, seed, messages);
    }

    @Test
    void shouldReportTheEndOfSession() throws Exception
    {
        final long seed = 23;
        final long messages = 5_000;
        final E2e.Handler handler = new E2e.Handler(props(group(11), null, null), clock, "eos");
        try (E2e.Sender sender = new E2e.Sender(
            E2e.publisher(E2e.udpChannel(group(11), null), clock, seed).rate(RATE).messages(messages).endOfSession(true)))
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
        final E2e.Handler handler = twoSessions(group(12), "follow");
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
        final E2e.Handler handler = twoSessions(group(13), "ignore");
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
