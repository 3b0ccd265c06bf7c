package org.feedhandler.protocol.moldudp64;

/**
 * Events of the MoldUDP64 sequencer other than messages. Every method defaults to nothing.
 * Called on the sequencer's thread: implementations must not block or allocate on the live path.
 */
public interface SequencerListener
{
    /** Takes no event. */
    SequencerListener NO_OP = new SequencerListener()
    {
    };

    /**
     * Messages {@code [fromSequence, toSequenceExclusive)} are missing on every line (declared after
     * the gap wait, or as soon as every live line has passed them).
     *
     * @param fromSequence        first missing sequence number.
     * @param toSequenceExclusive first sequence number after the missing run.
     */
    default void onGap(final long fromSequence, final long toSequenceExclusive)
    {
    }

    /**
     * Messages {@code [fromSequence, toSequenceExclusive)} are given up: no recovery is configured,
     * the request server did not deliver them after the configured attempts, or the buffer for
     * held packets overflowed. The books may be wrong from here on.
     *
     * @param fromSequence        first lost sequence number.
     * @param toSequenceExclusive first sequence number after the lost run.
     * @param reason              one of the {@code LOST_*} constants of {@link MoldUdp64Sequencer}.
     */
    default void onUnrecoverable(final long fromSequence, final long toSequenceExclusive, final int reason)
    {
    }

    /**
     * The books became possibly stale (a gap is open or was given up), or whole again.
     *
     * @param stale true when possibly stale.
     */
    default void onStale(final boolean stale)
    {
    }

    /**
     * A line stopped or resumed receiving.
     *
     * @param line   0 for A, 1 for B.
     * @param silent true when it has received nothing for the configured silence interval.
     */
    default void onLineSilent(final int line, final boolean silent)
    {
    }

    /**
     * The sequencer now follows a new session.
     *
     * @param oldHigh   first 8 bytes of the old session.
     * @param oldLow    last 2 bytes of the old session.
     * @param newHigh   first 8 bytes of the new session.
     * @param newLow    last 2 bytes of the new session.
     * @param following true when the sequencer now follows the new session (sequence reset; the
     *                  listener should clear the books).
     */
    default void onSessionChange(
        final long oldHigh, final int oldLow, final long newHigh, final int newLow, final boolean following)
    {
    }

    /**
     * End of session received.
     *
     * @param nextSequence the sequence number the end-of-session packet carried.
     */
    default void onEndOfSession(final long nextSequence)
    {
    }

    /**
     * The first packet of a burst whose sequence number lies beyond the plausibility bound: it is
     * ignored unless later packets confirm it (see {@link MoldUdp64Sequencer}).
     *
     * @param sequence     the packet's sequence number.
     * @param nextExpected the sequence number expected next.
     */
    default void onImplausibleSequence(final long sequence, final long nextExpected)
    {
    }

    /**
     * The first packet of a burst from a session other than the current one: it changes nothing by
     * itself (see {@link SessionTracker} for when a new session is followed).
     *
     * @param high     first 8 bytes of its session.
     * @param low      last 2 bytes of its session.
     * @param sequence its sequence number.
     */
    default void onForeignSession(final long high, final int low, final long sequence)
    {
    }
}
