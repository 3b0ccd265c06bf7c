package org.feedhandler.book;

/**
 * Changes of the books, called on the thread that applies the messages, synchronously, in this
 * order for one operation: {@link #onLevelChanged} for each level touched, then at most one
 * {@link #onTopOfBook}. Every method has a no-op default so a listener overrides only what it
 * needs. Implementations on the hot path must not allocate or block, and must not call back into
 * {@link OrderBooks} to change it: an event arrives while an operation is still in progress.
 * <p>
 * Prices are ITCH {@code Price(4)} values (unsigned 32-bit in a {@code long}); an absent side is
 * reported as {@link OrderBooks#NULL_PRICE} with zero shares. Sides are the ASCII bytes
 * {@link OrderBooks#BUY} and {@link OrderBooks#SELL}.
 */
public interface BookListener
{
    /**
     * A listener that ignores everything.
     */
    BookListener NO_OP = new BookListener()
    {
    };

    /**
     * The best bid or the best offer of a book changed price or total shares. {@link OrderBooks} tracks
     * the top of book for this event only when the listener's class overrides this method: a listener
     * that does not is spared its cost.
     *
     * @param locate    Stock Locate of the book.
     * @param bidPrice  best bid price, or {@link OrderBooks#NULL_PRICE} when there are no bids.
     * @param bidShares total shares at the best bid, 0 when there are no bids.
     * @param askPrice  best offer price, or {@link OrderBooks#NULL_PRICE} when there are no offers.
     * @param askShares total shares at the best offer, 0 when there are no offers.
     * @param timestamp timestamp of the message that caused the change.
     */
    default void onTopOfBook(
        final int locate,
        final long bidPrice,
        final long bidShares,
        final long askPrice,
        final long askShares,
        final long timestamp)
    {
    }

    /**
     * A price level was created, changed or removed. A removed level reports zero shares and zero
     * orders.
     *
     * @param locate      Stock Locate of the book.
     * @param side        {@link OrderBooks#BUY} or {@link OrderBooks#SELL}.
     * @param price       price of the level.
     * @param totalShares shares resting at the level now (64-bit, may exceed 2^32).
     * @param orderCount  orders resting at the level now.
     * @param timestamp   timestamp of the message that caused the change.
     */
    default void onLevelChanged(
        final int locate,
        final byte side,
        final long price,
        final long totalShares,
        final int orderCount,
        final long timestamp)
    {
    }

    /**
     * A trade that does not change the visible book (ITCH {@code P} and {@code Q}).
     *
     * @param locate      Stock Locate.
     * @param orderRef    order reference (unsigned 64-bit; 0 for a cross).
     * @param side        side byte as received.
     * @param shares      shares traded (unsigned; a cross can exceed 2^32).
     * @param price       trade price.
     * @param matchNumber match number (unsigned 64-bit).
     * @param timestamp   timestamp of the message.
     */
    default void onTrade(
        final int locate,
        final long orderRef,
        final byte side,
        final long shares,
        final long price,
        final long matchNumber,
        final long timestamp)
    {
    }

    /**
     * A trade reported earlier was broken (ITCH {@code B}); the book is unchanged.
     *
     * @param locate      Stock Locate.
     * @param matchNumber the broken trade's match number.
     * @param timestamp   message timestamp.
     */
    default void onBrokenTrade(final int locate, final long matchNumber, final long timestamp)
    {
    }

    /**
     * The possibly-stale flag of a book changed. {@link OrderBooks#markAllStale()} and
     * {@link OrderBooks#clearAllStale()} report once with {@link OrderBooks#ALL_LOCATES}
     * instead of once per locate.
     *
     * @param locate Stock Locate, or {@link OrderBooks#ALL_LOCATES}.
     * @param stale  true when the book may be wrong (messages were lost), false when trusted again.
     */
    default void onStale(final int locate, final boolean stale)
    {
    }

    /**
     * A preallocated capacity is exhausted and a message could not be applied. Called once at the
     * first rejection of a burst; rejections are counted until an allocation of the same kind
     * succeeds again. A message to an operator must name {@code settingKey}: it is the setting to
     * raise.
     *
     * @param settingKey the configuration key that sets the capacity, e.g. {@code feed.book.max.orders}.
     * @param capacity   the capacity in force.
     */
    default void onCapacityExceeded(final String settingKey, final int capacity)
    {
    }
}
