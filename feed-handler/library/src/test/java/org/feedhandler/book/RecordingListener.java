package org.feedhandler.book;

import java.util.ArrayList;
import java.util.List;

/**
 * Records listener calls as small values, to compare with {@code assertEquals}.
 */
final class RecordingListener implements BookListener
{
    record TopOfBook(int locate, long bidPrice, long bidShares, long askPrice, long askShares, long timestamp)
    {
    }

    record Level(int locate, char side, long price, long totalShares, int orderCount, long timestamp)
    {
    }

    record Trade(int locate, long orderRef, char side, long shares, long price, long matchNumber, long timestamp)
    {
    }

    record Stale(int locate, boolean stale)
    {
    }

    record Capacity(String settingKey, int capacity)
    {
    }

    final List<Object> events = new ArrayList<>();

    public void onTopOfBook(
        final int locate,
        final long bidPrice,
        final long bidShares,
        final long askPrice,
        final long askShares,
        final long timestamp)
    {
        events.add(new TopOfBook(locate, bidPrice, bidShares, askPrice, askShares, timestamp));
    }

    public void onLevelChanged(
        final int locate,
        final byte side,
        final long price,
        final long totalShares,
        final int orderCount,
        final long timestamp)
    {
        events.add(new Level(locate, (char)side, price, totalShares, orderCount, timestamp));
    }

    public void onTrade(
        final int locate,
        final long orderRef,
        final byte side,
        final long shares,
        final long price,
        final long matchNumber,
        final long timestamp)
    {
        events.add(new Trade(locate, orderRef, (char)side, shares, price, matchNumber, timestamp));
    }

    public void onStale(final int locate, final boolean stale)
    {
        events.add(new Stale(locate, stale));
    }

    public void onCapacityExceeded(final String settingKey, final int capacity)
    {
        events.add(new Capacity(settingKey, capacity));
    }

    List<Object> take()
    {
        final List<Object> copy = new ArrayList<>(events);
        events.clear();
        return copy;
    }

    static TopOfBook tob(
        final int locate, final long bidPrice, final long bidShares, final long askPrice, final long askShares, final long ts)
    {
        return new TopOfBook(locate, bidPrice, bidShares, askPrice, askShares, ts);
    }

    static Level level(
        final int locate, final char side, final long price, final long shares, final int orders, final long ts)
    {
        return new Level(locate, side, price, shares, orders, ts);
    }
}
