package org.feedhandler.latency;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.time.Instant;
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
 * where midnight is the start of the calibration day on the wall clock of the given zone: the value is
 * the zone's time of day, with the UTC offset in force at calibration (so on the day daylight saving
 * starts or ends, 08:00 is 8 hours, not the 7 or 9 that have elapsed since midnight). Nasdaq's ITCH
 * timestamps count from midnight US Eastern ({@code feed.timestamp.zone}); in one process both sides
 * share an instance and any zone will do. After calibration a conversion is one add; a change of
 * offset during a run (at 02:00, with the market closed) is not followed.
 * <p>
 * The simulator stamps each message with {@code sinceMidnight(intendedSendNanoTime)}; the receiver
 * measures wire-to-book latency as {@code clock.sinceMidnight(System.nanoTime()) - itchTimestamp}.
 * In one process, share one instance and the two sides agree exactly. In two processes each side
 * calibrates on its own: the error is the two calibrations' uncertainty (the smallest gap, usually
 * well under a microsecond, see {@link #calibrationUncertaintyNanos()}) plus any NTP slew of the
 * wall clock against the monotonic one since (parts per million: microseconds over a minute-long
 * run). Values keep growing past midnight rather than wrapping, so a run that crosses midnight
 * still measures correctly; 48 bits hold 78 hours.
 * <p>
 * The same calibration maps the monotonic clock to the UNIX epoch ({@link #epochNanos},
 * {@link #epochNanoClock()}): the normalized output's receive and publish times both come from it, so a
 * message's receive time is never after its publish time, and neither costs a wall-clock read.
 */
public final class MidnightClock
{
    private static final int CALIBRATION_SAMPLES = 32;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long SECONDS_PER_DAY = 86_400L;

    private final NanoClock nanoClock;
    private final long offsetNanos;
    private final long epochOffsetNanos;
    private final long calibrationUncertaintyNanos;
    private final ZoneId zone;

    /**
     * Calibrate against the system clocks, midnight in UTC: for a sender and a receiver in one process,
     * which share the instance.
     */
    public MidnightClock()
    {
        this(ZoneOffset.UTC);
    }

    /**
     * Calibrate against the system clocks.
     *
     * @param zone whose midnight counts: the venue's ({@code feed.timestamp.zone}).
     */
    public MidnightClock(final ZoneId zone)
    {
        this(new SystemEpochNanoClock(), SystemNanoClock.INSTANCE, zone);
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
        final long epochSeconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        final long zoneOffsetSeconds = zone.getRules().getOffset(Instant.ofEpochSecond(epochSeconds)).getTotalSeconds();
        final long localMidnightSeconds = Math.floorDiv(epochSeconds + zoneOffsetSeconds, SECONDS_PER_DAY) *
            SECONDS_PER_DAY;
        // the zone's wall clock: epoch + offset, counted from the start of its day
        this.offsetNanos = epochMinusNano + (zoneOffsetSeconds - localMidnightSeconds) * NANOS_PER_SECOND;
        this.epochOffsetNanos = epochMinusNano;
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
     * @param nanoTime a reading of this clock's {@link NanoClock}.
     * @return the same instant as nanoseconds since the UNIX epoch.
     */
    public long epochNanos(final long nanoTime)
    {
        return nanoTime + epochOffsetNanos;
    }

    /**
     * @return what {@link #epochNanos} adds: the UNIX epoch time minus the {@link NanoClock} reading.
     */
    public long epochOffsetNanos()
    {
        return epochOffsetNanos;
    }

    /**
     * A wall clock read through the monotonic one: one {@link NanoClock} read and one add, allocation-free,
     * never resampled (Agrona's {@code OffsetEpochNanoClock} resamples hourly from the millisecond wall
     * clock, allocating on the calling thread, and its offset need not match this one's).
     *
     * @return an {@link EpochNanoClock} that agrees with {@link #epochNanos}.
     */
    public EpochNanoClock epochNanoClock()
    {
        return () -> epochNanos(nanoClock.nanoTime());
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
