package org.feedhandler.protocol.moldudp64;

import org.agrona.DirectBuffer;
import org.feedhandler.protocol.MessageHandler;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Turns MoldUDP64 packets into an in-order, exactly-once stream of messages for one session and
 * classifies each packet:
 * <ul>
 *     <li>{@link #NEXT}: it carries the next expected message (a packet that overlaps what was
 *     already delivered has only its new messages delivered);</li>
 *     <li>{@link #DUPLICATE}: every message was already delivered, so it is dropped;</li>
 *     <li>{@link #GAP}: messages before it are missing; the run is reported to the
 *     {@link SequencerListener} and counted, then the packet is delivered (this class does not
 *     recover: a replay cannot, and the live path's recovery sits in front of it);</li>
 *     <li>{@link #HEARTBEAT}, {@link #END_OF_SESSION}: no messages. A heartbeat whose sequence number
 *     is ahead reveals lost messages at the tail (a gap); one with sequence number 0, as some senders
 *     send before the first message, is not taken for a rewind;</li>
 *     <li>{@link #MALFORMED}: shorter than a header, or a message block runs past the end. The
 *     messages before the damage are delivered; the rest count as missing, so the next packet
 *     shows a gap;</li>
 *     <li>{@link #OTHER_SESSION}: a different session while configured to ignore session changes.</li>
 * </ul>
 * A different session when following session changes resets the expected sequence number to the
 * new session's start and reports it. Never throws on bad input, never allocates.
 */
public final class MoldUdp64Sequencer
{
    public static final int NEXT = 0;
    public static final int DUPLICATE = 1;
    public static final int GAP = 2;
    public static final int HEARTBEAT = 3;
    public static final int END_OF_SESSION = 4;
    public static final int MALFORMED = 5;
    public static final int OTHER_SESSION = 6;

    /** Start delivering from the first packet seen (join mid-stream) instead of a fixed number. */
    public static final long START_AT_FIRST_SEEN = 0;

    private final MessageHandler handler;
    private final SequencerListener listener;
    private final boolean followSessionChange;
    private final long startSequence;

    private boolean hasSession;
    private long sessionHigh;
    private int sessionLow;
    private long nextExpected;
    private boolean endOfSession;

    private long packets;
    private long messagesDelivered;
    private long duplicatePackets;
    private long gaps;
    private long missingMessages;
    private long heartbeats;
    private long malformedPackets;
    private long otherSessionPackets;
    private long sessionChanges;

    /**
     * @param handler             receives every message once, in order.
     * @param listener            receives gaps, session changes and end of session.
     * @param startSequence       the first sequence number expected (1 for a whole session), or
     *                            {@link #START_AT_FIRST_SEEN} to join at the first packet seen.
     * @param followSessionChange true to follow a new session, false to ignore packets of any other.
     */
    public MoldUdp64Sequencer(
        final MessageHandler handler,
        final SequencerListener listener,
        final long startSequence,
        final boolean followSessionChange)
    {
        this.handler = handler;
        this.listener = listener;
        this.startSequence = startSequence;
        this.followSessionChange = followSessionChange;
        this.nextExpected = startSequence;
    }

    /**
     * Process one downstream packet.
     *
     * @param buffer holding the packet.
     * @param offset of the packet's first byte.
     * @param length of the packet (UDP payload).
     * @return the packet's classification.
     */
    public int onPacket(final DirectBuffer buffer, final int offset, final int length)
    {
        packets++;
        if (length < MoldUdp64.HEADER_LENGTH)
        {
            malformedPackets++;
            return MALFORMED;
        }

        final long high = MoldUdp64.sessionHigh(buffer, offset);
        final int low = MoldUdp64.sessionLow(buffer, offset);
        final long sequence = MoldUdp64.sequenceNumber(buffer, offset);
        final int count = MoldUdp64.messageCount(buffer, offset);

        if (!hasSession)
        {
            hasSession = true;
            sessionHigh = high;
            sessionLow = low;
        }
        else if (high != sessionHigh || low != sessionLow)
        {
            if (!followSessionChange)
            {
                otherSessionPackets++;
                return OTHER_SESSION;
            }
            sessionChanges++;
            listener.onSessionChange(sessionHigh, sessionLow, high, low, true);
            sessionHigh = high;
            sessionLow = low;
            nextExpected = startSequence;
            endOfSession = false;
        }

        if (count == MoldUdp64.END_OF_SESSION_MESSAGE_COUNT)
        {
            endOfSession = true;
            if (sequence > nextExpected && nextExpected != START_AT_FIRST_SEEN)
            {
                reportGap(nextExpected, sequence);
                nextExpected = sequence;
            }
            listener.onEndOfSession(sequence);
            return END_OF_SESSION;
        }

        if (count == MoldUdp64.HEARTBEAT_MESSAGE_COUNT)
        {
            heartbeats++;
            if (sequence != 0 && nextExpected != START_AT_FIRST_SEEN && sequence > nextExpected)
            {
                reportGap(nextExpected, sequence);
                nextExpected = sequence;
                return GAP;
            }
            return HEARTBEAT;
        }

        if (nextExpected == START_AT_FIRST_SEEN)
        {
            nextExpected = sequence;
        }

        final long end = sequence + count;
        if (end <= nextExpected)
        {
            duplicatePackets++;
            return DUPLICATE;
        }

        int result = NEXT;
        if (sequence > nextExpected)
        {
            reportGap(nextExpected, sequence);
            nextExpected = sequence;
            result = GAP;
        }

        final int limit = offset + length;
        int position = offset + MoldUdp64.HEADER_LENGTH;
        long messageSequence = sequence;
        for (int i = 0; i < count; i++)
        {
            if (position + MoldUdp64.MESSAGE_LENGTH_FIELD_LENGTH > limit)
            {
                malformedPackets++;
                return MALFORMED;
            }
            final int messageLength = buffer.getShort(position, BIG_ENDIAN) & 0xFFFF;
            final int messageOffset = position + MoldUdp64.MESSAGE_LENGTH_FIELD_LENGTH;
            if (messageOffset + messageLength > limit)
            {
                malformedPackets++;
                return MALFORMED;
            }
            if (messageSequence == nextExpected)
            {
                handler.onMessage(buffer, messageOffset, messageLength, messageSequence);
                messagesDelivered++;
                nextExpected++;
            }
            position = messageOffset + messageLength;
            messageSequence++;
        }

        return result;
    }

    private void reportGap(final long from, final long toExclusive)
    {
        gaps++;
        missingMessages += toExclusive - from;
        listener.onGap(from, toExclusive);
    }

    /**
     * @return the sequence number of the next message to deliver (0 before the first packet when
     * joining at the first seen).
     */
    public long nextExpected()
    {
        return nextExpected;
    }

    public boolean hasSession()
    {
        return hasSession;
    }

    public long sessionHigh()
    {
        return sessionHigh;
    }

    public int sessionLow()
    {
        return sessionLow;
    }

    public boolean endOfSession()
    {
        return endOfSession;
    }

    public long packets()
    {
        return packets;
    }

    public long messagesDelivered()
    {
        return messagesDelivered;
    }

    public long duplicatePackets()
    {
        return duplicatePackets;
    }

    /**
     * @return runs of missing sequence numbers reported.
     */
    public long gaps()
    {
        return gaps;
    }

    /**
     * @return sequence numbers reported missing, summed over every gap.
     */
    public long missingMessages()
    {
        return missingMessages;
    }

    public long heartbeats()
    {
        return heartbeats;
    }

    public long malformedPackets()
    {
        return malformedPackets;
    }

    public long otherSessionPackets()
    {
        return otherSessionPackets;
    }

    public long sessionChanges()
    {
        return sessionChanges;
    }
}
