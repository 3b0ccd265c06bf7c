package org.feedhandler.status;

import org.agrona.concurrent.status.AtomicCounter;

/**
 * A count kept in a plain field by the one thread that updates it, published to its shared
 * {@link AtomicCounter} once per duty cycle.
 * <p>
 * Updates are a plain add to a field the thread owns: no fence, no shared cache line. {@link #publish()}
 * writes the shared counter with {@code setRelease} (a plain store plus a compiler barrier on x86) and only
 * when the value changed since the last publish, so an idle counter never pulls the cache line a
 * {@code stat} reader is polling back into the hot core.
 * <pre>
 * final LocalCounter packets = new LocalCounter(feedCounters.packets());
 * ...
 * public int doWork()
 * {
 *     // per packet
 *     packets.increment();
 *     ...
 *     // once, at the end of the duty cycle
 *     packets.publish();
 * }
 * </pre>
 */
public final class LocalCounter
{
    private final AtomicCounter counter;
    private long value;
    private long published;

    /**
     * @param counter the shared counter, starting from its current value.
     */
    public LocalCounter(final AtomicCounter counter)
    {
        this.counter = counter;
        this.value = counter.get();
        this.published = value;
    }

    public void increment()
    {
        value++;
    }

    public void add(final long delta)
    {
        value += delta;
    }

    public void set(final long newValue)
    {
        value = newValue;
    }

    /**
     * Keep the larger of the current value and this one (e.g. the longest duty cycle).
     *
     * @param candidate a new observation.
     */
    public void max(final long candidate)
    {
        if (candidate > value)
        {
            value = candidate;
        }
    }

    /**
     * @return the local value, published or not.
     */
    public long get()
    {
        return value;
    }

    /**
     * Publish the local value to the shared counter when it changed.
     *
     * @return true when a store was made.
     */
    public boolean publish()
    {
        final long value = this.value;
        if (value != published)
        {
            published = value;
            counter.setRelease(value);
            return true;
        }
        return false;
    }

    /**
     * @return the shared counter this publishes to.
     */
    public AtomicCounter counter()
    {
        return counter;
    }
}
