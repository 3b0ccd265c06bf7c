package org.feedhandler.pipeline;

import java.util.function.IntToLongFunction;

import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.book.OrderBooks;
import org.feedhandler.protocol.itch.GlimpseSnapshot;
import org.feedhandler.protocol.itch.ItchEncoder;
import org.feedhandler.protocol.itch.Symbols;

/**
 * Turns order books into a GLIMPSE 5.0 snapshot, the messages a handler that joins late needs to
 * rebuild them: a System Event, then for each stock (a locate with a symbol, or with orders) its Stock
 * Directory, Stock Trading Action and Reg SHO Restriction, then an Add Order for every resting order,
 * level by level from the best, each level's orders in time priority (the head first, so that adding
 * them in turn rebuilds each queue as it was); last the End of Snapshot with the ITCH sequence number at
 * which the live feed continues. Read-only on the books, through their query API. The inverse of
 * {@link BookBuilder}: what one builds from messages, the other turns back into messages.
 * <p>
 * The books keep no symbols, trading states or Reg SHO states: symbols come from {@code symbols} (the
 * simulator's generator or a {@link BookBuilder} knows them), and every stock is reported trading
 * ({@code 'T'}) with no Reg SHO restriction ({@code '0'}), which is what the simulator's books mean.
 * Stock Directory fields the books cannot know are filled with the simulator's values (market category
 * 'Q', financial status 'N', round lot 100). Off the hot path; it grows its arrays to the deepest
 * level met.
 */
public final class GlimpseSnapshotBuilder
{
    private static final byte[] SIDES = {OrderBooks.BUY, OrderBooks.SELL};
    private static final int MAX_MESSAGE_LENGTH = 64;

    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[MAX_MESSAGE_LENGTH]);
    private long[] levelPrices = new long[64];
    private long[] levelShares = new long[64];
    private long[] levelOrders = new long[64];
    private long[] orderRefs = new long[64];
    private long[] orderShares = new long[64];
    private long stocks;
    private long orders;

    /**
     * Build a snapshot of {@code books} into {@code snapshot} (cleared first).
     *
     * @param books              the books, read only.
     * @param symbols            the symbol of each locate as a long ({@link Symbols}), 0 when none.
     * @param systemEventCode    the System Event to report first (e.g. {@code 'Q'}, market hours).
     * @param timestamp          ITCH timestamp for every message, nanoseconds since midnight.
     * @param itchSequenceNumber the sequence number of the first live message the books do not include.
     * @param snapshot           receives the messages.
     * @return {@code snapshot}.
     */
    public GlimpseSnapshot build(
        final OrderBooks books,
        final IntToLongFunction symbols,
        final byte systemEventCode,
        final long timestamp,
        final long itchSequenceNumber,
        final GlimpseSnapshot snapshot)
    {
        snapshot.clear();
        stocks = 0;
        orders = 0;
        snapshot.append(scratch, 0, ItchEncoder.systemEvent(scratch, 0, 0, 0, timestamp, systemEventCode));
        for (int locate = 0; locate < OrderBooks.LOCATE_COUNT; locate++)
        {
            final long symbol = symbols.applyAsLong(locate);
            if (0 == symbol && books.isEmpty(locate))
            {
                continue;
            }
            stocks++;
            if (0 != symbol)
            {
                appendStock(snapshot, locate, symbol, timestamp);
            }
            for (final byte side : SIDES)
            {
                appendOrders(snapshot, books, locate, side, 0 == symbol ? Symbols.fromString("") : symbol, timestamp);
            }
        }
        snapshot.appendEndOfSnapshot(itchSequenceNumber);
        return snapshot;
    }

    /** @return stocks in the last snapshot built. */
    public long stocks()
    {
        return stocks;
    }

    /** @return Add Orders in the last snapshot built. */
    public long orders()
    {
        return orders;
    }

    private void appendStock(final GlimpseSnapshot snapshot, final int locate, final long symbol, final long timestamp)
    {
        snapshot.append(scratch, 0, ItchEncoder.stockDirectory(scratch, 0, locate, 0, timestamp, symbol,
            (byte)'Q', (byte)'N', 100, (byte)'N', (byte)'C', 0x2020, (byte)'P', (byte)'N', (byte)'N', (byte)' ',
            (byte)'N', 0, (byte)'N'));
        snapshot.append(scratch, 0, ItchEncoder.stockTradingAction(
            scratch, 0, locate, 0, timestamp, symbol, (byte)'T', (byte)' ', 0x20202020));
        snapshot.append(scratch, 0, ItchEncoder.regShoRestriction(scratch, 0, locate, 0, timestamp, symbol, (byte)'0'));
    }

    private void appendOrders(
        final GlimpseSnapshot snapshot,
        final OrderBooks books,
        final int locate,
        final byte side,
        final long symbol,
        final long timestamp)
    {
        final int levelCount = books.levelCount(locate, side);
        if (levelCount > levelPrices.length)
        {
            final int capacity = Integer.highestOneBit(levelCount) << 1;
            levelPrices = new long[capacity];
            levelShares = new long[capacity];
            levelOrders = new long[capacity];
        }
        final int levels = books.levels(locate, side, levelCount, levelPrices, levelShares, levelOrders);
        for (int level = 0; level < levels; level++)
        {
            final int orderCount = (int)levelOrders[level];
            if (orderCount > orderRefs.length)
            {
                final int capacity = Integer.highestOneBit(orderCount) << 1;
                orderRefs = new long[capacity];
                orderShares = new long[capacity];
            }
            final long price = levelPrices[level];
            final int count = books.ordersAt(locate, side, price, orderCount, orderRefs, orderShares);
            for (int i = 0; i < count; i++)
            {
                snapshot.append(scratch, 0, ItchEncoder.addOrder(
                    scratch, 0, locate, 0, timestamp, orderRefs[i], side, orderShares[i], symbol, price));
                orders++;
            }
        }
    }
}
