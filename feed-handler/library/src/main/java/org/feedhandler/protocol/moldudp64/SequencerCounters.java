package org.feedhandler.protocol.moldudp64;

import org.feedhandler.protocol.Lines;



/**
 * The sequencer's counts: plain fields written by its one thread (the hot path adds to them with no
 * call and no barrier) and read through these getters on that thread, which publishes them to the
 * counters file.
 */
public final class SequencerCounters
{
    long packets;
    long messagesDelivered;
    long duplicateMessages;
    long gaps;
    long missingMessages;
    long recoveredMessages;
    long unrecoveredMessages;
    long snapshotCoveredMessages;
    long requests;
    long heartbeats;
    long malformedPackets;
    long foreignSessionPackets;
    long implausibleSequencePackets;
    long confirmedJumps;
    long endOfSessions;
    long sessionChanges;
    long storeOverflows;
    long oversizeMessages;
    final long[] linePackets = new long[Lines.COUNT];
    final long[] lineFirstArrivals = new long[Lines.COUNT];
    final long[] lineDuplicates = new long[Lines.COUNT];

    /** Add counts that a confirmed jump can make huge without wrapping past Long.MAX_VALUE. */
    static long add(final long total, final long more)
    {
        final long sum = total + more;
        return sum < total ? Long.MAX_VALUE : sum;
    }

    /**
     * @return packets received, on every line.
     */
    public long packets()
    {
        return packets;
    }

    /**
     * @return messages handed on, in order, once each.
     */
    public long messagesDelivered()
    {
        return messagesDelivered;
    }

    /**
     * @return packets that brought nothing new, on every line.
     */
    public long duplicatePackets()
    {
        return lineDuplicates[Lines.A] + lineDuplicates[Lines.B] + lineDuplicates[Lines.RETRANSMISSION];
    }

    /**
     * @return messages already delivered or held when another copy came.
     */
    public long duplicateMessages()
    {
        return duplicateMessages;
    }

    /**
     * @return runs of missing sequence numbers declared.
     */
    public long gaps()
    {
        return gaps;
    }

    /**
     * @return sequence numbers declared missing, summed over every gap.
     */
    public long missingMessages()
    {
        return missingMessages;
    }

    /**
     * @return declared-missing messages that arrived after all (retransmitted or late).
     */
    public long recoveredMessages()
    {
        return recoveredMessages;
    }

    /**
     * @return messages given up and not since covered by a snapshot: the books may lack their effect.
     */
    public long unrecoveredMessages()
    {
        return unrecoveredMessages;
    }

    /**
     * @return messages given up whose effect a snapshot then restored: counted here instead of
     * {@link #unrecoveredMessages()} once the sequencer resumes at the snapshot's sequence beyond them.
     */
    public long snapshotCoveredMessages()
    {
        return snapshotCoveredMessages;
    }

    /**
     * @return retransmission requests sent.
     */
    public long requests()
    {
        return requests;
    }

    /**
     * @return heartbeats (message count 0) of the current session.
     */
    public long heartbeats()
    {
        return heartbeats;
    }

    /**
     * @return packets shorter than a header, or with a message block running past the end.
     */
    public long malformedPackets()
    {
        return malformedPackets;
    }

    /**
     * @return packets of a session other than the current one that were not followed.
     */
    public long foreignSessionPackets()
    {
        return foreignSessionPackets;
    }

    /**
     * @return packets further ahead than the plausibility bound, ignored unless they confirmed a jump.
     */
    public long implausibleSequencePackets()
    {
        return implausibleSequencePackets;
    }

    /**
     * @return jumps beyond the plausibility bound that later packets confirmed.
     */
    public long confirmedJumps()
    {
        return confirmedJumps;
    }

    /**
     * @return end-of-session packets of the current session.
     */
    public long endOfSessions()
    {
        return endOfSessions;
    }

    /**
     * @return new sessions followed.
     */
    public long sessionChanges()
    {
        return sessionChanges;
    }

    /**
     * @return times the store for held messages was full and the oldest missing run was given up.
     */
    public long storeOverflows()
    {
        return storeOverflows;
    }

    /**
     * @return messages too long for a store cell, so not held (they are requested again).
     */
    public long oversizeMessages()
    {
        return oversizeMessages;
    }

    /**
     * @param line a {@link Lines} id.
     * @return packets received on the line.
     */
    public long linePackets(final int line)
    {
        return linePackets[line];
    }

    /**
     * @param line a {@link Lines} id.
     * @return packets on the line that brought at least one new message.
     */
    public long lineFirstArrivals(final int line)
    {
        return lineFirstArrivals[line];
    }

    /**
     * @param line a {@link Lines} id.
     * @return packets on the line that brought nothing new.
     */
    public long lineDuplicates(final int line)
    {
        return lineDuplicates[line];
    }
}
