package org.feedhandler.pipeline;

import java.nio.ByteBuffer;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.api.MarketDataListener;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.protocol.MessageHandler;
import org.feedhandler.protocol.itch.GlimpseDecoder;
import org.feedhandler.protocol.moldudp64.MoldUdp64;
import org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer;

/**
 * The pipeline's side of GLIMPSE snapshot recovery: while a snapshot loads, live packets are kept in a
 * bounded off-heap buffer instead of reaching the sequencer, and the snapshot's messages build the books
 * through the pipeline's own {@link org.feedhandler.protocol.itch.ItchDecoder} and {@link BookBuilder}
 * (wrapped in a {@link GlimpseDecoder} that sees the End of Snapshot). At End of Snapshot the sequencer
 * resumes at the snapshot's sequence number (the first live message the snapshot does not cover,
 * docs/soupbintcp-glimpse.md), the buffered packets wholly before it are dropped, the rest are applied
 * in order, and the stale flags clear.
 * <pre>
 *   IDLE --begin--&gt; LOADING --End of Snapshot--&gt; IDLE (resumed, buffer applied)
 *                      | newSnapshot(): each login starts the books over
 *                      | a full buffer: overflow counted, buffer restarted, {@link #takeOverflow()} true
 *                      +--abandon(): buffer handed to the sequencer as it is, books flagged stale
 * </pre>
 * The session (connect, login, timeouts, retries) is the caller's: it feeds {@link #onMessage} with
 * each snapshot message, calls {@link #newSnapshot()} at each login, and {@link #begin}/{@link #abandon}.
 * <p>
 * Buffer record: a 16-byte header (int length, int line, long receive nanos) then the packet's bytes.
 * Single-threaded (the receiver thread), allocation-free after construction.
 */
public final class SnapshotRecovery implements MessageHandler, GlimpseDecoder.Listener
{
    /** Bytes a buffered packet takes beyond its own. */
    public static final int RECORD_HEADER_LENGTH = 16;
    private static final int LINE_OFFSET = 4;
    private static final int RECEIVE_NANOS_OFFSET = 8;

    private final FeedPipeline pipeline;
    private final OrderBooks books;
    private final MoldUdp64Sequencer sequencer;
    private final GlimpseDecoder decoder;
    private final UnsafeBuffer buffer;
    private final int maxPackets;
    private final boolean onGap;
    private final long maxAhead;
    /** Told where a snapshot begins and ends, so its Add Orders read as a rebuild; null for none. */
    private final MarketDataListener listener;

    private boolean loading;
    private boolean wanted;
    private boolean disabled;
    private boolean overflowPending;
    private boolean completed;
    private boolean implausiblePending;
    private long bufferedNext;
    private int limit;
    private int packets;
    private long beganNs;
    private long nowNs;
    private long attemptMessages;

    private long recoveries;
    private long failures;
    private long messages;
    private long nanos;
    private long lastNanos;
    private long bufferedPackets;
    private long overflows;
    private long droppedPackets;
    private long implausibleEnds;
    private long sequence;

