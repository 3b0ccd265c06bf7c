package org.feedhandler.protocol.itch;

import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Encodes ITCH 5.0 messages, for the exchange simulator and for tests. Each method writes one
 * message at {@code offset} and returns its length. Allocation-free.
 */
public final class ItchEncoder
{
    /**
     * Write the 11-byte header common to every message.
     *
     * @param buffer         to write into.
     * @param offset         of the message.
     * @param messageType    the type byte.
     * @param stockLocate    u16.
     * @param trackingNumber u16.
     * @param timestamp      nanoseconds since midnight, 48 bits.
     */
    public static void header(
        final MutableDirectBuffer buffer,
        final int offset,
        final byte messageType,
        final int stockLocate,
        final int trackingNumber,
        final long timestamp)
    {
        buffer.putByte(offset, messageType);
        buffer.putShort(offset + ItchMessage.STOCK_LOCATE_OFFSET, (short)stockLocate, BIG_ENDIAN);
        buffer.putShort(offset + ItchMessage.TRACKING_NUMBER_OFFSET, (short)trackingNumber, BIG_ENDIAN);
        putTimestamp(buffer, offset, timestamp);
    }

    /**
     * Overwrite the 48-bit timestamp of an encoded message (the simulator stamps the intended send time).
     *
     * @param buffer    holding the message.
     * @param offset    of the message.
     * @param timestamp nanoseconds since midnight.
     */
    public static void putTimestamp(final MutableDirectBuffer buffer, final int offset, final long timestamp)
    {
        buffer.putShort(offset + ItchMessage.TIMESTAMP_OFFSET, (short)(timestamp >>> 32), BIG_ENDIAN);
        buffer.putInt(offset + ItchMessage.TIMESTAMP_OFFSET + 2, (int)timestamp, BIG_ENDIAN);
    }

