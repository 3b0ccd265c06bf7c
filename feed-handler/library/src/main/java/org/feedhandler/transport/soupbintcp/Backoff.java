package org.feedhandler.transport.soupbintcp;

/**
 * The wait before a reconnection: {@code initialNs} after the first failure, doubled per further failure in
 * a row, capped at {@code maxNs}. A success resets the count, so a session that worked once starts again from
 * the shortest wait. Plain fields, one thread; no allocation.
 */
public final class Backoff
{
    /** Past this many doublings any sane initial wait is over any sane cap; it also keeps the shift in range. */
    private static final int MAX_DOUBLINGS = 30;

    private final long initialNs;
    private final long maxNs;
    private int consecutiveFailures;

    /**
     * @param initialNs the first wait, positive.
     * @param maxNs     the longest wait, not less than {@code initialNs}.
     */
    public Backoff(final long initialNs, final long maxNs)
    {
        this.initialNs = initialNs;
        this.maxNs = maxNs;
    }

    /**
     * Count one more failure in a row.
     *
     * @return the failures in a row so far, counting this one.
     */
    public int onFailure()
    {
        return ++consecutiveFailures;
    }

    /**
     * A success: the next failure waits the initial time again.
     */
    public void reset()
    {
        consecutiveFailures = 0;
    }

    /** @return the wait owed to the failures counted so far. */
    public long delayNs()
    {
        return delayNs(consecutiveFailures);
    }

    /**
     * @param failures consecutive failures so far, 1 or more.
     * @return the wait before the next attempt: initial, doubled per failure, capped.
     */
    public long delayNs(final int failures)
    {
        final int doublings = Math.min(Math.max(failures - 1, 0), MAX_DOUBLINGS);
        final long wait = initialNs << doublings;
        return wait <= 0 || wait > maxNs ? maxNs : wait;
    }
}
