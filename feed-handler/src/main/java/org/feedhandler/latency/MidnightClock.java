package org.feedhandler.latency;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Maps the monotonic clock ({@link System#nanoTime()}) to ITCH timestamps, nanoseconds since
 * midnight, so that the simulator and a receiver on the same host agree on time without reading
 * the wall clock on the hot path.
 * <p>
 * At construction the wall clock (epoch nanoseconds, {@code CLOCK_REALTIME}) is read between two
 * monotonic reads, several times, and the pair with the smallest gap fixes one offset:
 * <pre>
 *   sinceMidnight(nanoTime) = nanoTime + (epochNanos - nanoTimeAtEpochRead) - midnightEpochNanos
 * </pre>
 * where midnight is the start of the calibration day in the given zone (UTC by default; Nasdaq uses
 * US Eastern, and both sides only need to use the same zone). After that a conversion is one add.
 * <p>
 * The simulator stamps each message with {@code sinceMidnight(intendedSendNanoTime)}; the receiver
 * measures wire-to-book latency as {@code clock.sinceMidnight(System.nanoTime()) - itchTimestamp}.
 * In one process, share one instance and the two sides agree exactly. In two processes each side
 * calibrates on its own: the error is the two calibrations' uncertainty (the smallest gap, usually
 * well under a microsecond, see {@link #calibrationUncertaintyNanos()}) plus any NTP slew of the
 * wall clock against the monotonic one since (parts per million: microseconds over a minute-long
 * run). Values keep growing past midnight rather than wrapping, so a run that crosses midnight
 * still measures correctly; 48 bits hold 78 hours.
 */
public final class MidnightClock
{
    private static final int CALIBRATION_SAMPLES = 32;

    private final NanoClock nanoClock;
    private final long offsetNanos;
    private final long calibrationUncertaintyNanos;
    private final ZoneId zone;

    /**
     * Calibrate against the system clocks, midnight in UTC.
     */
    public MidnightClock()
    {
        this(new SystemEpochNanoClock(), SystemNanoClock.INSTANCE, ZoneOffset.UTC);
    }

    /**
     * @param epochClock wall clock, nanoseconds since 1970-01-01T00:00Z.
     * @param nanoClock  the monotonic clock to map.
     * @param zone       whose midnight counts.
     */
    public MidnightClock(final EpochNanoClock epochClock, final NanoClock nanoClock, final ZoneId zone)
    {
        this.nanoClock = nanoClock;
        this.zone = zone;
        long bestGap = Long.MAX_VALUE;
        long epochMinusNano = 0;
        long epochNanos = 0;
        for (int i = 0; i < CALIBRATION_SAMPLES; i++)
        {
            final long before = nanoClock.nanoTime();
            final long epoch = epochClock.nanoTime();
            final long after = nanoClock.nanoTime();
            final long gap = after - before;
            if (gap < bestGap)
            {
                bestGap = gap;
                epochNanos = epoch;
                epochMinusNano = epoch - (before + gap / 2);
            }
        }
        final Instant instant = Instant.ofEpochSecond(0, epochNanos);
        final long midnightEpochNanos = LocalDate.ofInstant(instant, zone).atStartOfDay(zone).toEpochSecond() *
            1_000_000_000L;
        this.offsetNanos = epochMinusNano - midnightEpochNanos;
        this.calibrationUncertaintyNanos = bestGap;
    }

    /**
     * @param nanoTime a reading of this clock's {@link NanoClock}.
     * @return nanoseconds since midnight at that instant.
     */
    public long sinceMidnight(final long nanoTime)
    {
        return nanoTime + offsetNanos;
    }

    /**
     * @param sinceMidnight nanoseconds since midnight (an ITCH timestamp).
     * @return the {@link NanoClock} reading at that instant.
     */
    public long nanoTime(final long sinceMidnight)
    {
        return sinceMidnight - offsetNanos;
    }

    /**
     * @return nanoseconds since midnight now.
     */
    public long nowSinceMidnight()
    {
        return nanoClock.nanoTime() + offsetNanos;
    }

    /**
     * @return the gap between the monotonic reads around the wall-clock read used: the mapping is
     * good to about half of it.
     */
    public long calibrationUncertaintyNanos()
    {
        return calibrationUncertaintyNanos;
    }

    public NanoClock nanoClock()
    {
        return nanoClock;
    }

    public ZoneId zone()
    {
        return zone;
    }
}
