package org.feedhandler.protocol.moldudp64;

import org.feedhandler.protocol.Lines;


/**
 * Which MoldUDP64 session the sequencer follows. The first session seen is adopted. A packet of
 * another session changes nothing by itself: it is foreign, counted by the sequencer. The new
 * session is followed
 * <ul>
 *     <li>at once, when the current session has ended (end of session received, and no new message
 *     of the current session since), or</li>
 *     <li>when it persists: {@code sessionConfirmPackets} packets of that one session in a row, none of the
 *     current session between them, and none of the current session for {@code sessionConfirmNs}.</li>
 * </ul>
 * Packets of two sessions that alternate therefore never move the sequencer; neither do
 * retransmissions of another session, nor anything when session changes are ignored.
 */
final class SessionTracker
{
    /** A packet of the followed session. */
    static final int CURRENT = 0;
    /** The first packet ever: its session is now followed. */
    static final int FIRST = 1;
    /** A packet of another session, not followed. */
    static final int FOREIGN = 2;
    /** A packet of a new session, now followed: the previous one is {@link #previousHigh()}/{@link #previousLow()}. */
    static final int FOLLOW = 3;

    private final boolean follow;
    private final int confirmPackets;
    private final long confirmNs;

    private boolean hasSession;
    private long high;
    private int low;
    private boolean ended;
    private long lastCurrentNs;
    private long previousHigh;
    private int previousLow;

    private long candidateHigh;
    private int candidateLow;
    private int candidatePackets;
    private boolean foreignBurst;

    SessionTracker(final SequencerContext ctx)
    {
        this.follow = ctx.followSessionChange();
        this.confirmPackets = ctx.sessionConfirmPackets();
        this.confirmNs = ctx.sessionConfirmNs();
    }

    /**
     * @return {@link #CURRENT}, {@link #FIRST}, {@link #FOREIGN} or {@link #FOLLOW}.
     */
    int onPacket(final long packetHigh, final int packetLow, final int line, final long nowNs)
    {
        if (packetHigh == high && packetLow == low && hasSession)
        {
            lastCurrentNs = nowNs;
            candidatePackets = 0;
            foreignBurst = false;
            return CURRENT;
        }
        if (!hasSession)
        {
            hasSession = true;
            adopt(packetHigh, packetLow, nowNs);
            return FIRST;
        }
        if (!follow || line == Lines.RETRANSMISSION)
        {
            return FOREIGN;
        }
        if (candidatePackets > 0 && packetHigh == candidateHigh && packetLow == candidateLow)
        {
            candidatePackets++;
        }
        else
        {
            candidateHigh = packetHigh;
            candidateLow = packetLow;
            candidatePackets = 1;
        }
        if (ended || (candidatePackets >= confirmPackets && nowNs - lastCurrentNs >= confirmNs))
        {
            previousHigh = high;
            previousLow = low;
            adopt(packetHigh, packetLow, nowNs);
            return FOLLOW;
        }
        return FOREIGN;
    }

    private void adopt(final long newHigh, final int newLow, final long nowNs)
    {
        high = newHigh;
        low = newLow;
        ended = false;
        lastCurrentNs = nowNs;
        candidatePackets = 0;
        foreignBurst = false;
    }

    /**
     * @return true for the first foreign packet since the last packet of the current session.
     */
    boolean firstOfForeignBurst()
    {
        if (foreignBurst)
        {
            return false;
        }
        foreignBurst = true;
        return true;
    }

    /** The current session sent its end of session. */
    void ended()
    {
        ended = true;
    }

    /** The current session brought new messages: an end of session before them did not end it. */
    void resumed()
    {
        ended = false;
    }

    boolean hasEnded()
    {
        return ended;
    }

    long high()
    {
        return high;
    }

    int low()
    {
        return low;
    }

    long previousHigh()
    {
        return previousHigh;
    }

    int previousLow()
    {
        return previousLow;
    }
}
