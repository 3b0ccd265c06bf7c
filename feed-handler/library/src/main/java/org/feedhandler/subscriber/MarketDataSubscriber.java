package org.feedhandler.subscriber;

import io.aeron.Aeron;
import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.client.ReplayMerge;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.MutableLong;
import org.feedhandler.api.MarketDataListener;
import org.feedhandler.book.BookListener;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.normalized.SbeMarketDataReader;

/**
 * Consumes the handler's normalized SBE feed over Aeron, rebuilds the L3 (order) and L2 (level) books
 * from its order messages in an {@link OrderBooks}, and calls a {@link MarketDataListener} with every
 * message, after the books have taken it: the same strategy code runs embedded in the handler or here,
 * in another process or on another host.
 * <p>
 * <b>Joining.</b> Without an archive the subscriber takes the live stream from where it joins; a first
 * sequence number above 1 means it missed the start, so its books are reported stale. With an
 * {@link AeronArchive} (the handler records its output) it joins from the recording's start, so a
 * subscriber started mid-day converges on the same books as one started at the open:
 * <ul>
 *   <li>a UDP output published with an MDC control endpoint ({@code control=HOST:PORT|control-mode=dynamic})
 *       is joined with Aeron's {@link ReplayMerge}: replay from the recording, then merge onto live;</li>
 *   <li>any other output (IPC by default) is joined by a replay that follows the live recording.</li>
 * </ul>
 * The handler's receiver thread does no work for either: the archive reads its recording.
 * <p>
 * <b>Gaps.</b> A jump in the output sequence (an event the handler dropped under back-pressure) marks
 * every book stale and calls {@link MarketDataListener#onBookStale} with
 * {@link MarketDataListener#ALL_INSTRUMENTS}; {@link #gaps()} and {@link #lostMessages()} count them.
 * <p>
 * Single-threaded: call {@link #poll(int)} from one thread, in an Agrona agent or a loop with an idle
 * strategy. Steady-state polling allocates nothing.
 */
public final class MarketDataSubscriber implements AutoCloseable
{
    /** Default output stream id, as {@code feed.output.stream}. */
    public static final int DEFAULT_STREAM_ID = 2001;
    /** Stream id the archive replays on. */
    public static final int DEFAULT_REPLAY_STREAM_ID = 2002;

    /** How the subscriber joined the stream. */
    public enum Join
    {
        /** Live only, from wherever the stream was. */
        LIVE,
        /** A replay from the recording's start that follows the live recording. */
        REPLAY,
        /** {@link ReplayMerge}: replay from the recording's start, then live. */
        REPLAY_MERGE
    }

    /** What a subscriber needs; concluded once. */
    public static final class Context
    {
        private Aeron aeron;
        private AeronArchive archive;
        private String channel = CommonContext.IPC_CHANNEL;
        private int streamId = DEFAULT_STREAM_ID;
        private int replayStreamId = DEFAULT_REPLAY_STREAM_ID;
        private String replayDestination = "aeron:udp?endpoint=localhost:0";
        private MarketDataListener listener = new MarketDataListener()
        {
        };
        private OrderBooks.Context books;
        private boolean concluded;

        /** @param aeron a connected client (required). @return this. */
        public Context aeron(final Aeron aeron)
        {
            this.aeron = aeron;
            return this;
        }

        /** @param archive connected to the archive recording the output, or null to join live only. @return this. */
        public Context archive(final AeronArchive archive)
        {
            this.archive = archive;
            return this;
        }

        /** @param channel the output channel, as the handler's {@code feed.output.channel}. @return this. */
        public Context channel(final String channel)
        {
            this.channel = channel;
            return this;
        }

        /** @param streamId the output stream, as the handler's {@code feed.output.stream}. @return this. */
        public Context streamId(final int streamId)
        {
            this.streamId = streamId;
            return this;
        }

        /** @param replayStreamId stream for a replay from the archive. @return this. */
        public Context replayStreamId(final int replayStreamId)
        {
            this.replayStreamId = replayStreamId;
            return this;
        }

        /** @param replayDestination where ReplayMerge receives the replay (UDP). @return this. */
        public Context replayDestination(final String replayDestination)
        {
            this.replayDestination = replayDestination;
            return this;
        }

        /** @param listener called for every message after the books took it. @return this. */
        public Context listener(final MarketDataListener listener)
        {
            this.listener = listener;
            return this;
        }

        /** @param books the books' capacities (an unconcluded context, listener unset). @return this. */
        public Context books(final OrderBooks.Context books)
        {
            this.books = books;
            return this;
        }

