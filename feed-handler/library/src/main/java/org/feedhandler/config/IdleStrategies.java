package org.feedhandler.config;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Idle strategies by name, as configuration and options spell them.
 * <pre>
 *   spin     busy spin with Thread.onSpinWait (PAUSE): one core, lowest latency (production)
 *   noop     pure busy loop, no PAUSE
 *   yield    Thread.yield between polls: shares a core, still responsive
 *   backoff  spin, then yield, then park 1 us .. 100 us: for small machines and non-critical threads
 *   sleep    park 1 ms: lab machines only
 * </pre>
 */
public final class IdleStrategies
{
    public static final String NAMES = "spin, noop, yield, backoff, sleep";

    /**
     * @param name the strategy's name.
     * @param key  the configuration key or option that named it, for the error.
     * @return a new idle strategy.
     * @throws ConfigurationException naming the key for an unknown name.
     */
    public static IdleStrategy of(final String name, final String key)
    {
        switch (name.toLowerCase(Locale.ROOT))
        {
            case "spin":
                return new BusySpinIdleStrategy();
            case "noop":
                return new NoOpIdleStrategy();
            case "yield":
                return new YieldingIdleStrategy();
            case "backoff":
                return new BackoffIdleStrategy(
                    10, 10, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MICROSECONDS.toNanos(100));
            case "sleep":
                return new SleepingMillisIdleStrategy(1);
            default:
                throw new ConfigurationException(key, "'" + name + "' is not an idle strategy; one of " + NAMES);
        }
    }

    private IdleStrategies()
    {
    }
}
