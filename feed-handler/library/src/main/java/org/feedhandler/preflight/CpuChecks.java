package org.feedhandler.preflight;

import java.util.ArrayList;
import java.util.List;

/**
 * CPU placement and isolation, kernel noise on the feed's CPUs, power and frequency.
 */
final class CpuChecks
{
    /** A C-state with an exit latency above this many microseconds is "deep". */
    static final long DEEP_CSTATE_LATENCY_US = 10;

    private static final String CPU_DIR = "/sys/devices/system/cpu/cpu";

    private CpuChecks()
    {
    }

    static void run(final Probe p)
    {
        pinned(p);
        online(p);
        isolated(p);
        housekeeping(p);
        nohzFull(p);
        rcuNocbs(p);
        smtSibling(p);
        workqueue(p);
        defaultIrq(p);
        rtThrottle(p);
        timers(p);
        watchdog(p);
        governor(p);
        freqFloor(p);
        cstates(p);
    }

    static String isolateFix(final Probe p)
    {
        final String list = p.isolated.or(p.feed).toString();
        return "sudo grubby --update-kernel=ALL --args='isolcpus=managed_irq,domain," + list + " nohz_full=" + list +
            " rcu_nocbs=" + list + " irqaffinity=" + p.housekeeping() + "' && sudo reboot" +
            " (Debian: edit GRUB_CMDLINE_LINUX in /etc/default/grub, update-grub; or tuned-adm profile cpu-partitioning)";
    }

    private static void pinned(final Probe p)
    {
        final String id = "cpu.pinned";
        if (p.feed.isEmpty())
        {
            p.add(id, Status.FAIL, CheckResult.NO_CPU, "no feed CPU configured (" + p.options.cpusOrigin() + "=-1)",
                "the hot thread pinned to one CPU", p.options.cpusOrigin(),
                "set feed.receiver.cpu=N (an isolated CPU) or pass --cpus N; launch with scripts/launch-pinned");
            return;
        }
        final CpuSet hot = p.options.hotThreadCpusAllowed();
        if (null != hot)
        {
            final boolean ok = hot.size() == 1 && p.feed.containsAll(hot);
            p.add(id, ok ? Status.PASS : Status.FAIL, hot.size() == 1 ? hot.first() : CheckResult.NO_CPU,
                "hot thread Cpus_allowed_list=" + Probe.show(hot), "exactly one CPU, in " + p.feed,
                "/proc/thread-self/status", "pin with ThreadPlacement.pin(cpu) (Affinity.setAffinity), not AffinityLock");
            return;
        }
        // The JVM's own threads should run on housekeeping CPUs only (taskset), and the hot thread
        // pins itself into F: the limit on where it can go is the cgroup cpuset, not the taskset mask.
        final CpuSet allowed = cpusAllowed(p.files.read("/proc/self/status"));
        final String[] cpusetSource = new String[1];
        final CpuSet cpuset = cgroupCpuset(p, cpusetSource);
        final String expected = "the hot thread pinned to one CPU of " + p.feed + " (verified after pinning)";
        if (null == cpuset && null == allowed)
        {
            p.add(id, Status.UNKNOWN, CheckResult.NO_CPU, "no Cpus_allowed_list and no cpuset", expected,
                "/proc/self/status", "");
            return;
        }
        final CpuSet limit = null != cpuset ? cpuset : p.online;
        final String source = "/proc/self/status" + (null == cpusetSource[0] ? "" : ", " + cpusetSource[0]);
        final String observed = "process Cpus_allowed_list=" + Probe.show(allowed) +
            (null == cpuset ? "" : ", cgroup cpuset=" + cpuset);
        if (null != limit && !limit.containsAll(p.feed))
        {
            p.add(id, Status.FAIL, CheckResult.NO_CPU, observed + ": cannot pin to " + p.feed.minus(limit), expected,
                source, "give the service the feed CPUs: systemd AllowedCPUs=" + p.housekeeping().or(p.feed) +
                    ", docker --cpuset-cpus=" + p.housekeeping().or(p.feed) + ", or pick --cpus within " + limit);
            return;
        }
        p.add(id, Status.PASS, CheckResult.NO_CPU, observed + "; the hot thread can be pinned to " + p.feed,
            expected, source, "");
    }

