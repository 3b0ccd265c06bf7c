package org.feedhandler.protocol.moldudp64;

import org.agrona.DirectBuffer;
import org.feedhandler.protocol.BlockHandler;
import org.feedhandler.protocol.Lines;
import org.feedhandler.protocol.MessageHandler;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Turns MoldUDP64 packets from one or two lines (A/B) and a retransmission socket into one
 * in-order, exactly-once stream of messages, on one thread, without locks or allocation. The live
 * path, pcap replay and tests all use this one class. Its settings come in a concluded
 * {@link SequencerContext}; its parts are the {@link HoldStore}, the {@link RetransmissionTracker},
 * the {@link LineArbiter} and the {@link SequencerCounters}.
 *
 * <h2>Arbitration</h2>
 * Every packet carries the sequence number of its first message, so the first copy of each
 * sequence number wins, whichever line brings it; a later copy is a duplicate. Per line: packets,
 * first arrivals (packets that brought at least one new message) and duplicates. A line that
 * receives nothing for the silence interval is reported silent.
 *
 * <h2>Gaps</h2>
 * A message ahead of the next expected one is held in the store while the missing run stays
 * <em>open</em>. An open run becomes a <em>gap</em> (reported, counted) when every live line has
 * passed it (so a gap on one line that the other fills is no gap), or after the gap wait (time for
 * a reordered packet to arrive, or for a lagging line). Then:
 * <ul>
 *     <li>with a {@link RetransmitRequester}: the missing runs are requested; retransmitted
 *     messages fill the store; held messages are delivered in order as soon as the run is whole.
 *     A partial answer is followed at once by a request for the rest. Whatever is still missing
 *     after the request timeout (driven by {@link #doWork(long)}'s clock, not by packet arrival)
 *     is asked for again, and given up after the configured attempts (all declared runs at once if
 *     the server has answered nothing at all);</li>
 *     <li>without one (replay, or recovery off): the run is given up at once.</li>
 * </ul>
 * A run given up is reported through {@link SequencerListener#onUnrecoverable}; the books are then
 * possibly wrong, and are flagged stale (an open gap flags them stale too, until it is whole).
 * If the store would overflow, the oldest missing run is given up to make room.
 *
 * <h2>Sessions</h2>
 * Heartbeats (count 0) carry the next sequence number: one that is ahead reveals messages lost at
 * the tail; sequence 0 is not a rewind. End of session (count 0xFFFF) is reported. A packet of
 * another session either switches to it (sequence reset, store cleared, listener told to clear
 * the books) or is dropped and counted, as configured.
 *
 * <h2>Delivery</h2>
 * A handler that is also a {@link BlockHandler} is handed the message blocks of a packet that is
 * exactly the next one, with nothing held beyond it (the steady state), as one run: its loop over the
 * blocks and its dispatch then compile as one method, as on replay. Everything else (the rest of a packet
 * the run stopped short of, a packet that overlaps or runs ahead, held messages released) goes one
 * message a call through {@link MessageHandler#onMessage}, with its sequence number.
 */
public final class MoldUdp64Sequencer
{
    /** Every message was new and in order. */
    public static final int NEXT = 0;
    /** Nothing new. */
    public static final int DUPLICATE = 1;
    /** New messages ahead of the next expected one: held, or delivered after a run was given up. */
    public static final int GAP = 2;
    public static final int HEARTBEAT = 3;
    public static final int END_OF_SESSION = 4;
    /** Shorter than a header, or a message block runs past the end (what came before it is used). */
    public static final int MALFORMED = 5;
    /** Another session, ignored as configured. */
    public static final int OTHER_SESSION = 6;

    /** Given up: no recovery configured (or a replay). */
    public static final int LOST_NO_RECOVERY = 1;
    /** Given up: the request server did not deliver after the configured attempts. */
    public static final int LOST_ATTEMPTS = 2;
    /** Given up: the store for held messages was full. */
    public static final int LOST_OVERFLOW = 3;

    private static final long NONE = Long.MIN_VALUE;

    private final MessageHandler handler;
    private final BlockHandler blockHandler;
    private final SequencerListener listener;
    private final long startSequence;
    private final boolean followSessionChange;
    private final long gapWaitNs;
    private final HoldStore store;
    private final RetransmissionTracker recovery;
    private final LineArbiter arbiter;
    private final SequencerCounters counters = new SequencerCounters();

    private boolean hasSession;
    private long sessionHigh;
    private int sessionLow;
    private boolean endOfSession;

    private long nextExpected;
    private long highestSeen;
    private long declaredUpTo;
    private long undeclaredSinceNs = NONE;
    private boolean lostAny;
    private boolean stale;

    /**
     * @param handler  receives every message once, in order; runs of blocks when it is also a
     *                 {@link BlockHandler} (see the class description).
     * @param listener receives gaps, losses, staleness, line silence and session events.
     * @param ctx      settings, concluded here.
     */
    public MoldUdp64Sequencer(final MessageHandler handler, final SequencerListener listener, final SequencerContext ctx)
    {
        ctx.conclude();
        this.handler = handler;
        this.blockHandler = handler instanceof BlockHandler ? (BlockHandler)handler : null;
        this.listener = listener;
        this.startSequence = ctx.startSequence();
        this.followSessionChange = ctx.followSessionChange();
        this.gapWaitNs = ctx.gapWaitNs();
        this.store = new HoldStore(ctx.storeMessages(), ctx.cellSize());
        this.recovery = new RetransmissionTracker(ctx, store, counters);
        this.arbiter = new LineArbiter(ctx.lines(), ctx.lineSilenceNs(), listener);
        resetSequence();
    }

    private void resetSequence()
    {
        nextExpected = startSequence;
        highestSeen = startSequence - 1;
        declaredUpTo = startSequence - 1;
        undeclaredSinceNs = NONE;
        lostAny = false;
        recovery.reset();
        store.clear();
        arbiter.reset();
        updateStale();
    }

    /**
     * Process one downstream packet.
     *
     * @param buffer holding the packet.
     * @param offset of its first byte.
     * @param length of the packet (UDP payload or Aeron message).
     * @param line   a {@link Lines} id: A, B or the retransmission line.
     * @param nowNs  the clock of {@link #doWork(long)} (monotonic nanoseconds).
     * @return the packet's classification.
     */
    public int onPacket(final DirectBuffer buffer, final int offset, final int length, final int line, final long nowNs)
    {
        final SequencerCounters counters = this.counters;
        counters.packets++;
        counters.linePackets[line]++;
        arbiter.onPacket(line, nowNs);

        if (length < MoldUdp64.HEADER_LENGTH)
        {
            counters.malformedPackets++;
            return MALFORMED;
        }

        final long high = MoldUdp64.sessionHigh(buffer, offset);
        final int low = MoldUdp64.sessionLow(buffer, offset);
        final long sequence = MoldUdp64.sequenceNumber(buffer, offset);
        final int count = MoldUdp64.messageCount(buffer, offset);

        if (!hasSession)
        {
            hasSession = true;
            session(high, low);
        }
        else if (high != sessionHigh || low != sessionLow)
        {
            if (!followSessionChange || line == Lines.RETRANSMISSION)
            {
                counters.otherSessionPackets++;
                return OTHER_SESSION;
            }
            counters.sessionChanges++;
            final long oldHigh = sessionHigh;
            final int oldLow = sessionLow;
            session(high, low);
            endOfSession = false;
            resetSequence();
            listener.onSessionChange(oldHigh, oldLow, high, low, true);
        }

        if (count == MoldUdp64.END_OF_SESSION_MESSAGE_COUNT || count == MoldUdp64.HEARTBEAT_MESSAGE_COUNT)
        {
            return onEmptyPacket(sequence, count == MoldUdp64.END_OF_SESSION_MESSAGE_COUNT, line, nowNs);
        }

        if (nextExpected == SequencerContext.START_AT_FIRST_SEEN)
        {
            nextExpected = sequence;
            highestSeen = sequence - 1;
            declaredUpTo = sequence - 1;
        }

        final int limit = offset + length;
        int position = offset + MoldUdp64.HEADER_LENGTH;
        long messageSequence = sequence;
        int fresh = 0;
        boolean held = false;
        boolean malformed = false;
        int i = 0;
        if (null != blockHandler && sequence == nextExpected && highestSeen < sequence && position < limit)
        {
            // the steady state: exactly the next packet, nothing seen beyond it, so every whole block
            // is delivered in order as it stands; what the run stops short of is left to the loop below.
            // What the loop does per message and this skips cannot apply: nothing is held (the store
            // holds only sequences above nextExpected, all <= highestSeen), none is a recovery
            // (declaredUpTo <= highestSeen < sequence), none is a duplicate or overflows the store.
            position += blockHandler.onBlocks(buffer, position, limit - position, count);
            i = blockHandler.lastBlockCount();
            if (i > 0)
            {
                messageSequence += i;
                fresh = i;
                counters.messagesDelivered += i;
                nextExpected = messageSequence;
                highestSeen = messageSequence - 1;
                arbiter.passed(line, highestSeen);
            }
        }
        for (; i < count; i++, messageSequence++)
        {
            if (position + MoldUdp64.MESSAGE_LENGTH_FIELD_LENGTH > limit)
            {
                malformed = true;
                break;
            }
            final int messageLength = buffer.getShort(position, BIG_ENDIAN) & 0xFFFF;
            final int messageOffset = position + MoldUdp64.MESSAGE_LENGTH_FIELD_LENGTH;
            if (messageOffset + messageLength > limit)
            {
                malformed = true;
                break;
            }
            position = messageOffset + messageLength;

            if (messageSequence < nextExpected)
            {
                counters.duplicateMessages++;
                continue;
            }
            if (messageSequence - nextExpected > store.mask())
            {
                overflow(messageSequence, nowNs);
            }
            if (messageSequence > highestSeen)
            {
                highestSeen = messageSequence;
            }
            arbiter.passed(line, messageSequence);

            if (messageSequence == nextExpected)
            {
                fresh++;
                countIfRecovered(messageSequence);
                deliver(buffer, messageOffset, messageLength, messageSequence);
                drainStore();
            }
            else if (store.isHeld(messageSequence))
            {
                counters.duplicateMessages++;
            }
            else if (messageLength > store.cellSize())
            {
                counters.oversizeMessages++;
            }
            else
            {
                store.put(messageSequence, buffer, messageOffset, messageLength);
                fresh++;
                held = true;
                countIfRecovered(messageSequence);
                if (undeclaredSinceNs == NONE && messageSequence > declaredUpTo)
                {
                    undeclaredSinceNs = nowNs;
                }
            }
        }

        if (fresh > 0)
        {
            counters.lineFirstArrivals[line]++;
            if (line == Lines.RETRANSMISSION && !malformed && recovery.enabled())
            {
                recovery.onAnswer(sequence, count, nextExpected, declaredUpTo, nowNs);
            }
        }
        else
        {
            counters.lineDuplicates[line]++;
        }

        if (malformed)
        {
            counters.malformedPackets++;
        }
        checkGaps(nowNs);
        updateStale();

        if (malformed)
        {
            return MALFORMED;
        }
        if (0 == fresh && count > 0)
        {
            return DUPLICATE;
        }
        return held || nextExpected <= highestSeen ? GAP : NEXT;
    }

    private void session(final long high, final int low)
    {
        sessionHigh = high;
        sessionLow = low;
        recovery.session(high, low);
    }

    /** A heartbeat or end of session: its sequence number is the next to come, revealing a tail loss. */
    private int onEmptyPacket(final long sequence, final boolean end, final int line, final long nowNs)
    {
        if (end)
        {
            endOfSession = true;
        }
        else
        {
            counters.heartbeats++;
        }
        int result = end ? END_OF_SESSION : HEARTBEAT;
        if (sequence != 0 && nextExpected != SequencerContext.START_AT_FIRST_SEEN)
        {
            final long last = sequence - 1;
            arbiter.passed(line, last);
            if (last > highestSeen)
            {
                highestSeen = last;
                if (undeclaredSinceNs == NONE)
                {
                    undeclaredSinceNs = nowNs;
                }
                result = end ? END_OF_SESSION : GAP;
            }
            checkGaps(nowNs);
            updateStale();
        }
        if (end)
        {
            listener.onEndOfSession(sequence);
        }
        return result;
    }

    /**
     * Drive the timers: declare open runs whose wait is over, re-request or give up what is still
     * missing after the request timeout, and report silent lines. Call it every duty cycle.
     *
     * @param nowNs monotonic nanoseconds, the same clock as {@link #onPacket}.
     * @return work done (0 when nothing happened).
     */
    public int doWork(final long nowNs)
    {
        int work = arbiter.checkSilence(nowNs);
        work += checkGaps(nowNs);

        if (recovery.timedOut(nextExpected, declaredUpTo, nowNs))
        {
            if (recovery.exhausted(nextExpected))
            {
                final long upTo = recovery.answeredSinceFirstAttempt() ? runEnd(nextExpected) - 1 : declaredUpTo;
                giveUp(upTo, LOST_ATTEMPTS);
                if (nextExpected <= declaredUpTo)
                {
                    recovery.requestMissing(nextExpected, declaredUpTo, nowNs);
                }
                else
                {
                    recovery.idle();
                }
            }
            else
            {
                recovery.requestMissing(nextExpected, declaredUpTo, nowNs);
            }
            work++;
        }
        updateStale();
        return work;
    }

    /**
     * End of input (a replay): declare whatever is open and give it up.
     */
    public void finish()
    {
        if (nextExpected != SequencerContext.START_AT_FIRST_SEEN && nextExpected <= highestSeen)
        {
            declare();
            giveUp(highestSeen, LOST_NO_RECOVERY);
        }
        updateStale();
    }

    private void countIfRecovered(final long messageSequence)
    {
        if (messageSequence <= declaredUpTo)
        {
            counters.recoveredMessages++;
        }
    }

    private void deliver(final DirectBuffer buffer, final int offset, final int length, final long messageSequence)
    {
        handler.onMessage(buffer, offset, length, messageSequence);
        counters.messagesDelivered++;
        nextExpected = messageSequence + 1;
    }

    private void drainStore()
    {
        while (nextExpected <= highestSeen)
        {
            if (!store.isHeld(nextExpected))
            {
                return;
            }
            deliver(store.buffer(), store.offset(nextExpected), store.length(nextExpected), nextExpected);
        }
        undeclaredSinceNs = NONE;
    }

    /** First sequence number at or after {@code from} that is held, or highestSeen + 1. */
    private long runEnd(final long from)
    {
        long s = from;
        while (s <= highestSeen && !store.isHeld(s))
        {
            s++;
        }
        return s;
    }

    private int checkGaps(final long nowNs)
    {
        if (undeclaredSinceNs == NONE)
        {
            return 0;
        }
        if (nextExpected > highestSeen)
        {
            undeclaredSinceNs = NONE;
            return 0;
        }
        if (nowNs - undeclaredSinceNs >= gapWaitNs || (arbiter.lines() > 1 && arbiter.everyLiveLinePassed(highestSeen)))
        {
            final long from = declare();
            if (recovery.enabled())
            {
                recovery.requestDeclared(from, nextExpected, declaredUpTo, nowNs);
            }
            else
            {
                giveUp(declaredUpTo, LOST_NO_RECOVERY);
            }
            return 1;
        }
        return 0;
    }

    /** Report and count the missing runs not yet declared, up to highestSeen; returns where it began. */
    private long declare()
    {
        final long from = Math.max(nextExpected, declaredUpTo + 1);
        long s = from;
        while (s <= highestSeen)
        {
            if (store.isHeld(s))
            {
                s++;
                continue;
            }
            final long end = runEnd(s);
            counters.gaps++;
            counters.missingMessages += end - s;
            listener.onGap(s, end);
            s = end;
        }
        declaredUpTo = highestSeen;
        undeclaredSinceNs = NONE;
        return from;
    }

    /** Give up every missing message up to and including {@code upTo}, delivering what is held. */
    private void giveUp(final long upTo, final int reason)
    {
        while (nextExpected <= upTo)
        {
            if (store.isHeld(nextExpected))
            {
                drainStore();
                continue;
            }
            // nothing held at or after nextExpected (runEnd past highestSeen, or nextExpected already
            // past it after everything seen was delivered): the whole rest up to upTo is missing
            final long heldFrom = runEnd(nextExpected);
            final long end = heldFrom > highestSeen ? upTo + 1 : Math.min(heldFrom, upTo + 1);
            counters.unrecoveredMessages += end - nextExpected;
            lostAny = true;
            listener.onUnrecoverable(nextExpected, end, reason);
            nextExpected = end;
        }
        drainStore();
        recovery.onGivenUp(nextExpected, declaredUpTo);
    }

    private void overflow(final long messageSequence, final long nowNs)
    {
        counters.storeOverflows++;
        final long keepFrom = messageSequence - store.mask();
        if (declaredUpTo < keepFrom - 1)
        {
            final long savedHighest = highestSeen;
            highestSeen = Math.min(highestSeen, keepFrom - 1);
            declare();
            highestSeen = savedHighest;
            declaredUpTo = Math.max(declaredUpTo, keepFrom - 1);
        }
        giveUp(keepFrom - 1, LOST_OVERFLOW);
        if (nextExpected < keepFrom)
        {
            nextExpected = keepFrom;
        }
        if (undeclaredSinceNs == NONE && nextExpected <= highestSeen)
        {
            undeclaredSinceNs = nowNs;
        }
    }

    private void updateStale()
    {
        final boolean nowStale = lostAny || nextExpected <= declaredUpTo;
        if (nowStale != stale)
        {
            stale = nowStale;
            listener.onStale(nowStale);
        }
    }

    /**
     * @return the counts, read on the sequencer's thread.
     */
    public SequencerCounters counters()
    {
        return counters;
    }

    /**
     * @return the sequence number of the next message to deliver.
     */
    public long nextExpected()
    {
        return nextExpected;
    }

    /**
     * @return the highest sequence number known to exist (from a message or a heartbeat).
     */
    public long highestSeen()
    {
        return highestSeen;
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

    /**
     * @return true while a gap is open or after a run was given up (until a session change).
     */
    public boolean isStale()
    {
        return stale;
    }

    /**
     * @param line a {@link Lines} id.
     * @return true while the line has received nothing for the silence interval.
     */
    public boolean lineSilent(final int line)
    {
        return arbiter.silent(line);
    }

    public int lines()
    {
        return arbiter.lines();
    }

    public boolean recoveryEnabled()
    {
        return recovery.enabled();
    }
}
