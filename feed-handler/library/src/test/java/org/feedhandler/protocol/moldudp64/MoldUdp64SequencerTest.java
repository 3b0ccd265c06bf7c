package org.feedhandler.protocol.moldudp64;

import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.TestData;
import org.feedhandler.protocol.Lines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.feedhandler.protocol.moldudp64.SequenceRange.range;
import static org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer.DUPLICATE;
import static org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer.END_OF_SESSION;
import static org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer.GAP;
import static org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer.HEARTBEAT;
import static org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer.MALFORMED;
import static org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer.NEXT;
import static org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer.OTHER_SESSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.feedhandler.protocol.Lines.A;

/** Every case runs with each way a handler can take its messages: one a call, in runs, in short runs. */
@ParameterizedClass
@EnumSource(PayloadHandler.Delivery.class)
class MoldUdp64SequencerTest
{
    @Parameter
    PayloadHandler.Delivery delivery;

    private static final long SESSION_HIGH = MoldUdp64.sessionHigh("SESSION001");
    private static final int SESSION_LOW = MoldUdp64.sessionLow("SESSION001");

    private final List<Long> delivered = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final SequencerListener listener = new SequencerListener()
    {
        public void onGap(final long from, final long to)
        {
            events.add("gap " + from + ".." + (to - 1));
        }

        public void onSessionChange(
            final long oldHigh, final int oldLow, final long newHigh, final int newLow, final boolean following)
        {
            events.add("session " + MoldUdp64.sessionToString(oldHigh, oldLow) + "->" +
                MoldUdp64.sessionToString(newHigh, newLow));
        }

        public void onEndOfSession(final long next)
        {
            events.add("end " + next);
        }

        public void onUnrecoverable(final long from, final long to, final int reason)
        {
            events.add("lost " + from + ".." + (to - 1));
        }
    };
    private final UnsafeBuffer packet = new UnsafeBuffer(new byte[1500]);
    private final MoldUdp64PacketBuilder builder = new MoldUdp64PacketBuilder(packet, 1400);
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[8]);

    private MoldUdp64Sequencer sequencer(final long start, final boolean follow)
    {
        return new MoldUdp64Sequencer(PayloadHandler.of(delivery, delivered), listener,
            new SequencerContext().startSequence(start).followSessionChange(follow));
    }

    private int packetOf(final long first, final int count)
    {
        builder.session(SESSION_HIGH, SESSION_LOW).begin(first);
        for (int i = 0; i < count; i++)
        {
            message.putLong(0, first + i, BIG_ENDIAN);
            assertTrue(builder.append(message, 0, 8));
        }
        return builder.length();
    }

    @Test
    void shouldClassifyInOrderPacketsAsNextAndDeliverEveryMessageOnce()
    {
        final MoldUdp64Sequencer s = sequencer(1, true);
        assertEquals(NEXT, s.onPacket(packet, 0, packetOf(1, 3), A, 0));
        assertEquals(NEXT, s.onPacket(packet, 0, packetOf(4, 2), A, 0));
        assertEquals(range(1, 5), delivered);
        assertEquals(6, s.nextExpected());
        assertEquals(List.of(), events);
    }

    @Test
    void shouldResumeAtASnapshotsSequenceForgettingWhatWasHeldAndLostAndClearStale()
    {
        final MoldUdp64Sequencer s = sequencer(1, true);
        s.onPacket(packet, 0, packetOf(1, 3), A, 0);
        s.onPacket(packet, 0, packetOf(10, 2), A, 0);   // 4..9 missing, 10..11 held
        s.finish();                                       // given up: stale
        s.onPacket(packet, 0, packetOf(20, 2), A, 0);   // 12..19 missing, 20..21 held
        assertTrue(s.isStale());
        delivered.clear();

        s.resumeAt(30);
        assertFalse(s.isStale());
        assertEquals(30, s.nextExpected());
        assertEquals(29, s.highestSeen());
        assertEquals(DUPLICATE, s.onPacket(packet, 0, packetOf(20, 2), A, 0)); // before the snapshot's sequence
        assertEquals(NEXT, s.onPacket(packet, 0, packetOf(28, 4), A, 0));      // straddles it: 30, 31 new
        assertEquals(NEXT, s.onPacket(packet, 0, packetOf(32, 1), A, 0));
        assertEquals(range(30, 32), delivered);
        assertFalse(s.isStale());
    }

    @Test
    void shouldCountMessagesGivenUpBeforeASnapshotsSequenceAsCoveredNotUnrecovered()
    {
        final MoldUdp64Sequencer s = sequencer(1, true);
        s.onPacket(packet, 0, packetOf(1, 3), A, 0);
        s.onPacket(packet, 0, packetOf(10, 2), A, 0);   // 4..9 missing
        s.finish();                                       // given up
        assertEquals(6, s.counters().unrecoveredMessages());

        s.resumeAt(30);                                   // a snapshot at 30 restored their effect
        assertEquals(0, s.counters().unrecoveredMessages());
        assertEquals(6, s.counters().snapshotCoveredMessages());

        s.onPacket(packet, 0, packetOf(35, 1), A, 0);   // 30..34 missing
        s.finish();
        assertEquals(5, s.counters().unrecoveredMessages());
        s.resumeAt(33);                                   // a snapshot before their end leaves them lost
        assertEquals(5, s.counters().unrecoveredMessages());
        assertEquals(6, s.counters().snapshotCoveredMessages());
    }

    @Test
    void shouldResumeBeforeAnyPacketAndAdoptTheFirstSessionAsUsual()
    {
        final MoldUdp64Sequencer s = sequencer(SequencerContext.START_AT_FIRST_SEEN, true);
        s.resumeAt(1_000);
        assertEquals(NEXT, s.onPacket(packet, 0, packetOf(1_000, 2), A, 0));
        assertEquals(range(1_000, 1_001), delivered);
        assertEquals(List.of(), events);
    }

    @Test
    void shouldDropDuplicatePacketAlreadyDelivered()
    {
        final MoldUdp64Sequencer s = sequencer(1, true);
        s.onPacket(packet, 0, packetOf(1, 3), A, 0);
        assertEquals(DUPLICATE, s.onPacket(packet, 0, packetOf(1, 3), A, 0));
        assertEquals(DUPLICATE, s.onPacket(packet, 0, packetOf(2, 1), A, 0));
        assertEquals(range(1, 3), delivered);
        assertEquals(2, s.counters().duplicatePackets());
    }

    @Test
    void shouldDeliverOnlyTheNewMessagesOfAnOverlappingPacket()
    {
        final MoldUdp64Sequencer s = sequencer(1, true);
        s.onPacket(packet, 0, packetOf(1, 3), A, 0);
        assertEquals(NEXT, s.onPacket(packet, 0, packetOf(2, 4), A, 0));
        assertEquals(range(1, 5), delivered);
    }

    @Test
    void shouldHandTheNextPacketToABlockHandlerAsOneRunAndTakeOverWhereTheRunStops()
    {
        final PayloadHandler handler = PayloadHandler.of(delivery, delivered);
        final MoldUdp64Sequencer s = new MoldUdp64Sequencer(handler, listener, new SequencerContext());
        assertEquals(NEXT, s.onPacket(packet, 0, packetOf(1, 5), A, 0));
        assertEquals(range(1, 5), delivered);
        assertEquals(5, s.counters().messagesDelivered());
        assertEquals(6, s.nextExpected());
        assertEquals(5, s.highestSeen());
        switch (delivery)
        {
            case ONE_BY_ONE -> assertEquals(List.of(8, 8, 8, 8, 8), handler.singleLengths);
            case RUNS -> assertEquals("1 run, " + List.of(), handler.runCalls + " run, " + handler.singleLengths);
            case RUNS_OF_TWO -> assertEquals("1 run, " + List.of(8, 8, 8), handler.runCalls + " run, " + handler.singleLengths);
        }
    }

    @Test
    void shouldDeliverOneByOneWhileMessagesAreHeldAndInRunsAgainOnceNothingIs()
    {
        final PayloadHandler handler = PayloadHandler.of(delivery, delivered);
        final MoldUdp64Sequencer s = new MoldUdp64Sequencer(handler, listener,
            new SequencerContext().lines(2).gapWaitNs(1_000_000_000L));
        s.onPacket(packet, 0, packetOf(1, 2), A, 0);
        assertEquals(GAP, s.onPacket(packet, 0, packetOf(5, 2), A, 0), "5 and 6 are held, waiting for line B");
        assertEquals(NEXT, s.onPacket(packet, 0, packetOf(3, 2), Lines.B, 0));
        assertEquals(NEXT, s.onPacket(packet, 0, packetOf(7, 2), A, 0));
        assertEquals(range(1, 8), delivered);
        assertEquals(List.of(), events);
        // 3 and 4 arrive next in line but with 5 and 6 held beyond them: one by one, then 5 and 6 from the store
        switch (delivery)
        {
            case ONE_BY_ONE -> assertEquals(List.of(8, 8, 8, 8, 8, 8, 8, 8), handler.singleLengths);
            case RUNS -> assertEquals("2 runs, " + List.of(8, 8, 8, 8), handler.runCalls + " runs, " + handler.singleLengths);
            case RUNS_OF_TWO ->
                assertEquals("2 runs, " + List.of(8, 8, 8, 8), handler.runCalls + " runs, " + handler.singleLengths);
        }
    }

    @Test
    void shouldDeliverAZeroLengthBlockOnItsOwnAndTheBlocksAfterItInOrder()
    {
        // a zero-length block ends a BlockHandler's run (the ITCH decoder takes it one a call and counts it
        // malformed); the sequencer hands it over on its own, then the rest
        final PayloadHandler handler = PayloadHandler.of(delivery, delivered);
        final MoldUdp64Sequencer s = new MoldUdp64Sequencer(handler, listener, new SequencerContext());
        builder.session(SESSION_HIGH, SESSION_LOW).begin(1);
        for (long seq = 1; seq <= 4; seq++)
        {
            message.putLong(0, seq, BIG_ENDIAN);
            assertTrue(builder.append(message, 0, seq == 3 ? 0 : 8));
        }
        assertEquals(NEXT, s.onPacket(packet, 0, builder.length(), A, 0));
        assertEquals(range(1, 4), delivered);
        assertEquals(4, s.counters().messagesDelivered(), "the empty block is delivered too");
        assertEquals(5, s.nextExpected());
        assertEquals(delivery == PayloadHandler.Delivery.ONE_BY_ONE ? List.of(8, 8, 0, 8) : List.of(0, 8),
            handler.singleLengths);
    }

    @Test
    void shouldReportGapWithMissingRangeWhenSequenceSkips()
    {
        final MoldUdp64Sequencer s = sequencer(1, true);
        s.onPacket(packet, 0, packetOf(1, 2), A, 0);
        assertEquals(GAP, s.onPacket(packet, 0, packetOf(10, 2), A, 0));
        assertEquals(List.of("gap 3..9", "lost 3..9"), events);
        assertEquals(1, s.counters().gaps());
        assertEquals(7, s.counters().missingMessages());
        assertEquals(List.of(1L, 2L, 10L, 11L), delivered);
    }

    @Test
    void shouldReportGapBeforeFirstPacketWhenExpectingTheSessionStart()
    {
        final MoldUdp64Sequencer s = sequencer(1, true);
        assertEquals(GAP, s.onPacket(packet, 0, packetOf(5, 1), A, 0));
        assertEquals(List.of("gap 1..4", "lost 1..4"), events);
    }

    @Test
    void shouldJoinAtFirstPacketSeenWhenConfiguredToJoinMidStream()
    {
        final MoldUdp64Sequencer s = sequencer(SequencerContext.START_AT_FIRST_SEEN, true);
        assertEquals(NEXT, s.onPacket(packet, 0, packetOf(1000, 2), A, 0));
        assertEquals(List.of(1000L, 1001L), delivered);
        assertEquals(List.of(), events);
    }

    @Test
    void shouldRevealTailLossFromHeartbeatAheadOfExpected()
    {
        final MoldUdp64Sequencer s = sequencer(1, true);
        s.onPacket(packet, 0, packetOf(1, 2), A, 0);
        assertEquals(HEARTBEAT, s.onPacket(packet, 0, builder.heartbeat(3), A, 0));
        assertEquals(GAP, s.onPacket(packet, 0, builder.heartbeat(6), A, 0));
        assertEquals(List.of("gap 3..5", "lost 3..5"), events);
        assertEquals(6, s.nextExpected());
    }

    @Test
    void shouldNotTakeHeartbeatWithSequenceZeroForARewind()
    {
        final MoldUdp64Sequencer s = sequencer(1, true);
        s.onPacket(packet, 0, packetOf(1, 5), A, 0);
        assertEquals(HEARTBEAT, s.onPacket(packet, 0, builder.heartbeat(0), A, 0));
        assertEquals(6, s.nextExpected());
        assertEquals(NEXT, s.onPacket(packet, 0, packetOf(6, 1), A, 0));
        assertEquals(List.of(), events);
    }

    @Test
    void shouldHandleEndOfSession()
    {
        final MoldUdp64Sequencer s = sequencer(1, true);
        s.onPacket(packet, 0, packetOf(1, 2), A, 0);
        assertEquals(END_OF_SESSION, s.onPacket(packet, 0, builder.endOfSession(3), A, 0));
        assertTrue(s.endOfSession());
        assertEquals(List.of("end 3"), events);
    }

    @Test
    void shouldFollowSessionChangeAfterEndOfSessionAndRestartTheSequence()
    {
        final MoldUdp64Sequencer s = sequencer(1, true);
        s.onPacket(packet, 0, packetOf(1, 3), A, 0);
        s.onPacket(packet, 0, builder.endOfSession(4), A, 0);
        events.clear();
        builder.session(MoldUdp64.sessionHigh("SESSION002"), MoldUdp64.sessionLow("SESSION002")).begin(1);
        message.putLong(0, 1, BIG_ENDIAN);
        builder.append(message, 0, 8);
        assertEquals(NEXT, s.onPacket(packet, 0, builder.length(), A, 0));
        assertEquals(List.of("session SESSION001->SESSION002"), events);
        assertEquals(List.of(1L, 2L, 3L, 1L), delivered);
        assertEquals(1, s.counters().sessionChanges());
    }

    @Test
    void shouldIgnoreOtherSessionWhenConfiguredToIgnoreChanges()
    {
        final MoldUdp64Sequencer s = sequencer(1, false);
        s.onPacket(packet, 0, packetOf(1, 1), A, 0);
        builder.session(MoldUdp64.sessionHigh("OTHER"), MoldUdp64.sessionLow("OTHER")).begin(2);
        message.putLong(0, 2, BIG_ENDIAN);
        builder.append(message, 0, 8);
        assertEquals(OTHER_SESSION, s.onPacket(packet, 0, builder.length(), A, 0));
        assertEquals(1, s.counters().foreignSessionPackets());
        assertEquals(List.of(1L), delivered);
    }

    @Test
    void shouldCountShortPacketAsMalformed()
    {
        final MoldUdp64Sequencer s = sequencer(1, true);
        assertEquals(MALFORMED, s.onPacket(packet, 0, 19, A, 0));
        assertEquals(1, s.counters().malformedPackets());
        assertEquals(List.of(), delivered);
    }

    @Test
    void shouldDeliverMessagesBeforeACutBlockAndTreatTheRestAsMissing()
    {
        final MoldUdp64Sequencer s = sequencer(1, true);
        final int length = packetOf(1, 3);
        assertEquals(MALFORMED, s.onPacket(packet, 0, length - 3, A, 0));
        assertEquals(List.of(1L, 2L), delivered);
        assertEquals(3, s.nextExpected());
        assertEquals(GAP, s.onPacket(packet, 0, packetOf(4, 1), A, 0));
        assertEquals(List.of("gap 3..3", "lost 3..3"), events);
    }

    @Test
    void shouldFrameTheRealMoldUdp64StreamOfThreePackets()
    {
        // three concatenated downstream packets: seq 1/16/29, counts 15/13/13, session ten 0x00
        // bytes, the last message cut. Payload is Genium INET ITCH (types T, S, R, L), not TotalView.
        final UnsafeBuffer stream = new UnsafeBuffer(TestData.realBytes("moldudp-unwrap_mold.sample.dat"));
        final List<String> types = new ArrayList<>();
        final MoldUdp64Sequencer s = new MoldUdp64Sequencer(
            (buffer, offset, length, seq) -> types.add(seq + ":" + (char)buffer.getByte(offset) + length),
            listener, new SequencerContext());

        final List<Integer> results = new ArrayList<>();
        int position = 0;
        final long[] expectedSeq = {1, 16, 29};
        final int[] expectedCount = {15, 13, 13};
        for (int p = 0; p < 3; p++)
        {
            assertEquals(0L, MoldUdp64.sessionHigh(stream, position));
            assertEquals(0, MoldUdp64.sessionLow(stream, position));
            assertEquals(expectedSeq[p], MoldUdp64.sequenceNumber(stream, position));
            assertEquals(expectedCount[p], MoldUdp64.messageCount(stream, position));
            final int length = packetLength(stream, position);
            results.add(s.onPacket(stream, position, length, A, 0));
            position += length;
        }

        assertEquals(List.of(NEXT, NEXT, MALFORMED), results);
        assertEquals(stream.capacity(), position);
        assertEquals(40, s.counters().messagesDelivered());
        assertEquals(41, s.nextExpected(), "the cut 41st message is still expected");
        assertEquals("1:T5", types.get(0));
        assertEquals("2:S6", types.get(1));
        assertTrue(types.stream().anyMatch(t -> t.endsWith("R113")));
        assertTrue(types.stream().anyMatch(t -> t.endsWith("L25")));
        assertEquals(List.of(), events);
    }

    /** Length of a packet inside a concatenated stream: walk its message blocks (the last may be cut). */
    private static int packetLength(final UnsafeBuffer stream, final int start)
    {
        final int count = MoldUdp64.messageCount(stream, start);
        int position = start + MoldUdp64.HEADER_LENGTH;
        for (int i = 0; i < count && position + 2 <= stream.capacity(); i++)
        {
            position += 2 + (stream.getShort(position, BIG_ENDIAN) & 0xFFFF);
        }
        return Math.min(position, stream.capacity()) - start;
    }

    @Test
    void shouldRoundTripSessionText()
    {
        assertEquals("SESSION001", MoldUdp64.sessionToString(SESSION_HIGH, SESSION_LOW));
        assertEquals("ABC", MoldUdp64.sessionToString(MoldUdp64.sessionHigh("ABC"), MoldUdp64.sessionLow("ABC")));
    }

    @Test
    void shouldEncodeRequestPacketOfTwentyBytes()
    {
        assertEquals(20, MoldUdp64.putRequest(packet, 0, SESSION_HIGH, SESSION_LOW, 1234, 56));
        assertEquals(SESSION_HIGH, MoldUdp64.sessionHigh(packet, 0));
        assertEquals(1234, MoldUdp64.sequenceNumber(packet, 0));
        assertEquals(56, MoldUdp64.messageCount(packet, 0));
    }

    @Test
    void shouldFillPacketsUpToTheMaximumLength()
    {
        builder.session(SESSION_HIGH, SESSION_LOW).begin(1);
        int n = 0;
        while (builder.append(message, 0, 8))
        {
            n++;
        }
        assertEquals((1400 - 20) / 10, n);
        assertTrue(builder.length() <= 1400);
        assertEquals(1 + n, builder.nextSequenceNumber());
    }
}