    /**
     * @return the CPUs the process's cgroup cpuset allows (v2 {@code cpuset.cpus.effective}, v1
     * {@code cpuset.effective_cpus}), or null when not found.
     */
    private static CpuSet cgroupCpuset(final Probe p, final String[] source)
    {
        final String cgroup = p.files.read("/proc/self/cgroup");
        if (null == cgroup)
        {
            return null;
        }
        for (final String line : cgroup.split("\n"))
        {
            final String[] parts = line.trim().split(":", 3);
            if (parts.length != 3)
            {
                continue;
            }
            final String path = "/".equals(parts[2]) ? "" : parts[2];
            final String file;
            if ("0".equals(parts[0]) && parts[1].isEmpty())
            {
                file = "/sys/fs/cgroup" + path + "/cpuset.cpus.effective";
            }
            else if (("," + parts[1] + ",").contains(",cpuset,"))
            {
                file = "/sys/fs/cgroup/cpuset" + path + "/cpuset.effective_cpus";
            }
            else
            {
                continue;
            }
            final CpuSet cpus = p.cpuList(file);
            if (null != cpus && !cpus.isEmpty())
            {
                source[0] = file;
                return cpus;
            }
        }
        return null;
    }

    static CpuSet cpusAllowed(final String status)
    {
        return CpuSet.cpusAllowed(status);
    }

    private static void online(final Probe p)
    {
        final String id = "cpu.online";
        if (p.naWithoutCpus(id, "feed CPUs online", Probe.ONLINE))
        {
            return;
        }
        for (final int cpu : p.feed.toArray())
        {
            if (null == p.online)
            {
                p.add(id, Status.UNKNOWN, cpu, "(absent)", cpu + " online", Probe.ONLINE, "");
            }
            else
            {
                final boolean ok = p.online.contains(cpu);
                p.add(id, ok ? Status.PASS : Status.FAIL, cpu, "online=" + Probe.show(p.online), cpu + " online",
                    Probe.ONLINE, "echo 1 | sudo tee " + CPU_DIR + cpu + "/online (or pick an online CPU)");
            }
        }
    }

    private static void isolated(final Probe p)
    {
        final String id = "cpu.isolated";
        if (p.naWithoutCpus(id, "feed CPUs isolated", Probe.ISOLATED))
        {
            return;
        }
        final String isolcpus = p.cmdline.get("isolcpus");
        final String observed = "isolated=" + Probe.show(p.isolated) +
            (null == isolcpus ? " (no isolcpus= on the kernel command line)" : " (isolcpus=" + isolcpus + ")");
        for (final int cpu : p.feed.toArray())
        {
            final boolean ok = p.isolated.contains(cpu);
            p.add(id, ok ? Status.PASS : Status.FAIL, cpu, observed, cpu + " in the isolated CPUs",
                p.isolatedSource + ", " + Probe.CMDLINE, isolateFix(p));
        }
    }

    private static void housekeeping(final Probe p)
    {
        final String id = "cpu.housekeeping";
        if (null == p.online)
        {
            p.add(id, Status.UNKNOWN, CheckResult.NO_CPU, "online CPUs unknown", "some CPU not isolated",
                Probe.ONLINE, "");
            return;
        }
        final CpuSet hk = p.online.minus(p.isolated).minus(p.feed);
        p.add(id, hk.isEmpty() ? Status.FAIL : Status.PASS, CheckResult.NO_CPU,
            "housekeeping=" + Probe.show(hk) + " (online " + Probe.show(p.online) + " minus isolated " +
                Probe.show(p.isolated) + " minus feed " + Probe.show(p.feed) + ")",
            "at least one CPU for the OS and the JVM's other threads", Probe.ONLINE + ", " + Probe.ISOLATED,
            "leave at least one CPU (e.g. 0) out of isolcpus= and nohz_full=, then reboot");
    }

