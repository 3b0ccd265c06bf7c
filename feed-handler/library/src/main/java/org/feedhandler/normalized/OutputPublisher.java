package org.feedhandler.normalized;

import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.logbuffer.BufferClaim;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.feedhandler.api.MarketDataListener;

/**
 * A {@link MarketDataListener} that publishes the normalized SBE feed on an Aeron
 * {@link ExclusivePublication}: each call is written by an {@link SbeMarketDataWriter} into a buffer
 * this object owns, and at {@link #onEndOfEvent()} the event's messages leave in one
 * {@link ExclusivePublication#tryClaim tryClaim} (one {@code offer} when they are longer than the
 * publication's {@code maxPayloadLength}, which Aeron fragments). Each message carries the receive time
 * given by {@link #onBeginEvent} (the pipeline's, from the packet's stamp) and the publish time read from
 * the clock once an event, at its first message.
 * <p>
 * <b>Back-pressure never blocks the caller</b> (docs/decisions/0041): when the publication answers
 * {@code BACK_PRESSURED}, {@code NOT_CONNECTED} or {@code CLOSED}, the event is dropped and counted; its
 * messages have taken their output sequence numbers all the same, so every subscriber sees the loss as
 * a sequence gap and knows its books may be wrong. {@code ADMIN_ACTION} is retried once.
 * <p>
 * An event longer than the buffer (a snapshot) leaves in parts at message boundaries, {@code LAST}
 * only on the final part. Calls outside an event (a feed status between packets) leave at the next
 * {@link #onEndOfEvent()} or {@link #flush()}.
 * <p>
 * Allocation-free and single-threaded (the receiver thread). Counters, when given, are written once
 * per published or dropped event with a release store.
 */
public final class OutputPublisher implements MarketDataListener, AutoCloseable
{
    /** Default size of the event buffer: far more than one MoldUDP64 packet can produce. */
    public static final int DEFAULT_BUFFER_LENGTH = 64 * 1024;
    /** Longest message of the schema, header included: a part leaves before less than this is free. */
    static final int MAX_MESSAGE_LENGTH = 128;

    /**
     * The shared counters the publisher keeps up to date; any may be null.
     *
     * @param messages        messages published.
     * @param events          events (input packets) published.
     * @param backPressured   events dropped because the publication was back-pressured.
     * @param notConnected    events dropped because no subscriber (nor recording) was connected.
     * @param droppedMessages messages of all dropped events (sequence numbers subscribers see as a gap).
     * @param closed          events dropped because the publication was closed or at its maximum position.
     */
    public record Counters(
        AtomicCounter messages,
        AtomicCounter events,
        AtomicCounter backPressured,
        AtomicCounter notConnected,
        AtomicCounter droppedMessages,
        AtomicCounter closed)
    {
    }

    private final SbeMarketDataWriter writer;
    private final UnsafeBuffer buffer;
    private final BufferClaim claim = new BufferClaim();
    private ExclusivePublication publication;
    private int maxPayloadLength;
    private int partThreshold;
    private Counters counters;
    private boolean closePublication;

    private long pendingFromMessage;
    private long messages;
    private long events;
    private long backPressured;
    private long notConnected;
    private long adminActions;
    private long closed;
    private long droppedEvents;
    private long droppedMessages;

    /**
     * A publisher to {@link #connect} before the first event (the handler builds its listeners before it
     * opens its media driver).
     *
     * @param clock        stamps each event's publish time; an allocation-free one such as
     *                     {@link org.agrona.concurrent.OffsetEpochNanoClock}.
     * @param bufferLength bytes for one event (or one part of a long one), at least 1 KiB.
     */
    public OutputPublisher(final EpochNanoClock clock, final int bufferLength)
    {
        if (bufferLength < 1024)
        {
            throw new IllegalArgumentException("bufferLength must be at least 1024: " + bufferLength);
        }
        this.buffer = new UnsafeBuffer(new byte[bufferLength]);
        this.writer = new SbeMarketDataWriter(clock).wrap(buffer, 0, bufferLength);
    }

