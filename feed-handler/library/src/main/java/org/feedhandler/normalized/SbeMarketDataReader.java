package org.feedhandler.normalized;

import org.agrona.DirectBuffer;
import org.feedhandler.api.MarketDataListener;
import org.feedhandler.sbe.BrokenTradeDecoder;
import org.feedhandler.sbe.FeedStatusDecoder;
import org.feedhandler.sbe.HeartbeatDecoder;
import org.feedhandler.sbe.ImbalanceDecoder;
import org.feedhandler.sbe.InstrumentDefinitionDecoder;
import org.feedhandler.sbe.LevelUpdateDecoder;
import org.feedhandler.sbe.MessageHeaderDecoder;
import org.feedhandler.sbe.OrderAddDecoder;
import org.feedhandler.sbe.OrderCancelDecoder;
import org.feedhandler.sbe.OrderDeleteDecoder;
import org.feedhandler.sbe.OrderExecuteDecoder;
import org.feedhandler.sbe.OrderReplaceDecoder;
import org.feedhandler.sbe.SnapshotBeginDecoder;
import org.feedhandler.sbe.SnapshotEndDecoder;
import org.feedhandler.sbe.SystemEventDecoder;
import org.feedhandler.sbe.TopOfBookDecoder;
import org.feedhandler.sbe.TradeDecoder;
import org.feedhandler.sbe.TradingStatusDecoder;

/**
 * Decodes a run of normalized SBE messages, as {@link SbeMarketDataWriter} writes them, back into
 * {@link MarketDataListener} calls, with the generated codecs; before the first message of an event (the
 * first one read, or the first after a message flagged {@code LAST}) it calls
 * {@link MarketDataListener#onBeginEvent} with that message's receive time, and after a message flagged
 * {@code LAST} it calls {@link MarketDataListener#onEndOfEvent}. During a callback {@link #sequence()},
 * {@link #receiveTimestamp()}, {@link #publishTimestamp()} and {@link #flags()} describe the message
 * being delivered.
 * <p>
 * Never throws on bad input and never allocates. A message of another schema, or shorter than its
 * template's block, or running past the end, stops the run and is counted by {@link #malformed()}; an
 * unknown template of this schema (a newer writer) is skipped by its block length and counted by
 * {@link #unknownTemplates()}. A jump in the output sequence is counted by {@link #gaps()} and
 * {@link #lostMessages()}.
 */
public final class SbeMarketDataReader
{
    private static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int STOP = -1;
    private static final int SKIPPED = 0;
    private static final int DELIVERED = 1;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final HeartbeatDecoder common = new HeartbeatDecoder();
    private final SystemEventDecoder systemEvent = new SystemEventDecoder();
    private final InstrumentDefinitionDecoder instrument = new InstrumentDefinitionDecoder();
    private final TradingStatusDecoder tradingStatus = new TradingStatusDecoder();
    private final OrderAddDecoder orderAdd = new OrderAddDecoder();
    private final OrderExecuteDecoder orderExecute = new OrderExecuteDecoder();
    private final OrderCancelDecoder orderCancel = new OrderCancelDecoder();
    private final OrderDeleteDecoder orderDelete = new OrderDeleteDecoder();
    private final OrderReplaceDecoder orderReplace = new OrderReplaceDecoder();
    private final LevelUpdateDecoder levelUpdate = new LevelUpdateDecoder();
    private final TopOfBookDecoder topOfBook = new TopOfBookDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final BrokenTradeDecoder brokenTrade = new BrokenTradeDecoder();
    private final ImbalanceDecoder imbalance = new ImbalanceDecoder();
    private final FeedStatusDecoder feedStatus = new FeedStatusDecoder();
    private final SnapshotBeginDecoder snapshotBegin = new SnapshotBeginDecoder();
    private final SnapshotEndDecoder snapshotEnd = new SnapshotEndDecoder();

    private long sequence;
    private long expectedSequence;
    private long receiveTimestamp;
    private long publishTimestamp;
    private byte flags;
    private boolean inEvent;
    private long messages;
    private long malformed;
    private long unknownTemplates;
    private long gaps;
    private long lostMessages;