    private static void nohzFull(final Probe p)
    {
        final String id = "cpu.nohz_full";
        if (p.naWithoutCpus(id, "feed CPUs in nohz_full", Probe.NOHZ_FULL))
        {
            return;
        }
        if (null == p.nohzFull)
        {
            p.add(id, Status.WARN, CheckResult.NO_CPU, "absent: kernel built without CONFIG_NO_HZ_FULL",
                p.feed + " in nohz_full", Probe.NOHZ_FULL,
                "boot a kernel with CONFIG_NO_HZ_FULL=y (e.g. kernel-rt, or a distro kernel that has it) and nohz_full=" +
                    p.feed);
            return;
        }
        for (final int cpu : p.feed.toArray())
        {
            final boolean ok = p.nohzFull.contains(cpu);
            p.add(id, ok ? Status.PASS : Status.WARN, cpu, "nohz_full=" + Probe.show(p.nohzFull),
                cpu + " in nohz_full", Probe.NOHZ_FULL, isolateFix(p));
        }
    }

    private static void rcuNocbs(final Probe p)
    {
        final String id = "cpu.rcu_nocbs";
        if (p.naWithoutCpus(id, "feed CPUs in rcu_nocbs or nohz_full", Probe.CMDLINE))
        {
            return;
        }
        final String value = p.cmdline.get("rcu_nocbs");
        CpuSet nocbs = p.cmdline.cpus("rcu_nocbs");
        if (null != value && (value.isEmpty() || "all".equals(value)) && null != p.online)
        {
            nocbs = p.online;
        }
        final CpuSet nohz = null == p.nohzFull ? p.cmdline.cpus("nohz_full") : p.nohzFull;
        final CpuSet offloaded = nocbs.or(nohz);
        for (final int cpu : p.feed.toArray())
        {
            final boolean ok = offloaded.contains(cpu);
            p.add(id, ok ? Status.PASS : Status.WARN, cpu,
                "rcu_nocbs=" + (null == value ? "(unset)" : value) + ", nohz_full=" + Probe.show(nohz),
                cpu + " in rcu_nocbs or nohz_full", Probe.CMDLINE + ", " + Probe.NOHZ_FULL, isolateFix(p));
        }
    }

    private static void smtSibling(final Probe p)
    {
        final String id = "cpu.smt_sibling";
        final String control = p.files.readTrimmed("/sys/devices/system/cpu/smt/control");
        if ("notsupported".equals(control) || "notimplemented".equals(control))
        {
            p.add(id, Status.NA, CheckResult.NO_CPU, "smt/control=" + control, "siblings offline or isolated",
                "/sys/devices/system/cpu/smt/control", "");
            return;
        }
        if (p.naWithoutCpus(id, "siblings offline or isolated", "/sys/devices/system/cpu/smt/control"))
        {
            return;
        }
        if ("off".equals(control) || "forceoff".equals(control))
        {
            p.add(id, Status.PASS, CheckResult.NO_CPU, "smt/control=" + control, "siblings offline or isolated",
                "/sys/devices/system/cpu/smt/control", "");
            return;
        }
        for (final int cpu : p.feed.toArray())
        {
            final String path = CPU_DIR + cpu + "/topology/thread_siblings_list";
            final CpuSet siblings = p.cpuList(path);
            if (null == siblings)
            {
                p.add(id, Status.UNKNOWN, cpu, "(absent)", "siblings offline or isolated", path, "");
                continue;
            }
            final CpuSet others = siblings.minus(CpuSet.of(cpu));
            final List<String> problems = new ArrayList<>();
            final List<String> fixes = new ArrayList<>();
            for (final int s : others.toArray())
            {
                if (p.feed.contains(s))
                {
                    problems.add(s + " is also a feed CPU (shares the core)");
                }
                else if (null != p.online && p.online.contains(s) && !p.isolated.contains(s))
                {
                    problems.add(s + " is an online housekeeping CPU");
                    fixes.add("echo 0 | sudo tee " + CPU_DIR + s + "/online");
                }
            }
            p.add(id, problems.isEmpty() ? Status.PASS : Status.WARN, cpu,
                "siblings=" + Probe.show(others) + (problems.isEmpty() ? "" : ": " + String.join("; ", problems)),
                "siblings offline, or isolated and unused", path + ", /sys/devices/system/cpu/smt/control",
                fixes.isEmpty() ? "use one CPU per core for the feed" :
                    String.join(" && ", fixes) + " (or nosmt on the kernel command line)");
        }
    }