    /**
     * @param publication      to publish on; closed by {@link #close()} when {@code closePublication}.
     * @param clock            stamps each event's publish time.
     * @param bufferLength     bytes for one event (or one part of a long one), at least 1 KiB.
     * @param counters         shared counters, or null.
     * @param closePublication whether {@link #close()} closes the publication.
     */
    public OutputPublisher(
        final ExclusivePublication publication,
        final EpochNanoClock clock,
        final int bufferLength,
        final Counters counters,
        final boolean closePublication)
    {
        this(clock, bufferLength);
        connect(publication, counters, closePublication);
    }

    /**
     * Publish from now on to {@code publication}; before the first event, on the thread that will publish
     * or before it starts.
     *
     * @param publication      to publish on.
     * @param counters         shared counters, or null.
     * @param closePublication whether {@link #close()} closes the publication.
     * @return this.
     */
    public OutputPublisher connect(
        final ExclusivePublication publication, final Counters counters, final boolean closePublication)
    {
        this.publication = publication;
        this.maxPayloadLength = publication.maxPayloadLength();
        this.partThreshold = Math.min(buffer.capacity(), publication.maxMessageLength()) - MAX_MESSAGE_LENGTH;
        this.counters = counters;
        this.closePublication = closePublication;
        return this;
    }

    /**
     * Publish whatever was written outside an event (feed status, heartbeat), flagged {@code LAST}.
     */
    public void flush()
    {
        writer.onEndOfEvent();
        publish(true);
    }

    public ExclusivePublication publication()
    {
        return publication;
    }

    /** @return the sequence number the next message will carry. */
    public long nextSequence()
    {
        return writer.nextSequence();
    }

    /** @return messages published. */
    public long messages()
    {
        return messages;
    }

    /** @return events published. */
    public long events()
    {
        return events;
    }

    /** @return events dropped because the publication was back-pressured. */
    public long backPressured()
    {
        return backPressured;
    }

    /** @return events dropped because nothing was connected. */
    public long notConnected()
    {
        return notConnected;
    }

    /** @return {@code ADMIN_ACTION} answers (each retried once). */
    public long adminActions()
    {
        return adminActions;
    }

    /** @return events dropped because the publication was closed or full. */
    public long closed()
    {
        return closed;
    }

    /** @return events (or parts of one) dropped, for any reason. */
    public long droppedEvents()
    {
        return droppedEvents;
    }

    /** @return messages dropped: the output sequence numbers subscribers see missing. */
    public long droppedMessages()
    {
        return droppedMessages;
    }

    /** @return messages not written because one event overflowed the buffer (should stay 0). */
    public long overflows()
    {
        return writer.overflows();
    }

    public void close()
    {
        if (closePublication && null != publication)
        {
            publication.close();
        }
    }

    // ---- MarketDataListener: write, and publish at the end of each event -------------------------------

    /**
     * A venue event (an input packet) begins: its messages carry this receive time, and the first of them
     * reads the publish time.
     *
     * @param receiveTimestamp when the packet arrived, ns since the UNIX epoch.
     */
    public void onBeginEvent(final long receiveTimestamp)
    {
        writer.onBeginEvent(receiveTimestamp);
    }

    public void onSystemEvent(final byte eventCode, final long timestamp)
    {
        writer.onSystemEvent(eventCode, timestamp);
        partIfFull();
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
        writer.onInstrument(instrumentId, symbol, marketCategory, financialStatus, roundLotSize, issueClassification,
            luldReferencePriceTier, timestamp);
        partIfFull();
    }

    public void onTradingStatus(
        final int instrumentId, final byte statusType, final byte state, final int reason, final long timestamp)
    {
        writer.onTradingStatus(instrumentId, statusType, state, reason, timestamp);
        partIfFull();
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
        writer.onOrderAdded(instrumentId, orderId, side, price, shares, attribution, timestamp);
        partIfFull();
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
        writer.onOrderExecuted(instrumentId, orderId, side, price, executedShares, remainingShares, matchNumber,
            printable, timestamp);
        partIfFull();
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
        writer.onOrderCancelled(instrumentId, orderId, side, price, cancelledShares, remainingShares, timestamp);
        partIfFull();
    }

