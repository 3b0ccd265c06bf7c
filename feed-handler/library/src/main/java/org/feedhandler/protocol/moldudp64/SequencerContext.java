package org.feedhandler.protocol.moldudp64;

import org.agrona.BitUtil;

/**
 * The settings of a {@link MoldUdp64Sequencer}, in Aeron's manner: set fluently, then
 * {@link #conclude()}d once (the sequencer does it) to validate and derive, after which the
 * sequencer reads them. The defaults suit a replay of one line without recovery, following session
 * changes. Mapping configuration keys to these settings is the business of the layer that builds the
 * sequencer (the handler), not of this package.
 */
public final class SequencerContext
{
    /** Start at the first packet seen (join mid-stream) instead of a fixed sequence number. */
    public static final long START_AT_FIRST_SEEN = 0;

    /** Default plausibility bound: a packet further ahead than this many messages is not believed at once. */
    public static final long MAX_GAP_MESSAGES_DEFAULT = 1_000_000;
    /** Largest plausibility bound: keeps every distance the sequencer computes far inside a signed long. */
    public static final long MAX_GAP_MESSAGES_LIMIT = 1L << 40;
    /** Default count of contiguous far-ahead packets that confirm a jump. */
    public static final int JUMP_CONFIRM_PACKETS_DEFAULT = 4;
    /** Default count of packets of a new session, with the current one quiet, that make it followed. */
    public static final int SESSION_CONFIRM_PACKETS_DEFAULT = 10;
    /** Default quiet time of the current session before a persisting new session is followed. */
    public static final long SESSION_CONFIRM_NS_DEFAULT = 1_000_000_000L;

    private boolean concluded;
    private long startSequence = 1;
    private boolean followSessionChange = true;
    private int lines = 1;
    private int storeMessages = 1 << 16;
    private int cellSize = 64;
    private long gapWaitNs = 0;
    private RetransmitRequester requester;
    private long requestTimeoutNs = 50_000_000L;
    private int maxAttempts = 5;
    private long lineSilenceNs = 2_000_000_000L;
    private long maxGapMessages = MAX_GAP_MESSAGES_DEFAULT;
    private int jumpConfirmPackets = JUMP_CONFIRM_PACKETS_DEFAULT;
    private int sessionConfirmPackets = SESSION_CONFIRM_PACKETS_DEFAULT;
    private long sessionConfirmNs = SESSION_CONFIRM_NS_DEFAULT;

    /**
     * Validate the settings and round the store up to a power of two. Called once, by the sequencer.
     *
     * @return this.
     * @throws IllegalStateException    when already concluded (a context serves one sequencer).
     * @throws IllegalArgumentException naming the setting out of range.
     */
    public SequencerContext conclude()
    {
        if (concluded)
        {
            throw new IllegalStateException("SequencerContext already concluded: give each sequencer its own");
        }
        require(lines >= 1 && lines <= 2, "lines must be 1 or 2", lines);
        require(storeMessages >= 1 && storeMessages <= 1 << 30, "store messages must be in [1, 2^30]", storeMessages);
        require(cellSize >= 1 && cellSize <= 0xFFFF, "store cell size must be in [1, 65535]", cellSize);
        require((long)BitUtil.findNextPositivePowerOfTwo(Math.max(16, storeMessages)) * cellSize <= Integer.MAX_VALUE,
            "store messages x cell size must fit 2 GiB", storeMessages);
        require(gapWaitNs >= 0, "gap wait must not be negative", gapWaitNs);
        require(requestTimeoutNs > 0, "request timeout must be positive", requestTimeoutNs);
        require(maxAttempts >= 1, "max attempts must be at least 1", maxAttempts);
        require(lineSilenceNs > 0, "line silence must be positive", lineSilenceNs);
        require(maxGapMessages >= 1 && maxGapMessages <= MAX_GAP_MESSAGES_LIMIT,
            "max gap messages must be in [1, 2^40]", maxGapMessages);
        require(jumpConfirmPackets >= 1 && jumpConfirmPackets <= 1_000_000,
            "jump confirm packets must be in [1, 1000000]", jumpConfirmPackets);
        require(sessionConfirmPackets >= 1 && sessionConfirmPackets <= 1_000_000,
            "session confirm packets must be in [1, 1000000]", sessionConfirmPackets);
        require(sessionConfirmNs >= 0, "session confirm time must not be negative", sessionConfirmNs);
        storeMessages = BitUtil.findNextPositivePowerOfTwo(Math.max(16, storeMessages));
        concluded = true;
        return this;
    }

