package org.feedhandler.normalized;

import org.agrona.concurrent.OffsetEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.Allocations;
import org.feedhandler.api.MarketDataListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The writer runs on the receiver thread and the reader on a subscriber's polling thread: after warm-up
 * neither may allocate, as counted by the JVM's per-thread allocation counter.
 */
@Timeout(120)
class SbeMarketDataAllocationTest
{
    private static final int MESSAGES_PER_EVENT = 19;
    private static final int EVENTS = 1_000_000 / MESSAGES_PER_EVENT + 1;
    private static final int MESSAGES = EVENTS * MESSAGES_PER_EVENT;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
    private final SbeMarketDataWriter writer = new SbeMarketDataWriter(new OffsetEpochNanoClock());
    private final SbeMarketDataReader reader = new SbeMarketDataReader();
    private final MarketDataListener ignore = new MarketDataListener()
    {
    };

    @Test
    void shouldWriteAMillionMessagesOfEveryTypeWithoutAllocating()
    {
        writer.wrap(buffer, 0, buffer.capacity());
        writeEvents();
        writeEvents();

        final String passes = Allocations.assertAllocationFreeInSteadyState(
            MESSAGES + " messages written", MESSAGES, 5, this::writeEvents);

        final long start = System.nanoTime();
        writeEvents();
        System.out.printf("writer, bytes allocated per pass of %d messages: %s; %.1f ns/message (test loop included)%n",
            MESSAGES, passes, (System.nanoTime() - start) / (double)MESSAGES);
        assertEquals(0, writer.overflows());
    }

    @Test
    void shouldReadAMillionMessagesOfEveryTypeWithoutAllocating()
    {
        writer.wrap(buffer, 0, buffer.capacity());
        SbeMarketDataRoundTripTest.callEveryMethod(writer);
        final int length = writer.length();
        readEvents(length);
        readEvents(length);

        final String passes = Allocations.assertAllocationFreeInSteadyState(
            MESSAGES + " messages read", MESSAGES, 5, () -> readEvents(length));

        final long start = System.nanoTime();
        readEvents(length);
        System.out.printf("reader, bytes allocated per pass of %d messages: %s; %.1f ns/message (test loop included)%n",
            MESSAGES, passes, (System.nanoTime() - start) / (double)MESSAGES);
        assertEquals(0, reader.malformed() + reader.unknownTemplates());
    }

    private void writeEvents()
    {
        for (int i = 0; i < EVENTS; i++)
        {
            writer.reset();
            writer.onBeginEvent(i);
            SbeMarketDataRoundTripTest.callEveryMethod(writer);
        }
    }

    private void readEvents(final int length)
    {
        for (int i = 0; i < EVENTS; i++)
        {
            reader.read(buffer, 0, length, ignore);
        }
    }
}