    /**
     * Deliver every message in {@code [offset, offset + length)}.
     *
     * @param buffer   holding the messages.
     * @param offset   of the first message header.
     * @param length   bytes of messages.
     * @param listener to call.
     * @return messages delivered (skipped ones not counted).
     */
    public int read(final DirectBuffer buffer, final int offset, final int length, final MarketDataListener listener)
    {
        final int end = offset + length;
        int position = offset;
        int delivered = 0;
        while (position < end)
        {
            if (position + HEADER_LENGTH > end)
            {
                malformed++;
                break;
            }
            header.wrap(buffer, position);
            final int blockLength = header.blockLength();
            final int templateId = header.templateId();
            final int body = position + HEADER_LENGTH;
            if (MessageHeaderDecoder.SCHEMA_ID != header.schemaId() ||
                blockLength < HeartbeatDecoder.BLOCK_LENGTH || body + blockLength > end)
            {
                malformed++;
                break;
            }
            final int outcome = dispatch(buffer, body, blockLength, templateId, header.version(), listener);
            if (STOP == outcome)
            {
                break;
            }
            position = body + blockLength;
            delivered += outcome;
        }
        messages += delivered;
        return delivered;
    }

    private int dispatch(
        final DirectBuffer buffer,
        final int body,
        final int blockLength,
        final int templateId,
        final int version,
        final MarketDataListener listener)
    {
        final int minimum = blockLength(templateId);
        if (0 == minimum)
        {
            unknownTemplates++;
            return SKIPPED;
        }
        if (blockLength < minimum)
        {
            malformed++;
            return STOP;
        }
        common.wrap(buffer, body, blockLength, version);
        sequence = common.sequence();
        receiveTimestamp = common.receiveTimestamp();
        publishTimestamp = common.publishTimestamp();
        flags = (byte)common.flags().getRaw();
        if (0 != expectedSequence && sequence != expectedSequence)
        {
            gaps++;
            if (sequence > expectedSequence)
            {
                lostMessages += sequence - expectedSequence;
            }
        }
        expectedSequence = sequence + 1;
        final int instrumentId = (int)common.instrumentId();
        final long timestamp = common.exchangeTimestamp();
        if (!inEvent)
        {
            inEvent = true;
            listener.onBeginEvent(receiveTimestamp);
        }

        switch (templateId)
        {
            case HeartbeatDecoder.TEMPLATE_ID:
                listener.onHeartbeat(timestamp);
                break;

            case SystemEventDecoder.TEMPLATE_ID:
                systemEvent.wrap(buffer, body, blockLength, version);
                listener.onSystemEvent(systemEvent.eventCode(), timestamp);
                break;

            case InstrumentDefinitionDecoder.TEMPLATE_ID:
            {
                instrument.wrap(buffer, body, blockLength, version);
                long symbol = 0;
                for (int i = 0; i < InstrumentDefinitionDecoder.symbolLength(); i++)
                {
                    symbol = (symbol << Byte.SIZE) | (instrument.symbol(i) & 0xFF);
                }
                listener.onInstrument(
                    instrumentId, symbol, instrument.marketCategory(), instrument.financialStatusIndicator(),
                    instrument.roundLotSize(), instrument.issueClassification(), instrument.luldReferencePriceTier(),
                    timestamp);
                break;
            }

            case TradingStatusDecoder.TEMPLATE_ID:
                tradingStatus.wrap(buffer, body, blockLength, version);
                listener.onTradingStatus(
                    instrumentId, tradingStatus.statusType(), tradingStatus.state(), (int)tradingStatus.reason(), timestamp);
                break;

            case OrderAddDecoder.TEMPLATE_ID:
                orderAdd.wrap(buffer, body, blockLength, version);
                listener.onOrderAdded(
                    instrumentId, orderAdd.orderId(), orderAdd.side(), orderAdd.price().mantissa(), orderAdd.shares(),
                    (int)orderAdd.attribution(), timestamp);
                break;

            case OrderExecuteDecoder.TEMPLATE_ID:
                orderExecute.wrap(buffer, body, blockLength, version);
                listener.onOrderExecuted(
                    instrumentId, orderExecute.orderId(), orderExecute.side(), orderExecute.price().mantissa(),
                    orderExecute.executedShares(), orderExecute.remainingShares(), orderExecute.matchNumber(),
                    orderExecute.printable(), timestamp);
                break;

            case OrderCancelDecoder.TEMPLATE_ID:
                orderCancel.wrap(buffer, body, blockLength, version);
                listener.onOrderCancelled(
                    instrumentId, orderCancel.orderId(), orderCancel.side(), orderCancel.price().mantissa(),
                    orderCancel.cancelledShares(), orderCancel.remainingShares(), timestamp);
                break;

            case OrderDeleteDecoder.TEMPLATE_ID:
                orderDelete.wrap(buffer, body, blockLength, version);
                listener.onOrderDeleted(
                    instrumentId, orderDelete.orderId(), orderDelete.side(), orderDelete.price().mantissa(),
                    orderDelete.shares(), timestamp);
                break;

            case OrderReplaceDecoder.TEMPLATE_ID:
                orderReplace.wrap(buffer, body, blockLength, version);
                listener.onOrderReplaced(
                    instrumentId, orderReplace.originalOrderId(), orderReplace.orderId(), orderReplace.side(),
                    orderReplace.price().mantissa(), orderReplace.shares(), timestamp);
                break;

            case LevelUpdateDecoder.TEMPLATE_ID:
                levelUpdate.wrap(buffer, body, blockLength, version);
                listener.onLevelChanged(
                    instrumentId, levelUpdate.side(), levelUpdate.price().mantissa(), levelUpdate.totalShares(),
                    (int)levelUpdate.orderCount(), timestamp);
                break;

            case TopOfBookDecoder.TEMPLATE_ID:
                topOfBook.wrap(buffer, body, blockLength, version);
                listener.onTopOfBook(
                    instrumentId, topOfBook.bidPrice().mantissa(), topOfBook.bidShares(),
                    topOfBook.askPrice().mantissa(), topOfBook.askShares(), timestamp);
                break;

            case TradeDecoder.TEMPLATE_ID:
                trade.wrap(buffer, body, blockLength, version);
                listener.onTrade(
                    instrumentId, trade.orderId(), trade.side(), trade.price().mantissa(), trade.shares(),
                    trade.matchNumber(), trade.tradeType(), trade.crossType(), timestamp);
                break;

            case BrokenTradeDecoder.TEMPLATE_ID:
                brokenTrade.wrap(buffer, body, blockLength, version);
                listener.onBrokenTrade(instrumentId, brokenTrade.matchNumber(), timestamp);
                break;

            case ImbalanceDecoder.TEMPLATE_ID:
                imbalance.wrap(buffer, body, blockLength, version);
                listener.onImbalance(
                    instrumentId, imbalance.pairedShares(), imbalance.imbalanceShares(), imbalance.imbalanceDirection(),
                    imbalance.farPrice().mantissa(), imbalance.nearPrice().mantissa(),
                    imbalance.referencePrice().mantissa(), imbalance.crossType(), imbalance.priceVariationIndicator(),
                    timestamp);
                break;

            case FeedStatusDecoder.TEMPLATE_ID:
                feedStatus.wrap(buffer, body, blockLength, version);
                onFeedStatus(instrumentId, listener);
                break;

            case SnapshotBeginDecoder.TEMPLATE_ID:
                snapshotBegin.wrap(buffer, body, blockLength, version);
                listener.onSnapshotBegin(snapshotBegin.feedSequence());
                break;

            case SnapshotEndDecoder.TEMPLATE_ID:
                snapshotEnd.wrap(buffer, body, blockLength, version);
                listener.onSnapshotEnd(snapshotEnd.feedSequence());
                break;

            default:
                break;
        }

        if (0 != (flags & SbeMarketDataWriter.LAST))
        {
            inEvent = false;
            listener.onEndOfEvent();
        }
        return DELIVERED;
    }

