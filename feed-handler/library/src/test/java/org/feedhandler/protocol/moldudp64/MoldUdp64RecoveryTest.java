package org.feedhandler.protocol.moldudp64;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.feedhandler.protocol.Lines;

import java.util.ArrayList;
import java.util.List;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.feedhandler.protocol.moldudp64.SequenceRange.range;
import static org.feedhandler.protocol.Lines.A;
import static org.feedhandler.protocol.Lines.B;
import static org.feedhandler.protocol.Lines.RETRANSMISSION;
import static org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer.LOST_ATTEMPTS;
import static org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer.LOST_OVERFLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gap recovery and A/B arbitration, driven by an injected clock. Each message's payload is its own
 * sequence number, so the delivered stream proves order and exactly-once. The "request server"
 * answers from the same packet builder the simulator uses. Every case runs with each way a handler
 * can take its messages: one a call, in runs, in short runs.
 */
@ParameterizedClass
@EnumSource(PayloadHandler.Delivery.class)
class MoldUdp64RecoveryTest
{
    @Parameter
    PayloadHandler.Delivery delivery;

    private static final long SESSION_HIGH = MoldUdp64.sessionHigh("TEST");
    private static final int SESSION_LOW = MoldUdp64.sessionLow("TEST");
    private static final long MS = 1_000_000L;