    private static void maskCheck(final Probe p, final String id, final String path, final String fix)
    {
        if (p.naWithoutCpus(id, "mask excludes the feed CPUs", path))
        {
            return;
        }
        final CpuSet mask = p.cpuMask(path);
        if (null == mask)
        {
            p.add(id, Status.UNKNOWN, CheckResult.NO_CPU, "(absent)", "mask excludes " + p.feed, path, "");
            return;
        }
        final CpuSet hit = mask.and(p.feed);
        p.add(id, hit.isEmpty() ? Status.PASS : Status.WARN, CheckResult.NO_CPU,
            p.files.readTrimmed(path) + " = CPUs " + Probe.show(mask), "excludes " + p.feed, path, fix);
    }

    private static void workqueue(final Probe p)
    {
        final String path = "/sys/devices/virtual/workqueue/cpumask";
        maskCheck(p, "cpu.workqueue", path, "echo " + p.housekeeping().toHexMask() + " | sudo tee " + path);
    }

    private static void defaultIrq(final Probe p)
    {
        final String path = "/proc/irq/default_smp_affinity";
        maskCheck(p, "cpu.default_irq", path, "echo " + p.housekeeping().toHexMask() + " | sudo tee " + path +
            " (persist: irqaffinity=" + p.housekeeping() + " on the kernel command line)");
    }

    private static void rtThrottle(final Probe p)
    {
        final String id = "kernel.rt_throttle";
        final String path = "/proc/sys/kernel/sched_rt_runtime_us";
        if (!p.options.realtimeScheduling())
        {
            p.add(id, Status.NA, CheckResult.NO_CPU, "hot thread runs SCHED_OTHER", "-1 (only for SCHED_FIFO/RR)",
                path, "");
            return;
        }
        final Long value = p.number(path);
        if (null == value)
        {
            p.add(id, Status.UNKNOWN, CheckResult.NO_CPU, "(absent)", "-1", path, "");
            return;
        }
        p.add(id, value == -1 ? Status.PASS : Status.WARN, CheckResult.NO_CPU, Long.toString(value), "-1", path,
            "sudo sysctl -w kernel.sched_rt_runtime_us=-1");
    }

    private static void timers(final Probe p)
    {
        final String id = "kernel.timers";
        final String migrationPath = "/proc/sys/kernel/timer_migration";
        final String statPath = "/proc/sys/vm/stat_interval";
        final Long migration = p.number(migrationPath);
        final Long stat = p.number(statPath);
        final String source = migrationPath + ", " + statPath;
        final String observed = "timer_migration=" + (null == migration ? "(absent)" : migration) +
            ", stat_interval=" + (null == stat ? "(absent)" : stat);
        if (null == migration && null == stat)
        {
            p.add(id, Status.UNKNOWN, CheckResult.NO_CPU, observed, "timer_migration=0, stat_interval>=10", source, "");
            return;
        }
        final boolean ok = (null == migration || migration == 0) && (null == stat || stat >= 10);
        p.add(id, ok ? Status.PASS : Status.WARN, CheckResult.NO_CPU, observed,
            "timer_migration=0, stat_interval>=10", source,
            "sudo sysctl -w kernel.timer_migration=0 vm.stat_interval=10");
    }

