package org.feedhandler.protocol.moldudp64;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.feedhandler.protocol.moldudp64.SequenceRange.range;
import static org.feedhandler.protocol.Lines.A;
import static org.feedhandler.protocol.Lines.B;
import static org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer.END_OF_SESSION;
import static org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer.IMPLAUSIBLE;
import static org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer.MALFORMED;
import static org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer.NEXT;
import static org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer.OTHER_SESSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a hostile or broken sender can make the sequencer do: nothing it should not. A packet far
 * ahead, a packet of another session, a malformed packet: each is counted, none moves the stream,
 * and the genuine stream around them is delivered whole. A hang would fail the class timeout: the
 * point of several tests is that the work is bounded whatever the sequence numbers.
 */
@Timeout(30)
class MoldUdp64HostileInputTest
{
    private static final long MS = 1_000_000L;
    private static final long SESSION_HIGH = MoldUdp64.sessionHigh("SESSION001");
    private static final int SESSION_LOW = MoldUdp64.sessionLow("SESSION001");
    private static final long OTHER_HIGH = MoldUdp64.sessionHigh("SESSION002");
    private static final int OTHER_LOW = MoldUdp64.sessionLow("SESSION002");
    private static final long[] FAR_AHEAD = {1L << 62, Long.MAX_VALUE, Long.MIN_VALUE, -1L, 1_000_000_000L};

    private final List<Long> delivered = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final List<long[]> requests = new ArrayList<>();
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

        public void onSessionChange(
            final long oldHigh, final int oldLow, final long newHigh, final int newLow, final boolean following)
        {
            events.add("session " + MoldUdp64.sessionToString(newHigh, newLow));
        }

        public void onImplausibleSequence(final long sequence, final long nextExpected)
        {
            events.add("implausible " + Long.toUnsignedString(sequence) + " expecting " + nextExpected);
        }

