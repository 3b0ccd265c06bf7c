package org.feedhandler.protocol.itch;

/**
 * Receives decoded ITCH 5.0 messages from {@link ItchDecoder}. Each callback gets a flyweight
 * that is valid only for the duration of the call; copy out what must outlive it. Every method
 * defaults to doing nothing, so a listener implements only what it needs.
 */
public interface ItchListener
{
    /**
     * System Event ('S').
     *
     * @param message the flyweight, valid only during the call.
     */
    default void onSystemEvent(final SystemEvent message)
    {
    }

    /**
     * Stock Directory ('R').
     *
     * @param message the flyweight, valid only during the call.
     */
    default void onStockDirectory(final StockDirectory message)
    {
    }

    /**
     * Stock Trading Action ('H').
     *
     * @param message the flyweight, valid only during the call.
     */
    default void onStockTradingAction(final StockTradingAction message)
    {
    }

    /**
     * Reg SHO Restriction ('Y').
     *
     * @param message the flyweight, valid only during the call.
     */
    default void onRegShoRestriction(final RegShoRestriction message)
    {
    }

    /**
     * Market Participant Position ('L').
     *
     * @param message the flyweight, valid only during the call.
     */
    default void onMarketParticipantPosition(final MarketParticipantPosition message)
    {
    }

    /**
     * MWCB Decline Level ('V').
     *
     * @param message the flyweight, valid only during the call.
     */
    default void onMwcbDeclineLevel(final MwcbDeclineLevel message)
    {
    }

    /**
     * MWCB Status ('W').
     *
     * @param message the flyweight, valid only during the call.
     */
    default void onMwcbStatus(final MwcbStatus message)
    {
    }

    /**
     * IPO Quoting Period Update ('K').
     *
     * @param message the flyweight, valid only during the call.
     */
    default void onIpoQuotingPeriodUpdate(final IpoQuotingPeriodUpdate message)
    {
    }

    /**
     * LULD Auction Collar ('J').
     *
     * @param message the flyweight, valid only during the call.
     */
    default void onLuldAuctionCollar(final LuldAuctionCollar message)
    {
    }

    /**
     * Operational Halt ('h').
     *
     * @param message the flyweight, valid only during the call.
     */
    default void onOperationalHalt(final OperationalHalt message)
    {
    }

    /**
     * Add Order (no MPID attribution) ('A').
     *
     * @param message the flyweight, valid only during the call.
     */
    default void onAddOrder(final AddOrder message)
    {
    }

    /**
     * Add Order with MPID attribution ('F').
     *
     * @param message the flyweight, valid only during the call.
     */
    default void onAddOrderMpid(final AddOrderMpid message)
    {
    }

    /**
     * Order Executed ('E').
     *
     * @param message the flyweight, valid only during the call.
     */
    default void onOrderExecuted(final OrderExecuted message)
    {
    }

    /**
     * Order Executed With Price ('C').
     *
     * @param message the flyweight, valid only during the call.
     */
    default void onOrderExecutedWithPrice(final OrderExecutedWithPrice message)
    {
    }

    /**
     * Order Cancel ('X').
     *
     * @param message the flyweight, valid only during the call.
     */
    default void onOrderCancel(final OrderCancel message)
    {
    }

    /**
     * Order Delete ('D').
     *
     * @param message the flyweight, valid only during the call.
     */
    default void onOrderDelete(final OrderDelete message)
    {
    }

    /**
     * Order Replace ('U').
     *
     * @param message the flyweight, valid only during the call.
     */
    default void onOrderReplace(final OrderReplace message)
    {
    }

    /**
     * Trade (non-cross) ('P').
     *
     * @param message the flyweight, valid only during the call.
     */
    default void onTrade(final Trade message)
    {
    }

    /**
     * Cross Trade ('Q').
     *
     * @param message the flyweight, valid only during the call.
     */
    default void onCrossTrade(final CrossTrade message)
    {
    }

    /**
     * Broken Trade ('B').
     *
     * @param message the flyweight, valid only during the call.
     */
    default void onBrokenTrade(final BrokenTrade message)
    {
    }

    /**
     * Net Order Imbalance Indicator ('I').
     *
     * @param message the flyweight, valid only during the call.
     */
    default void onNoii(final Noii message)
    {
    }

    /**
     * Retail Price Improvement Indicator ('N').
     *
     * @param message the flyweight, valid only during the call.
     */
    default void onRetailPriceImprovementIndicator(final RetailPriceImprovementIndicator message)
    {
    }

    /**
     * Direct Listing with Capital Raise Price Discovery ('O').
     *
     * @param message the flyweight, valid only during the call.
     */
    default void onDlcrPriceDiscovery(final DlcrPriceDiscovery message)
    {
    }
}
