package org.feedhandler.latency;

import java.util.concurrent.atomic.AtomicLongArray;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * One HdrHistogram {@link SingleWriterRecorder} per pipeline stage, recorded into by the hot path.
 * <p>
 * Each recorder has a fixed range, {@value #LOWEST_TRACKABLE_NANOS} ns to {@link #highestTrackableNanos()}
 * at {@value #SIGNIFICANT_DIGITS} significant digits: the auto-resizing constructor would allocate when a
 * value falls outside. Values are clamped into the range instead: a negative value (clocks of two hosts
 * disagreeing, a stamp missing) is not recorded but counted by {@link #negatives(int)}; a value above the
 * highest is recorded as the highest and counted by {@link #clamped(int)}.
 * <p>
 * Threading: one writer thread per stage calls {@link #record(int, long)}; one reader thread (see
 * {@link LatencyLog}) takes the interval histograms.
 */
public final class LatencyRecorders
{
    /** Receipt of the packet to the end of decoding its messages. */
    public static final int RECEIVE_TO_DECODE = 0;

    /** Receipt of the packet to the book updated. */
    public static final int RECEIVE_TO_BOOK = 1;

    /** Exchange (wire) timestamp to the book updated; crosses hosts' clocks. */
    public static final int WIRE_TO_BOOK = 2;

    public static final int STAGE_COUNT = 3;

    public static final long LOWEST_TRACKABLE_NANOS = 1;
    public static final long DEFAULT_HIGHEST_TRACKABLE_NANOS = 10_000_000_000L;
    public static final int SIGNIFICANT_DIGITS = 3;

    // one counter per cache line: the writers of different stages must not share one
    private static final int PADDING = 8;
    private static final String[] STAGE_NAMES = {"recv-decode", "recv-book", "wire-book"};

    private final long highestTrackableNanos;
    private final SingleWriterRecorder[] recorders = new SingleWriterRecorder[STAGE_COUNT];
    private final AtomicLongArray negatives = new AtomicLongArray(STAGE_COUNT * PADDING);
    private final AtomicLongArray clamped = new AtomicLongArray(STAGE_COUNT * PADDING);

    /**
     * Recorders tracking up to {@value #DEFAULT_HIGHEST_TRACKABLE_NANOS} ns (10 s).
     */
    public LatencyRecorders()
    {
        this(DEFAULT_HIGHEST_TRACKABLE_NANOS);
    }

    /**
     * @param highestTrackableNanos the highest value kept; higher ones are clamped to it.
     */
    public LatencyRecorders(final long highestTrackableNanos)
    {
        if (highestTrackableNanos < 2 * LOWEST_TRACKABLE_NANOS)
        {
            throw new IllegalArgumentException("highestTrackableNanos " + highestTrackableNanos + " < 2");
        }
        this.highestTrackableNanos = highestTrackableNanos;
        for (int i = 0; i < STAGE_COUNT; i++)
        {
            recorders[i] = new SingleWriterRecorder(LOWEST_TRACKABLE_NANOS, highestTrackableNanos, SIGNIFICANT_DIGITS);
        }
    }

    /**
     * Record one latency. Allocation free; call from the stage's one writer thread only.
     *
     * @param stage {@link #RECEIVE_TO_DECODE}, {@link #RECEIVE_TO_BOOK} or {@link #WIRE_TO_BOOK}.
     * @param nanos the latency in nanoseconds.
     */
    public void record(final int stage, final long nanos)
    {
        if (nanos < 0)
        {
            final int i = stage * PADDING;
            negatives.lazySet(i, negatives.get(i) + 1);
            return;
        }

        long value = nanos;
        if (value > highestTrackableNanos)
        {
            final int i = stage * PADDING;
            clamped.lazySet(i, clamped.get(i) + 1);
            value = highestTrackableNanos;
        }
        recorders[stage].recordValue(value);
    }

    /**
     * The values recorded for a stage since the last call, swapping in {@code reuse} for the next interval.
     * Reader side only.
     *
     * @param stage the stage.
     * @param reuse a histogram this method returned for the same stage before, or null the first time.
     * @return the interval's histogram.
     */
    public Histogram intervalHistogram(final int stage, final Histogram reuse)
    {
        return recorders[stage].getIntervalHistogram(reuse);
    }

    /**
     * @param stage the stage.
     * @return negative values seen (not recorded) since start.
     */
    public long negatives(final int stage)
    {
        return negatives.get(stage * PADDING);
    }

    /**
     * @param stage the stage.
     * @return values above {@link #highestTrackableNanos()} recorded as the highest, since start.
     */
    public long clamped(final int stage)
    {
        return clamped.get(stage * PADDING);
    }

    public long highestTrackableNanos()
    {
        return highestTrackableNanos;
    }

    /**
     * @param stage the stage.
     * @return its short name, used as the {@code .hlog} tag and the {@code .hgrm} file name.
     */
    public static String stageName(final int stage)
    {
        return STAGE_NAMES[stage];
    }
}
