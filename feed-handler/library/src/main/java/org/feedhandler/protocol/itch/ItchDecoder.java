package org.feedhandler.protocol.itch;

import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;
import org.feedhandler.protocol.BlockHandler;
import org.feedhandler.protocol.MessageHandler;

/**
 * Decodes ITCH 5.0 messages and dispatches each one's flyweight to an {@link ItchListener}: one message a
 * call as delimited by the framing ({@link #decode}), or a run of length-prefixed messages, MoldUDP64
 * message blocks or BinaryFILE records, a call ({@link #onBlocks}, the faster way when the framing can
 * hand over a run). Never throws on bad input and never allocates:
 * <ul>
 *     <li>an unknown type is skipped (the framing's length says how far) and counted;</li>
 *     <li>a message longer than its type's length is accepted: the known fields are read, the rest
 *     ignored (a newer spec may append fields);</li>
 *     <li>a message shorter than its type needs, or empty, or one that does not lie inside the buffer,
 *     is counted as malformed and skipped.</li>
 * </ul>
 * These checks, once per message, are what make the flyweights' unchecked field reads safe (see
 * {@link ItchMessage}).
 * Counters are plain fields: one thread decodes; publish them elsewhere if others must read them.
 * <p>
 * A framing layer can hand it messages one at a time ({@link #onMessage}) or in runs of blocks
 * ({@link #onBlocks}); a {@link org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer} does both.
 */
public final class ItchDecoder implements MessageHandler, BlockHandler
{
    /** The message was decoded and dispatched. */
    public static final int DECODED = 0;
    /** The type is unknown; skipped and counted. */
    public static final int UNKNOWN_TYPE = 1;
    /** Shorter than its type needs, or empty; skipped and counted. */
    public static final int MALFORMED = 2;

    /**
     * The longest framed length rejected for each type: its length - 1 for a known type (shorter is
     * malformed), {@link Integer#MAX_VALUE} for an unknown one (every length), so one comparison on
     * the common path sends both the unknown and the short to {@link #reject}.
     */
    private static final int[] REJECT_UP_TO = new int[256];
    private static final byte[] KNOWN_TYPES = ItchMessageTypes.knownTypes();

    static
    {
        for (int type = 0; type < 256; type++)
        {
            final int length = ItchMessageTypes.length((byte)type);
            REJECT_UP_TO[type] = 0 == length ? Integer.MAX_VALUE : length - 1;
        }
    }

    private final ItchListener listener;
    private final long[] typeCounts = new long[256];
    private final long[] unknownTypeCounts = new long[256];
    private long unknown;
    private long malformed;
    private int lastBlockCount;

    private final SystemEvent systemEvent = new SystemEvent();
    private final StockDirectory stockDirectory = new StockDirectory();
    private final StockTradingAction stockTradingAction = new StockTradingAction();
    private final RegShoRestriction regShoRestriction = new RegShoRestriction();
    private final MarketParticipantPosition marketParticipantPosition = new MarketParticipantPosition();
    private final MwcbDeclineLevel mwcbDeclineLevel = new MwcbDeclineLevel();
    private final MwcbStatus mwcbStatus = new MwcbStatus();
    private final IpoQuotingPeriodUpdate ipoQuotingPeriodUpdate = new IpoQuotingPeriodUpdate();
    private final LuldAuctionCollar luldAuctionCollar = new LuldAuctionCollar();
    private final OperationalHalt operationalHalt = new OperationalHalt();
    private final AddOrder addOrder = new AddOrder();
    private final AddOrderMpid addOrderMpid = new AddOrderMpid();
    private final OrderExecuted orderExecuted = new OrderExecuted();
    private final OrderExecutedWithPrice orderExecutedWithPrice = new OrderExecutedWithPrice();
    private final OrderCancel orderCancel = new OrderCancel();
    private final OrderDelete orderDelete = new OrderDelete();
    private final OrderReplace orderReplace = new OrderReplace();
    private final Trade trade = new Trade();
    private final CrossTrade crossTrade = new CrossTrade();
    private final BrokenTrade brokenTrade = new BrokenTrade();
    private final Noii noii = new Noii();
    private final RetailPriceImprovementIndicator retailPriceImprovementIndicator = new RetailPriceImprovementIndicator();
    private final DlcrPriceDiscovery dlcrPriceDiscovery = new DlcrPriceDiscovery();

