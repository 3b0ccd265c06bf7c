package org.feedhandler.latency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class MidnightClockTest
{
    private static final long HOUR = 3_600_000_000_000L;

    private static long epochNanos(final String instant)
    {
        final Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Test
    void shouldMapTheMonotonicClockToNanosecondsSinceMidnight()
    {
        final long[] nano = {1_000};
        final long epoch = epochNanos("2026-11-23T10:00:00.000000123Z");
        // the monotonic clock advances 10 ns per read; the wall clock is read between two of them
        final MidnightClock clock = new MidnightClock(() -> epoch + (nano[0] - 1_000), () -> nano[0] += 10, ZoneOffset.UTC);

        assertEquals(10, clock.calibrationUncertaintyNanos());
        final long at = clock.sinceMidnight(5_000_000);
        assertTrue(Math.abs(at - (10 * HOUR + 123 + 5_000_000 - 1_000)) < 1_000, "since midnight " + at);
        assertEquals(5_000_000, clock.nanoTime(clock.sinceMidnight(5_000_000)));
        assertEquals(1_000_000_000, clock.sinceMidnight(2_000_000_000) - clock.sinceMidnight(1_000_000_000));
    }

    @Test
    void shouldMapTheMonotonicClockToTheEpochWithTheSameCalibration()
    {
        final long[] nano = {1_000};
        final long epoch = epochNanos("2026-11-23T10:00:00.000000123Z");
        final MidnightClock clock = new MidnightClock(() -> epoch + (nano[0] - 1_000), () -> nano[0] += 10, ZoneOffset.UTC);

        // calibrated at monotonic 1_000 + 5 (the middle of the best pair): epoch there
        assertEquals(epoch - 5 - 1_000 + 5_000_000, clock.epochNanos(5_000_000));
        assertEquals(clock.epochNanos(0), clock.epochOffsetNanos());
        // since midnight and since the epoch differ by midnight's epoch time, whatever the instant
        assertEquals(clock.epochNanos(7) - clock.sinceMidnight(7), clock.epochNanos(9_999) - clock.sinceMidnight(9_999));
        final long before = nano[0];
        final long read = clock.epochNanoClock().nanoTime();
        assertEquals(clock.epochNanos(before + 10), read, "one monotonic read, mapped");
    }

    @Test
    void shouldCountFromMidnightInTheGivenZone()
    {
        final long epoch = epochNanos("2026-11-23T15:00:00Z"); // 10:00 in New York (EST, UTC-5)
        final MidnightClock clock = new MidnightClock(() -> epoch, () -> 0, ZoneId.of("America/New_York"));
        assertEquals(10 * HOUR, clock.sinceMidnight(0));
    }

    @Test
    void shouldCountTheVenuesWallClockOnEitherSideOfADaylightSavingChange()
    {
        final ZoneId newYork = ZoneId.of("America/New_York");
        // 09:30 in New York is 14:30 UTC in winter (EST, UTC-5) and 13:30 UTC in summer (EDT, UTC-4): 2026's
        // change is on Sunday 8 March at 02:00; the open is 9.5 hours after midnight on both sides of it
        final long open = 9 * HOUR + HOUR / 2;
        assertEquals(open, sinceMidnightAt("2026-03-06T14:30:00Z", newYork));
        assertEquals(open, sinceMidnightAt("2026-03-09T13:30:00Z", newYork));
        // and back on Sunday 1 November
        assertEquals(open, sinceMidnightAt("2026-10-30T13:30:00Z", newYork));
        assertEquals(open, sinceMidnightAt("2026-11-02T14:30:00Z", newYork));
        // UTC midnight, the old default, is 4-5 hours off the venue's
        assertEquals(open + 5 * HOUR, sinceMidnightAt("2026-03-06T14:30:00Z", ZoneOffset.UTC));
    }

    @Test
    void shouldCountTheWallClockNotTheElapsedTimeOnTheDayOfTheChange()
    {
        final ZoneId newYork = ZoneId.of("America/New_York");
        // 8 March 2026 at 08:00 EDT: 7 hours have elapsed since midnight EST, the clock says 8
        assertEquals(8 * HOUR, sinceMidnightAt("2026-03-08T12:00:00Z", newYork));
        // 1 November 2026 at 08:00 EST: 9 hours elapsed, the clock says 8
        assertEquals(8 * HOUR, sinceMidnightAt("2026-11-01T13:00:00Z", newYork));
        // before the change, at 01:30 EST, nothing differs
        assertEquals(HOUR + HOUR / 2, sinceMidnightAt("2026-03-08T06:30:00Z", newYork));
    }

    private static long sinceMidnightAt(final String instant, final ZoneId zone)
    {
        final long epoch = epochNanos(instant);
        return new MidnightClock(() -> epoch, () -> 0, zone).sinceMidnight(0);
    }

    @Test
    void shouldKeepCountingPastMidnightRatherThanWrap()
    {
        final long epoch = epochNanos("2026-11-23T23:59:59Z");
        final MidnightClock clock = new MidnightClock(() -> epoch, () -> 0, ZoneOffset.UTC);
        assertEquals(24 * HOUR + 1_000_000_000L, clock.sinceMidnight(2_000_000_000L));
    }

    @Test
    void shouldAgreeWithTheSystemWallClock()
    {
        final MidnightClock clock = new MidnightClock();
        // bracketed by two wall-clock reads, however long the thread is descheduled between them; the
        // slack is the calibration's own uncertainty plus a millisecond for the wall clock's resolution
        final long before = sinceMidnightUtc(Instant.now());
        final long actual = clock.nowSinceMidnight();
        final long after = sinceMidnightUtc(Instant.now());
        final long slack = clock.calibrationUncertaintyNanos() + 1_000_000L;
        final long day = 24 * HOUR;
        // measured from the lower bound round the clock face, so that a run across midnight still holds
        final long low = before - slack;
        assertTrue(Math.floorMod(actual - low, day) <= Math.floorMod(after + slack - low, day),
            actual + " not within [" + before + ", " + after + "] +/- " + slack);
    }

    private static long sinceMidnightUtc(final Instant now)
    {
        return (now.getEpochSecond() % 86_400) * 1_000_000_000L + now.getNano();
    }
}
