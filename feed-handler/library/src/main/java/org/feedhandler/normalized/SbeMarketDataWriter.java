package org.feedhandler.normalized;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.feedhandler.api.MarketDataListener;
import org.feedhandler.sbe.BrokenTradeEncoder;
import org.feedhandler.sbe.FeedStatusEncoder;
import org.feedhandler.sbe.FlagsEncoder;
import org.feedhandler.sbe.HeartbeatEncoder;
import org.feedhandler.sbe.ImbalanceEncoder;
import org.feedhandler.sbe.InstrumentDefinitionEncoder;
import org.feedhandler.sbe.LevelUpdateEncoder;
import org.feedhandler.sbe.MessageHeaderEncoder;
import org.feedhandler.sbe.OrderAddEncoder;
import org.feedhandler.sbe.OrderCancelEncoder;
import org.feedhandler.sbe.OrderDeleteEncoder;
import org.feedhandler.sbe.OrderExecuteEncoder;
import org.feedhandler.sbe.OrderReplaceEncoder;
import org.feedhandler.sbe.SnapshotBeginEncoder;
import org.feedhandler.sbe.SnapshotEndEncoder;
import org.feedhandler.sbe.SystemEventEncoder;
import org.feedhandler.sbe.TopOfBookEncoder;
import org.feedhandler.sbe.TradeEncoder;
import org.feedhandler.sbe.TradingStatusEncoder;

import java.util.Arrays;

/**
 * Writes each {@link MarketDataListener} call as one message of the normalized SBE feed
 * ({@code src/main/resources/sbe/market-data.xml}) into a buffer, with the generated codecs. It stamps
 * every message with the next output sequence number, the receive time given by {@link #onBeginEvent},
 * the publish time, and the flags: {@code SNAPSHOT} between {@link #onSnapshotBegin} and
 * {@link #onSnapshotEnd}, {@code MAYBE_BAD_BOOK} while the instrument or the whole feed is stale, and
 * {@code LAST} on the last message of the event when {@link #onEndOfEvent} is called.
 * <p>
 * The publish time is read from the clock once per event, at its first message: an event's messages
 * are written back to back, and a clock read costs more than writing a message (the kvm clock took
 * about four times as long in {@code SbeMarketDataAllocationTest}).
 * <p>
 * {@code LAST} is set on a message already written, so a publisher must hand over the buffer only after
 * {@link #onEndOfEvent}: one packet's messages make one Aeron claim or offer.
 * <p>
 * Allocation-free, single-threaded. A message that does not fit in what is left of the buffer is not
 * written, takes no sequence number, and is counted by {@link #overflows()}: the caller sizes the
 * buffer for its largest event and publishes it before the next.
 */
public final class SbeMarketDataWriter implements MarketDataListener
{
    /** Flags bit: last message of the venue's event. */
    public static final byte LAST = FlagsEncoder.last((byte)0, true);
    /** Flags bit: part of a snapshot. */
    public static final byte SNAPSHOT = FlagsEncoder.snapshot((byte)0, true);
    /** Flags bit: the instrument's book may be wrong. */
    public static final byte MAYBE_BAD_BOOK = FlagsEncoder.maybeBadBook((byte)0, true);
    /** Highest instrument id whose staleness is tracked one by one (ITCH Stock Locate is 16-bit). */
    public static final int MAX_TRACKED_INSTRUMENT = 0xFFFF;

    private static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int NONE = -1;

    private final EpochNanoClock clock;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    // Every template starts with the same six fields as Heartbeat (NormalizedSchemaTest proves it),
    // so one encoder writes that prefix for all of them.
    private final HeartbeatEncoder common = new HeartbeatEncoder();
    private final SystemEventEncoder systemEvent = new SystemEventEncoder();
    private final InstrumentDefinitionEncoder instrument = new InstrumentDefinitionEncoder();
    private final TradingStatusEncoder tradingStatus = new TradingStatusEncoder();
    private final OrderAddEncoder orderAdd = new OrderAddEncoder();
    private final OrderExecuteEncoder orderExecute = new OrderExecuteEncoder();
    private final OrderCancelEncoder orderCancel = new OrderCancelEncoder();
    private final OrderDeleteEncoder orderDelete = new OrderDeleteEncoder();
    private final OrderReplaceEncoder orderReplace = new OrderReplaceEncoder();
    private final LevelUpdateEncoder levelUpdate = new LevelUpdateEncoder();
    private final TopOfBookEncoder topOfBook = new TopOfBookEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final BrokenTradeEncoder brokenTrade = new BrokenTradeEncoder();
    private final ImbalanceEncoder imbalance = new ImbalanceEncoder();
    private final FeedStatusEncoder feedStatus = new FeedStatusEncoder();
    private final SnapshotBeginEncoder snapshotBegin = new SnapshotBeginEncoder();
    private final SnapshotEndEncoder snapshotEnd = new SnapshotEndEncoder();
    private final long[] staleInstruments = new long[(MAX_TRACKED_INSTRUMENT + 1) / Long.SIZE];

