package org.feedhandler.handler;

import org.feedhandler.preflight.CpuSet;
import org.feedhandler.preflight.HostFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Pins real threads on this machine (Linux, at least two CPUs the process may use) and verifies
 * from /proc where they really run. Each pinned thread is a fresh thread, so the test runner's own
 * affinity is never touched.
 */
@Timeout(30)
class ThreadPlacementTest
{
    private static ThreadPlacement pinOnNewThread(final int cpu, final CountDownLatch release) throws InterruptedException
    {
        final AtomicReference<ThreadPlacement> placement = new AtomicReference<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final CountDownLatch pinned = new CountDownLatch(1);
        final Thread thread = new Thread(() ->
        {
            try
            {
                placement.set(ThreadPlacement.pin(cpu));
                final CpuSet again = ThreadPlacement.currentThreadCpusAllowed();
                if (!again.equals(placement.get().cpusAllowed()))
                {
                    throw new AssertionError("re-read gave " + again + ", pin read " + placement.get().cpusAllowed());
                }
            }
            catch (final Throwable t)
            {
                failure.set(t);
            }
            pinned.countDown();
            try
            {
                release.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "pin-test-" + cpu);
        thread.setDaemon(true);
        thread.start();
        assertTrue(pinned.await(10, TimeUnit.SECONDS));
        assertNull(failure.get());
        return placement.get();
    }

    private static void assumeCpus(final int... cpus)
    {
        final CpuSet allowed = CpuSet.cpusAllowed(HostFiles.live().read("/proc/self/status"));
        assumeTrue(null != allowed && allowed.containsAll(CpuSet.of(cpus)), "needs CPUs 0 and 1 allowed");
    }

    @Test
    void shouldPinAThreadToCpuOneAndVerifyFromProc() throws InterruptedException
    {
        assumeCpus(1);
        final CountDownLatch release = new CountDownLatch(1);
        final ThreadPlacement placement = pinOnNewThread(1, release);
        try
        {
            assertEquals(1, placement.cpu());
            assertEquals(CpuSet.of(1), placement.cpusAllowed());
            assertTrue(placement.verified(), placement.toString());
            assertTrue(placement.tid() > 0);
            assertNotEquals(ProcessHandle.current().pid(), (long)placement.tid(), "a thread id, not the pid");
            assertEquals(placement, placement.requireVerified());
        }
        finally
        {
            release.countDown();
        }
    }

    @Test
    void shouldPinAThreadToCpuZeroWhichAffinityLockNeverHandsOut() throws InterruptedException
    {
        assumeCpus(0);
        final CountDownLatch release = new CountDownLatch(1);
        final ThreadPlacement placement = pinOnNewThread(0, release);
        try
        {
            assertEquals(CpuSet.of(0), placement.cpusAllowed());
            assertTrue(placement.verified());
        }
        finally
        {
            release.countDown();
        }
    }

    @Test
    void shouldReadInvoluntaryContextSwitchesOfThePinnedThreadFromAnotherThread() throws InterruptedException
    {
        assumeCpus(1);
        final CountDownLatch release = new CountDownLatch(1);
        final ThreadPlacement placement = pinOnNewThread(1, release);
        try
        {
            final long switches = placement.involuntaryContextSwitches();
            assertTrue(switches >= 0, "nonvoluntary_ctxt_switches of tid " + placement.tid());
            assertEquals(0, placement.involuntarySwitchesSinceLastCall(), "the first call sets the baseline");
            assertTrue(placement.involuntarySwitchesSinceLastCall() >= 0);
        }
        finally
        {
            release.countDown();
        }
    }

    @Test
    void shouldNotVerifyAPinTheKernelRefuses() throws InterruptedException
    {
        final CountDownLatch release = new CountDownLatch(1);
        final ThreadPlacement placement = pinOnNewThread(4000, release);
        try
        {
            assertTrue(!placement.verified(), placement.toString());
            assertThrows(IllegalStateException.class, placement::requireVerified);
        }
        finally
        {
            release.countDown();
        }
    }

    @Test
    void shouldRejectANegativeCpu()
    {
        assertThrows(IllegalArgumentException.class, () -> ThreadPlacement.pin(-1));
    }

    @Test
    void shouldReportMinusOneForAThreadThatIsGone()
    {
        assertEquals(-1, ThreadPlacement.involuntaryContextSwitches(Integer.MAX_VALUE));
    }
}