        public void onForeignSession(final long high, final int low, final long sequence)
        {
            events.add("foreign " + MoldUdp64.sessionToString(high, low));
        }
    };
    private final UnsafeBuffer packet = new UnsafeBuffer(new byte[1500]);
    private final MoldUdp64PacketBuilder builder = new MoldUdp64PacketBuilder(packet, 1400);
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[8]);

    private MoldUdp64Sequencer sequencer(final SequencerContext ctx)
    {
        return new MoldUdp64Sequencer((buffer, offset, length, seq) -> delivered.add(seq), listener, ctx);
    }

    private int packetOf(final long high, final int low, final long first, final int count)
    {
        builder.session(high, low).begin(first);
        for (int i = 0; i < count; i++)
        {
            message.putLong(0, first + i, BIG_ENDIAN);
            assertTrue(builder.append(message, 0, 8));
        }
        return builder.length();
    }

    private int packetOf(final long first, final int count)
    {
        return packetOf(SESSION_HIGH, SESSION_LOW, first, count);
    }

    @Test
    void shouldIgnoreFarAheadMessagesHeartbeatsAndEndsOfSessionAndDeliverTheStreamAfterThemWithoutAGap()
    {
        final MoldUdp64Sequencer s = sequencer(new SequencerContext());
        long next = 1;
        for (final long far : FAR_AHEAD)
        {
            assertEquals(NEXT, s.onPacket(packet, 0, packetOf(next, 3), A, 0));
            next += 3;
            assertEquals(IMPLAUSIBLE, s.onPacket(packet, 0, packetOf(far, 2), A, 0));
            builder.session(SESSION_HIGH, SESSION_LOW);
            assertEquals(IMPLAUSIBLE, s.onPacket(packet, 0, builder.heartbeat(far), A, 0));
            assertEquals(IMPLAUSIBLE, s.onPacket(packet, 0, builder.endOfSession(far), A, 0));
        }
        assertEquals(NEXT, s.onPacket(packet, 0, packetOf(next, 3), A, 0));
        s.finish();

        assertEquals(range(1, next + 2), delivered);
        assertEquals(3L * FAR_AHEAD.length, s.counters().implausibleSequencePackets());
        assertEquals(0, s.counters().gaps());
        assertEquals(0, s.counters().endOfSessions());
        assertFalse(s.endOfSession());
        assertFalse(s.isStale());
        assertEquals(FAR_AHEAD.length, events.size(), "one report a burst: " + events);
        assertEquals("implausible 4611686018427387904 expecting 4", events.get(0));
    }

    @Test
    void shouldFollowAConfirmedJumpAndGiveUpEverythingBeforeItAtOnce()
    {
        final MoldUdp64Sequencer s = sequencer(new SequencerContext().jumpConfirmPackets(3));
        s.onPacket(packet, 0, packetOf(1, 2), A, 0);
        final long far = Long.MAX_VALUE - 10;
        assertEquals(IMPLAUSIBLE, s.onPacket(packet, 0, packetOf(far, 2), A, 0));
        assertEquals(IMPLAUSIBLE, s.onPacket(packet, 0, packetOf(far + 2, 2), A, 0));
        assertEquals(NEXT, s.onPacket(packet, 0, packetOf(far + 4, 2), A, 0), "the third contiguous one confirms");
        assertEquals(NEXT, s.onPacket(packet, 0, packetOf(far + 6, 4), A, 0), "carries on past 2^63 - 1");

        assertEquals(List.of(1L, 2L, far + 4, far + 5, far + 6, far + 7, far + 8, far + 9), delivered);
        assertEquals(far + 10, s.nextExpected());
        assertEquals(1, s.counters().confirmedJumps());
        assertEquals(1, s.counters().gaps());
        assertEquals(far + 4 - 3, s.counters().missingMessages());
        assertEquals(far + 4 - 3, s.counters().unrecoveredMessages());
        assertTrue(s.isStale(), "messages were lost: the books are possibly wrong");
        assertEquals(List.of("implausible " + far + " expecting 3", "gap 3.." + (far + 3),
            "lost 3.." + (far + 3) + " reason " + MoldUdp64Sequencer.LOST_JUMP), events);
    }

    @Test
    void shouldNotConfirmAJumpWhenAPacketOfTheCurrentPositionComesBetween()
    {
        final MoldUdp64Sequencer s = sequencer(new SequencerContext().jumpConfirmPackets(2));
        long next = 1;
        for (int i = 0; i < 100; i++)
        {
            assertEquals(NEXT, s.onPacket(packet, 0, packetOf(next, 1), A, 0));
            next++;
            assertEquals(IMPLAUSIBLE, s.onPacket(packet, 0, packetOf((1L << 62) + i, 1), A, 0));
        }
        assertEquals(range(1, 100), delivered);
        assertEquals(0, s.counters().confirmedJumps());
        assertEquals(100, s.counters().implausibleSequencePackets());
    }

    @Test
    void shouldNotConfirmAJumpWithPacketsThatAreNotContiguousOrNotWhole()
    {
        final MoldUdp64Sequencer s = sequencer(new SequencerContext().jumpConfirmPackets(2));
        s.onPacket(packet, 0, packetOf(1, 1), A, 0);
        final long far = 1L << 62;
        assertEquals(IMPLAUSIBLE, s.onPacket(packet, 0, packetOf(far, 2), A, 0));
        assertEquals(IMPLAUSIBLE, s.onPacket(packet, 0, packetOf(far + 5, 2), A, 0), "not where the last ended");
        final int whole = packetOf(far + 7, 2);
        assertEquals(IMPLAUSIBLE, s.onPacket(packet, 0, whole - 1, A, 0), "contiguous but cut");
        assertEquals(IMPLAUSIBLE, s.onPacket(packet, 0, packetOf(far + 9, 1), A, 0), "the cut one broke the run");
        assertEquals(0, s.counters().confirmedJumps());
        assertEquals(2, s.nextExpected());
        assertEquals(NEXT, s.onPacket(packet, 0, packetOf(2, 1), A, 0));
    }

    @Test
    void shouldDeclareAndGiveUpAGapAtThePlausibilityBoundWithoutSteppingThroughIt()
    {
        final long bound = SequencerContext.MAX_GAP_MESSAGES_LIMIT;
        final MoldUdp64Sequencer s = sequencer(new SequencerContext().maxGapMessages(bound).store(1024, 64));
        s.onPacket(packet, 0, packetOf(1, 1), A, 0);
        assertEquals(MoldUdp64Sequencer.GAP, s.onPacket(packet, 0, packetOf(2 + bound, 2), A, 0));
        s.onPacket(packet, 0, packetOf(4 + bound, 1), A, 0);
        assertEquals(List.of(1L, 2 + bound, 3 + bound, 4 + bound), delivered);
        assertEquals(bound, s.counters().missingMessages());
        assertEquals(bound, s.counters().unrecoveredMessages());
        assertTrue(s.counters().storeOverflows() > 0, "beyond the store: the oldest run given up to make room");
    }

    @Test
    void shouldKeepRequestsBoundedForTheLargestPlausibleGap()
    {
        final MoldUdp64Sequencer s = sequencer(new SequencerContext()
            .maxGapMessages(SequencerContext.MAX_GAP_MESSAGES_LIMIT)
            .store(1 << 20, 64)
            .recovery((h, l, from, count) -> requests.add(new long[]{from, count}), 10 * MS, 3));
        s.onPacket(packet, 0, packetOf(1, 1), A, 0);
        builder.session(SESSION_HIGH, SESSION_LOW);
        s.onPacket(packet, 0, builder.heartbeat(SequencerContext.MAX_GAP_MESSAGES_LIMIT), A, 0);
        assertEquals(16, requests.size(), "one scan sends at most 16 requests");
        assertEquals(MoldUdp64.MAX_REQUESTED_COUNT, requests.get(15)[1]);
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            s.doWork(attempt * 20 * MS);
        }
        assertEquals(16 * 3, requests.size(), "every timed-out attempt asks again, as bounded");
        assertTrue(s.counters().unrecoveredMessages() > 0, "given up after the attempts");
    }

    @Test
    void shouldNotTakeAMalformedPacketAsDeliveringOrDuplicatingItsSequenceNumbers()
    {
        final MoldUdp64Sequencer s = sequencer(new SequencerContext().lines(2).gapWaitNs(1000 * MS));
        s.onPacket(packet, 0, packetOf(1, 2), A, 0);
        // a block claiming 0xFFFF bytes, at the next sequence number
        builder.session(SESSION_HIGH, SESSION_LOW).begin(3);
        message.putLong(0, 3, BIG_ENDIAN);
        builder.append(message, 0, 8);
        packet.putShort(MoldUdp64.HEADER_LENGTH, (short)0xFFFF, BIG_ENDIAN);
        assertEquals(MALFORMED, s.onPacket(packet, 0, builder.length(), B, 0));
        assertEquals(MALFORMED, s.onPacket(packet, 0, 1, B, 0));
        assertEquals(MALFORMED, s.onPacket(packet, 0, 0, B, 0));
        assertEquals(3, s.nextExpected());
        assertEquals(0, s.counters().lineDuplicates(B));
        assertEquals(0, s.counters().lineFirstArrivals(B));
        assertEquals(3, s.counters().malformedPackets());
        assertEquals(NEXT, s.onPacket(packet, 0, packetOf(3, 2), A, 0));
        assertEquals(range(1, 4), delivered);
        assertEquals(List.of(), events);
    }

    @Test
    void shouldNotFollowPacketsAlternatingBetweenTwoSessions()
    {
        final MoldUdp64Sequencer s = sequencer(new SequencerContext());
        long now = 0;
        for (int i = 1; i <= 2000; i++)
        {
            now += 10 * MS;
            assertEquals(NEXT, s.onPacket(packet, 0, packetOf(i, 1), A, now));
            assertEquals(OTHER_SESSION, s.onPacket(packet, 0, packetOf(OTHER_HIGH, OTHER_LOW, i, 1), A, now));
        }
        assertEquals(range(1, 2000), delivered);
        assertEquals(0, s.counters().sessionChanges());
        assertEquals(2000, s.counters().foreignSessionPackets());
        assertEquals(SESSION_HIGH, s.sessionHigh());
    }

    @Test
    void shouldReportOnlyTheFirstForeignPacketOfABurst()
    {
        final MoldUdp64Sequencer s = sequencer(new SequencerContext());
        s.onPacket(packet, 0, packetOf(1, 1), A, 0);
        for (int i = 0; i < 50; i++)
        {
            assertEquals(OTHER_SESSION, s.onPacket(packet, 0, packetOf(OTHER_HIGH, OTHER_LOW, 1 + i, 1), A, 0));
        }
        s.onPacket(packet, 0, packetOf(2, 1), A, 0);
        s.onPacket(packet, 0, packetOf(OTHER_HIGH, OTHER_LOW, 60, 1), A, 0);
        assertEquals(List.of("foreign SESSION002", "foreign SESSION002"), events);
        assertEquals(51, s.counters().foreignSessionPackets());
        assertEquals(List.of(1L, 2L), delivered);
    }

    @Test
    void shouldFollowANewSessionOnlyOnceItPersistsWithTheCurrentOneQuiet()
    {
        final MoldUdp64Sequencer s = sequencer(new SequencerContext().sessionConfirm(3, 100 * MS));
        s.onPacket(packet, 0, packetOf(1, 2), A, 0);
        assertEquals(OTHER_SESSION, s.onPacket(packet, 0, packetOf(OTHER_HIGH, OTHER_LOW, 1, 1), A, 10 * MS));
        assertEquals(OTHER_SESSION, s.onPacket(packet, 0, packetOf(OTHER_HIGH, OTHER_LOW, 2, 1), A, 20 * MS));
        assertEquals(OTHER_SESSION, s.onPacket(packet, 0, packetOf(OTHER_HIGH, OTHER_LOW, 3, 1), A, 30 * MS),
            "three packets, but the current session spoke 30 ms ago");
        assertEquals(MoldUdp64Sequencer.GAP, s.onPacket(packet, 0, packetOf(OTHER_HIGH, OTHER_LOW, 4, 1), A, 100 * MS),
            "followed: the new session's first three, dropped while it was foreign, are missing");
        assertEquals(List.of(1L, 2L, 4L), delivered);
        assertEquals(1, s.counters().sessionChanges());
        assertEquals(3, s.counters().foreignSessionPackets());
        assertEquals(OTHER_HIGH, s.sessionHigh());
        assertTrue(events.contains("session SESSION002"), events.toString());
    }

    @Test
    void shouldFollowANewSessionAtOnceAfterTheCurrentOneEnded()
    {
        final MoldUdp64Sequencer s = sequencer(new SequencerContext());
        s.onPacket(packet, 0, packetOf(1, 3), A, 0);
        builder.session(SESSION_HIGH, SESSION_LOW);
        assertEquals(END_OF_SESSION, s.onPacket(packet, 0, builder.endOfSession(4), A, 0));
        assertEquals(NEXT, s.onPacket(packet, 0, packetOf(OTHER_HIGH, OTHER_LOW, 1, 2), A, 0));
        assertEquals(List.of(1L, 2L, 3L, 1L, 2L), delivered);
        assertEquals(1, s.counters().sessionChanges());
        assertEquals(1, s.counters().endOfSessions());
        assertEquals(0, s.counters().foreignSessionPackets());
    }

    @Test
    void shouldTakeNewMessagesAfterAnEndOfSessionAsTheSessionGoingOn()
    {
        final MoldUdp64Sequencer s = sequencer(new SequencerContext());
        s.onPacket(packet, 0, packetOf(1, 3), A, 0);
        builder.session(SESSION_HIGH, SESSION_LOW);
        s.onPacket(packet, 0, builder.endOfSession(4), A, 0);
        assertTrue(s.endOfSession());
        s.onPacket(packet, 0, packetOf(4, 1), A, 0);
        assertFalse(s.endOfSession());
        assertEquals(OTHER_SESSION, s.onPacket(packet, 0, packetOf(OTHER_HIGH, OTHER_LOW, 1, 2), A, 0));
        assertEquals(0, s.counters().sessionChanges());
    }

    @Test
    void shouldNeverFollowAnotherSessionOnTheRetransmissionLine()
    {
        final MoldUdp64Sequencer s = sequencer(new SequencerContext().sessionConfirm(1, 0));
        s.onPacket(packet, 0, packetOf(1, 1), A, 0);
        assertEquals(OTHER_SESSION, s.onPacket(packet, 0,
            packetOf(OTHER_HIGH, OTHER_LOW, 1, 1), org.feedhandler.protocol.Lines.RETRANSMISSION, 0));
        assertEquals(0, s.counters().sessionChanges());
    }

    @Test
    void shouldGiveUpTheOldestMissingRunWhenTheRunTableIsFull()
    {
        final MoldUdp64Sequencer s = sequencer(new SequencerContext().lines(2).gapWaitNs(1000 * MS).store(1 << 16, 64));
        s.onPacket(packet, 0, packetOf(1, 1), A, 0);
        final int holes = HoldStore.MAX_RUNS + 10;
        for (int i = 0; i < holes; i++)
        {
            s.onPacket(packet, 0, packetOf(3 + 2L * i, 1), A, 0);
        }
        assertEquals(10, s.counters().unrecoveredMessages(), "the ten oldest holes given up to hold the rest");
        assertEquals(11, delivered.size());
        for (int i = 0; i < holes; i++)
        {
            s.onPacket(packet, 0, packetOf(2 + 2L * i, 1), B, 0);
        }
        assertEquals(1 + 2 * holes - 10, delivered.size(), "all but the ten given up");
        assertEquals(2L + 2 * holes, s.nextExpected());
    }

    @Test
    void shouldRejectSettingsOutOfRangeAndAContextConcludedTwice()
    {
        assertThrows(IllegalArgumentException.class, () -> new SequencerContext().maxGapMessages(0).conclude());
        assertThrows(IllegalArgumentException.class,
            () -> new SequencerContext().maxGapMessages(SequencerContext.MAX_GAP_MESSAGES_LIMIT + 1).conclude());
        assertThrows(IllegalArgumentException.class, () -> new SequencerContext().jumpConfirmPackets(0).conclude());
        assertThrows(IllegalArgumentException.class, () -> new SequencerContext().sessionConfirm(0, 1).conclude());
        assertThrows(IllegalArgumentException.class, () -> new SequencerContext().lines(3).conclude());
        final SequencerContext ctx = new SequencerContext();
        sequencer(ctx);
        assertThrows(IllegalStateException.class, () -> sequencer(ctx));
    }
}