    private MutableDirectBuffer buffer;
    private int start;
    private int position;
    private int limit;
    private int lastFlagsOffset = NONE;
    private long nextSequence = 1;
    private long receiveTimestamp;
    private long publishTimestamp;
    private boolean eventStarted;
    private boolean inSnapshot;
    private boolean feedStale;
    private int staleCount;
    private long messages;
    private long overflows;

    /**
     * @param clock the publish-time clock, e.g. an {@link org.agrona.concurrent.OffsetEpochNanoClock}
     *              (allocation-free).
     */
    public SbeMarketDataWriter(final EpochNanoClock clock)
    {
        this.clock = clock;
    }

    /**
     * Write from now on into {@code buffer} between {@code offset} and {@code offset + length}.
     *
     * @param buffer to write into.
     * @param offset first byte to write.
     * @param length bytes available.
     * @return this.
     */
    public SbeMarketDataWriter wrap(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.start = offset;
        this.position = offset;
        this.limit = offset + length;
        this.lastFlagsOffset = NONE;
        return this;
    }

    /**
     * Start again at the offset given to {@link #wrap}, once what was written has been handed over.
     */
    public void reset()
    {
        position = start;
        lastFlagsOffset = NONE;
    }

    /**
     * A venue event (an input packet) begins: its messages carry this receive time (the pipeline opens
     * each event with it).
     *
     * @param receiveTimestamp when the packet arrived, ns since the UNIX epoch.
     */
    public void onBeginEvent(final long receiveTimestamp)
    {
        this.receiveTimestamp = receiveTimestamp;
        eventStarted = false;
    }

    /**
     * @return bytes written since {@link #wrap} or {@link #reset}.
     */
    public int length()
    {
        return position - start;
    }

    /**
     * @return the sequence number the next message will carry.
     */
    public long nextSequence()
    {
        return nextSequence;
    }

    /**
     * @return messages written.
     */
    public long messages()
    {
        return messages;
    }

    /**
     * @return messages not written because the buffer was full.
     */
    public long overflows()
    {
        return overflows;
    }

    public void onSystemEvent(final byte eventCode, final long timestamp)
    {
        final int body = begin(SystemEventEncoder.BLOCK_LENGTH, SystemEventEncoder.TEMPLATE_ID, ALL_INSTRUMENTS, timestamp);
        if (NONE != body)
        {
            systemEvent.wrap(buffer, body).eventCode(eventCode);
        }
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
        final int body = begin(
            InstrumentDefinitionEncoder.BLOCK_LENGTH, InstrumentDefinitionEncoder.TEMPLATE_ID, instrumentId, timestamp);
        if (NONE != body)
        {
            instrument.wrap(buffer, body)
                .marketCategory(marketCategory)
                .financialStatusIndicator(financialStatus)
                .roundLotSize(roundLotSize)
                .issueClassification(issueClassification)
                .luldReferencePriceTier(luldReferencePriceTier);
            for (int i = 0; i < InstrumentDefinitionEncoder.symbolLength(); i++)
            {
                instrument.symbol(i, (byte)(symbol >>> (Long.SIZE - Byte.SIZE * (i + 1))));
            }
        }
    }

    public void onTradingStatus(
        final int instrumentId, final byte statusType, final byte state, final int reason, final long timestamp)
    {
        final int body = begin(TradingStatusEncoder.BLOCK_LENGTH, TradingStatusEncoder.TEMPLATE_ID, instrumentId, timestamp);
        if (NONE != body)
        {
            tradingStatus.wrap(buffer, body).statusType(statusType).state(state).reason(reason & 0xFFFF_FFFFL);
        }
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
        final int body = begin(OrderAddEncoder.BLOCK_LENGTH, OrderAddEncoder.TEMPLATE_ID, instrumentId, timestamp);
        if (NONE != body)
        {
            orderAdd.wrap(buffer, body).orderId(orderId).side(side).shares(shares).attribution(attribution & 0xFFFF_FFFFL)
                .price().mantissa(price);
        }
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
        final int body = begin(OrderExecuteEncoder.BLOCK_LENGTH, OrderExecuteEncoder.TEMPLATE_ID, instrumentId, timestamp);
        if (NONE != body)
        {
            orderExecute.wrap(buffer, body).orderId(orderId).side(side).executedShares(executedShares)
                .remainingShares(remainingShares).matchNumber(matchNumber).printable(printable)
                .price().mantissa(price);
        }
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
        final int body = begin(OrderCancelEncoder.BLOCK_LENGTH, OrderCancelEncoder.TEMPLATE_ID, instrumentId, timestamp);
        if (NONE != body)
        {
            orderCancel.wrap(buffer, body).orderId(orderId).side(side).cancelledShares(cancelledShares)
                .remainingShares(remainingShares).price().mantissa(price);
        }
    }