    private static void require(final boolean condition, final String what, final long value)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(what + ": " + value);
        }
    }

    /**
     * @param startSequence first sequence number expected, or {@link #START_AT_FIRST_SEEN}.
     * @return this.
     */
    public SequencerContext startSequence(final long startSequence)
    {
        this.startSequence = startSequence;
        return this;
    }

    public long startSequence()
    {
        return startSequence;
    }

    /**
     * @param follow true to follow a new session, false to drop packets of any other.
     * @return this.
     */
    public SequencerContext followSessionChange(final boolean follow)
    {
        this.followSessionChange = follow;
        return this;
    }

    public boolean followSessionChange()
    {
        return followSessionChange;
    }

    /**
     * @param lines 1 (A only) or 2 (A and B).
     * @return this.
     */
    public SequencerContext lines(final int lines)
    {
        this.lines = lines;
        return this;
    }

    public int lines()
    {
        return lines;
    }

    /**
     * @param messages capacity of the store for held messages, rounded up to a power of two (at least 16).
     * @param cellSize bytes per message cell; a longer message cannot be held (it is re-requested).
     * @return this.
     */
    public SequencerContext store(final int messages, final int cellSize)
    {
        this.storeMessages = messages;
        this.cellSize = cellSize;
        return this;
    }

    /**
     * @return the store's capacity in messages (a power of two once concluded).
     */
    public int storeMessages()
    {
        return storeMessages;
    }

    public int cellSize()
    {
        return cellSize;
    }

    /**
     * @param nanos how long an open run may wait for a reordered packet or a lagging line.
     * @return this.
     */
    public SequencerContext gapWaitNs(final long nanos)
    {
        this.gapWaitNs = nanos;
        return this;
    }

    public long gapWaitNs()
    {
        return gapWaitNs;
    }

    /**
     * @param requester   sends requests; null for no recovery.
     * @param timeoutNs   wait for an answer before asking again.
     * @param maxAttempts requests for the lowest missing message before giving it up.
     * @return this.
     */
    public SequencerContext recovery(final RetransmitRequester requester, final long timeoutNs, final int maxAttempts)
    {
        this.requester = requester;
        this.requestTimeoutNs = timeoutNs;
        this.maxAttempts = maxAttempts;
        return this;
    }

    /**
     * @param requester sends requests; null for no recovery.
     * @return this.
     */
    public SequencerContext requester(final RetransmitRequester requester)
    {
        this.requester = requester;
        return this;
    }

    /**
     * @return the requester, or null for no recovery.
     */
    public RetransmitRequester requester()
    {
        return requester;
    }

    public long requestTimeoutNs()
    {
        return requestTimeoutNs;
    }

    public int maxAttempts()
    {
        return maxAttempts;
    }

    /**
     * @param nanos a line with no packet for this long is reported silent.
     * @return this.
     */
    public SequencerContext lineSilenceNs(final long nanos)
    {
        this.lineSilenceNs = nanos;
        return this;
    }

    public long lineSilenceNs()
    {
        return lineSilenceNs;
    }

    /**
     * @param messages how far ahead of the next expected message a packet may start and still be
     *                 believed at once; further is an implausible sequence number (see
     *                 {@link MoldUdp64Sequencer}).
     * @return this.
     */
    public SequencerContext maxGapMessages(final long messages)
    {
        this.maxGapMessages = messages;
        return this;
    }

    public long maxGapMessages()
    {
        return maxGapMessages;
    }

    /**
     * @param packets contiguous far-ahead packets, with no packet of the current position between
     *                them, that confirm the stream really jumped.
     * @return this.
     */
    public SequencerContext jumpConfirmPackets(final int packets)
    {
        this.jumpConfirmPackets = packets;
        return this;
    }

    public int jumpConfirmPackets()
    {
        return jumpConfirmPackets;
    }

    /**
     * A new session is followed at once after the current one's end of session; otherwise only
     * once it persists: this many packets of it in a row and this long with no packet of the current one.
     *
     * @param packets packets of the new session, none of the current one between them.
     * @param nanos   time since the current session's last packet.
     * @return this.
     */
    public SequencerContext sessionConfirm(final int packets, final long nanos)
    {
        this.sessionConfirmPackets = packets;
        this.sessionConfirmNs = nanos;
        return this;
    }

    public int sessionConfirmPackets()
    {
        return sessionConfirmPackets;
    }

    public long sessionConfirmNs()
    {
        return sessionConfirmNs;
    }
}
