package org.feedhandler.protocol.moldudp64;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.protocol.BlockHandler;
import org.feedhandler.protocol.MessageHandler;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Turns MoldUDP64 packets from one or two lines (A/B) and a retransmission socket into one
 * in-order, exactly-once stream of messages, on one thread, without locks or allocation. The live
 * path, pcap replay and tests all use this one class.
 *
 * <h2>Arbitration</h2>
 * Every packet carries the sequence number of its first message, so the first copy of each
 * sequence number wins, whichever line brings it; a later copy is a duplicate. Per line: packets,
 * first arrivals (packets that brought at least one new message) and duplicates. A line that
 * receives nothing for the silence interval is reported silent.
 *
 * <h2>Gaps</h2>
 * A message ahead of the next expected one is held in an off-heap store indexed by sequence number
 * (a ring of fixed cells: slot = sequence &amp; mask), while the missing run stays <em>open</em>. An
 * open run becomes a <em>gap</em> (reported, counted) when every live line has passed it (so a gap
 * on one line that the other fills is no gap), or after the gap wait (time for a reordered packet
 * to arrive, or for a lagging line). Then:
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
    public static final int LINE_A = 0;
    public static final int LINE_B = 1;
    public static final int LINE_RETRANSMIT = 2;
    public static final int MAX_LINES = 3;

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

    /** Start at the first packet seen (join mid-stream) instead of a fixed sequence number. */
    public static final long START_AT_FIRST_SEEN = 0;

    private static final long NONE = Long.MIN_VALUE;
    private static final int MAX_RUNS_PER_SCAN = 16;
    /** Requests in flight at once: a short answer is followed by pipelined requests for the rest. */
    static final int MAX_OUTSTANDING = 16;

    /**
     * Settings, with defaults suitable for a replay of one line without recovery.
     */
    public static final class Config
    {
        long startSequence = 1;
        boolean followSessionChange = true;
        int lines = 1;
        int storeCapacity = 1 << 16;
        int cellSize = 64;
        long gapWaitNs = 0;
        long requestTimeoutNs = 50_000_000L;
        int maxAttempts = 5;
        long lineSilenceNs = 2_000_000_000L;
        RetransmitRequester requester;

        /**
         * @param startSequence first sequence number expected, or {@link #START_AT_FIRST_SEEN}.
         * @return this.
         */
        public Config startSequence(final long startSequence)
        {
            this.startSequence = startSequence;
            return this;
        }

        /**
         * @param follow true to follow a new session, false to drop packets of any other.
         * @return this.
         */
        public Config followSessionChange(final boolean follow)
        {
            this.followSessionChange = follow;
            return this;
        }

        /**
         * @param lines 1 (A only) or 2 (A and B).
         * @return this.
         */
        public Config lines(final int lines)
        {
            this.lines = lines;
            return this;
        }

        /**
         * @param messages capacity of the store for held messages, rounded up to a power of two.
         * @param cellSize bytes per message cell; a longer message cannot be held (it is re-requested).
         * @return this.
         */
        public Config store(final int messages, final int cellSize)
        {
            this.storeCapacity = BitUtil.findNextPositivePowerOfTwo(Math.max(16, messages));
            this.cellSize = cellSize;
            return this;
        }

        /**
         * @param nanos how long an open run may wait for a reordered packet or a lagging line.
         * @return this.
         */
        public Config gapWaitNs(final long nanos)
        {
            this.gapWaitNs = nanos;
            return this;
        }

        /**
         * @param requester   sends requests; null for no recovery.
         * @param timeoutNs   wait for an answer before asking again.
         * @param maxAttempts requests for the lowest missing message before giving it up.
         * @return this.
         */
        public Config recovery(final RetransmitRequester requester, final long timeoutNs, final int maxAttempts)
        {
            this.requester = requester;
            this.requestTimeoutNs = timeoutNs;
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * @param nanos a line with no packet for this long is reported silent.
         * @return this.
         */
        public Config lineSilenceNs(final long nanos)
        {
            this.lineSilenceNs = nanos;
            return this;
        }
    }

    private final MessageHandler handler;
    private final BlockHandler blockHandler;
    private final SequencerListener listener;
    private final RetransmitRequester requester;
    private final long startSequence;
    private final boolean followSessionChange;
    private final int lines;
    private final long gapWaitNs;
    private final long requestTimeoutNs;
    private final int maxAttempts;
    private final long lineSilenceNs;

    private final int mask;
    private final int cellSize;
    private final UnsafeBuffer cells;
    private final long[] storeSequence;
    private final int[] storeLength;

    private boolean hasSession;
    private long sessionHigh;
    private int sessionLow;
    private boolean endOfSession;

    private long nextExpected;
    private long highestSeen;
    private long declaredUpTo;
    private long undeclaredSinceNs = NONE;
    private long lastRequestNs = NONE;
    private long attemptsFor = NONE;
    private int attempts;
    private boolean answeredSinceFirstAttempt;
    private boolean lostAny;
    private boolean stale;

    private final long[] outstandingFrom = new long[MAX_OUTSTANDING];
    private final long[] outstandingTo = new long[MAX_OUTSTANDING];
    private int outstanding;

    private final long[] linePackets = new long[MAX_LINES];
    private final long[] lineFirstArrivals = new long[MAX_LINES];
    private final long[] lineDuplicates = new long[MAX_LINES];
    private final long[] lineHighest = new long[MAX_LINES];
    private final long[] lineLastPacketNs = new long[MAX_LINES];
    private final boolean[] lineSilent = new boolean[MAX_LINES];

    private long packets;
    private long messagesDelivered;
    private long duplicateMessages;
    private long gaps;
    private long missingMessages;
    private long recoveredMessages;
    private long unrecoveredMessages;
    private long requests;
    private long heartbeats;
    private long malformedPackets;
    private long otherSessionPackets;
    private long sessionChanges;
    private long storeOverflows;
    private long oversizeMessages;

    /**
     * @param handler  receives every message once, in order; runs of blocks when it is also a
     *                 {@link BlockHandler} (see the class description).
     * @param listener receives gaps, losses, staleness, line silence and session events.
     * @param config   settings.
     */
    public MoldUdp64Sequencer(final MessageHandler handler, final SequencerListener listener, final Config config)
    {
        if (config.lines < 1 || config.lines > 2)
        {
            throw new IllegalArgumentException("lines must be 1 or 2: " + config.lines);
        }
        this.handler = handler;
        this.blockHandler = handler instanceof BlockHandler ? (BlockHandler)handler : null;
        this.listener = listener;
        this.requester = config.requester;
        this.startSequence = config.startSequence;
        this.followSessionChange = config.followSessionChange;
        this.lines = config.lines;
        this.gapWaitNs = config.gapWaitNs;
        this.requestTimeoutNs = config.requestTimeoutNs;
        this.maxAttempts = Math.max(1, config.maxAttempts);
        this.lineSilenceNs = config.lineSilenceNs;
        this.mask = config.storeCapacity - 1;
        this.cellSize = config.cellSize;
        this.cells = new UnsafeBuffer(ByteBuffer.allocateDirect(config.storeCapacity * config.cellSize));
        this.storeSequence = new long[config.storeCapacity];
        this.storeLength = new int[config.storeCapacity];
        Arrays.fill(lineLastPacketNs, NONE);
        resetSequence();
    }

    /**
     * A sequencer for one line, no recovery, following session changes: what a replay uses.
     *
     * @param handler       receives every message once, in order.
     * @param listener      receives events.
     * @param startSequence first sequence number expected, or {@link #START_AT_FIRST_SEEN}.
     * @return the sequencer.
     */
    public static MoldUdp64Sequencer forReplay(
        final MessageHandler handler, final SequencerListener listener, final long startSequence)
    {
        return new MoldUdp64Sequencer(handler, listener, new Config().startSequence(startSequence));
    }

    private void resetSequence()
    {
        nextExpected = startSequence;
        highestSeen = startSequence - 1;
        declaredUpTo = startSequence - 1;
        undeclaredSinceNs = NONE;
        lastRequestNs = NONE;
        attemptsFor = NONE;
        attempts = 0;
        lostAny = false;
        outstanding = 0;
        Arrays.fill(storeSequence, -1L);
        Arrays.fill(lineHighest, -1L);
        updateStale();
    }

    /**
     * Process one downstream packet.
     *
     * @param buffer holding the packet.
     * @param offset of its first byte.
     * @param length of the packet (UDP payload or Aeron message).
     * @param line   {@link #LINE_A}, {@link #LINE_B} or {@link #LINE_RETRANSMIT}.
     * @param nowNs  the clock of {@link #doWork(long)} (monotonic nanoseconds).
     * @return the packet's classification.
     */
    public int onPacket(final DirectBuffer buffer, final int offset, final int length, final int line, final long nowNs)
    {
        packets++;
        linePackets[line]++;
        lineLastPacketNs[line] = nowNs;
        if (lineSilent[line])
        {
            lineSilent[line] = false;
            listener.onLineSilent(line, false);
        }

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
            if (!followSessionChange || line == LINE_RETRANSMIT)
            {
                otherSessionPackets++;
                return OTHER_SESSION;
            }
            sessionChanges++;
            final long oldHigh = sessionHigh;
            final int oldLow = sessionLow;
            sessionHigh = high;
            sessionLow = low;
            endOfSession = false;
            resetSequence();
            listener.onSessionChange(oldHigh, oldLow, high, low, true);
        }

        if (count == MoldUdp64.END_OF_SESSION_MESSAGE_COUNT || count == MoldUdp64.HEARTBEAT_MESSAGE_COUNT)
        {
            final boolean end = count == MoldUdp64.END_OF_SESSION_MESSAGE_COUNT;
            if (end)
            {
                endOfSession = true;
            }
            else
            {
                heartbeats++;
            }
            int result = end ? END_OF_SESSION : HEARTBEAT;
            if (sequence != 0 && nextExpected != START_AT_FIRST_SEEN)
            {
                final long last = sequence - 1;
                if (last > lineHighest[line])
                {
                    lineHighest[line] = last;
                }
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

        if (nextExpected == START_AT_FIRST_SEEN)
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
                messagesDelivered += i;
                nextExpected = messageSequence;
                highestSeen = messageSequence - 1;
                if (highestSeen > lineHighest[line])
                {
                    lineHighest[line] = highestSeen;
                }
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
                duplicateMessages++;
                continue;
            }
            if (messageSequence - nextExpected > mask)
            {
                overflow(messageSequence, nowNs);
            }
            if (messageSequence > highestSeen)
            {
                highestSeen = messageSequence;
            }
            if (messageSequence > lineHighest[line])
            {
                lineHighest[line] = messageSequence;
            }

            if (messageSequence == nextExpected)
            {
                fresh++;
                countIfRecovered(messageSequence);
                deliver(buffer, messageOffset, messageLength, messageSequence);
                drainStore();
            }
            else
            {
                final int slot = (int)messageSequence & mask;
                if (storeSequence[slot] == messageSequence)
                {
                    duplicateMessages++;
                }
                else if (messageLength > cellSize)
                {
                    oversizeMessages++;
                }
                else
                {
                    cells.putBytes(slot * cellSize, buffer, messageOffset, messageLength);
                    storeLength[slot] = messageLength;
                    storeSequence[slot] = messageSequence;
                    fresh++;
                    held = true;
                    countIfRecovered(messageSequence);
                    if (undeclaredSinceNs == NONE && messageSequence > declaredUpTo)
                    {
                        undeclaredSinceNs = nowNs;
                    }
                }
            }
        }

        if (fresh > 0)
        {
            lineFirstArrivals[line]++;
            if (line == LINE_RETRANSMIT && !malformed && null != requester)
            {
                answeredSinceFirstAttempt = true;
                onAnswer(sequence, count, nowNs);
            }
        }
        else
        {
            lineDuplicates[line]++;
        }

        if (malformed)
        {
            malformedPackets++;
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

    /**
     * Drive the timers: declare open runs whose wait is over, re-request or give up what is still
     * missing after the request timeout, and report silent lines. Call it every duty cycle.
     *
     * @param nowNs monotonic nanoseconds, the same clock as {@link #onPacket}.
     * @return work done (0 when nothing happened).
     */
    public int doWork(final long nowNs)
    {
        int work = 0;
        for (int line = 0; line < lines; line++)
        {
            if (lineLastPacketNs[line] == NONE)
            {
                lineLastPacketNs[line] = nowNs;
            }
            else if (!lineSilent[line] && nowNs - lineLastPacketNs[line] >= lineSilenceNs)
            {
                lineSilent[line] = true;
                listener.onLineSilent(line, true);
                work++;
            }
        }

        work += checkGaps(nowNs);

        if (null != requester && lastRequestNs != NONE && nextExpected <= declaredUpTo &&
            nowNs - lastRequestNs >= requestTimeoutNs)
        {
            if (attemptsFor != nextExpected)
            {
                attemptsFor = nextExpected;
                attempts = 0;
                answeredSinceFirstAttempt = false;
            }
            if (attempts >= maxAttempts)
            {
                final long upTo = answeredSinceFirstAttempt ? runEnd(nextExpected) - 1 : declaredUpTo;
                giveUp(upTo, LOST_ATTEMPTS);
                if (nextExpected <= declaredUpTo)
                {
                    requestMissing(nowNs);
                }
                else
                {
                    lastRequestNs = NONE;
                }
            }
            else
            {
                requestMissing(nowNs);
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
        if (nextExpected != START_AT_FIRST_SEEN && nextExpected <= highestSeen)
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
            recoveredMessages++;
        }
    }

    private void deliver(final DirectBuffer buffer, final int offset, final int length, final long messageSequence)
    {
        handler.onMessage(buffer, offset, length, messageSequence);
        messagesDelivered++;
        nextExpected = messageSequence + 1;
    }

    private void drainStore()
    {
        while (nextExpected <= highestSeen)
        {
            final int slot = (int)nextExpected & mask;
            if (storeSequence[slot] != nextExpected)
            {
                return;
            }
            deliver(cells, slot * cellSize, storeLength[slot], nextExpected);
        }
        undeclaredSinceNs = NONE;
    }

    private boolean isHeld(final long messageSequence)
    {
        return storeSequence[(int)messageSequence & mask] == messageSequence;
    }

    /** First sequence number at or after {@code from} that is held, or highestSeen + 1. */
    private long runEnd(final long from)
    {
        long s = from;
        while (s <= highestSeen && !isHeld(s))
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
        if (nowNs - undeclaredSinceNs >= gapWaitNs || (lines > 1 && everyLiveLinePassed()))
        {
            final long from = declare();
            if (null == requester)
            {
                giveUp(declaredUpTo, LOST_NO_RECOVERY);
            }
            else
            {
                requestRuns(from, nowNs);
                if (attemptsFor != nextExpected)
                {
                    attemptsFor = nextExpected;
                    attempts = 1;
                    answeredSinceFirstAttempt = false;
                }
            }
            return 1;
        }
        return 0;
    }

    private boolean everyLiveLinePassed()
    {
        for (int line = 0; line < lines; line++)
        {
            if (!lineSilent[line] && lineHighest[line] < highestSeen)
            {
                return false;
            }
        }
        return true;
    }

    /** Report and count the missing runs not yet declared, up to highestSeen; returns where it began. */
    private long declare()
    {
        final long from = Math.max(nextExpected, declaredUpTo + 1);
        long s = from;
        while (s <= highestSeen)
        {
            if (isHeld(s))
            {
                s++;
                continue;
            }
            final long end = runEnd(s);
            gaps++;
            missingMessages += end - s;
            listener.onGap(s, end);
            s = end;
        }
        declaredUpTo = highestSeen;
        undeclaredSinceNs = NONE;
        return from;
    }

    /** Request the missing runs from {@code from} up to declaredUpTo (at most 16 runs). */
    private void requestRuns(final long from, final long nowNs)
    {
        long s = from;
        int runs = 0;
        while (s <= declaredUpTo && runs < MAX_RUNS_PER_SCAN)
        {
            if (isHeld(s))
            {
                s++;
                continue;
            }
            s = requestRun(s, nowNs);
            runs++;
        }
    }

    /** A timed-out attempt: request everything still missing, and count the attempt against the lowest. */
    private void requestMissing(final long nowNs)
    {
        outstanding = 0;
        requestRuns(nextExpected, nowNs);
        if (attemptsFor != nextExpected)
        {
            attemptsFor = nextExpected;
            attempts = 0;
            answeredSinceFirstAttempt = false;
        }
        attempts++;
    }

    /** Request the missing run starting at {@code from}; returns the sequence after it. */
    private long requestRun(final long from, final long nowNs)
    {
        long end = from;
        while (end <= declaredUpTo && !isHeld(end) && end - from < MoldUdp64.MAX_REQUESTED_COUNT)
        {
            end++;
        }
        request(from, end, nowNs);
        return end;
    }

    private void request(final long from, final long toExclusive, final long nowNs)
    {
        requester.request(sessionHigh, sessionLow, from, (int)(toExclusive - from));
        requests++;
        lastRequestNs = nowNs;
        if (outstanding < MAX_OUTSTANDING)
        {
            outstandingFrom[outstanding] = from;
            outstandingTo[outstanding] = toExclusive;
            outstanding++;
        }
    }

    /**
     * A retransmission answered {@code [sequence, sequence + count)}. A request server may answer
     * fewer messages than asked (often one packet's worth): ask for the rest at once, split into
     * requests the size of this answer, several in flight, rather than one round trip per packet.
     */
    private void onAnswer(final long sequence, final int count, final long nowNs)
    {
        final long answeredTo = sequence + count;
        for (int i = 0; i < outstanding; i++)
        {
            if (outstandingFrom[i] == sequence)
            {
                final long to = outstandingTo[i];
                removeOutstanding(i);
                if (answeredTo < to && count > 0)
                {
                    long from = answeredTo;
                    while (from < to)
                    {
                        final boolean last = outstanding >= MAX_OUTSTANDING - 1;
                        final long chunkTo = last ? to : Math.min(to, from + count);
                        request(from, chunkTo, nowNs);
                        from = chunkTo;
                    }
                }
                return;
            }
        }
        // an answer to a request no longer tracked (e.g. re-requested after a timeout)
        if (0 == outstanding && answeredTo >= nextExpected && answeredTo <= declaredUpTo && !isHeld(answeredTo))
        {
            requestRun(answeredTo, nowNs);
        }
    }

    private void removeOutstanding(final int i)
    {
        outstanding--;
        outstandingFrom[i] = outstandingFrom[outstanding];
        outstandingTo[i] = outstandingTo[outstanding];
    }

    /** Give up every missing message up to and including {@code upTo}, delivering what is held. */
    private void giveUp(final long upTo, final int reason)
    {
        while (nextExpected <= upTo)
        {
            if (isHeld(nextExpected))
            {
                drainStore();
                continue;
            }
            // nothing held at or after nextExpected (runEnd past highestSeen, or nextExpected already
            // past it after everything seen was delivered): the whole rest up to upTo is missing
            final long heldFrom = runEnd(nextExpected);
            final long end = heldFrom > highestSeen ? upTo + 1 : Math.min(heldFrom, upTo + 1);
            unrecoveredMessages += end - nextExpected;
            lostAny = true;
            listener.onUnrecoverable(nextExpected, end, reason);
            nextExpected = end;
        }
        drainStore();
        attempts = 0;
        attemptsFor = NONE;
        if (nextExpected > declaredUpTo)
        {
            outstanding = 0;
        }
    }

    private void overflow(final long messageSequence, final long nowNs)
    {
        storeOverflows++;
        final long keepFrom = messageSequence - mask;
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

    public long packets()
    {
        return packets;
    }

    public long messagesDelivered()
    {
        return messagesDelivered;
    }

    /**
     * @return packets that brought nothing new, on every line.
     */
    public long duplicatePackets()
    {
        return lineDuplicates[LINE_A] + lineDuplicates[LINE_B] + lineDuplicates[LINE_RETRANSMIT];
    }

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
     * @return messages given up.
     */
    public long unrecoveredMessages()
    {
        return unrecoveredMessages;
    }

    public long requests()
    {
        return requests;
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

    public long storeOverflows()
    {
        return storeOverflows;
    }

    public long oversizeMessages()
    {
        return oversizeMessages;
    }

    public long linePackets(final int line)
    {
        return linePackets[line];
    }

    public long lineFirstArrivals(final int line)
    {
        return lineFirstArrivals[line];
    }

    public long lineDuplicates(final int line)
    {
        return lineDuplicates[line];
    }

    public boolean lineSilent(final int line)
    {
        return lineSilent[line];
    }

    public int lines()
    {
        return lines;
    }

    public boolean recoveryEnabled()
    {
        return null != requester;
    }
}