    public void onOrderDeleted(
        final int instrumentId, final long orderId, final byte side, final long price, final long shares,
        final long timestamp)
    {
        writer.onOrderDeleted(instrumentId, orderId, side, price, shares, timestamp);
        partIfFull();
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
        writer.onOrderReplaced(instrumentId, originalOrderId, orderId, side, price, shares, timestamp);
        partIfFull();
    }

    public void onLevelChanged(
        final int instrumentId, final byte side, final long price, final long totalShares, final int orderCount,
        final long timestamp)
    {
        writer.onLevelChanged(instrumentId, side, price, totalShares, orderCount, timestamp);
        partIfFull();
    }

    public void onTopOfBook(
        final int instrumentId, final long bidPrice, final long bidShares, final long askPrice, final long askShares,
        final long timestamp)
    {
        writer.onTopOfBook(instrumentId, bidPrice, bidShares, askPrice, askShares, timestamp);
        partIfFull();
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
        writer.onTrade(instrumentId, orderId, side, price, shares, matchNumber, tradeType, crossType, timestamp);
        partIfFull();
    }

    public void onBrokenTrade(final int instrumentId, final long matchNumber, final long timestamp)
    {
        writer.onBrokenTrade(instrumentId, matchNumber, timestamp);
        partIfFull();
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
        writer.onImbalance(instrumentId, pairedShares, imbalanceShares, imbalanceDirection, farPrice, nearPrice,
            referencePrice, crossType, priceVariationIndicator, timestamp);
        partIfFull();
    }

    public void onEndOfEvent()
    {
        writer.onEndOfEvent();
        publish(true);
    }

    public void onFeedGap(final long fromSequence, final long count)
    {
        writer.onFeedGap(fromSequence, count);
        partIfFull();
    }

    public void onBookStale(final int instrumentId)
    {
        writer.onBookStale(instrumentId);
        partIfFull();
    }

    public void onBookRecovered(final int instrumentId)
    {
        writer.onBookRecovered(instrumentId);
        partIfFull();
    }

    public void onSnapshotBegin(final long feedSequence)
    {
        writer.onSnapshotBegin(feedSequence);
        partIfFull();
    }

    public void onSnapshotEnd(final long feedSequence)
    {
        writer.onSnapshotEnd(feedSequence);
        partIfFull();
    }

    public void onHeartbeat(final long timestamp)
    {
        writer.onHeartbeat(timestamp);
        partIfFull();
    }

    private void partIfFull()
    {
        if (writer.length() > partThreshold)
        {
            publish(false);
        }
    }

    private void publish(final boolean endOfEvent)
    {
        final int length = writer.length();
        if (0 == length)
        {
            return;
        }
        final long batch = writer.messages() - pendingFromMessage;
        pendingFromMessage = writer.messages();
        long result = send(length);
        if (Publication.ADMIN_ACTION == result)
        {
            adminActions++;
            result = send(length);
        }
        writer.reset();

        if (result > 0)
        {
            messages += batch;
            if (endOfEvent)
            {
                events++;
            }
            if (null != counters)
            {
                set(counters.messages, messages);
                set(counters.events, events);
            }
            return;
        }

        droppedEvents++;
        droppedMessages += batch;
        if (Publication.BACK_PRESSURED == result || Publication.ADMIN_ACTION == result)
        {
            backPressured++;
        }
        else if (Publication.NOT_CONNECTED == result)
        {
            notConnected++;
        }
        else
        {
            closed++;
        }
        if (null != counters)
        {
            set(counters.backPressured, backPressured);
            set(counters.notConnected, notConnected);
            set(counters.droppedMessages, droppedMessages);
            set(counters.closed, closed);
        }
    }

    private long send(final int length)
    {
        if (length <= maxPayloadLength)
        {
            final long result = publication.tryClaim(length, claim);
            if (result > 0)
            {
                claim.buffer().putBytes(claim.offset(), buffer, 0, length);
                claim.commit();
            }
            return result;
        }
        return publication.offer(buffer, 0, length);
    }

    private static void set(final AtomicCounter counter, final long value)
    {
        if (null != counter)
        {
            counter.setRelease(value);
        }
    }
}