    /**
     * Encode System Event ('S').
     *
     * @return the encoded length, 12.
     */
    public static int systemEvent(final MutableDirectBuffer buffer, final int offset, final int stockLocate, final int trackingNumber, final long timestamp, final byte eventCode)
    {
        header(buffer, offset, SystemEvent.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        buffer.putByte(offset + 11, eventCode);
        return SystemEvent.LENGTH;
    }

    /**
     * Encode Stock Directory ('R').
     *
     * @return the encoded length, 39.
     */
    public static int stockDirectory(final MutableDirectBuffer buffer, final int offset, final int stockLocate, final int trackingNumber, final long timestamp, final long stock, final byte marketCategory, final byte financialStatusIndicator, final long roundLotSize, final byte roundLotsOnly, final byte issueClassification, final int issueSubType, final byte authenticity, final byte shortSaleThresholdIndicator, final byte ipoFlag, final byte luldReferencePriceTier, final byte etpFlag, final long etpLeverageFactor, final byte inverseIndicator)
    {
        header(buffer, offset, StockDirectory.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        buffer.putLong(offset + 11, stock, BIG_ENDIAN);
        buffer.putByte(offset + 19, marketCategory);
        buffer.putByte(offset + 20, financialStatusIndicator);
        buffer.putInt(offset + 21, (int)roundLotSize, BIG_ENDIAN);
        buffer.putByte(offset + 25, roundLotsOnly);
        buffer.putByte(offset + 26, issueClassification);
        buffer.putShort(offset + 27, (short)issueSubType, BIG_ENDIAN);
        buffer.putByte(offset + 29, authenticity);
        buffer.putByte(offset + 30, shortSaleThresholdIndicator);
        buffer.putByte(offset + 31, ipoFlag);
        buffer.putByte(offset + 32, luldReferencePriceTier);
        buffer.putByte(offset + 33, etpFlag);
        buffer.putInt(offset + 34, (int)etpLeverageFactor, BIG_ENDIAN);
        buffer.putByte(offset + 38, inverseIndicator);
        return StockDirectory.LENGTH;
    }

    /**
     * Encode Stock Trading Action ('H').
     *
     * @return the encoded length, 25.
     */
    public static int stockTradingAction(final MutableDirectBuffer buffer, final int offset, final int stockLocate, final int trackingNumber, final long timestamp, final long stock, final byte tradingState, final byte reserved, final int reason)
    {
        header(buffer, offset, StockTradingAction.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        buffer.putLong(offset + 11, stock, BIG_ENDIAN);
        buffer.putByte(offset + 19, tradingState);
        buffer.putByte(offset + 20, reserved);
        buffer.putInt(offset + 21, reason, BIG_ENDIAN);
        return StockTradingAction.LENGTH;
    }

    /**
     * Encode Reg SHO Restriction ('Y').
     *
     * @return the encoded length, 20.
     */
    public static int regShoRestriction(final MutableDirectBuffer buffer, final int offset, final int stockLocate, final int trackingNumber, final long timestamp, final long stock, final byte regShoAction)
    {
        header(buffer, offset, RegShoRestriction.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        buffer.putLong(offset + 11, stock, BIG_ENDIAN);
        buffer.putByte(offset + 19, regShoAction);
        return RegShoRestriction.LENGTH;
    }

    /**
     * Encode Market Participant Position ('L').
     *
     * @return the encoded length, 26.
     */
    public static int marketParticipantPosition(final MutableDirectBuffer buffer, final int offset, final int stockLocate, final int trackingNumber, final long timestamp, final int mpid, final long stock, final byte primaryMarketMaker, final byte marketMakerMode, final byte marketParticipantState)
    {
        header(buffer, offset, MarketParticipantPosition.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        buffer.putInt(offset + 11, mpid, BIG_ENDIAN);
        buffer.putLong(offset + 15, stock, BIG_ENDIAN);
        buffer.putByte(offset + 23, primaryMarketMaker);
        buffer.putByte(offset + 24, marketMakerMode);
        buffer.putByte(offset + 25, marketParticipantState);
        return MarketParticipantPosition.LENGTH;
    }

    /**
     * Encode MWCB Decline Level ('V').
     *
     * @return the encoded length, 35.
     */
    public static int mwcbDeclineLevel(final MutableDirectBuffer buffer, final int offset, final int stockLocate, final int trackingNumber, final long timestamp, final long level1, final long level2, final long level3)
    {
        header(buffer, offset, MwcbDeclineLevel.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        buffer.putLong(offset + 11, level1, BIG_ENDIAN);
        buffer.putLong(offset + 19, level2, BIG_ENDIAN);
        buffer.putLong(offset + 27, level3, BIG_ENDIAN);
        return MwcbDeclineLevel.LENGTH;
    }

    /**
     * Encode MWCB Status ('W').
     *
     * @return the encoded length, 12.
     */
    public static int mwcbStatus(final MutableDirectBuffer buffer, final int offset, final int stockLocate, final int trackingNumber, final long timestamp, final byte breachedLevel)
    {
        header(buffer, offset, MwcbStatus.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        buffer.putByte(offset + 11, breachedLevel);
        return MwcbStatus.LENGTH;
    }

    /**
     * Encode IPO Quoting Period Update ('K').
     *
     * @return the encoded length, 28.
     */
    public static int ipoQuotingPeriodUpdate(final MutableDirectBuffer buffer, final int offset, final int stockLocate, final int trackingNumber, final long timestamp, final long stock, final long ipoQuotationReleaseTime, final byte ipoQuotationReleaseQualifier, final long ipoPrice)
    {
        header(buffer, offset, IpoQuotingPeriodUpdate.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        buffer.putLong(offset + 11, stock, BIG_ENDIAN);
        buffer.putInt(offset + 19, (int)ipoQuotationReleaseTime, BIG_ENDIAN);
        buffer.putByte(offset + 23, ipoQuotationReleaseQualifier);
        buffer.putInt(offset + 24, (int)ipoPrice, BIG_ENDIAN);
        return IpoQuotingPeriodUpdate.LENGTH;
    }

    /**
     * Encode LULD Auction Collar ('J').
     *
     * @return the encoded length, 35.
     */
    public static int luldAuctionCollar(final MutableDirectBuffer buffer, final int offset, final int stockLocate, final int trackingNumber, final long timestamp, final long stock, final long auctionCollarReferencePrice, final long upperAuctionCollarPrice, final long lowerAuctionCollarPrice, final long auctionCollarExtension)
    {
        header(buffer, offset, LuldAuctionCollar.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        buffer.putLong(offset + 11, stock, BIG_ENDIAN);
        buffer.putInt(offset + 19, (int)auctionCollarReferencePrice, BIG_ENDIAN);
        buffer.putInt(offset + 23, (int)upperAuctionCollarPrice, BIG_ENDIAN);
        buffer.putInt(offset + 27, (int)lowerAuctionCollarPrice, BIG_ENDIAN);
        buffer.putInt(offset + 31, (int)auctionCollarExtension, BIG_ENDIAN);
        return LuldAuctionCollar.LENGTH;
    }

    /**
     * Encode Operational Halt ('h').
     *
     * @return the encoded length, 21.
     */
    public static int operationalHalt(final MutableDirectBuffer buffer, final int offset, final int stockLocate, final int trackingNumber, final long timestamp, final long stock, final byte marketCode, final byte operationalHaltAction)
    {
        header(buffer, offset, OperationalHalt.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        buffer.putLong(offset + 11, stock, BIG_ENDIAN);
        buffer.putByte(offset + 19, marketCode);
        buffer.putByte(offset + 20, operationalHaltAction);
        return OperationalHalt.LENGTH;
    }

    /**
     * Encode Add Order (no MPID attribution) ('A').
     *
     * @return the encoded length, 36.
     */
    public static int addOrder(final MutableDirectBuffer buffer, final int offset, final int stockLocate, final int trackingNumber, final long timestamp, final long orderReferenceNumber, final byte buySellIndicator, final long shares, final long stock, final long price)
    {
        header(buffer, offset, AddOrder.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        buffer.putLong(offset + 11, orderReferenceNumber, BIG_ENDIAN);
        buffer.putByte(offset + 19, buySellIndicator);
        buffer.putInt(offset + 20, (int)shares, BIG_ENDIAN);
        buffer.putLong(offset + 24, stock, BIG_ENDIAN);
        buffer.putInt(offset + 32, (int)price, BIG_ENDIAN);
        return AddOrder.LENGTH;
    }

    /**
     * Encode Add Order with MPID attribution ('F').
     *
     * @return the encoded length, 40.
     */
    public static int addOrderMpid(final MutableDirectBuffer buffer, final int offset, final int stockLocate, final int trackingNumber, final long timestamp, final long orderReferenceNumber, final byte buySellIndicator, final long shares, final long stock, final long price, final int attribution)
    {
        header(buffer, offset, AddOrderMpid.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        buffer.putLong(offset + 11, orderReferenceNumber, BIG_ENDIAN);
        buffer.putByte(offset + 19, buySellIndicator);
        buffer.putInt(offset + 20, (int)shares, BIG_ENDIAN);
        buffer.putLong(offset + 24, stock, BIG_ENDIAN);
        buffer.putInt(offset + 32, (int)price, BIG_ENDIAN);
        buffer.putInt(offset + 36, attribution, BIG_ENDIAN);
        return AddOrderMpid.LENGTH;
    }

    /**
     * Encode Order Executed ('E').
     *
     * @return the encoded length, 31.
     */
    public static int orderExecuted(final MutableDirectBuffer buffer, final int offset, final int stockLocate, final int trackingNumber, final long timestamp, final long orderReferenceNumber, final long executedShares, final long matchNumber)
    {
        header(buffer, offset, OrderExecuted.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        buffer.putLong(offset + 11, orderReferenceNumber, BIG_ENDIAN);
        buffer.putInt(offset + 19, (int)executedShares, BIG_ENDIAN);
        buffer.putLong(offset + 23, matchNumber, BIG_ENDIAN);
        return OrderExecuted.LENGTH;
    }

    /**
     * Encode Order Executed With Price ('C').
     *
     * @return the encoded length, 36.
     */
    public static int orderExecutedWithPrice(final MutableDirectBuffer buffer, final int offset, final int stockLocate, final int trackingNumber, final long timestamp, final long orderReferenceNumber, final long executedShares, final long matchNumber, final byte printable, final long executionPrice)
    {
        header(buffer, offset, OrderExecutedWithPrice.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        buffer.putLong(offset + 11, orderReferenceNumber, BIG_ENDIAN);
        buffer.putInt(offset + 19, (int)executedShares, BIG_ENDIAN);
        buffer.putLong(offset + 23, matchNumber, BIG_ENDIAN);
        buffer.putByte(offset + 31, printable);
        buffer.putInt(offset + 32, (int)executionPrice, BIG_ENDIAN);
        return OrderExecutedWithPrice.LENGTH;
    }

    /**
     * Encode Order Cancel ('X').
     *
     * @return the encoded length, 23.
     */
    public static int orderCancel(final MutableDirectBuffer buffer, final int offset, final int stockLocate, final int trackingNumber, final long timestamp, final long orderReferenceNumber, final long cancelledShares)
    {
        header(buffer, offset, OrderCancel.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        buffer.putLong(offset + 11, orderReferenceNumber, BIG_ENDIAN);
        buffer.putInt(offset + 19, (int)cancelledShares, BIG_ENDIAN);
        return OrderCancel.LENGTH;
    }

    /**
     * Encode Order Delete ('D').
     *
     * @return the encoded length, 19.
     */
    public static int orderDelete(final MutableDirectBuffer buffer, final int offset, final int stockLocate, final int trackingNumber, final long timestamp, final long orderReferenceNumber)
    {
        header(buffer, offset, OrderDelete.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        buffer.putLong(offset + 11, orderReferenceNumber, BIG_ENDIAN);
        return OrderDelete.LENGTH;
    }

    /**
     * Encode Order Replace ('U').
     *
     * @return the encoded length, 35.
     */
    public static int orderReplace(final MutableDirectBuffer buffer, final int offset, final int stockLocate, final int trackingNumber, final long timestamp, final long originalOrderReferenceNumber, final long newOrderReferenceNumber, final long shares, final long price)
    {
        header(buffer, offset, OrderReplace.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        buffer.putLong(offset + 11, originalOrderReferenceNumber, BIG_ENDIAN);
        buffer.putLong(offset + 19, newOrderReferenceNumber, BIG_ENDIAN);
        buffer.putInt(offset + 27, (int)shares, BIG_ENDIAN);
        buffer.putInt(offset + 31, (int)price, BIG_ENDIAN);
        return OrderReplace.LENGTH;
    }

    /**
     * Encode Trade (non-cross) ('P').
     *
     * @return the encoded length, 44.
     */
    public static int trade(final MutableDirectBuffer buffer, final int offset, final int stockLocate, final int trackingNumber, final long timestamp, final long orderReferenceNumber, final byte buySellIndicator, final long shares, final long stock, final long price, final long matchNumber)
    {
        header(buffer, offset, Trade.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        buffer.putLong(offset + 11, orderReferenceNumber, BIG_ENDIAN);
        buffer.putByte(offset + 19, buySellIndicator);
        buffer.putInt(offset + 20, (int)shares, BIG_ENDIAN);
        buffer.putLong(offset + 24, stock, BIG_ENDIAN);
        buffer.putInt(offset + 32, (int)price, BIG_ENDIAN);
        buffer.putLong(offset + 36, matchNumber, BIG_ENDIAN);
        return Trade.LENGTH;
    }

    /**
     * Encode Cross Trade ('Q').
     *
     * @return the encoded length, 40.
     */
    public static int crossTrade(final MutableDirectBuffer buffer, final int offset, final int stockLocate, final int trackingNumber, final long timestamp, final long shares, final long stock, final long crossPrice, final long matchNumber, final byte crossType)
    {
        header(buffer, offset, CrossTrade.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        buffer.putLong(offset + 11, shares, BIG_ENDIAN);
        buffer.putLong(offset + 19, stock, BIG_ENDIAN);
        buffer.putInt(offset + 27, (int)crossPrice, BIG_ENDIAN);
        buffer.putLong(offset + 31, matchNumber, BIG_ENDIAN);
        buffer.putByte(offset + 39, crossType);
        return CrossTrade.LENGTH;
    }

    /**
     * Encode Broken Trade ('B').
     *
     * @return the encoded length, 19.
     */
    public static int brokenTrade(final MutableDirectBuffer buffer, final int offset, final int stockLocate, final int trackingNumber, final long timestamp, final long matchNumber)
    {
        header(buffer, offset, BrokenTrade.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        buffer.putLong(offset + 11, matchNumber, BIG_ENDIAN);
        return BrokenTrade.LENGTH;
    }

    /**
     * Encode Net Order Imbalance Indicator ('I').
     *
     * @return the encoded length, 50.
     */
    public static int noii(final MutableDirectBuffer buffer, final int offset, final int stockLocate, final int trackingNumber, final long timestamp, final long pairedShares, final long imbalanceShares, final byte imbalanceDirection, final long stock, final long farPrice, final long nearPrice, final long currentReferencePrice, final byte crossType, final byte priceVariationIndicator)
    {
        header(buffer, offset, Noii.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        buffer.putLong(offset + 11, pairedShares, BIG_ENDIAN);
        buffer.putLong(offset + 19, imbalanceShares, BIG_ENDIAN);
        buffer.putByte(offset + 27, imbalanceDirection);
        buffer.putLong(offset + 28, stock, BIG_ENDIAN);
        buffer.putInt(offset + 36, (int)farPrice, BIG_ENDIAN);
        buffer.putInt(offset + 40, (int)nearPrice, BIG_ENDIAN);
        buffer.putInt(offset + 44, (int)currentReferencePrice, BIG_ENDIAN);
        buffer.putByte(offset + 48, crossType);
        buffer.putByte(offset + 49, priceVariationIndicator);
        return Noii.LENGTH;
    }

    /**
     * Encode Retail Price Improvement Indicator ('N').
     *
     * @return the encoded length, 20.
     */
    public static int retailPriceImprovementIndicator(final MutableDirectBuffer buffer, final int offset, final int stockLocate, final int trackingNumber, final long timestamp, final long stock, final byte interestFlag)
    {
        header(buffer, offset, RetailPriceImprovementIndicator.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        buffer.putLong(offset + 11, stock, BIG_ENDIAN);
        buffer.putByte(offset + 19, interestFlag);
        return RetailPriceImprovementIndicator.LENGTH;
    }

    /**
     * Encode Direct Listing with Capital Raise Price Discovery ('O').
     *
     * @return the encoded length, 48.
     */
    public static int dlcrPriceDiscovery(final MutableDirectBuffer buffer, final int offset, final int stockLocate, final int trackingNumber, final long timestamp, final long stock, final byte openEligibilityStatus, final long minimumAllowablePrice, final long maximumAllowablePrice, final long nearExecutionPrice, final long nearExecutionTime, final long lowerPriceRangeCollar, final long upperPriceRangeCollar)
    {
        header(buffer, offset, DlcrPriceDiscovery.MESSAGE_TYPE, stockLocate, trackingNumber, timestamp);
        buffer.putLong(offset + 11, stock, BIG_ENDIAN);
        buffer.putByte(offset + 19, openEligibilityStatus);
        buffer.putInt(offset + 20, (int)minimumAllowablePrice, BIG_ENDIAN);
        buffer.putInt(offset + 24, (int)maximumAllowablePrice, BIG_ENDIAN);
        buffer.putInt(offset + 28, (int)nearExecutionPrice, BIG_ENDIAN);
        buffer.putLong(offset + 32, nearExecutionTime, BIG_ENDIAN);
        buffer.putInt(offset + 40, (int)lowerPriceRangeCollar, BIG_ENDIAN);
        buffer.putInt(offset + 44, (int)upperPriceRangeCollar, BIG_ENDIAN);
        return DlcrPriceDiscovery.LENGTH;
    }

    private ItchEncoder()
    {
    }
}