        /**
         * @return this, checked.
         * @throws IllegalArgumentException naming what is missing or wrong.
         */
        public Context conclude()
        {
            if (concluded)
            {
                throw new IllegalStateException("MarketDataSubscriber.Context is concluded: one context, one subscriber");
            }
            if (null == aeron)
            {
                throw new IllegalArgumentException("aeron is null: connect an Aeron client to the handler's media driver");
            }
            if (null == listener || null == books)
            {
                throw new IllegalArgumentException("listener and books are required");
            }
            ChannelUri.parse(channel);
            concluded = true;
            return this;
        }
    }

    private final Context ctx;
    private final OrderBooks books;
    private final SbeMarketDataReader reader = new SbeMarketDataReader();
    private final BookApplier applier;
    private final FragmentHandler fragmentHandler;
    private final Join join;
    private final Subscription subscription;
    private final ReplayMerge replayMerge;
    private final long replaySessionId;
    private long recordingId = -1;
    private int recordingSessionId;
    private long recordingStartPosition;
    private long firstSequence;
    private long joinLostMessages;
    private long seenGaps;
    private boolean closed;

    /**
     * Subscribe, and with an archive start the replay or the ReplayMerge.
     *
     * @param ctx the context, concluded here if it is not yet.
     */
    public MarketDataSubscriber(final Context ctx)
    {
        if (!ctx.concluded)
        {
            ctx.conclude();
        }
        this.ctx = ctx;
        this.books = new OrderBooks(ctx.books.listener(BookListener.NO_OP));
        this.applier = new BookApplier(ctx.listener);
        this.fragmentHandler = new FragmentAssembler(this::onFragment);

        final Aeron aeron = ctx.aeron;
        final long recording = null == ctx.archive ? -1 : latestRecording(ctx.archive, ctx.channel, ctx.streamId);
        final ChannelUri uri = ChannelUri.parse(ctx.channel);
        if (recording < 0)
        {
            join = Join.LIVE;
            subscription = aeron.addSubscription(ctx.channel, ctx.streamId);
            replayMerge = null;
            replaySessionId = -1;
        }
        else if (CommonContext.UDP_MEDIA.equals(uri.media()) && null != uri.get(CommonContext.MDC_CONTROL_PARAM_NAME))
        {
            join = Join.REPLAY_MERGE;
            recordingId = recording;
            final int sessionId = recordingSessionId;
            subscription = aeron.addSubscription(
                "aeron:udp?control-mode=manual|session-id=" + sessionId, ctx.streamId);
            final String liveDestination = "aeron:udp?endpoint=" + localEndpoint(uri) + "|control=" +
                uri.get(CommonContext.MDC_CONTROL_PARAM_NAME);
            replayMerge = new ReplayMerge(
                subscription, ctx.archive, "aeron:udp?session-id=" + sessionId, ctx.replayDestination,
                liveDestination, recording, recordingStartPosition);
            replaySessionId = -1;
        }
        else
        {
            join = Join.REPLAY;
            recordingId = recording;
            final String replayChannel = CommonContext.IPC_CHANNEL;
            replaySessionId = ctx.archive.startReplay(
                recording, recordingStartPosition, Long.MAX_VALUE, replayChannel, ctx.replayStreamId);
            subscription = aeron.addSubscription(
                ChannelUri.addSessionId(replayChannel, (int)replaySessionId), ctx.replayStreamId);
            replayMerge = null;
        }
    }

    private long latestRecording(final AeronArchive archive, final String channel, final int streamId)
    {
        final MutableLong latest = new MutableLong(-1);
        archive.listRecordingsForUri(0, Integer.MAX_VALUE, stripped(channel), streamId,
            (controlSessionId, correlationId, recordingId, startTimestamp, stopTimestamp, startPosition,
                stopPosition, initialTermId, segmentFileLength, termBufferLength, mtuLength, sessionId, stream,
                strippedChannel, originalChannel, sourceIdentity) ->
            {
                if (recordingId > latest.get())
                {
                    latest.set(recordingId);
                    recordingSessionId = sessionId;
                    recordingStartPosition = startPosition;
                }
            });
        return latest.get();
    }

    private static String stripped(final String channel)
    {
        final ChannelUri uri = ChannelUri.parse(channel);
        return CommonContext.IPC_MEDIA.equals(uri.media()) ? CommonContext.IPC_CHANNEL : "aeron:udp";
    }

    private static String localEndpoint(final ChannelUri uri)
    {
        final String endpoint = uri.get(CommonContext.ENDPOINT_PARAM_NAME);
        return null != endpoint ? endpoint : "localhost:0";
    }

