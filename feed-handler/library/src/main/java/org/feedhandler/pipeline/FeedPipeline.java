package org.feedhandler.pipeline;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;
import org.feedhandler.api.MarketDataListener;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.latency.LatencyRecorders;
import org.feedhandler.protocol.MessageHandler;
import org.feedhandler.protocol.itch.ItchDecoder;
import org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer;
import org.feedhandler.protocol.moldudp64.SequencerContext;
import org.feedhandler.protocol.moldudp64.SequencerListener;
import org.feedhandler.protocol.PacketHandler;

/**
 * The one pipeline live and replayed data go through:
 * <pre>
 *   packet --&gt; MoldUdp64Sequencer --&gt; ItchDecoder --&gt; BookBuilder --&gt; OrderBooks --&gt; BookListener
 *   (A, B,      arbitration, hold,      flyweights       ITCH -&gt; book
 *    retrans)   recovery, in order
 * </pre>
 * With {@link LatencyRecorders}, every message delivered records three stages: receive to decoded
 * (stamped just before its book operation), receive to book updated, and wire (the sender's ITCH
 * Timestamp) to book updated. Messages held during a gap are stamped against the receive time of
 * the packet that released them, and their wire latency includes the wait, as it should.
 * <p>
 * <b>One clock read a message.</b> A message's book update is stamped by the read that stamps the
 * next message decoded, or by one more read when the packet is done: a packet of n messages reads
 * the clock n + 1 times, not 2n. A read costs tens of nanoseconds against about a hundred for decoding
 * and building books (bench/RESULTS.md), so a second read a message would be a large share of the live
 * path's cost. The book stamp therefore also covers the next message's decoding (a few ns) and, at
 * the end of a packet, the sequencer's bookkeeping: it marks when the handler was done with the
 * message and free to move on. A packet's values go to the recorders as one batch: two atomic
 * increments a packet rather than two a value ({@link LatencyRecorders}).
 * <p>
 * A MoldUDP64 packet that is exactly the next one is decoded as one run of blocks
 * ({@link ItchDecoder#onBlocks}, the loop {@code replay} uses); see {@link MoldUdp64Sequencer}.
 * <p>
 * With a {@link MarketDataListener} ({@link Context#listener}), a {@link MarketDataBuilder} takes the
 * builder's place and tells it each message's events, a gap in the input, and
 * {@link MarketDataListener#onEndOfEvent} when a packet's messages (or a call's) are all applied; without
 * one, the plain {@link BookBuilder} runs as it always has. Before an event's first change the listener
 * gets {@link MarketDataListener#onBeginEvent} with the packet's receive stamp plus
 * {@link Context#epochOffset}: the source's one clock read a packet serves the latency stages and the
 * listener alike.
 * <p>
 * Single-threaded and allocation-free: the receiver agent, the replay and the tests drive it.
 */
public final class FeedPipeline implements MessageHandler, PacketHandler
{
    private final OrderBooks books;
    private final BookBuilder builder;
    /** Null without a listener: then the packet's end costs one predicted branch. */
    private final MarketDataBuilder events;
    /** Null without a listener. */
    private final MarketDataListener listener;
    private final ItchDecoder decoder;
    private final MoldUdp64Sequencer sequencer;
    private final LatencyRecorders latency;
    private final NanoClock clock;
    private final WireClock wireClock;
    private final SnapshotRecovery snapshot;

    private long receiveNanos;
    private boolean bookPending;
    private long pendingTimestamp;
    private long batch;
    private long bytes;

    /**
     * What a pipeline is built from, concluded once by the pipeline's constructor. Only the books are
     * required: without latency recorders (replay, tests) no clock is read.
     */
    public static final class Context
    {
        private OrderBooks books;
        private SequencerContext sequencing;
        private SequencerListener events = SequencerListener.NO_OP;
        private LatencyRecorders latency;
        private NanoClock clock;
        private WireClock wireClock;
        private int snapshotBufferBytes;
        private int snapshotBufferPackets;
        private boolean snapshotOnStart;
        private boolean snapshotOnGap;
        private MarketDataListener listener;
        private long epochOffsetNanos;
        private boolean concluded;