    public void onOrderDeleted(
        final int instrumentId,
        final long orderId,
        final byte side,
        final long price,
        final long shares,
        final long timestamp)
    {
        final int body = begin(OrderDeleteEncoder.BLOCK_LENGTH, OrderDeleteEncoder.TEMPLATE_ID, instrumentId, timestamp);
        if (NONE != body)
        {
            orderDelete.wrap(buffer, body).orderId(orderId).side(side).shares(shares).price().mantissa(price);
        }
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
        final int body = begin(OrderReplaceEncoder.BLOCK_LENGTH, OrderReplaceEncoder.TEMPLATE_ID, instrumentId, timestamp);
        if (NONE != body)
        {
            orderReplace.wrap(buffer, body).originalOrderId(originalOrderId).orderId(orderId).side(side).shares(shares)
                .price().mantissa(price);
        }
    }

    public void onLevelChanged(
        final int instrumentId,
        final byte side,
        final long price,
        final long totalShares,
        final int orderCount,
        final long timestamp)
    {
        final int body = begin(LevelUpdateEncoder.BLOCK_LENGTH, LevelUpdateEncoder.TEMPLATE_ID, instrumentId, timestamp);
        if (NONE != body)
        {
            levelUpdate.wrap(buffer, body).side(side).totalShares(totalShares).orderCount(orderCount & 0xFFFF_FFFFL)
                .price().mantissa(price);
        }
    }

    public void onTopOfBook(
        final int instrumentId,
        final long bidPrice,
        final long bidShares,
        final long askPrice,
        final long askShares,
        final long timestamp)
    {
        final int body = begin(TopOfBookEncoder.BLOCK_LENGTH, TopOfBookEncoder.TEMPLATE_ID, instrumentId, timestamp);
        if (NONE != body)
        {
            topOfBook.wrap(buffer, body).bidShares(bidShares).askShares(askShares);
            topOfBook.bidPrice().mantissa(bidPrice);
            topOfBook.askPrice().mantissa(askPrice);
        }
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
        final int body = begin(TradeEncoder.BLOCK_LENGTH, TradeEncoder.TEMPLATE_ID, instrumentId, timestamp);
        if (NONE != body)
        {
            trade.wrap(buffer, body).orderId(orderId).side(side).shares(shares).matchNumber(matchNumber)
                .tradeType(tradeType).crossType(crossType).price().mantissa(price);
        }
    }

    public void onBrokenTrade(final int instrumentId, final long matchNumber, final long timestamp)
    {
        final int body = begin(BrokenTradeEncoder.BLOCK_LENGTH, BrokenTradeEncoder.TEMPLATE_ID, instrumentId, timestamp);
        if (NONE != body)
        {
            brokenTrade.wrap(buffer, body).matchNumber(matchNumber);
        }
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
        final int body = begin(ImbalanceEncoder.BLOCK_LENGTH, ImbalanceEncoder.TEMPLATE_ID, instrumentId, timestamp);
        if (NONE != body)
        {
            imbalance.wrap(buffer, body).pairedShares(pairedShares).imbalanceShares(imbalanceShares)
                .imbalanceDirection(imbalanceDirection).crossType(crossType)
                .priceVariationIndicator(priceVariationIndicator);
            imbalance.farPrice().mantissa(farPrice);
            imbalance.nearPrice().mantissa(nearPrice);
            imbalance.referencePrice().mantissa(referencePrice);
        }
    }

    public void onEndOfEvent()
    {
        if (NONE != lastFlagsOffset)
        {
            buffer.putByte(lastFlagsOffset, (byte)(buffer.getByte(lastFlagsOffset) | LAST));
            lastFlagsOffset = NONE;
        }
        eventStarted = false;
    }

    public void onFeedGap(final long fromSequence, final long count)
    {
        feedStatus(ALL_INSTRUMENTS, FeedStatus.GAP, fromSequence, count);
    }

