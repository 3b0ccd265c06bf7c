package org.feedhandler.latency;

import java.lang.management.ManagementFactory;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyRecordersTest
{
    @Test
    void shouldCountNegativesWithoutRecordingThem()
    {
        final LatencyRecorders recorders = new LatencyRecorders();
        recorders.record(LatencyRecorders.WIRE_TO_BOOK, -5);
        recorders.record(LatencyRecorders.WIRE_TO_BOOK, -1);
        recorders.record(LatencyRecorders.WIRE_TO_BOOK, 0);

        final Histogram interval = recorders.intervalHistogram(LatencyRecorders.WIRE_TO_BOOK, null);
        assertEquals(1, interval.getTotalCount());
        assertEquals(2, recorders.negatives(LatencyRecorders.WIRE_TO_BOOK));
        assertEquals(0, recorders.negatives(LatencyRecorders.RECEIVE_TO_BOOK));
    }

    @Test
    void shouldClampValuesAboveRangeAndCountThem()
    {
        final LatencyRecorders recorders = new LatencyRecorders(1_000_000);
        recorders.record(LatencyRecorders.RECEIVE_TO_BOOK, 5_000_000);
        recorders.record(LatencyRecorders.RECEIVE_TO_BOOK, Long.MAX_VALUE);
        recorders.record(LatencyRecorders.RECEIVE_TO_BOOK, 1_000_000);

        final Histogram interval = recorders.intervalHistogram(LatencyRecorders.RECEIVE_TO_BOOK, null);
        assertEquals(3, interval.getTotalCount());
        assertTrue(interval.valuesAreEquivalent(1_000_000, interval.getMaxValue()));
        assertEquals(2, recorders.clamped(LatencyRecorders.RECEIVE_TO_BOOK));
    }

    @Test
    void shouldKeepStagesApartAndSwapIntervals()
    {
        final LatencyRecorders recorders = new LatencyRecorders();
        recorders.record(LatencyRecorders.RECEIVE_TO_DECODE, 100);
        recorders.record(LatencyRecorders.RECEIVE_TO_DECODE, 200);
        recorders.record(LatencyRecorders.RECEIVE_TO_BOOK, 300);

        final Histogram first = recorders.intervalHistogram(LatencyRecorders.RECEIVE_TO_DECODE, null);
        assertEquals(2, first.getTotalCount());
        assertEquals(1, recorders.intervalHistogram(LatencyRecorders.RECEIVE_TO_BOOK, null).getTotalCount());

        recorders.record(LatencyRecorders.RECEIVE_TO_DECODE, 400);
        final Histogram second = recorders.intervalHistogram(LatencyRecorders.RECEIVE_TO_DECODE, first);
        assertEquals(1, second.getTotalCount());
        assertEquals(400, second.getMaxValue());
    }

    @Test
    void shouldHoldAReaderSwapUntilTheWritersBatchEnds() throws Exception
    {
        final LatencyRecorders recorders = new LatencyRecorders();
        // an empty interval of the recorders' own shape, handed back for the reader to swap in
        final Histogram spare = recorders.intervalHistogram(LatencyRecorders.RECEIVE_TO_BOOK, null);
        final long batch = recorders.beginBatch();
        recorders.recordInBatch(LatencyRecorders.RECEIVE_TO_BOOK, 100);

        final java.util.concurrent.FutureTask<Histogram> swap = new java.util.concurrent.FutureTask<>(
            () -> recorders.intervalHistogram(LatencyRecorders.RECEIVE_TO_BOOK, spare));
        new Thread(swap, "test-swap").start();
        // the writer knows the reader has swapped once its values land in the spare: from then on the
        // reader can only be waiting for this batch to end
        long inBatch = 1;
        final long deadline = System.nanoTime() + 20_000_000_000L;
        while (0 == spare.getTotalCount())
        {
            assertFalse(swap.isDone(), "the reader returned while the batch was open");
            assertTrue(System.nanoTime() - deadline < 0, "the reader never swapped");
            recorders.recordInBatch(LatencyRecorders.RECEIVE_TO_BOOK, 200);
            inBatch++;
            Thread.yield();
        }
        assertFalse(swap.isDone(), "the reader waits while the batch is open");
        recorders.endBatch(batch);

        final Histogram first = swap.get(10, java.util.concurrent.TimeUnit.SECONDS);
        final Histogram second = recorders.intervalHistogram(LatencyRecorders.RECEIVE_TO_BOOK, null);
        assertEquals(inBatch, first.getTotalCount() + second.getTotalCount(), "each value in exactly one interval");
        assertEquals(1, first.getCountAtValue(100));
    }

    @Test
    void shouldLoseNoValueRecordedInBatchesWhileAReaderSwapsIntervals() throws Exception
    {
        final LatencyRecorders recorders = new LatencyRecorders();
        // a swap may fall inside a batch (the writer finds the new histogram at its next value): the batch
        // then spans two intervals, but the old histogram is handed over only once the batch has ended
        final long batches = 200_000;
        final int perBatch = 5;
        final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        final Thread writer = new Thread(() ->
        {
            for (long b = 0; b < batches; b++)
            {
                final long batch = recorders.beginBatch();
                for (int v = 1; v <= perBatch; v++)
                {
                    recorders.recordInBatch(LatencyRecorders.RECEIVE_TO_DECODE, v);
                }
                recorders.endBatch(batch);
            }
            done.set(true);
        });
        writer.start();

        long count = 0;
        long swaps = 0;
        Histogram reuse = null;
        while (!done.get() || 0 == swaps)
        {
            final Histogram interval = recorders.intervalHistogram(LatencyRecorders.RECEIVE_TO_DECODE, reuse);
            count += interval.getTotalCount();
            reuse = interval;
            swaps++;
        }
        writer.join();
        count += recorders.intervalHistogram(LatencyRecorders.RECEIVE_TO_DECODE, reuse).getTotalCount();
        assertEquals(batches * perBatch, count, "every value recorded lands in one interval; swaps: " + swaps);
    }

    @Test
    void shouldNameStages()
    {
        assertEquals("recv-decode", LatencyRecorders.stageName(LatencyRecorders.RECEIVE_TO_DECODE));
        assertEquals("recv-book", LatencyRecorders.stageName(LatencyRecorders.RECEIVE_TO_BOOK));
        assertEquals("wire-book", LatencyRecorders.stageName(LatencyRecorders.WIRE_TO_BOOK));
        assertThrows(IllegalArgumentException.class, () -> new LatencyRecorders(1));
    }

    @Test
    void shouldRecordWithoutAllocating()
    {
        final LatencyRecorders recorders = new LatencyRecorders();
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();

        recordMillion(recorders, 1);
        recordMillion(recorders, 2);
        threads.getThreadAllocatedBytes(threadId);

        org.feedhandler.Allocations.assertAllocationFreeInSteadyState(
            "1M record() calls", 1_000_000, 5, () -> recordMillion(recorders, 3));
        assertTrue(recorders.negatives(LatencyRecorders.WIRE_TO_BOOK) > 0);
        assertTrue(recorders.clamped(LatencyRecorders.WIRE_TO_BOOK) > 0);
    }

    private static void recordMillion(final LatencyRecorders recorders, final long seed)
    {
        long x = seed;
        for (int i = 0; i < 1_000_000; i++)
        {
            x = x * 6364136223846793005L + 1442695040888963407L;
            final int stage = i % LatencyRecorders.STAGE_COUNT;
            final long nanos = 0 == (i & 0xFFFF) ? -1 : 0 == (i & 0x7FFF) ? Long.MAX_VALUE : (x >>> 44);
            recorders.record(stage, nanos);
        }
    }
}