    private static void watchdog(final Probe p)
    {
        final String id = "kernel.watchdog";
        final String nmiPath = "/proc/sys/kernel/nmi_watchdog";
        final String maskPath = "/proc/sys/kernel/watchdog_cpumask";
        final String source = nmiPath + ", " + maskPath;
        final Long nmi = p.number(nmiPath);
        final CpuSet mask = p.cpuList(maskPath);
        final String observed = "nmi_watchdog=" + (null == nmi ? "(absent)" : nmi) +
            ", watchdog_cpumask=" + Probe.show(mask);
        if (null != nmi && nmi == 0)
        {
            p.add(id, Status.PASS, CheckResult.NO_CPU, observed, "0, or the feed CPUs not in the mask", source, "");
            return;
        }
        if (p.naWithoutCpus(id, "0, or the feed CPUs not in the mask", source))
        {
            return;
        }
        if (null == nmi && null == mask)
        {
            p.add(id, Status.UNKNOWN, CheckResult.NO_CPU, observed, "0, or " + p.feed + " not in the mask", source, "");
            return;
        }
        final boolean ok = null != mask && !mask.intersects(p.feed);
        p.add(id, ok ? Status.PASS : Status.WARN, CheckResult.NO_CPU, observed,
            "0, or " + p.feed + " not in the mask", source,
            "sudo sysctl -w kernel.nmi_watchdog=0 kernel.watchdog_cpumask=" + p.housekeeping() +
                " (or nowatchdog on the kernel command line)");
    }

    private static void governor(final Probe p)
    {
        final String id = "cpu.governor";
        if (p.naWithoutCpus(id, "performance", CPU_DIR + "N/cpufreq/scaling_governor"))
        {
            return;
        }
        for (final int cpu : p.feed.toArray())
        {
            final String path = CPU_DIR + cpu + "/cpufreq/scaling_governor";
            final String governor = p.files.readTrimmed(path);
            if (null == governor)
            {
                if (p.env.isVirtualMachine())
                {
                    p.add(id, Status.UNKNOWN, cpu, "absent: in a VM the hypervisor owns the frequency (" +
                        p.env.vmEvidence() + ")", "performance", path,
                        "ask the hypervisor's owner for dedicated, performance-governed cores, then --waive cpu.governor");
                }
                else
                {
                    p.add(id, Status.UNKNOWN, cpu, "absent: no cpufreq driver (firmware controls the frequency)",
                        "performance", path,
                        "set the BIOS power profile to maximum performance, or load a cpufreq driver; then " +
                            "--waive cpu.governor if the firmware pins the frequency");
                }
                continue;
            }
            final boolean ok = "performance".equals(governor);
            final Status status = ok ? Status.PASS : p.env.isVirtualMachine() ? Status.UNKNOWN : Status.FAIL;
            p.add(id, status, cpu, governor + (!ok && p.env.isVirtualMachine() ? " (in a VM the host decides)" : ""),
                "performance", path, "echo performance | sudo tee " + path +
                    " (persist: tuned-adm profile latency-performance)");
        }
    }

    private static void freqFloor(final Probe p)
    {
        final String id = "cpu.freq_floor";
        if (p.naWithoutCpus(id, "scaling_min_freq = cpuinfo_max_freq", CPU_DIR + "N/cpufreq/scaling_min_freq"))
        {
            return;
        }
        final String pctPath = "/sys/devices/system/cpu/intel_pstate/min_perf_pct";
        final Long minPerfPct = p.number(pctPath);
        for (final int cpu : p.feed.toArray())
        {
            final String minPath = CPU_DIR + cpu + "/cpufreq/scaling_min_freq";
            final String maxPath = CPU_DIR + cpu + "/cpufreq/cpuinfo_max_freq";
            final Long min = p.number(minPath);
            final Long max = p.number(maxPath);
            final String source = minPath + ", " + maxPath + ", " + pctPath;
            if (null != minPerfPct && minPerfPct == 100)
            {
                p.add(id, Status.PASS, cpu, "intel_pstate min_perf_pct=100", "100", source, "");
                continue;
            }
            if (null == min || null == max)
            {
                p.add(id, Status.UNKNOWN, cpu, "absent" + (p.env.isVirtualMachine() ?
                    ": in a VM the hypervisor owns the frequency" : ": no cpufreq driver"),
                    "scaling_min_freq = cpuinfo_max_freq", source, "");
                continue;
            }
            final boolean ok = min.longValue() == max.longValue();
            final Status status = ok ? Status.PASS : p.env.isVirtualMachine() ? Status.UNKNOWN : Status.WARN;
            p.add(id, status, cpu, "scaling_min_freq=" + min + ", cpuinfo_max_freq=" + max +
                (null == minPerfPct ? "" : ", min_perf_pct=" + minPerfPct), "scaling_min_freq = cpuinfo_max_freq",
                source, "echo " + max + " | sudo tee " + minPath +
                    (null == minPerfPct ? "" : " && echo 100 | sudo tee " + pctPath));
        }
    }