    private final List<Long> delivered = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final List<long[]> requests = new ArrayList<>();
    private final UnsafeBuffer packet = new UnsafeBuffer(new byte[1500]);
    private final MoldUdp64PacketBuilder builder = new MoldUdp64PacketBuilder(packet, 1400);
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[8]);
    private long now = 1_000 * MS;

    private final SequencerListener listener = new SequencerListener()
    {
        public void onGap(final long from, final long to)
        {
            events.add("gap " + from + ".." + (to - 1));
        }

        public void onUnrecoverable(final long from, final long to, final int reason)
        {
            events.add("lost " + from + ".." + (to - 1) + " reason " + reason);
        }

        public void onStale(final boolean stale)
        {
            events.add(stale ? "stale" : "whole");
        }

        public void onLineSilent(final int line, final boolean silent)
        {
            events.add("line " + line + (silent ? " silent" : " alive"));
        }
    };

    private MoldUdp64Sequencer sequencer(final int lines, final long gapWaitNs, final boolean recovery)
    {
        return new MoldUdp64Sequencer(
            PayloadHandler.of(delivery, delivered),
            listener,
            new SequencerContext()
                .lines(lines)
                .gapWaitNs(gapWaitNs)
                .store(1024, 64)
                .lineSilenceNs(100 * MS)
                .recovery(recovery ? (h, l, from, count) -> requests.add(new long[]{from, count}) : null, 10 * MS, 3));
    }

    private int packetOf(final long first, final int count)
    {
        builder.session(SESSION_HIGH, SESSION_LOW).begin(first);
        for (int i = 0; i < count; i++)
        {
            message.putLong(0, first + i, BIG_ENDIAN);
            builder.append(message, 0, 8);
        }
        return builder.length();
    }

    private void send(final MoldUdp64Sequencer s, final int line, final long first, final int count)
    {
        s.onPacket(packet, 0, packetOf(first, count), line, now);
    }

    /** Answer the oldest outstanding request with at most {@code max} messages. */
    private void answer(final MoldUdp64Sequencer s, final int max)
    {
        final long[] r = requests.remove(0);
        send(s, RETRANSMISSION, r[0], (int)Math.min(max, r[1]));
    }

    @Test
    void shouldRecoverOneGapAndDeliverHeldMessagesInOrder()
    {
        final MoldUdp64Sequencer s = sequencer(1, 0, true);
        send(s, A, 1, 3);
        send(s, A, 7, 3); // 4..6 lost
        assertEquals(range(1, 3), delivered, "held, not delivered, while the gap is open");
        assertEquals(1, requests.size());
        assertEquals(4, requests.get(0)[0]);
        assertEquals(3, requests.get(0)[1]);
        assertTrue(s.isStale());

        answer(s, 100);
        assertEquals(range(1, 9), delivered);
        assertEquals(List.of("gap 4..6", "stale", "whole"), events);
        assertEquals(1, s.counters().gaps());
        assertEquals(3, s.counters().missingMessages());
        assertEquals(3, s.counters().recoveredMessages());
        assertEquals(0, s.counters().unrecoveredMessages());
        assertFalse(s.isStale());
    }

    @Test
    void shouldRequestSeveralGapsAtOnceAndRecoverThemAll()
    {
        final MoldUdp64Sequencer s = sequencer(1, 0, true);
        send(s, A, 1, 3);
        send(s, A, 7, 3);  // 4..6 lost
        send(s, A, 13, 3); // 10..12 lost
        assertEquals(2, requests.size(), "each gap requested as it is declared");
        answer(s, 100);
        assertEquals(range(1, 9), delivered);
        answer(s, 100);
        assertEquals(range(1, 15), delivered);
        assertEquals(2, s.counters().gaps());
        assertEquals(6, s.counters().recoveredMessages());
        assertFalse(s.isStale());
    }

    @Test
    void shouldAskAgainForTheRestWhenTheServerAnswersFewerMessagesThanAsked()
    {
        final MoldUdp64Sequencer s = sequencer(1, 0, true);
        send(s, A, 1, 1);
        send(s, A, 20, 1); // 2..19 lost
        int answers = 0;
        while (!requests.isEmpty())
        {
            answer(s, 4);
            answers++;
        }
        assertEquals(range(1, 20), delivered);
        assertEquals(5, answers, "18 messages, 4 per answer");
        assertEquals(18, s.counters().recoveredMessages());
        assertEquals(5, s.counters().requests(), "no message asked for twice");
    }

    @Test
    void shouldPipelineRequestsForTheRestOfALargeGapAfterAShortAnswer()
    {
        final MoldUdp64Sequencer s = sequencer(1, 0, true);
        send(s, A, 1, 1);
        send(s, A, 202, 1); // 2..201 lost: 200 messages
        assertEquals(1, requests.size());
        answer(s, 10); // the server answers 10 of 200
        assertEquals(RetransmissionTracker.MAX_OUTSTANDING, requests.size(),
            "the rest asked for at once, in requests of 10, up to the window (the last takes the remainder)");
        assertEquals(12, requests.get(0)[0]);
        assertEquals(10, requests.get(0)[1]);
        long asked = 0;
        for (final long[] r : requests)
        {
            asked += r[1];
        }
        assertEquals(190, asked, "every missing message asked for exactly once");
        while (!requests.isEmpty())
        {
            answer(s, 10);
        }
        assertEquals(range(1, 202), delivered);
        assertEquals(200, s.counters().recoveredMessages());
    }

    @Test
    void shouldRequestAgainAfterTheTimeoutWhenARequestIsLost()
    {
        final MoldUdp64Sequencer s = sequencer(1, 0, true);
        send(s, A, 1, 2);
        send(s, A, 5, 1);
        assertEquals(1, requests.size());
        requests.clear(); // the request is lost

        now += 5 * MS;
        s.doWork(now);
        assertEquals(0, requests.size(), "not before the timeout");
        now += 5 * MS;
        s.doWork(now);
        assertEquals(1, requests.size(), "re-requested by the clock, with no packet arriving");
        answer(s, 100);
        assertEquals(range(1, 5), delivered);
        assertEquals(2, s.counters().requests());
    }

    @Test
    void shouldGiveUpAfterTheConfiguredAttemptsWhenTheServerIsDownAndStayStale()
    {
        final MoldUdp64Sequencer s = sequencer(1, 0, true);
        send(s, A, 1, 2);
        send(s, A, 5, 1);  // 3..4 lost
        send(s, A, 8, 1);  // 6..7 lost
        for (int i = 0; i < 10; i++)
        {
            now += 10 * MS;
            s.doWork(now);
        }
        assertEquals(List.of(1L, 2L, 5L, 8L), delivered);
        assertEquals(4, s.counters().unrecoveredMessages());
        assertEquals(0, s.counters().recoveredMessages());
        assertTrue(events.contains("lost 3..4 reason " + LOST_ATTEMPTS));
        assertTrue(events.contains("lost 6..7 reason " + LOST_ATTEMPTS));
        assertTrue(s.isStale(), "books stay flagged after a loss");
        assertEquals(3, s.counters().requests() / 2, "3 attempts, each asking for both runs");

        send(s, A, 9, 2);
        assertEquals(List.of(1L, 2L, 5L, 8L, 9L, 10L), delivered, "the feed goes on after giving up");
    }

    @Test
    void shouldNotCountAGapOnOneLineThatTheOtherLineFills()
    {
        final MoldUdp64Sequencer s = sequencer(2, 50 * MS, true);
        for (long seq = 1; seq <= 30; seq += 3)
        {
            if (seq != 4)
            {
                send(s, A, seq, 3); // A loses 4..6
            }
            if (seq != 13)
            {
                send(s, B, seq, 3); // B loses 13..15
            }
        }
        s.doWork(now);
        assertEquals(range(1, 30), delivered);
        assertEquals(0, s.counters().gaps());
        assertEquals(0, requests.size());
        assertEquals(10, s.counters().lineFirstArrivals(A) + s.counters().lineFirstArrivals(B));
        assertEquals(9, s.counters().linePackets(A));
        assertEquals(9, s.counters().linePackets(B));
        assertEquals(8, s.counters().lineDuplicates(A) + s.counters().lineDuplicates(B));
    }

    @Test
    void shouldDeclareGapAsSoonAsBothLinesHavePassedItWithoutWaiting()
    {
        final MoldUdp64Sequencer s = sequencer(2, 1_000 * MS, true);
        send(s, A, 1, 3);
        send(s, B, 1, 3);
        send(s, A, 7, 3);
        assertEquals(0, requests.size(), "B may still bring 4..6");
        send(s, B, 7, 3);
        assertEquals(1, requests.size(), "both lines passed 4..6: request at once");
        answer(s, 100);
        assertEquals(range(1, 9), delivered);
    }

    @Test
    void shouldWaitForAReorderedPacketBeforeDeclaringAGap()
    {
        final MoldUdp64Sequencer s = sequencer(1, 2 * MS, false);
        send(s, A, 1, 1);
        send(s, A, 3, 1);
        now += MS;
        s.doWork(now);
        send(s, A, 2, 1);
        now += 10 * MS;
        s.doWork(now);
        assertEquals(range(1, 3), delivered);
        assertEquals(0, s.counters().gaps());
    }

    @Test
    void shouldGiveUpAtOnceWithoutRecoveryAndGoOn()
    {
        final MoldUdp64Sequencer s = sequencer(1, 0, false);
        send(s, A, 1, 1);
        send(s, A, 4, 1);
        assertEquals(List.of(1L, 4L), delivered);
        assertEquals(List.of("gap 2..3", "lost 2..3 reason 1", "stale"), events);
        assertEquals(2, s.counters().unrecoveredMessages());
    }

    @Test
    void shouldGiveUpTheOldestRunWhenTheStoreOverflows()
    {
        final MoldUdp64Sequencer s = sequencer(1, 1_000 * MS, true);
        send(s, A, 1, 1);
        for (long seq = 3; seq <= 1100; seq++)
        {
            send(s, A, seq, 1); // 2 is missing; the store holds 1024
        }
        assertTrue(s.counters().storeOverflows() > 0);
        assertTrue(events.contains("lost 2..2 reason " + LOST_OVERFLOW), events.toString());
        assertEquals(range(1, 1100).size() - 1, delivered.size());
        assertEquals(1100, s.nextExpected() - 1);
    }

    @Test
    void shouldGiveUpAGapLargerThanTheStoreAfterEverythingWasDelivered()
    {
        // everything up to 1 delivered, then a jump past the store's 1024 cells: giveUp used to spin
        // forever here (nothing held, nextExpected past highestSeen), hanging the receiver thread
        final MoldUdp64Sequencer s = sequencer(1, 1_000 * MS, true);
        send(s, A, 1, 1);
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> send(s, A, 3000, 1));
        assertTrue(s.counters().storeOverflows() > 0);
        assertTrue(events.stream().anyMatch(e -> e.startsWith("lost 2..") && e.endsWith("reason " + LOST_OVERFLOW)),
            events.toString());
        assertEquals(3000 - 1023, s.nextExpected());
    }

    @Test
    void shouldReportALineThatGoesSilentAndComesBack()
    {
        final MoldUdp64Sequencer s = sequencer(2, 0, false);
        s.doWork(now);
        send(s, A, 1, 1);
        now += 60 * MS;
        send(s, A, 2, 1);
        now += 60 * MS;
        s.doWork(now);
        assertTrue(s.lineSilent(B));
        assertFalse(s.lineSilent(A));
        send(s, B, 3, 1);
        assertFalse(s.lineSilent(B));
        assertEquals(List.of("line 1 silent", "line 1 alive"), events);
    }

    @Test
    void shouldDetectTailLossFromHeartbeatAndRecoverIt()
    {
        final MoldUdp64Sequencer s = sequencer(1, 0, true);
        send(s, A, 1, 2);
        s.onPacket(packet, 0, builder.heartbeat(5), A, now); // 3..4 never arrived
        assertEquals(1, requests.size());
        answer(s, 10);
        assertEquals(range(1, 4), delivered);
    }

    @Test
    void shouldFinishAReplayByGivingUpWhatIsStillOpen()
    {
        final MoldUdp64Sequencer s = sequencer(1, 1_000 * MS, false);
        send(s, A, 1, 1);
        send(s, A, 3, 1);
        assertEquals(List.of(1L), delivered);
        s.finish();
        assertEquals(List.of(1L, 3L), delivered);
        assertEquals(1, s.counters().unrecoveredMessages());
    }
}