        /**
         * @param books the books to build (required).
         * @return this.
         */
        public Context books(final OrderBooks books)
        {
            this.books = books;
            return this;
        }

        /**
         * @param sequencing sequencing, arbitration and recovery settings; default one line from sequence 1,
         *                   no recovery.
         * @return this.
         */
        public Context sequencing(final SequencerContext sequencing)
        {
            this.sequencing = sequencing;
            return this;
        }

        /**
         * @param events sequencer events (gaps, losses, stale, silence, sessions); the pipeline clears the
         *               books itself on a followed session change.
         * @return this.
         */
        public Context events(final SequencerListener events)
        {
            this.events = events;
            return this;
        }

        /**
         * Tell a listener every event, on the thread that drives the pipeline. The books must have been
         * built with {@link MarketDataBookListener#of} the same listener, for their level, top-of-book and
         * stale events.
         *
         * @param listener the listener, or null for none (the default).
         * @return this.
         */
        public Context listener(final MarketDataListener listener)
        {
            this.listener = listener;
            return this;
        }

        /**
         * @param epochOffsetNanos added to a packet's receive stamp (the sources' monotonic clock) to give
         *                         the listener's {@link MarketDataListener#onBeginEvent} time since the UNIX
         *                         epoch, e.g. {@link org.feedhandler.latency.MidnightClock#epochOffsetNanos()};
         *                         0 (the default) passes the stamps on as they are.
         * @return this.
         */
        public Context epochOffset(final long epochOffsetNanos)
        {
            this.epochOffsetNanos = epochOffsetNanos;
            return this;
        }

        /**
         * Record each message's latency in three stages.
         *
         * @param latency   the recorders.
         * @param clock     the monotonic clock for the stamps; the one the sources stamp packets with.
         * @param wireClock converts that clock to time since midnight.
         * @return this.
         */
        public Context latency(final LatencyRecorders latency, final NanoClock clock, final WireClock wireClock)
        {
            this.latency = latency;
            this.clock = clock;
            this.wireClock = wireClock;
            return this;
        }

        /**
         * Recover by GLIMPSE snapshot ({@link SnapshotRecovery}): the caller runs the session and feeds it.
         *
         * @param bufferBytes   off-heap bytes for live packets buffered while a snapshot loads.
         * @param bufferPackets packets buffered at most.
         * @param onStart       load one before anything else.
         * @param onGap         load one after every gap the sequencer gives up on.
         * @return this.
         */
        public Context snapshotRecovery(
            final int bufferBytes, final int bufferPackets, final boolean onStart, final boolean onGap)
        {
            this.snapshotBufferBytes = bufferBytes;
            this.snapshotBufferPackets = bufferPackets;
            this.snapshotOnStart = onStart;
            this.snapshotOnGap = onGap;
            return this;
        }

        /**
         * Check the context and fill in the defaults. Called once, by the pipeline.
         *
         * @return this.
         * @throws IllegalStateException when concluded twice, without books, or with recorders but no clocks.
         */
        public Context conclude()
        {
            if (concluded)
            {
                throw new IllegalStateException("FeedPipeline.Context already concluded");
            }
            if (null == books)
            {
                throw new IllegalStateException("FeedPipeline.Context: books are required");
            }
            if (null != latency && (null == clock || null == wireClock))
            {
                throw new IllegalStateException("FeedPipeline.Context: latency recorders need a clock and a wire clock");
            }
            if (null == sequencing)
            {
                sequencing = new SequencerContext();
            }
            if (null == events)
            {
                events = SequencerListener.NO_OP;
            }
            concluded = true;
            return this;
        }
    }