    public ItchDecoder(final ItchListener listener)
    {
        this.listener = listener;
    }

    /**
     * {@link #decode} one in-sequence message from a framing layer; its sequence number is not needed.
     */
    public void onMessage(final DirectBuffer buffer, final int offset, final int length, final long sequenceNumber)
    {
        decode(buffer, offset, length);
    }

    /**
     * Decode one message.
     *
     * @param buffer holding the message.
     * @param offset of its type byte.
     * @param length of the message as framed.
     * @return {@link #DECODED}, {@link #UNKNOWN_TYPE} or {@link #MALFORMED} (including a message that runs
     * outside the buffer).
     */
    public int decode(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length <= 0 || !ItchMessage.fits(buffer, offset, length))
        {
            malformed++;
            return MALFORMED;
        }

        // inside the buffer, as just checked: read the type unchecked, and hand the flyweight the
        // array and address rather than have it ask the buffer again
        final byte[] array = buffer.byteArray();
        final long address = buffer.addressOffset() + offset;
        final byte type = UnsafeApi.getByte(array, address);
        if (length <= REJECT_UP_TO[type & 0xFF])
        {
            return reject(type);
        }

        typeCounts[type & 0xFF]++;
        switch (type)
        {
            case SystemEvent.MESSAGE_TYPE:
                systemEvent.wrapChecked(buffer, array, address, offset, length);
                listener.onSystemEvent(systemEvent);
                break;
            case StockDirectory.MESSAGE_TYPE:
                stockDirectory.wrapChecked(buffer, array, address, offset, length);
                listener.onStockDirectory(stockDirectory);
                break;
            case StockTradingAction.MESSAGE_TYPE:
                stockTradingAction.wrapChecked(buffer, array, address, offset, length);
                listener.onStockTradingAction(stockTradingAction);
                break;
            case RegShoRestriction.MESSAGE_TYPE:
                regShoRestriction.wrapChecked(buffer, array, address, offset, length);
                listener.onRegShoRestriction(regShoRestriction);
                break;
            case MarketParticipantPosition.MESSAGE_TYPE:
                marketParticipantPosition.wrapChecked(buffer, array, address, offset, length);
                listener.onMarketParticipantPosition(marketParticipantPosition);
                break;
            case MwcbDeclineLevel.MESSAGE_TYPE:
                mwcbDeclineLevel.wrapChecked(buffer, array, address, offset, length);
                listener.onMwcbDeclineLevel(mwcbDeclineLevel);
                break;
            case MwcbStatus.MESSAGE_TYPE:
                mwcbStatus.wrapChecked(buffer, array, address, offset, length);
                listener.onMwcbStatus(mwcbStatus);
                break;
            case IpoQuotingPeriodUpdate.MESSAGE_TYPE:
                ipoQuotingPeriodUpdate.wrapChecked(buffer, array, address, offset, length);
                listener.onIpoQuotingPeriodUpdate(ipoQuotingPeriodUpdate);
                break;
            case LuldAuctionCollar.MESSAGE_TYPE:
                luldAuctionCollar.wrapChecked(buffer, array, address, offset, length);
                listener.onLuldAuctionCollar(luldAuctionCollar);
                break;
            case OperationalHalt.MESSAGE_TYPE:
                operationalHalt.wrapChecked(buffer, array, address, offset, length);
                listener.onOperationalHalt(operationalHalt);
                break;
            case AddOrder.MESSAGE_TYPE:
                addOrder.wrapChecked(buffer, array, address, offset, length);
                listener.onAddOrder(addOrder);
                break;
            case AddOrderMpid.MESSAGE_TYPE:
                addOrderMpid.wrapChecked(buffer, array, address, offset, length);
                listener.onAddOrderMpid(addOrderMpid);
                break;
            case OrderExecuted.MESSAGE_TYPE:
                orderExecuted.wrapChecked(buffer, array, address, offset, length);
                listener.onOrderExecuted(orderExecuted);
                break;
            case OrderExecutedWithPrice.MESSAGE_TYPE:
                orderExecutedWithPrice.wrapChecked(buffer, array, address, offset, length);
                listener.onOrderExecutedWithPrice(orderExecutedWithPrice);
                break;
            case OrderCancel.MESSAGE_TYPE:
                orderCancel.wrapChecked(buffer, array, address, offset, length);
                listener.onOrderCancel(orderCancel);
                break;
            case OrderDelete.MESSAGE_TYPE:
                orderDelete.wrapChecked(buffer, array, address, offset, length);
                listener.onOrderDelete(orderDelete);
                break;
            case OrderReplace.MESSAGE_TYPE:
                orderReplace.wrapChecked(buffer, array, address, offset, length);
                listener.onOrderReplace(orderReplace);
                break;
            case Trade.MESSAGE_TYPE:
                trade.wrapChecked(buffer, array, address, offset, length);
                listener.onTrade(trade);
                break;
            case CrossTrade.MESSAGE_TYPE:
                crossTrade.wrapChecked(buffer, array, address, offset, length);
                listener.onCrossTrade(crossTrade);
                break;
            case BrokenTrade.MESSAGE_TYPE:
                brokenTrade.wrapChecked(buffer, array, address, offset, length);
                listener.onBrokenTrade(brokenTrade);
                break;
            case Noii.MESSAGE_TYPE:
                noii.wrapChecked(buffer, array, address, offset, length);
                listener.onNoii(noii);
                break;
            case RetailPriceImprovementIndicator.MESSAGE_TYPE:
                retailPriceImprovementIndicator.wrapChecked(buffer, array, address, offset, length);
                listener.onRetailPriceImprovementIndicator(retailPriceImprovementIndicator);
                break;
            case DlcrPriceDiscovery.MESSAGE_TYPE:
                dlcrPriceDiscovery.wrapChecked(buffer, array, address, offset, length);
                listener.onDlcrPriceDiscovery(dlcrPriceDiscovery);
                break;
            default:
                break;
        }
        return DECODED;
    }

    /**
     * Decode a run of length-prefixed messages (MoldUDP64 message blocks, BinaryFILE records): each a
     * u16 big-endian length, then the message. Each message is decoded, counted and rejected exactly
     * as {@link #decode} would. The loop over the run and the dispatch are one compiled method, which
     * saves the call per message (DecodeBenchmark, one message a call against framed:
     * bench/RESULTS.md). Stops before a zero length prefix (BinaryFILE's
     * end of session) or a message cut by the end of the range. A range that does not lie inside the
     * buffer is counted as malformed and not read.
     *
     * @return bytes consumed; {@link #lastBlockCount()} tells how many messages they held.
     */
    public int onBlocks(final DirectBuffer buffer, final int offset, final int length, final int maxBlocks)
    {
        if (!ItchMessage.fits(buffer, offset, length))
        {
            malformed++;
            lastBlockCount = 0;
            return 0;
        }
        return walk(buffer, offset, offset + length, maxBlocks) - offset;
    }

    public int lastBlockCount()
    {
        return lastBlockCount;
    }

    /**
     * The loop of {@link #onBlocks} over {@code [start, end)}, which lies inside the buffer. Its switch is
     * a copy of {@link #decode}'s, on purpose: one method serving both, with a flag for the framing,
     * measured slower both ways than the two specialised copies
     * (docs/decisions/0001-framed-decode-loop.md). Change a case here and there together;
     * {@code ItchRoundTripTest} and {@code ItchRoundTripFramedTest} decode every type both ways.
     *
     * @return the offset after the last message consumed.
     */
    private int walk(final DirectBuffer buffer, final int start, final int end, final int maxMessages)
    {
        // inside the buffer, as just checked: read unchecked, and hand the flyweights the array and
        // address rather than have them ask the buffer again
        final byte[] array = buffer.byteArray();
        final long base = buffer.addressOffset();
        int position = start;
        int messages = 0;
        while (messages < maxMessages && end - position >= LENGTH_PREFIX)
        {
            final int length = ItchMessage.shortBigEndian(array, base + position) & 0xFFFF;
            final int offset = position + LENGTH_PREFIX;
            if (0 == length || length > end - offset)
            {
                break;
            }
            position = offset + length;
            messages++;

            final long address = base + offset;
            final byte type = UnsafeApi.getByte(array, address);
            if (length <= REJECT_UP_TO[type & 0xFF])
            {
                reject(type);
                continue;
            }

            typeCounts[type & 0xFF]++;
            switch (type)
            {
                case SystemEvent.MESSAGE_TYPE:
                    systemEvent.wrapChecked(buffer, array, address, offset, length);
                    listener.onSystemEvent(systemEvent);
                    break;
                case StockDirectory.MESSAGE_TYPE:
                    stockDirectory.wrapChecked(buffer, array, address, offset, length);
                    listener.onStockDirectory(stockDirectory);
                    break;
                case StockTradingAction.MESSAGE_TYPE:
                    stockTradingAction.wrapChecked(buffer, array, address, offset, length);
                    listener.onStockTradingAction(stockTradingAction);
                    break;
                case RegShoRestriction.MESSAGE_TYPE:
                    regShoRestriction.wrapChecked(buffer, array, address, offset, length);
                    listener.onRegShoRestriction(regShoRestriction);
                    break;
                case MarketParticipantPosition.MESSAGE_TYPE:
                    marketParticipantPosition.wrapChecked(buffer, array, address, offset, length);
                    listener.onMarketParticipantPosition(marketParticipantPosition);
                    break;
                case MwcbDeclineLevel.MESSAGE_TYPE:
                    mwcbDeclineLevel.wrapChecked(buffer, array, address, offset, length);
                    listener.onMwcbDeclineLevel(mwcbDeclineLevel);
                    break;
                case MwcbStatus.MESSAGE_TYPE:
                    mwcbStatus.wrapChecked(buffer, array, address, offset, length);
                    listener.onMwcbStatus(mwcbStatus);
                    break;
                case IpoQuotingPeriodUpdate.MESSAGE_TYPE:
                    ipoQuotingPeriodUpdate.wrapChecked(buffer, array, address, offset, length);
                    listener.onIpoQuotingPeriodUpdate(ipoQuotingPeriodUpdate);
                    break;
                case LuldAuctionCollar.MESSAGE_TYPE:
                    luldAuctionCollar.wrapChecked(buffer, array, address, offset, length);
                    listener.onLuldAuctionCollar(luldAuctionCollar);
                    break;
                case OperationalHalt.MESSAGE_TYPE:
                    operationalHalt.wrapChecked(buffer, array, address, offset, length);
                    listener.onOperationalHalt(operationalHalt);
                    break;
                case AddOrder.MESSAGE_TYPE:
                    addOrder.wrapChecked(buffer, array, address, offset, length);
                    listener.onAddOrder(addOrder);
                    break;
                case AddOrderMpid.MESSAGE_TYPE:
                    addOrderMpid.wrapChecked(buffer, array, address, offset, length);
                    listener.onAddOrderMpid(addOrderMpid);
                    break;
                case OrderExecuted.MESSAGE_TYPE:
                    orderExecuted.wrapChecked(buffer, array, address, offset, length);
                    listener.onOrderExecuted(orderExecuted);
                    break;
                case OrderExecutedWithPrice.MESSAGE_TYPE:
                    orderExecutedWithPrice.wrapChecked(buffer, array, address, offset, length);
                    listener.onOrderExecutedWithPrice(orderExecutedWithPrice);
                    break;
                case OrderCancel.MESSAGE_TYPE:
                    orderCancel.wrapChecked(buffer, array, address, offset, length);
                    listener.onOrderCancel(orderCancel);
                    break;
                case OrderDelete.MESSAGE_TYPE:
                    orderDelete.wrapChecked(buffer, array, address, offset, length);
                    listener.onOrderDelete(orderDelete);
                    break;
                case OrderReplace.MESSAGE_TYPE:
                    orderReplace.wrapChecked(buffer, array, address, offset, length);
                    listener.onOrderReplace(orderReplace);
                    break;
                case Trade.MESSAGE_TYPE:
                    trade.wrapChecked(buffer, array, address, offset, length);
                    listener.onTrade(trade);
                    break;
                case CrossTrade.MESSAGE_TYPE:
                    crossTrade.wrapChecked(buffer, array, address, offset, length);
                    listener.onCrossTrade(crossTrade);
                    break;
                case BrokenTrade.MESSAGE_TYPE:
                    brokenTrade.wrapChecked(buffer, array, address, offset, length);
                    listener.onBrokenTrade(brokenTrade);
                    break;
                case Noii.MESSAGE_TYPE:
                    noii.wrapChecked(buffer, array, address, offset, length);
                    listener.onNoii(noii);
                    break;
                case RetailPriceImprovementIndicator.MESSAGE_TYPE:
                    retailPriceImprovementIndicator.wrapChecked(buffer, array, address, offset, length);
                    listener.onRetailPriceImprovementIndicator(retailPriceImprovementIndicator);
                    break;
                case DlcrPriceDiscovery.MESSAGE_TYPE:
                    dlcrPriceDiscovery.wrapChecked(buffer, array, address, offset, length);
                    listener.onDlcrPriceDiscovery(dlcrPriceDiscovery);
                    break;
                default:
                    break;
            }
        }
        lastBlockCount = messages;
        return position;
    }

    private int reject(final byte type)
    {
        if (0 == ItchMessageTypes.length(type))
        {
            unknown++;
            unknownTypeCounts[type & 0xFF]++;
            return UNKNOWN_TYPE;
        }
        malformed++;
        return MALFORMED;
    }

    /**
     * @return messages of known types decoded.
     */
    public long messages()
    {
        long messages = 0;
        for (final byte type : KNOWN_TYPES)
        {
            messages += typeCounts[type & 0xFF];
        }
        return messages;
    }

    /**
     * @return messages of unknown types skipped.
     */
    public long unknown()
    {
        return unknown;
    }

    /**
     * @return messages too short for their type, or empty, skipped.
     */
    public long malformed()
    {
        return malformed;
    }

    /**
     * Count a malformed message found by the framing (e.g. a length that runs past the packet).
     */
    public void countMalformed()
    {
        malformed++;
    }

    /**
     * @param type a message type byte.
     * @return messages of that known type decoded.
     */
    public long count(final byte type)
    {
        return typeCounts[type & 0xFF];
    }

    /**
     * @param type a message type byte.
     * @return messages of that unknown type skipped.
     */
    public long unknownCount(final byte type)
    {
        return unknownTypeCounts[type & 0xFF];
    }

    /**
     * Zero every counter.
     */
    public void resetCounters()
    {
        java.util.Arrays.fill(typeCounts, 0);
        java.util.Arrays.fill(unknownTypeCounts, 0);
        unknown = 0;
        malformed = 0;
    }
}
