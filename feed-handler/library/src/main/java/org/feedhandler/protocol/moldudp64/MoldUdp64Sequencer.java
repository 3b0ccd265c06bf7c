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
 * <p>
 * How it arbitrates lines, declares, requests and gives up gaps, bounds sequence numbers, follows
 * sessions, treats malformed packets and delivers runs of blocks: see the
 * {@linkplain org.feedhandler.protocol.moldudp64 package description}.
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
    /** Another session, not followed (see {@link SessionTracker}). */
    public static final int OTHER_SESSION = 6;
    /** Too far ahead to be believed, not (yet) confirmed: ignored. */
    public static final int IMPLAUSIBLE = 7;

    /** Given up: no recovery configured (or a replay). */
    public static final int LOST_NO_RECOVERY = 1;
    /** Given up: the request server did not deliver after the configured attempts. */
    public static final int LOST_ATTEMPTS = 2;
    /** Given up: the store for held messages was full. */
    public static final int LOST_OVERFLOW = 3;
    /** Given up: the stream was confirmed to have jumped beyond the plausibility bound. */
    public static final int LOST_JUMP = 4;

    private static final long NONE = Long.MIN_VALUE;

    private final MessageHandler handler;
    private final BlockHandler blockHandler;
    private final SequencerListener listener;
    private final long startSequence;
    private final long gapWaitNs;
    private final HoldStore store;
    private final RetransmissionTracker recovery;
    private final LineArbiter arbiter;
    private final SessionTracker sessions;
    private final JumpGuard jumps;
    private final SequencerCounters counters = new SequencerCounters();
    private final HoldStore.MissingRunHandler gapReporter = this::onDeclaredGap;

    private boolean awaitingFirst;
    private long nextExpected;
    private long highestSeen;
    private long declaredUpTo;
    private long undeclaredSinceNs = NONE;
    private boolean lostAny;
    /** Messages given up since the last resumption, all before {@link #givenUpEnd}. */
    private long givenUpSinceResume;
    private long givenUpEnd;
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
        this.gapWaitNs = ctx.gapWaitNs();
        this.jumps = new JumpGuard(ctx, counters, listener);
        this.sessions = new SessionTracker(ctx);
        this.store = new HoldStore(ctx.storeMessages(), ctx.cellSize());
        this.recovery = new RetransmissionTracker(ctx, store, counters);
        this.arbiter = new LineArbiter(ctx.lines(), ctx.lineSilenceNs(), listener);
        resetSequence();
    }

    private void resetSequence()
    {
        awaitingFirst = startSequence == SequencerContext.START_AT_FIRST_SEEN;
        moveTo(startSequence);
        lostAny = false;
        givenUpSinceResume = 0;
        recovery.reset();
        store.clear();
        updateStale();
    }

    /** Expect {@code next}: nothing before it is seen, declared or held. */
    private void moveTo(final long next)
    {
        nextExpected = next;
        highestSeen = next - 1;
        declaredUpTo = next - 1;
        undeclaredSinceNs = NONE;
        jumps.reset();
        arbiter.reset(next);
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

        final int session = sessions.onPacket(high, low, line, nowNs);
        if (session != SessionTracker.CURRENT && onSession(session, high, low, sequence))
        {
            return OTHER_SESSION;
        }

        if (count == MoldUdp64.END_OF_SESSION_MESSAGE_COUNT || count == MoldUdp64.HEARTBEAT_MESSAGE_COUNT)
        {
            return onEmptyPacket(buffer, offset, length, sequence, count, line, nowNs);
        }

        if (awaitingFirst)
        {
            awaitingFirst = false;
            moveTo(sequence);
        }
        if (!jumps.plausible(sequence, nextExpected))
        {
            if (!jumps.confirms(buffer, offset, length, sequence, nextExpected))
            {
                return IMPLAUSIBLE;
            }
            jump(sequence);
        }

        final int limit = offset + length;
        int position = offset + MoldUdp64.HEADER_LENGTH;
        long messageSequence = sequence;
        int fresh = 0;
        boolean held = false;
        boolean malformed = false;
        int i = 0;
        if (null != blockHandler && sequence == nextExpected && highestSeen + 1 == sequence && position < limit)
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

            if (messageSequence - nextExpected < 0)
            {
                counters.duplicateMessages++;
                continue;
            }
            if (messageSequence - nextExpected > store.mask())
            {
                overflow(messageSequence, nowNs);
            }
            if (messageSequence - highestSeen > 0)
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
            else if (hold(messageSequence, buffer, messageOffset, messageLength, nowNs))
            {
                fresh++;
                held = true;
            }
        }

        if (fresh > 0)
        {
            sessions.resumed();
            counters.lineFirstArrivals[line]++;
            if (line == Lines.RETRANSMISSION && !malformed && recovery.enabled())
            {
                recovery.onAnswer(sequence, count, nextExpected, declaredUpTo, nowNs);
            }
        }
        else if (!malformed)
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
        return held || highestSeen - nextExpected >= 0 ? GAP : NEXT;
    }

    /**
     * A message ahead of the next expected one: hold it. When the run table is full, the oldest
     * missing run is given up first, which may make this message the next one.
     *
     * @return true when it was held or delivered.
     */
    private boolean hold(
        final long messageSequence, final DirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        if (!store.put(messageSequence, buffer, offset, length))
        {
            overflow(store.firstHeld() + store.mask(), nowNs);
            if (messageSequence == nextExpected)
            {
                countIfRecovered(messageSequence);
                deliver(buffer, offset, length, messageSequence);
                drainStore();
                return true;
            }
            if (messageSequence - nextExpected < 0 || !store.put(messageSequence, buffer, offset, length))
            {
                return false;
            }
        }
        countIfRecovered(messageSequence);
        if (undeclaredSinceNs == NONE && messageSequence - declaredUpTo > 0)
        {
            undeclaredSinceNs = nowNs;
        }
        return true;
    }

    /**
     * A packet of a session other than the current one, or the first packet ever.
     *
     * @return true when the packet is foreign and dropped.
     */
    private boolean onSession(final int session, final long high, final int low, final long sequence)
    {
        if (session == SessionTracker.FOREIGN)
        {
            counters.foreignSessionPackets++;
            if (sessions.firstOfForeignBurst())
            {
                listener.onForeignSession(high, low, sequence);
            }
            return true;
        }
        recovery.session(high, low);
        if (session == SessionTracker.FOLLOW)
        {
            counters.sessionChanges++;
            resetSequence();
            listener.onSessionChange(sessions.previousHigh(), sessions.previousLow(), high, low, true);
        }
        return false;
    }

    /** A confirmed jump: deliver what is held, give up everything else before {@code next}, expect {@code next}. */
    private void jump(final long next)
    {
        counters.confirmedJumps++;
        if (next - 1 - highestSeen > 0)
        {
            highestSeen = next - 1;
        }
        declare();
        giveUp(highestSeen, LOST_JUMP);
        store.clear();
        moveTo(nextExpected);
    }

    /** A heartbeat or end of session: its sequence number is the next to come, revealing a tail loss. */
    private int onEmptyPacket(
        final DirectBuffer buffer, final int offset, final int length, final long sequence, final int count,
        final int line, final long nowNs)
    {
        final boolean end = count == MoldUdp64.END_OF_SESSION_MESSAGE_COUNT;
        if (sequence == 0 || awaitingFirst)
        {
            return countEmpty(end, sequence);
        }
        final long last = sequence - 1;
        if (!jumps.plausible(sequence, nextExpected))
        {
            if (!jumps.confirms(buffer, offset, length, sequence, nextExpected))
            {
                return IMPLAUSIBLE;
            }
            jump(sequence);
        }
        int result = countEmpty(end, sequence);
        arbiter.passed(line, last);
        if (last - highestSeen > 0)
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
        return result;
    }

    private int countEmpty(final boolean end, final long sequence)
    {
        if (!end)
        {
            counters.heartbeats++;
            return HEARTBEAT;
        }
        counters.endOfSessions++;
        sessions.ended();
        listener.onEndOfSession(sequence);
        return END_OF_SESSION;
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
                final long upTo = recovery.answeredSinceFirstAttempt() ?
                    store.heldFrom(nextExpected, highestSeen + 1) - 1 : declaredUpTo;
                giveUp(upTo, LOST_ATTEMPTS);
                if (declaredUpTo - nextExpected >= 0)
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
     * Continue the stream at {@code next}, as if everything before it had been delivered: a snapshot
     * has rebuilt the state up to there (GLIMPSE's End of Snapshot). What is held, open, declared or
     * requested is forgotten, nothing is counted as lost, and the stale flag clears (the listener hears
     * it if it was set). Messages given up since the last resumption, all before {@code next}, move from
     * {@link SequencerCounters#unrecoveredMessages()} to {@link SequencerCounters#snapshotCoveredMessages()}. The session followed stays; with none yet, the next packet's is adopted as usual.
     * Bounded: the store's flags are cleared when anything was held ({@link HoldStore#clear()}), nothing
     * else depends on a gap's size. Not to be called from inside {@link #onPacket} or a listener.
     *
     * @param next the sequence number of the next message to deliver, 1 or more.
     */
    public void resumeAt(final long next)
    {
        if (next < 1)
        {
            throw new IllegalArgumentException("next " + next + " is not a sequence number");
        }
        awaitingFirst = false;
        if (givenUpSinceResume > 0 && givenUpEnd - next <= 0)
        {
            // a snapshot consistent at next restored what the messages given up before it would have done
            counters.unrecoveredMessages -= givenUpSinceResume;
            counters.snapshotCoveredMessages = SequencerCounters.add(counters.snapshotCoveredMessages, givenUpSinceResume);
        }
        givenUpSinceResume = 0;
        moveTo(next);
        lostAny = false;
        recovery.reset();
        store.clear();
        updateStale();
    }

    /**
     * End of input (a replay): declare whatever is open and give it up.
     */
    public void finish()
    {
        if (!awaitingFirst && highestSeen - nextExpected >= 0)
        {
            declare();
            giveUp(highestSeen, LOST_NO_RECOVERY);
        }
        updateStale();
    }

    private void countIfRecovered(final long messageSequence)
    {
        if (declaredUpTo - messageSequence >= 0)
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
        final HoldStore store = this.store;
        while (!store.isEmpty() && store.firstHeld() == nextExpected)
        {
            final long sequence = nextExpected;
            deliver(store.buffer(), store.offset(sequence), store.length(sequence), sequence);
            store.removeFirst();
        }
        if (nextExpected - highestSeen > 0)
        {
            undeclaredSinceNs = NONE;
        }
    }

    private int checkGaps(final long nowNs)
    {
        if (undeclaredSinceNs == NONE)
        {
            return 0;
        }
        if (nextExpected - highestSeen > 0)
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
        final long from = declaredUpTo + 1 - nextExpected > 0 ? declaredUpTo + 1 : nextExpected;
        store.forEachMissing(from, highestSeen + 1, Long.MAX_VALUE, Integer.MAX_VALUE, gapReporter);
        declaredUpTo = highestSeen;
        undeclaredSinceNs = NONE;
        return from;
    }

    private void onDeclaredGap(final long from, final long toExclusive)
    {
        counters.gaps++;
        counters.missingMessages = SequencerCounters.add(counters.missingMessages, toExclusive - from);
        listener.onGap(from, toExclusive);
    }

    /** Give up every missing message up to and including {@code upTo}, delivering what is held. */
    private void giveUp(final long upTo, final int reason)
    {
        while (upTo - nextExpected >= 0)
        {
            if (store.isHeld(nextExpected))
            {
                drainStore();
                continue;
            }
            // the missing run from nextExpected ends at the next held message, or after upTo
            final long heldFrom = store.heldFrom(nextExpected, upTo + 1);
            final long end = heldFrom - (upTo + 1) < 0 ? heldFrom : upTo + 1;
            counters.unrecoveredMessages = SequencerCounters.add(counters.unrecoveredMessages, end - nextExpected);
            givenUpSinceResume = SequencerCounters.add(givenUpSinceResume, end - nextExpected);
            givenUpEnd = end;
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
        if (keepFrom - 1 - declaredUpTo > 0)
        {
            final long savedHighest = highestSeen;
            highestSeen = keepFrom - 1;
            declare();
            highestSeen = savedHighest;
            declaredUpTo = keepFrom - 1;
        }
        giveUp(keepFrom - 1, LOST_OVERFLOW);
        if (keepFrom - nextExpected > 0)
        {
            nextExpected = keepFrom;
        }
        if (undeclaredSinceNs == NONE && highestSeen - nextExpected >= 0)
        {
            undeclaredSinceNs = nowNs;
        }
    }

    private void updateStale()
    {
        final boolean nowStale = lostAny || declaredUpTo - nextExpected >= 0;
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

    public long sessionHigh()
    {
        return sessions.high();
    }

    public int sessionLow()
    {
        return sessions.low();
    }

    /**
     * @return true when the current session sent its end of session and nothing new after it.
     */
    public boolean endOfSession()
    {
        return sessions.hasEnded();
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
}