    /**
     * @param ctx the books, the sequencing and, for live runs, the latency recorders; concluded here.
     */
    public FeedPipeline(final Context ctx)
    {
        ctx.conclude();
        this.books = ctx.books;
        this.latency = ctx.latency;
        this.clock = ctx.clock;
        this.wireClock = ctx.wireClock;
        final BookBuilder.DecodedMark mark = null == latency ? BookBuilder.DecodedMark.NONE : this::markDecoded;
        this.builder = new BookBuilder(books, mark);
        this.listener = ctx.listener;
        this.events = null == listener ? null : new MarketDataBuilder(builder, mark, listener, ctx.epochOffsetNanos);
        this.decoder = new ItchDecoder(null == events ? builder : events);
        this.sequencer = new MoldUdp64Sequencer(decoder, new SessionAware(ctx.events), ctx.sequencing);
        this.snapshot = ctx.snapshotOnStart || ctx.snapshotOnGap ? new SnapshotRecovery(
            this, ctx.snapshotBufferBytes, ctx.snapshotBufferPackets, ctx.snapshotOnStart, ctx.snapshotOnGap,
            ctx.sequencing.maxGapMessages(), ctx.listener) : null;
    }

    /**
     * One MoldUDP64 packet.
     *
     * @param buffer       holding the packet.
     * @param offset       of the packet.
     * @param length       of the packet.
     * @param receiveNanos when it was received (monotonic clock); also the sequencer's clock.
     * @param line         a {@link org.feedhandler.protocol.Lines} id.
     */
    public void onPacket(
        final DirectBuffer buffer, final int offset, final int length, final long receiveNanos, final int line)
    {
        bytes += length;
        if (null != snapshot && snapshot.isLoading())
        {
            snapshot.buffer(buffer, offset, length, receiveNanos, line);
            return;
        }
        sequence(buffer, offset, length, receiveNanos, line);
    }

    /** A packet to the sequencer: live, or buffered during a snapshot and applied after it. */
    void sequence(
        final DirectBuffer buffer, final int offset, final int length, final long receiveNanos, final int line)
    {
        received(receiveNanos);
        try
        {
            sequencer.onPacket(buffer, offset, length, line, receiveNanos);
        }
        finally
        {
            stampBook();
            endOfEvent();
        }
    }

    /**
     * Drive the sequencer's timers (re-requests, gap waits, line silence).
     *
     * @param nowNs monotonic nanoseconds.
     * @return work done.
     */
    public int doWork(final long nowNs)
    {
        if (null != snapshot && snapshot.isLoading())
        {
            snapshot.clock(nowNs);
            return 0; // the sequencer's timers wait: what it would request, the snapshot brings
        }
        received(nowNs);
        try
        {
            return sequencer.doWork(nowNs);
        }
        finally
        {
            stampBook();
            endOfEvent();
        }
    }

    /**
     * Decode one in-sequence message and apply it to the books, for framing without MoldUDP64 (the
     * sequencer hands its messages to the decoder itself, and {@code replay} hands a BinaryFILE's
     * records over a run at a time).
     */
    public void onMessage(final DirectBuffer buffer, final int offset, final int length, final long sequenceNumber)
    {
        try
        {
            decoder.decode(buffer, offset, length);
        }
        finally
        {
            stampBook();
            endOfEvent();
        }
    }

    /** What the sequencer delivers next was received at this instant (held messages: when released). */
    private void received(final long nanos)
    {
        receiveNanos = nanos;
        if (null != events)
        {
            events.received(nanos);
        }
    }

    /**
     * Empty the books and the symbols, and tell a listener that a snapshot of them begins: a GLIMPSE
     * reload (which names its sequence only at its end) or a new session (which starts from nothing).
     */
    void startOver()
    {
        books.clear();
        builder.clear();
        if (null != listener)
        {
            listener.onSnapshotBegin(0);
        }
    }

    private void endOfEvent()
    {
        if (null != events)
        {
            events.endOfEvent();
        }
    }