    private static void cstates(final Probe p)
    {
        final String id = "cpu.cstates";
        if (p.naWithoutCpus(id, "no deep C-states", CPU_DIR + "N/cpuidle"))
        {
            return;
        }
        final String idle = p.cmdline.get("idle");
        for (final int cpu : p.feed.toArray())
        {
            final String dir = CPU_DIR + cpu + "/cpuidle";
            final String qosPath = CPU_DIR + cpu + "/power/pm_qos_resume_latency_us";
            final String source = dir + ", " + qosPath + ", " + Probe.CMDLINE;
            final String expected = "every state with exit latency > " + DEEP_CSTATE_LATENCY_US + "us disabled";
            if ("poll".equals(idle))
            {
                p.add(id, Status.PASS, cpu, "idle=poll", expected, Probe.CMDLINE, "");
                continue;
            }
            final String qos = p.files.readTrimmed(qosPath);
            if ("n/a".equals(qos))
            {
                p.add(id, Status.PASS, cpu, "pm_qos_resume_latency_us=n/a (no C-states)", expected, qosPath, "");
                continue;
            }
            if (!p.files.isDirectory(dir))
            {
                p.add(id, Status.NA, cpu, "no cpuidle directory (no C-state driver)", expected, dir, "");
                continue;
            }
            if (p.env.isVirtualMachine())
            {
                p.add(id, Status.UNKNOWN, cpu, "in a VM the hypervisor owns C-states (" + p.env.vmEvidence() + ")",
                    expected, dir, "");
                continue;
            }
            long qosLimit = 0;
            try
            {
                qosLimit = null == qos ? 0 : Long.parseLong(qos);
            }
            catch (final NumberFormatException ex)
            {
                qosLimit = 0;
            }
            final List<String> deep = new ArrayList<>();
            final List<String> fixes = new ArrayList<>();
            for (final String state : p.files.list(dir))
            {
                if (!state.startsWith("state"))
                {
                    continue;
                }
                final Long latency = p.number(dir + "/" + state + "/latency");
                final Long disabled = p.number(dir + "/" + state + "/disable");
                final String name = p.files.readTrimmed(dir + "/" + state + "/name");
                final boolean excludedByQos = qosLimit > 0 && null != latency && latency > qosLimit;
                if (null != latency && latency > DEEP_CSTATE_LATENCY_US && (null == disabled || disabled == 0) &&
                    !excludedByQos)
                {
                    deep.add((null == name ? state : name) + " (" + latency + "us)");
                    fixes.add("echo 1 | sudo tee " + dir + "/" + state + "/disable");
                }
            }
            p.add(id, deep.isEmpty() ? Status.PASS : Status.WARN, cpu,
                deep.isEmpty() ? "no deep state enabled" : "enabled: " + String.join(", ", deep) +
                    ", pm_qos_resume_latency_us=" + (null == qos ? "(absent)" : qos),
                expected, source, String.join(" && ", fixes) +
                    " (persist: intel_idle.max_cstate=1 processor.max_cstate=1, or tuned-adm profile latency-performance)");
        }
    }
}