    /**
     * Deliver what has arrived: at most {@code fragmentLimit} fragments.
     *
     * @param fragmentLimit most fragments to take.
     * @return fragments taken (0 when idle).
     * @throws IllegalStateException when a ReplayMerge has failed (the archive went away).
     */
    public int poll(final int fragmentLimit)
    {
        if (null != replayMerge)
        {
            if (replayMerge.hasFailed())
            {
                throw new IllegalStateException("ReplayMerge failed: " + replayMerge);
            }
            return replayMerge.poll(fragmentHandler, fragmentLimit);
        }
        return subscription.poll(fragmentHandler, fragmentLimit);
    }

    private void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        reader.read(buffer, offset, length, applier);
    }

    /** @return the rebuilt books (read them on the polling thread, e.g. from the listener). */
    public OrderBooks books()
    {
        return books;
    }

    /** @return how this subscriber joined. */
    public Join join()
    {
        return join;
    }

    /** @return true when joined from a recording (late join). */
    public boolean joinedFromRecording()
    {
        return Join.LIVE != join;
    }

    /** @return true once a ReplayMerge has merged onto live (always true for the other joins). */
    public boolean isLive()
    {
        return null == replayMerge || replayMerge.isMerged();
    }

    /** @return the recording joined from, or -1. */
    public long recordingId()
    {
        return recordingId;
    }

    /** @return true when the subscription (or the replay) has a publisher connected. */
    public boolean isConnected()
    {
        return subscription.isConnected();
    }

    /** @return messages delivered. */
    public long messages()
    {
        return reader.messages();
    }

    /** @return output sequence gaps (a first message after sequence 1, on a live join, counts as one). */
    public long gaps()
    {
        return reader.gaps() + (joinLostMessages > 0 ? 1 : 0);
    }

    /** @return output messages missed. */
    public long lostMessages()
    {
        return reader.lostMessages() + joinLostMessages;
    }

    /** @return malformed runs of messages. */
    public long malformed()
    {
        return reader.malformed();
    }

    /** @return the output sequence of the first message received, 0 before any. */
    public long firstSequence()
    {
        return firstSequence;
    }

    /** @return during a callback: the message's output sequence number. */
    public long sequence()
    {
        return reader.sequence();
    }

    /** @return during a callback: the handler's publish time of the message, ns since the UNIX epoch. */
    public long publishTimestamp()
    {
        return reader.publishTimestamp();
    }

    /** @return during a callback: when the handler received the input packet, ns since the UNIX epoch. */
    public long receiveTimestamp()
    {
        return reader.receiveTimestamp();
    }

    /** @return during a callback: the message's flags. */
    public byte flags()
    {
        return reader.flags();
    }

    public void close()
    {
        if (!closed)
        {
            closed = true;
            if (replaySessionId >= 0)
            {
                try
                {
                    ctx.archive.stopReplay(replaySessionId);
                }
                catch (final RuntimeException ignore)
                {
                    // the archive or the replay is gone already
                }
            }
            CloseHelper.closeAll(replayMerge, subscription);
        }
    }

    /** Applies each message to the books, then hands it to the listener. */
    private final class BookApplier implements MarketDataListener
    {
        private final MarketDataListener listener;

        BookApplier(final MarketDataListener listener)
        {
            this.listener = listener;
        }

        private void checkSequence()
        {
            if (0 == firstSequence)
            {
                firstSequence = reader.sequence();
                if (firstSequence > 1)
                {
                    joinLostMessages = firstSequence - 1;
                    stale();
                }
            }
            if (reader.gaps() != seenGaps)
            {
                seenGaps = reader.gaps();
                stale();
            }
        }

        private void stale()
        {
            books.markAllStale();
            listener.onBookStale(ALL_INSTRUMENTS);
        }

        public void onSystemEvent(final byte eventCode, final long timestamp)
        {
            checkSequence();
            listener.onSystemEvent(eventCode, timestamp);
        }

        public void onInstrument(
            final int instrumentId,
            final long symbol,
            final byte marketCategory,
            final byte financialStatus,
            final long roundLotSize,
            final byte issueClassification,
            final byte luldReferencePriceTier,
            final long timestamp)
        {
            checkSequence();
            listener.onInstrument(instrumentId, symbol, marketCategory, financialStatus, roundLotSize,
                issueClassification, luldReferencePriceTier, timestamp);
        }

        public void onTradingStatus(
            final int instrumentId, final byte statusType, final byte state, final int reason, final long timestamp)
        {
            checkSequence();
            listener.onTradingStatus(instrumentId, statusType, state, reason, timestamp);
        }

        public void onOrderAdded(
            final int instrumentId,
            final long orderId,
            final byte side,
            final long price,
            final long shares,
            final int attribution,
            final long timestamp)
        {
            checkSequence();
            books.addOrder(instrumentId, orderId, side, shares, price, timestamp);
            listener.onOrderAdded(instrumentId, orderId, side, price, shares, attribution, timestamp);
        }

        public void onOrderExecuted(
            final int instrumentId,
            final long orderId,
            final byte side,
            final long price,
            final long executedShares,
            final long remainingShares,
            final long matchNumber,
            final byte printable,
            final long timestamp)
        {
            checkSequence();
            books.executeOrder(orderId, executedShares, timestamp);
            listener.onOrderExecuted(instrumentId, orderId, side, price, executedShares, remainingShares, matchNumber,
                printable, timestamp);
        }

        public void onOrderCancelled(
            final int instrumentId,
            final long orderId,
            final byte side,
            final long price,
            final long cancelledShares,
            final long remainingShares,
            final long timestamp)
        {
            checkSequence();
            books.cancelOrder(orderId, cancelledShares, timestamp);
            listener.onOrderCancelled(instrumentId, orderId, side, price, cancelledShares, remainingShares, timestamp);
        }

        public void onOrderDeleted(
            final int instrumentId, final long orderId, final byte side, final long price, final long shares,
            final long timestamp)
        {
            checkSequence();
            books.deleteOrder(orderId, timestamp);
            listener.onOrderDeleted(instrumentId, orderId, side, price, shares, timestamp);
        }

        public void onOrderReplaced(
            final int instrumentId,
            final long originalOrderId,
            final long orderId,
            final byte side,
            final long price,
            final long shares,
            final long timestamp)
        {
            checkSequence();
            books.replaceOrder(originalOrderId, orderId, shares, price, timestamp);
            listener.onOrderReplaced(instrumentId, originalOrderId, orderId, side, price, shares, timestamp);
        }

        public void onLevelChanged(
            final int instrumentId, final byte side, final long price, final long totalShares, final int orderCount,
            final long timestamp)
        {
            checkSequence();
            listener.onLevelChanged(instrumentId, side, price, totalShares, orderCount, timestamp);
        }

        public void onTopOfBook(
            final int instrumentId, final long bidPrice, final long bidShares, final long askPrice,
            final long askShares, final long timestamp)
        {
            checkSequence();
            listener.onTopOfBook(instrumentId, bidPrice, bidShares, askPrice, askShares, timestamp);
        }

        public void onTrade(
            final int instrumentId,
            final long orderId,
            final byte side,
            final long price,
            final long shares,
            final long matchNumber,
            final byte tradeType,
            final byte crossType,
            final long timestamp)
        {
            checkSequence();
            listener.onTrade(instrumentId, orderId, side, price, shares, matchNumber, tradeType, crossType, timestamp);
        }

        public void onBrokenTrade(final int instrumentId, final long matchNumber, final long timestamp)
        {
            checkSequence();
            listener.onBrokenTrade(instrumentId, matchNumber, timestamp);
        }

        public void onImbalance(
            final int instrumentId,
            final long pairedShares,
            final long imbalanceShares,
            final byte imbalanceDirection,
            final long farPrice,
            final long nearPrice,
            final long referencePrice,
            final byte crossType,
            final byte priceVariationIndicator,
            final long timestamp)
        {
            checkSequence();
            listener.onImbalance(instrumentId, pairedShares, imbalanceShares, imbalanceDirection, farPrice, nearPrice,
                referencePrice, crossType, priceVariationIndicator, timestamp);
        }

        public void onEndOfEvent()
        {
            listener.onEndOfEvent();
        }

        public void onFeedGap(final long fromSequence, final long count)
        {
            checkSequence();
            listener.onFeedGap(fromSequence, count);
        }

        public void onBookStale(final int instrumentId)
        {
            checkSequence();
            if (ALL_INSTRUMENTS == instrumentId)
            {
                books.markAllStale();
            }
            else
            {
                books.markStale(instrumentId);
            }
            listener.onBookStale(instrumentId);
        }

        public void onBookRecovered(final int instrumentId)
        {
            checkSequence();
            if (ALL_INSTRUMENTS == instrumentId)
            {
                books.clearAllStale();
            }
            else
            {
                books.clearStale(instrumentId);
            }
            listener.onBookRecovered(instrumentId);
        }

        public void onSnapshotBegin(final long feedSequence)
        {
            checkSequence();
            // the handler's books are empty now (a snapshot reload or a new session): what follows rebuilds them
            books.clear();
            listener.onSnapshotBegin(feedSequence);
        }

        public void onSnapshotEnd(final long feedSequence)
        {
            checkSequence();
            listener.onSnapshotEnd(feedSequence);
        }

        public void onHeartbeat(final long timestamp)
        {
            checkSequence();
            listener.onHeartbeat(timestamp);
        }
    }
}