    private void onFeedStatus(final int instrumentId, final MarketDataListener listener)
    {
        switch (feedStatus.status())
        {
            case FeedStatus.GAP:
                listener.onFeedGap(feedStatus.fromSequence(), feedStatus.count());
                break;

            case FeedStatus.STALE:
                listener.onBookStale(instrumentId);
                break;

            case FeedStatus.RECOVERED:
                listener.onBookRecovered(instrumentId);
                break;

            default:
                unknownTemplates++;
                break;
        }
    }

    /**
     * @param templateId a template of this schema.
     * @return its block length in the version this reader was built with, 0 when unknown.
     */
    static int blockLength(final int templateId)
    {
        switch (templateId)
        {
            case HeartbeatDecoder.TEMPLATE_ID: return HeartbeatDecoder.BLOCK_LENGTH;
            case SystemEventDecoder.TEMPLATE_ID: return SystemEventDecoder.BLOCK_LENGTH;
            case InstrumentDefinitionDecoder.TEMPLATE_ID: return InstrumentDefinitionDecoder.BLOCK_LENGTH;
            case TradingStatusDecoder.TEMPLATE_ID: return TradingStatusDecoder.BLOCK_LENGTH;
            case OrderAddDecoder.TEMPLATE_ID: return OrderAddDecoder.BLOCK_LENGTH;
            case OrderExecuteDecoder.TEMPLATE_ID: return OrderExecuteDecoder.BLOCK_LENGTH;
            case OrderCancelDecoder.TEMPLATE_ID: return OrderCancelDecoder.BLOCK_LENGTH;
            case OrderDeleteDecoder.TEMPLATE_ID: return OrderDeleteDecoder.BLOCK_LENGTH;
            case OrderReplaceDecoder.TEMPLATE_ID: return OrderReplaceDecoder.BLOCK_LENGTH;
            case LevelUpdateDecoder.TEMPLATE_ID: return LevelUpdateDecoder.BLOCK_LENGTH;
            case TopOfBookDecoder.TEMPLATE_ID: return TopOfBookDecoder.BLOCK_LENGTH;
            case TradeDecoder.TEMPLATE_ID: return TradeDecoder.BLOCK_LENGTH;
            case BrokenTradeDecoder.TEMPLATE_ID: return BrokenTradeDecoder.BLOCK_LENGTH;
            case ImbalanceDecoder.TEMPLATE_ID: return ImbalanceDecoder.BLOCK_LENGTH;
            case FeedStatusDecoder.TEMPLATE_ID: return FeedStatusDecoder.BLOCK_LENGTH;
            case SnapshotBeginDecoder.TEMPLATE_ID: return SnapshotBeginDecoder.BLOCK_LENGTH;
            case SnapshotEndDecoder.TEMPLATE_ID: return SnapshotEndDecoder.BLOCK_LENGTH;
            default: return 0;
        }
    }

    /** @return the output sequence number of the message being delivered. */
    public long sequence()
    {
        return sequence;
    }

    /** @return when the handler received the event, ns since the UNIX epoch. */
    public long receiveTimestamp()
    {
        return receiveTimestamp;
    }

    /** @return when the handler wrote the message, ns since the UNIX epoch. */
    public long publishTimestamp()
    {
        return publishTimestamp;
    }

    /** @return the flags of the message being delivered (see {@link SbeMarketDataWriter#LAST}). */
    public byte flags()
    {
        return flags;
    }

    /** @return messages delivered. */
    public long messages()
    {
        return messages;
    }

    /** @return runs cut short by a message that is not of this schema, too short, or past the end. */
    public long malformed()
    {
        return malformed;
    }

    /** @return messages skipped because their template (or feed status) is unknown to this reader. */
    public long unknownTemplates()
    {
        return unknownTemplates;
    }

    /** @return jumps in the output sequence. */
    public long gaps()
    {
        return gaps;
    }

    /** @return messages missed in forward jumps of the output sequence. */
    public long lostMessages()
    {
        return lostMessages;
    }
}