    /**
     * @param pipeline     whose books, builder, decoder and sequencer the snapshot rebuilds and resumes.
     * @param bufferBytes  off-heap bytes for buffered packets, allocated here.
     * @param maxPackets   packets buffered at most.
     * @param onStart      load a snapshot before anything else.
     * @param onGap        load one after every gap the sequencer gives up on.
     * @param maxAhead     the plausibility bound of sequence numbers ({@code feed.gap.max.messages}): an End of
     *                     Snapshot further than this beyond the live packets buffered is not believed.
     * @param listener     the pipeline's listener, told {@link MarketDataListener#onSnapshotEnd} when a snapshot
     *                     is applied (the pipeline tells {@link MarketDataListener#onSnapshotBegin} as it
     *                     clears the books for one, {@link FeedPipeline#startOver}); null for none.
     */
    SnapshotRecovery(
        final FeedPipeline pipeline, final int bufferBytes, final int maxPackets, final boolean onStart,
        final boolean onGap, final long maxAhead, final MarketDataListener listener)
    {
        if (bufferBytes < RECORD_HEADER_LENGTH || maxPackets < 1)
        {
            throw new IllegalArgumentException("buffer of " + bufferBytes + " bytes, " + maxPackets + " packets");
        }
        this.pipeline = pipeline;
        this.books = pipeline.books();
        this.sequencer = pipeline.sequencer();
        this.decoder = new GlimpseDecoder(pipeline.decoder(), this);
        this.buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(bufferBytes));
        this.maxPackets = maxPackets;
        this.onGap = onGap;
        this.maxAhead = maxAhead;
        this.listener = listener;
        this.wanted = onStart;
    }

    /**
     * @return true when a snapshot should be loaded and is not loading yet (at start, or after a gap given up).
     */
    public boolean isWanted()
    {
        return wanted && !loading && !disabled;
    }

    public boolean isLoading()
    {
        return loading;
    }

    /**
     * Start loading: live packets are buffered from now on, the books flagged stale. The books are
     * cleared by {@link #newSnapshot()} when the snapshot's first message can come.
     *
     * @param nowNs the monotonic clock.
     */
    public void begin(final long nowNs)
    {
        wanted = false;
        loading = true;
        completed = false;
        beganNs = nowNs;
        this.nowNs = nowNs;
        limit = 0;
        packets = 0;
        bufferedNext = 0;
        overflowPending = false;
        implausiblePending = false;
        attemptMessages = 0;
        books.markAllStale();
    }

    /**
     * A new snapshot begins (a login accepted): whatever an earlier attempt loaded is thrown away.
     */
    public void newSnapshot()
    {
        // the books are empty: what follows until onSnapshotEnd rebuilds them
        pipeline.startOver();
        books.markAllStale();
        attemptMessages = 0;
    }

    /**
     * One snapshot message, ITCH or the End of Snapshot, in the snapshot's order.
     */
    public void onMessage(final DirectBuffer buffer, final int offset, final int length, final long sequenceNumber)
    {
        if (loading)
        {
            attemptMessages++;
            decoder.decode(buffer, offset, length);
        }
    }

    /**
     * Resume the live feed at {@code itchSequenceNumber}, the first message the snapshot does not cover.
     */
    public void onEndOfSnapshot(final long itchSequenceNumber)
    {
        if (!loading)
        {
            return;
        }
        if (itchSequenceNumber < 1 || (packets > 0 && itchSequenceNumber - bufferedNext > maxAhead))
        {
            // hostile or broken: resuming there would take every live packet for an old one, for good
            implausibleEnds++;
            implausiblePending = true;
            return;
        }
        recoveries++;
        messages += attemptMessages;
        sequence = itchSequenceNumber;
        completed = true;
        loading = false;
        sequencer.resumeAt(itchSequenceNumber);
        books.clearAllStale();
        if (null != listener)
        {
            listener.onSnapshotEnd(itchSequenceNumber);
        }
        replay(itchSequenceNumber);
        lastNanos = nowNs - beganNs;
        nanos += lastNanos;
    }

    /**
     * Give up loading (the server refused the login): the buffered packets go to the sequencer as they
     * are, which sees the gap they leave as it would without snapshots, and the books stay flagged stale
     * (they hold what the abandoned snapshot had loaded, if anything). No snapshot is wanted again.
     */
    public void abandon()
    {
        if (!loading)
        {
            return;
        }
        disabled = true;
        loading = false;
        books.markAllStale();
        replay(Long.MIN_VALUE);
    }

    /** Apply the buffered packets in order, but those wholly before {@code next}; empty the buffer. */
    private void replay(final long next)
    {
        final UnsafeBuffer buffer = this.buffer;
        int position = 0;
        for (int i = 0; i < packets; i++)
        {
            final int length = buffer.getInt(position);
            final int line = buffer.getInt(position + LINE_OFFSET);
            final long receiveNanos = buffer.getLong(position + RECEIVE_NANOS_OFFSET);
            final int packet = position + RECORD_HEADER_LENGTH;
            position = packet + length;
            if (next != Long.MIN_VALUE && length >= MoldUdp64.HEADER_LENGTH)
            {
                final int count = MoldUdp64.messageCount(buffer, packet);
                if (count != MoldUdp64.HEARTBEAT_MESSAGE_COUNT && count != MoldUdp64.END_OF_SESSION_MESSAGE_COUNT &&
                    MoldUdp64.sequenceNumber(buffer, packet) + count - next <= 0)
                {
                    droppedPackets++;
                    continue; // wholly before the resumption point: the snapshot covers it
                }
            }
            pipeline.sequence(buffer, packet, length, receiveNanos, line);
        }
        limit = 0;
        packets = 0;
    }

    /**
     * Keep a live packet while loading. A full buffer counts an overflow, forgets what it held (the
     * snapshot under way can no longer be applied) and starts again with this packet.
     */
    void buffer(final DirectBuffer packet, final int offset, final int length, final long receiveNanos, final int line)
    {
        nowNs = receiveNanos;
        final int needed = RECORD_HEADER_LENGTH + length;
        if (packets == maxPackets || limit + needed > buffer.capacity())
        {
            overflows++;
            overflowPending = true;
            limit = 0;
            packets = 0;
            if (needed > buffer.capacity())
            {
                return;
            }
        }
        final UnsafeBuffer buffer = this.buffer;
        buffer.putInt(limit, length);
        buffer.putInt(limit + LINE_OFFSET, line);
        buffer.putLong(limit + RECEIVE_NANOS_OFFSET, receiveNanos);
        buffer.putBytes(limit + RECORD_HEADER_LENGTH, packet, offset, length);
        limit += needed;
        packets++;
        bufferedPackets++;
        if (length >= MoldUdp64.HEADER_LENGTH)
        {
            final int count = MoldUdp64.messageCount(packet, offset);
            final long next = MoldUdp64.sequenceNumber(packet, offset) +
                (count == MoldUdp64.END_OF_SESSION_MESSAGE_COUNT ? 0 : count);
            if (next - bufferedNext > 0)
            {
                bufferedNext = next;
            }
        }
    }

    /** The sequencer gave up a gap: with {@code gap} configured, a snapshot is wanted. */
    void onUnrecoverable()
    {
        if (onGap && !loading)
        {
            wanted = true;
        }
    }

    /**
     * @param nowNs the monotonic clock, for the recovery's duration.
     */
    public void clock(final long nowNs)
    {
        this.nowNs = nowNs;
    }

    /**
     * @return true once after the buffer overflowed: the snapshot under way must be given up and retried.
     */
    public boolean takeOverflow()
    {
        final boolean overflow = overflowPending;
        overflowPending = false;
        return overflow;
    }

    /**
     * @return true once after an End of Snapshot with a sequence number of 0, or further beyond the live
     * packets buffered than the plausibility bound: the snapshot under way is not applied and must be retried.
     */
    public boolean takeImplausible()
    {
        final boolean implausible = implausiblePending;
        implausiblePending = false;
        return implausible;
    }

    /** @return End of Snapshot messages not believed ({@link #takeImplausible()}). */
    public long implausibleEnds()
    {
        return implausibleEnds;
    }

    /**
     * @return true once after a snapshot completed (End of Snapshot applied).
     */
    public boolean takeCompleted()
    {
        final boolean done = completed;
        completed = false;
        return done;
    }

    /** A snapshot attempt failed (the session's owner knows why): counted. */
    public void failed()
    {
        failures++;
    }

    /** @return failed snapshot attempts. */
    public long failures()
    {
        return failures;
    }

    /** @return true after {@link #abandon()}: snapshot recovery is off for the rest of the run. */
    public boolean isDisabled()
    {
        return disabled;
    }

    /** @return snapshots completed and applied. */
    public long recoveries()
    {
        return recoveries;
    }

    /** @return messages of the completed snapshots, End of Snapshot included. */
    public long messages()
    {
        return messages;
    }

    /** @return messages of the snapshot under way (or of the last). */
    public long attemptMessages()
    {
        return attemptMessages;
    }

    /** @return nanoseconds from {@link #begin} to the live feed resumed, over the completed recoveries. */
    public long nanos()
    {
        return nanos;
    }

    /** @return nanoseconds the last completed recovery took. */
    public long lastNanos()
    {
        return lastNanos;
    }

    /** @return live packets buffered, over all recoveries. */
    public long bufferedPackets()
    {
        return bufferedPackets;
    }

    /** @return packets in the buffer now. */
    public int packetsHeld()
    {
        return packets;
    }

    /** @return bytes of the buffer in use now, headers included. */
    public int bytesHeld()
    {
        return limit;
    }

    /** @return the buffer's capacity, bytes. */
    public int capacity()
    {
        return buffer.capacity();
    }

    /** @return times the buffer filled. */
    public long overflows()
    {
        return overflows;
    }

    /** @return buffered packets dropped at resumption for lying wholly before the snapshot's sequence. */
    public long droppedPackets()
    {
        return droppedPackets;
    }

    /** @return the End of Snapshot's sequence of the last completed snapshot, 0 before any. */
    public long sequence()
    {
        return sequence;
    }

    public GlimpseDecoder decoder()
    {
        return decoder;
    }
}
