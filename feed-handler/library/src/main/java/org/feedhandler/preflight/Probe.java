package org.feedhandler.preflight;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What every check shares during one audit: the host's files, the options, the environment, the
 * facts several checks need (online, isolated, nohz_full CPUs, the kernel command line), and the
 * results so far.
 */
final class Probe
{
    static final String ONLINE = "/sys/devices/system/cpu/online";
    static final String ISOLATED = "/sys/devices/system/cpu/isolated";
    static final String NOHZ_FULL = "/sys/devices/system/cpu/nohz_full";
    static final String CMDLINE = "/proc/cmdline";

    final HostFiles files;
    final PreflightOptions options;
    final HostEnvironment env;
    final KernelCmdline cmdline;
    final CpuSet feed;
    final CpuSet online;
    final CpuSet isolated;
    final String isolatedSource;
    final CpuSet nohzFull;
    final List<CheckResult> results = new ArrayList<>();

    Probe(final PreflightOptions options)
    {
        this.options = options;
        this.files = options.files();
        this.env = HostEnvironment.detect(files);
        this.cmdline = KernelCmdline.parse(files.read(CMDLINE));
        this.feed = options.cpus();
        this.online = cpuList(ONLINE);

        final CpuSet sysIsolated = cpuList(ISOLATED);
        if (null != sysIsolated)
        {
            isolated = sysIsolated;
            isolatedSource = ISOLATED;
        }
        else
        {
            // kernels before 4.x have no sysfs file: isolcpus= without flags, or with 'domain', isolates
            final List<String> flags = cmdline.flags("isolcpus");
            isolated = flags.isEmpty() || flags.contains("domain") ? cmdline.cpus("isolcpus") : CpuSet.EMPTY;
            isolatedSource = CMDLINE + " isolcpus=";
        }

        final CpuSet sysNohz = cpuList(NOHZ_FULL);
        nohzFull = null != sysNohz ? sysNohz : files.exists(NOHZ_FULL) ? CpuSet.EMPTY : null;
    }

    /**
     * @param hostPath a cpulist file.
     * @return its CPUs, or null when absent or not a cpulist.
     */
    CpuSet cpuList(final String hostPath)
    {
        return cpuSet(hostPath, CpuSet::parseList);
    }

    /**
     * @param hostPath a hex mask file.
     * @return its CPUs, or null when absent or not a mask.
     */
    CpuSet cpuMask(final String hostPath)
    {
        return cpuSet(hostPath, CpuSet::parseMask);
    }

    private CpuSet cpuSet(final String hostPath, final Function<String, CpuSet> parser)
    {
        final String text = files.readTrimmed(hostPath);
        if (null == text)
        {
            return null;
        }
        try
        {
            return parser.apply(text);
        }
        catch (final IllegalArgumentException ex)
        {
            return null;
        }
    }

    /**
     * @param hostPath a file holding one integer (a sysctl).
     * @return the value, or null when absent or not a number.
     */
    Long number(final String hostPath)
    {
        final String text = files.readTrimmed(hostPath);
        if (null == text || text.isEmpty())
        {
            return null;
        }
        try
        {
            return Long.parseLong(text.split("\\s+")[0]);
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
    }

    /**
     * @return CPUs left for the OS and the JVM's other threads: online, not isolated, not the feed's.
     */
    CpuSet housekeeping()
    {
        final CpuSet base = null == online ? CpuSet.EMPTY : online;
        final CpuSet hk = base.minus(isolated).minus(feed);
        return hk.isEmpty() ? base.minus(feed) : hk;
    }

    static String show(final CpuSet cpus)
    {
        return CpuSet.show(cpus);
    }

    void add(
        final String id,
        final Status status,
        final int cpu,
        final String observed,
        final String expected,
        final String source,
        final String fix)
    {
        add(id, Catalogue.severity(id), status, cpu, observed, expected, source, fix);
    }

    void add(
        final String id,
        final Severity severity,
        final Status status,
        final int cpu,
        final String observed,
        final String expected,
        final String source,
        final String fix)
    {
        final String shownFix = status == Status.PASS || status == Status.NA ? "" : fix;
        results.add(new CheckResult(id, severity, status, cpu, observed, expected, source, shownFix, false));
    }

    /**
     * Record NA for a per-CPU check when the feed has no CPU configured.
     *
     * @return true when it did (the caller then returns).
     */
    boolean naWithoutCpus(final String id, final String expected, final String source)
    {
        if (feed.isEmpty())
        {
            add(id, Status.NA, CheckResult.NO_CPU, "no feed CPU configured (" + options.cpusOrigin() + ")",
                expected, source, "");
            return true;
        }
        return false;
    }
}
