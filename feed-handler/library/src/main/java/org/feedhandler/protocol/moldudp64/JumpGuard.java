package org.feedhandler.protocol.moldudp64;

import org.agrona.DirectBuffer;

/**
 * The plausibility bound on sequence numbers (see {@link MoldUdp64Sequencer}, "Implausible sequence
 * numbers"). Sequence numbers are unsigned u64 here: 2^64 - 1 is far ahead of 4, not just behind it.
 * A packet more than {@link SequencerContext#maxGapMessages} ahead of the next expected message, or
 * further behind it than that and one packet, is implausible. Only a run of
 * {@link SequencerContext#jumpConfirmPackets} implausible packets that are ahead, well formed and
 * contiguous (each starting where the one before ended), with no plausible packet between them,
 * confirms a jump; far behind never does (a rewind without a new session is not followed).
 */
final class JumpGuard
{
    private final long maxGap;
    private final int confirmPackets;
    private final SequencerCounters counters;
    private final SequencerListener listener;

    private int packets;
    private long next;
    private boolean burst;

    JumpGuard(final SequencerContext ctx, final SequencerCounters counters, final SequencerListener listener)
    {
        this.maxGap = ctx.maxGapMessages();
        this.confirmPackets = ctx.jumpConfirmPackets();
        this.counters = counters;
        this.listener = listener;
    }

    /** Forget a confirmation in progress (the position moved). */
    void reset()
    {
        packets = 0;
    }

    /**
     * @param sequence     a packet's sequence number.
     * @param nextExpected the next sequence number expected.
     * @return true when plausible; a plausible packet also ends a burst and any confirmation in progress.
     */
    boolean plausible(final long sequence, final long nextExpected)
    {
        final long ahead = sequence - nextExpected;
        final boolean within = Long.compareUnsigned(sequence, nextExpected) >= 0 ?
            ahead >= 0 && ahead <= maxGap : -ahead > 0 && -ahead <= maxGap + MoldUdp64.END_OF_SESSION_MESSAGE_COUNT;
        if (within)
        {
            packets = 0;
            burst = false;
        }
        return within;
    }

    /**
     * An implausible packet: count it, report the first of a burst, and say whether it completes the
     * confirmation of a jump.
     *
     * @return true when the jump to this packet is confirmed.
     */
    boolean confirms(
        final DirectBuffer buffer, final int offset, final int length, final long sequence, final long nextExpected)
    {
        counters.implausibleSequencePackets++;
        if (!burst)
        {
            burst = true;
            listener.onImplausibleSequence(sequence, nextExpected);
        }
        if (Long.compareUnsigned(sequence, nextExpected) < 0 || !MoldUdp64.blocksFit(buffer, offset, length))
        {
            packets = 0;
            return false;
        }
        final int count = MoldUdp64.messageCount(buffer, offset);
        final long after = count == MoldUdp64.END_OF_SESSION_MESSAGE_COUNT ? sequence : sequence + count;
        packets = packets > 0 && sequence == next ? packets + 1 : 1;
        next = after;
        if (packets < confirmPackets)
        {
            return false;
        }
        burst = false;
        return true;
    }
}