    /**
     * A message has been decoded and is about to change the books: one clock read stamps its decoding
     * and the book update of the message before it, if one waits. The first message of a packet opens
     * the recorders' batch ({@link LatencyRecorders#beginBatch}): a batch is open exactly while a book
     * stamp is pending, and {@link #stampBook} ends both.
     */
    private void markDecoded(final long timestamp)
    {
        if (null != snapshot && snapshot.isLoading())
        {
            return; // a snapshot's messages have no receive time or live wire time to measure
        }
        final long now = clock.nanoTime();
        if (bookPending)
        {
            recordBook(now);
        }
        else
        {
            batch = latency.beginBatch();
        }
        latency.recordInBatch(LatencyRecorders.RECEIVE_TO_DECODE, now - receiveNanos);
        bookPending = true;
        pendingTimestamp = timestamp;
    }

    /** Stamp the last message's book update, if it waits for one, and end the batch: the packet or call is done. */
    private void stampBook()
    {
        if (bookPending)
        {
            recordBook(clock.nanoTime());
            latency.endBatch(batch);
        }
    }

    private void recordBook(final long bookNanos)
    {
        bookPending = false;
        latency.recordInBatch(LatencyRecorders.RECEIVE_TO_BOOK, bookNanos - receiveNanos);
        latency.recordInBatch(LatencyRecorders.WIRE_TO_BOOK, wireClock.sinceMidnight(bookNanos) - pendingTimestamp);
    }

    public OrderBooks books()
    {
        return books;
    }

    public BookBuilder builder()
    {
        return builder;
    }

    public ItchDecoder decoder()
    {
        return decoder;
    }

    public MoldUdp64Sequencer sequencer()
    {
        return sequencer;
    }

    /**
     * @return the snapshot recovery, or null when not configured.
     */
    public SnapshotRecovery snapshot()
    {
        return snapshot;
    }

    /**
     * @return packets received, on every line (the sequencer's count).
     */
    public long packets()
    {
        return sequencer.counters().packets();
    }

    public long bytes()
    {
        return bytes;
    }

    /**
     * Clears the books and symbols when the sequencer follows a new session, then tells the caller's
     * listener.
     */
    private final class SessionAware implements SequencerListener
    {
        private final SequencerListener delegate;

        SessionAware(final SequencerListener delegate)
        {
            this.delegate = delegate;
        }

        public void onGap(final long from, final long to)
        {
            if (null != listener)
            {
                listener.onFeedGap(from, to - from);
            }
            delegate.onGap(from, to);
        }

        public void onUnrecoverable(final long from, final long to, final int reason)
        {
            if (null != snapshot)
            {
                snapshot.onUnrecoverable();
            }
            delegate.onUnrecoverable(from, to, reason);
        }

        public void onStale(final boolean stale)
        {
            if (stale)
            {
                books.markAllStale();
            }
            else
            {
                books.clearAllStale();
            }
            delegate.onStale(stale);
        }

        public void onLineSilent(final int line, final boolean silent)
        {
            delegate.onLineSilent(line, silent);
        }

        public void onSessionChange(
            final long oldHigh, final int oldLow, final long newHigh, final int newLow, final boolean following)
        {
            if (following)
            {
                // a consumer keeping its own books (an SBE subscriber) must empty them too: the new
                // session starts from nothing, which is an empty snapshot
                startOver();
                if (null != listener)
                {
                    listener.onSnapshotEnd(0);
                }
            }
            delegate.onSessionChange(oldHigh, oldLow, newHigh, newLow, following);
        }

        public void onEndOfSession(final long nextSequence)
        {
            delegate.onEndOfSession(nextSequence);
        }

        public void onImplausibleSequence(final long sequence, final long nextExpected)
        {
            delegate.onImplausibleSequence(sequence, nextExpected);
        }

        public void onForeignSession(final long high, final int low, final long sequence)
        {
            delegate.onForeignSession(high, low, sequence);
        }
    }
}
