package org.feedhandler.protocol.moldudp64;

/**
 * Events of the MoldUDP64 sequencer that are not messages. All methods default to nothing.
 */
public interface SequencerListener
{
    /**
     * Messages {@code [fromSequence, toSequenceExclusive)} are missing.
     *
     * @param fromSequence        first missing sequence number.
     * @param toSequenceExclusive first sequence number after the missing run.
     */
    default void onGap(final long fromSequence, final long toSequenceExclusive)
    {
    }

    /**
     * A packet carried a session other than the current one.
     *
     * @param oldHigh   first 8 bytes of the old session.
     * @param oldLow    last 2 bytes of the old session.
     * @param newHigh   first 8 bytes of the new session.
     * @param newLow    last 2 bytes of the new session.
     * @param following true when the sequencer now follows the new session (sequence reset).
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
}
