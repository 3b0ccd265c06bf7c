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

    /**
     * Prove a path allocation-free in steady state: run {@code pass} (already warmed up) up to
     * {@code maxPasses} times on this thread. Every pass must allocate less than one byte per
     * operation (an allocation per operation, at least 16 bytes each, fails every pass), and some
     * pass must allocate exactly 0. The JVM may allocate once, not per operation, when a C2 compile
     * finishes mid-pass (HotSpot resolves the compiled class's string constants on the requesting
     * thread, once per class): a loaded machine delays compiles past any fixed warm-up, so a single
     * measured window would be flaky without proving more.
     *
     * @param what       what the pass does, for the message.
     * @param operations operations per pass.
     * @param maxPasses  passes at most.
     * @param pass       one measured pass.
     * @return the bytes each pass allocated, for reports.
     */
    public static String assertAllocationFreeInSteadyState(
        final String what, final long operations, final int maxPasses, final Runnable pass)
    {
        return assertAllocationFreeInSteadyState(what, operations, maxPasses, () ->
        {
        }, pass, () ->
        {
        });
    }

    /**
     * As {@link #assertAllocationFreeInSteadyState(String, long, int, Runnable)}, with work before and
     * after each pass that is not measured (opening and closing a file, say).
     *
     * @param what       what the pass does, for the message.
     * @param operations operations per pass.
     * @param maxPasses  passes at most.
     * @param setup      run before each pass, not measured.
     * @param pass       one measured pass.
     * @param teardown   run after each pass, not measured.
     * @return the bytes each pass allocated, for reports.
     */
    public static String assertAllocationFreeInSteadyState(
        final String what,
        final long operations,
        final int maxPasses,
        final Runnable setup,
        final Runnable pass,
        final Runnable teardown)
    {
        currentThread();
        final StringBuilder passes = new StringBuilder();
        for (int i = 0; i < maxPasses; i++)
        {
            setup.run();
            final long before = currentThread();
            pass.run();
            final long allocated = currentThread() - before;
            teardown.run();
            passes.append(allocated).append(' ');
            if (allocated >= operations)
            {
                throw new AssertionError("bytes allocated by " + what + " (" + operations + " operations): " +
                    allocated + " in one pass; passes: " + passes);
            }
            if (0 == allocated)
            {
                return passes.toString().trim();
            }
        }
        throw new AssertionError("no pass of " + what + " allocated 0 bytes; passes: " + passes);
    }

    private Allocations()
    {
    }
}