    public void onBookStale(final int instrumentId)
    {
        // stamped first so that the stale notice itself carries MAYBE_BAD_BOOK
        stale(instrumentId, true);
        feedStatus(instrumentId, FeedStatus.STALE, 0, 0);
    }

    public void onBookRecovered(final int instrumentId)
    {
        stale(instrumentId, false);
        feedStatus(instrumentId, FeedStatus.RECOVERED, 0, 0);
    }

    public void onSnapshotBegin(final long feedSequence)
    {
        inSnapshot = true;
        final int body = begin(SnapshotBeginEncoder.BLOCK_LENGTH, SnapshotBeginEncoder.TEMPLATE_ID, ALL_INSTRUMENTS, 0);
        if (NONE != body)
        {
            snapshotBegin.wrap(buffer, body).feedSequence(feedSequence);
        }
    }

    public void onSnapshotEnd(final long feedSequence)
    {
        final int body = begin(SnapshotEndEncoder.BLOCK_LENGTH, SnapshotEndEncoder.TEMPLATE_ID, ALL_INSTRUMENTS, 0);
        if (NONE != body)
        {
            snapshotEnd.wrap(buffer, body).feedSequence(feedSequence);
        }
        inSnapshot = false;
    }

    public void onHeartbeat(final long timestamp)
    {
        begin(HeartbeatEncoder.BLOCK_LENGTH, HeartbeatEncoder.TEMPLATE_ID, ALL_INSTRUMENTS, timestamp);
    }

    private void feedStatus(final int instrumentId, final byte status, final long fromSequence, final long count)
    {
        final int body = begin(FeedStatusEncoder.BLOCK_LENGTH, FeedStatusEncoder.TEMPLATE_ID, instrumentId, 0);
        if (NONE != body)
        {
            feedStatus.wrap(buffer, body).status(status).fromSequence(fromSequence).count(count);
        }
    }

    private void stale(final int instrumentId, final boolean stale)
    {
        if (ALL_INSTRUMENTS == instrumentId)
        {
            feedStale = stale;
            if (!stale)
            {
                Arrays.fill(staleInstruments, 0L);
                staleCount = 0;
            }
        }
        else if (instrumentId > 0 && instrumentId <= MAX_TRACKED_INSTRUMENT)
        {
            final long bit = 1L << instrumentId;
            final int word = instrumentId >>> 6;
            final long was = staleInstruments[word];
            final long now = stale ? was | bit : was & ~bit;
            staleInstruments[word] = now;
            staleCount += Long.bitCount(now) - Long.bitCount(was);
        }
    }

    private boolean isStale(final int instrumentId)
    {
        // staleCount first: on a healthy feed no message pays for the bitmap's cache line
        return feedStale || (0 != staleCount && instrumentId > 0 && instrumentId <= MAX_TRACKED_INSTRUMENT &&
            0 != (staleInstruments[instrumentId >>> 6] & (1L << instrumentId)));
    }

    /**
     * Write the message header and the common fields.
     *
     * @return the offset of the message body, or {@link #NONE} when it does not fit.
     */
    private int begin(final int blockLength, final int templateId, final int instrumentId, final long timestamp)
    {
        final int bodyOffset = position + HEADER_LENGTH;
        if (bodyOffset + blockLength > limit) // limit is 0 until wrap
        {
            overflows++;
            return NONE;
        }
        header.wrap(buffer, position)
            .blockLength(blockLength)
            .templateId(templateId)
            .schemaId(MessageHeaderEncoder.SCHEMA_ID)
            .version(MessageHeaderEncoder.SCHEMA_VERSION);
        if (!eventStarted)
        {
            publishTimestamp = clock.nanoTime();
            eventStarted = true;
        }
        byte flags = 0;
        if (inSnapshot)
        {
            flags |= SNAPSHOT;
        }
        if (isStale(instrumentId))
        {
            flags |= MAYBE_BAD_BOOK;
        }
        common.wrap(buffer, bodyOffset)
            .sequence(nextSequence++)
            .exchangeTimestamp(timestamp)
            .receiveTimestamp(receiveTimestamp)
            .publishTimestamp(publishTimestamp)
            .instrumentId(instrumentId & 0xFFFF_FFFFL);
        lastFlagsOffset = bodyOffset + HeartbeatEncoder.flagsEncodingOffset();
        buffer.putByte(lastFlagsOffset, flags);
        position = bodyOffset + blockLength;
        messages++;
        return bodyOffset;
    }
}
