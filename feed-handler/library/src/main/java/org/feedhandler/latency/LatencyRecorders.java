package org.feedhandler.latency;

import java.util.concurrent.atomic.AtomicLongArray;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * One HdrHistogram {@link Histogram} per pipeline stage, recorded into by the hot path and swapped out
 * by a reader once an interval, under a {@link WriterReaderPhaser}: HdrHistogram's own recorder design.
 * <p>
 * <b>Batches.</b> HdrHistogram's {@code SingleWriterRecorder} enters and leaves the phaser's critical
 * section around every value: two atomic increments a value, six a message at three stages, which
 * measured more than the clock reads (LatencyRecordBenchmark, bench/RESULTS.md). Here the writer
 * enters once for a batch (the pipeline: a packet),
 * {@link #recordInBatch records} every value of it into plain histograms, and leaves once. A reader's
 * swap waits for the batch in progress, a packet's worth of work; a batch must therefore always end,
 * even when a listener throws ({@code try/finally}). {@link #record} is a batch of one.
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
    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    /** The histograms being written; an element is replaced by the reader, inside {@link #phaser}'s flip. */
    private final Histogram[] active = new Histogram[STAGE_COUNT];
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
            active[i] = newHistogram();
        }
    }

    /**
     * Record one latency: a batch of one. Allocation free; call from the stage's one writer thread only.
     *
     * @param stage {@link #RECEIVE_TO_DECODE}, {@link #RECEIVE_TO_BOOK} or {@link #WIRE_TO_BOOK}.
     * @param nanos the latency in nanoseconds.
     */
    public void record(final int stage, final long nanos)
    {
        final long batch = beginBatch();
        try
        {
            recordInBatch(stage, nanos);
        }
        finally
        {
            endBatch(batch);
        }
    }

    /**
     * Start a batch of records: the writer's side of the phaser, one atomic increment.
     *
     * @return the token to pass to {@link #endBatch}.
     */
    public long beginBatch()
    {
        return phaser.writerCriticalSectionEnter();
    }

    /**
     * End the batch {@link #beginBatch} started: one atomic increment. Until it ends, a reader's
     * {@link #intervalHistogram} waits.
     *
     * @param batch the token {@link #beginBatch} returned.
     */
    public void endBatch(final long batch)
    {
        phaser.writerCriticalSectionExit(batch);
    }

    /**
     * Record one latency inside a batch: plain writes, no atomics. Allocation free; the writer thread only,
     * between {@link #beginBatch} and {@link #endBatch}.
     *
     * @param stage {@link #RECEIVE_TO_DECODE}, {@link #RECEIVE_TO_BOOK} or {@link #WIRE_TO_BOOK}.
     * @param nanos the latency in nanoseconds.
     */
    public void recordInBatch(final int stage, final long nanos)
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
        active[stage].recordValue(value);
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
        final Histogram next = null == reuse ? newHistogram() : reuse;
        next.reset();
        phaser.readerLock();
        try
        {
            final Histogram interval = active[stage];
            active[stage] = next;
            // waits for the batch in progress, whose writer may still hold the old histogram; the
            // writer's next beginBatch (an atomic increment after this flip) then reads the new one
            phaser.flipPhase();
            return interval;
        }
        finally
        {
            phaser.readerUnlock();
        }
    }

    private Histogram newHistogram()
    {
        return new Histogram(LOWEST_TRACKABLE_NANOS, highestTrackableNanos, SIGNIFICANT_DIGITS);
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
