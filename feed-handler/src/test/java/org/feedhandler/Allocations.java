package org.feedhandler;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by the current thread (HotSpot's per-thread TLAB accounting), for tests that
 * prove a path allocation-free.
 */
public final class Allocations
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    public static long currentThread()
    {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    private Allocations()
    {
    }
}
