package org.feedhandler.pipeline;

/**
 * Converts the receiver's monotonic clock into the exchange's time of day, nanoseconds since
 * midnight, the unit of ITCH's Timestamp, so wire-to-book latency is
 * {@code sinceMidnight(now) - itchTimestamp}. Meaningful when sender and receiver share a clock
 * (one host, or PTP-disciplined hosts).
 */
@FunctionalInterface
public interface WireClock
{
    /**
     * @param monotonicNanos a {@link System#nanoTime()} reading.
     * @return the same instant as nanoseconds since midnight.
     */
    long sinceMidnight(long monotonicNanos);
}
