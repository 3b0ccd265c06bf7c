package org.feedhandler.handler;

import net.openhft.affinity.Affinity;
import org.feedhandler.preflight.CpuSet;
import org.feedhandler.preflight.HostFiles;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Pins the calling (hot) thread to one explicit CPU and verifies where it really runs, then lets a
 * <em>different</em> thread watch its involuntary context switches.
 * <p>
 * Pinning uses {@link Affinity#setAffinity(java.util.BitSet)} with the CPU from configuration, never
 * {@code AffinityLock} (which never hands out CPU 0 and guesses the isolated CPUs). Verification
 * reads {@code /proc/thread-self/status} {@code Cpus_allowed_list} from the pinned thread itself, so
 * a cgroup cpuset or a failed syscall cannot go unnoticed.
 * <p>
 * Threading: {@link #pin(int)} runs once on the hot thread before its loop. {@link
 * #involuntaryContextSwitches()} and {@link #involuntarySwitchesSinceLastCall()} read
 * {@code /proc/self/task/TID/status} and belong on a reporter thread: the hot thread does no file
 * I/O in steady state.
 */
public final class ThreadPlacement
{
    private static final String THREAD_SELF_STATUS = "/proc/thread-self/status";

    private final int cpu;
    private final int tid;
    private final CpuSet cpusAllowed;
    private final String statusPath;
    private long lastSwitches = -1;

    private ThreadPlacement(final int cpu, final int tid, final CpuSet cpusAllowed)
    {
        this.cpu = cpu;
        this.tid = tid;
        this.cpusAllowed = cpusAllowed;
        this.statusPath = "/proc/self/task/" + tid + "/status";
    }

    /**
     * Pin the calling thread to {@code cpu}, record its native thread id, and read back where the
     * kernel lets it run.
     *
     * @param cpu the CPU, from configuration.
     * @return the placement; check {@link #verified()} (or call {@link #requireVerified()}).
     * @throws IllegalArgumentException when cpu is negative.
     */
    public static ThreadPlacement pin(final int cpu)
    {
        if (cpu < 0)
        {
            throw new IllegalArgumentException("CPU must be >= 0: " + cpu);
        }
        try
        {
            Affinity.setAffinity(CpuSet.of(cpu).toBitSet());
        }
        catch (final RuntimeException ex)
        {
            // verified() below reports what the kernel really allows
        }
        final int tid = Affinity.getThreadId();
        return new ThreadPlacement(cpu, tid, currentThreadCpusAllowed(tid));
    }

    /**
     * Where the calling thread may run, from {@code /proc/thread-self/status} (falls back to
     * {@code /proc/self/task/TID/status} on kernels before 3.17).
     *
     * @return its CPUs, or null when not readable.
     */
    public static CpuSet currentThreadCpusAllowed()
    {
        return currentThreadCpusAllowed(Affinity.getThreadId());
    }

    private static CpuSet currentThreadCpusAllowed(final int tid)
    {
        String status = HostFiles.readPath(Path.of(THREAD_SELF_STATUS));
        if (null == status && Files.exists(Path.of("/proc/self/task/" + tid)))
        {
            status = HostFiles.readPath(Path.of("/proc/self/task/" + tid + "/status"));
        }
        return CpuSet.cpusAllowed(status);
    }

    /**
     * @return the CPU asked for.
     */
    public int cpu()
    {
        return cpu;
    }

    /**
     * @return the native thread id (as in {@code ps -L}, {@code /proc/self/task/TID}).
     */
    public int tid()
    {
        return tid;
    }

    /**
     * @return {@code Cpus_allowed_list} read by the thread right after pinning, or null when not readable.
     */
    public CpuSet cpusAllowed()
    {
        return cpusAllowed;
    }

    /**
     * @return true when the kernel lets the thread run on exactly the CPU asked for.
     */
    public boolean verified()
    {
        return null != cpusAllowed && cpusAllowed.equals(CpuSet.of(cpu));
    }

    /**
     * @return this, when verified.
     * @throws IllegalStateException saying where the thread really may run.
     */
    public ThreadPlacement requireVerified()
    {
        if (!verified())
        {
            throw new IllegalStateException("thread " + tid + " asked for CPU " + cpu + " but may run on " +
                CpuSet.show(cpusAllowed) + " (cgroup cpuset or taskset excludes it?)");
        }
        return this;
    }

    /**
     * Read the hot thread's {@code nonvoluntary_ctxt_switches}. Call from a reporter thread, never
     * from the hot thread.
     *
     * @return the count, or -1 when the thread has gone or the file is unreadable.
     */
    public long involuntaryContextSwitches()
    {
        return involuntaryContextSwitches(tid);
    }

    /**
     * @param tid a native thread id of this process.
     * @return its {@code nonvoluntary_ctxt_switches}, or -1.
     */
    public static long involuntaryContextSwitches(final int tid)
    {
        final String status = HostFiles.readPath(Path.of("/proc/self/task/" + tid + "/status"));
        if (null == status)
        {
            return -1;
        }
        for (final String line : status.split("\n"))
        {
            if (line.startsWith("nonvoluntary_ctxt_switches:"))
            {
                try
                {
                    return Long.parseLong(line.substring("nonvoluntary_ctxt_switches:".length()).trim());
                }
                catch (final NumberFormatException ex)
                {
                    return -1;
                }
            }
        }
        return -1;
    }

    /**
     * For a periodic reporter (one thread): involuntary switches since the previous call; the first
     * call returns 0 and sets the baseline. Compare with {@code feed.receiver.ctxsw.warn}.
     *
     * @return the increase, or -1 when unreadable.
     */
    public long involuntarySwitchesSinceLastCall()
    {
        final long now = involuntaryContextSwitches();
        if (now < 0)
        {
            return -1;
        }
        final long delta = lastSwitches < 0 ? 0 : now - lastSwitches;
        lastSwitches = now;
        return delta;
    }

    @Override
    public String toString()
    {
        return "tid " + tid + " pinned to CPU " + cpu + ", Cpus_allowed_list=" + CpuSet.show(cpusAllowed) +
            (verified() ? " (verified)" : " (NOT verified)");
    }
}
