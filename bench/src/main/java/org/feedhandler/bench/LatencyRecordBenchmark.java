package org.feedhandler.bench;

import org.HdrHistogram.SingleWriterRecorder;
import org.feedhandler.latency.LatencyRecorders;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * What the live path's latency stamping costs a message, apart from the clock: three stages recorded
 * a message (as {@code FeedPipeline} does), for a packet of {@value #PACKET} messages.
 * <ul>
 *     <li>{@code hdrSingleWriterRecorder}: HdrHistogram's own {@link SingleWriterRecorder}, the peer:
 *     a {@code WriterReaderPhaser} critical section (two atomic increments) around every value;</li>
 *     <li>{@code oursBatchAPacket}: {@link LatencyRecorders}, one critical section a packet, plain
 *     histogram writes inside it, as the pipeline records;</li>
 *     <li>{@code oursBatchAValue}: {@link LatencyRecorders#record}, a batch of one, which is the peer's
 *     scheme in our code;</li>
 *     <li>{@code clockRead}: one {@link System#nanoTime} a message, what {@code FeedPipeline} adds on top.</li>
 * </ul>
 * The values are drawn in setup from a log-uniform spread of 50 ns to 200 us, so the writes land all
 * over the histograms' counts, as a day's values do. No reader swaps intervals during the run; the
 * reporter does so once a second, so the writer's section is uncontended almost always. One op is one
 * message: the score is ns per message.
 * <p>
 * Run: {@code scripts/feed-handler bench LatencyRecordBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class LatencyRecordBenchmark
{
    /** Messages a packet: a 1,400-byte MoldUDP64 packet of the benchmark mix's 29-byte messages (+2 framing). */
    static final int PACKET = 45;
    private static final int VALUES = 1 << 16;

    /** Two spare past the end: a packet's last message at index VALUES - 1 reads two more. */
    private final long[] values = new long[VALUES + 2];
    private int cursor;
    private LatencyRecorders ours;
    private SingleWriterRecorder[] peer;

    @Setup
    public void setup()
    {
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < values.length; i++)
        {
            values[i] = (long)(50 * Math.pow(4_000, random.nextDouble()));
        }
        ours = new LatencyRecorders();
        peer = new SingleWriterRecorder[LatencyRecorders.STAGE_COUNT];
        for (int stage = 0; stage < LatencyRecorders.STAGE_COUNT; stage++)
        {
            peer[stage] = new SingleWriterRecorder(
                LatencyRecorders.LOWEST_TRACKABLE_NANOS, ours.highestTrackableNanos(), LatencyRecorders.SIGNIFICANT_DIGITS);
        }
    }

    /** The packet's values start here; the cursor moves on a packet each call. */
    private int nextPacket()
    {
        final int start = cursor;
        cursor = (cursor + PACKET * 3) & (VALUES - 1);
        return start;
    }

    @Benchmark
    @OperationsPerInvocation(PACKET)
    public void hdrSingleWriterRecorder()
    {
        final int start = nextPacket();
        for (int i = 0; i < PACKET * 3; i += 3)
        {
            final int v = (start + i) & (VALUES - 1);
            peer[LatencyRecorders.RECEIVE_TO_DECODE].recordValue(values[v]);
            peer[LatencyRecorders.RECEIVE_TO_BOOK].recordValue(values[v + 1]);
            peer[LatencyRecorders.WIRE_TO_BOOK].recordValue(values[v + 2]);
        }
    }

    @Benchmark
    @OperationsPerInvocation(PACKET)
    public void oursBatchAPacket()
    {
        final int start = nextPacket();
        final LatencyRecorders recorders = ours;
        final long batch = recorders.beginBatch();
        try
        {
            for (int i = 0; i < PACKET * 3; i += 3)
            {
                final int v = (start + i) & (VALUES - 1);
                recorders.recordInBatch(LatencyRecorders.RECEIVE_TO_DECODE, values[v]);
                recorders.recordInBatch(LatencyRecorders.RECEIVE_TO_BOOK, values[v + 1]);
                recorders.recordInBatch(LatencyRecorders.WIRE_TO_BOOK, values[v + 2]);
            }
        }
        finally
        {
            recorders.endBatch(batch);
        }
    }

    @Benchmark
    @OperationsPerInvocation(PACKET)
    public void oursBatchAValue()
    {
        final int start = nextPacket();
        final LatencyRecorders recorders = ours;
        for (int i = 0; i < PACKET * 3; i += 3)
        {
            final int v = (start + i) & (VALUES - 1);
            recorders.record(LatencyRecorders.RECEIVE_TO_DECODE, values[v]);
            recorders.record(LatencyRecorders.RECEIVE_TO_BOOK, values[v + 1]);
            recorders.record(LatencyRecorders.WIRE_TO_BOOK, values[v + 2]);
        }
    }

    @Benchmark
    @OperationsPerInvocation(PACKET)
    public long clockRead()
    {
        long sum = 0;
        for (int i = 0; i < PACKET; i++)
        {
            sum += System.nanoTime();
        }
        return sum;
    }
}
