package org.feedhandler.status;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalCounterTest
{
    private final CountersManager manager = new CountersManager(
        new UnsafeBuffer(new byte[16 * CountersReader.METADATA_LENGTH]),
        new UnsafeBuffer(new byte[16 * CountersReader.COUNTER_LENGTH]));

    @Test
    void shouldPublishOnlyWhenChanged()
    {
        final AtomicCounter shared = manager.newCounter("packets");
        final LocalCounter local = new LocalCounter(shared);

        local.increment();
        local.add(4);
        assertEquals(0, shared.get(), "not visible before publish");
        assertTrue(local.publish());
        assertEquals(5, shared.get());
        assertFalse(local.publish(), "unchanged: no store");

        local.max(3);
        assertEquals(5, local.get());
        local.max(9);
        assertTrue(local.publish());
        assertEquals(9, shared.get());

        local.set(2);
        local.publish();
        assertEquals(2, shared.get());
    }

    @Test
    void shouldStartFromSharedValue()
    {
        final AtomicCounter shared = manager.newCounter("messages");
        shared.set(100);
        final LocalCounter local = new LocalCounter(shared);
        assertFalse(local.publish());
        local.increment();
        local.publish();
        assertEquals(101, shared.get());
    }

    @Test
    void shouldCountAndPublishWithoutAllocating()
    {
        final LocalCounter local = new LocalCounter(manager.newCounter("bytes"));
        run(local);
        // several passes, one of which must allocate exactly 0: a C2 compile finishing mid-pass on a loaded
        // machine allocates once on this thread (Allocations says why), an allocation per call every pass
        org.feedhandler.Allocations.assertAllocationFreeInSteadyState(
            "1M add() and 62,500 publish() calls", 1_000_000, 5, () -> run(local));
    }

    private static void run(final LocalCounter local)
    {
        for (int i = 0; i < 1_000_000; i++)
        {
            local.add(i & 7);
            if (0 == (i & 15))
            {
                local.publish();
            }
        }
    }
}
