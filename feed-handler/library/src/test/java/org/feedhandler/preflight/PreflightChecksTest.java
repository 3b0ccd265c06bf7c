package org.feedhandler.preflight;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.feedhandler.preflight.Status.FAIL;
import static org.feedhandler.preflight.Status.NA;
import static org.feedhandler.preflight.Status.PASS;
import static org.feedhandler.preflight.Status.UNKNOWN;
import static org.feedhandler.preflight.Status.WARN;

/**
 * One behaviour per test, on a fixture or on a copy of one with a file changed; the behaviours whose
 * whole outcome is one check's status are rows of {@link #outcomes()}.
 */
class PreflightChecksTest
{
    @TempDir
    Path dir;

    private static CheckResult only(final PreflightReport report, final String id)
    {
        final List<CheckResult> results = report.results(id);
        assertEquals(1, results.size(), id + ": " + results);
        return results.get(0);
    }

    private static PreflightReport audit(final PreflightOptions options)
    {
        return Preflight.audit(options);
    }

    private Path copyOf(final String fixture)
    {
        return Fixtures.copy(fixture, dir);
    }

    /**
     * A snapshot, perhaps copied with files changed, and options: what one row of {@link #outcomes()} audits.
     */
    private static final class Host
    {
        private final String fixture;
        private final String cpus;
        private final String nic;
        private final List<Consumer<Path>> edits = new ArrayList<>();
        private UnaryOperator<PreflightOptions> options = UnaryOperator.identity();
        private final StringBuilder description = new StringBuilder();

        Host(final String fixture, final String cpus, final String nic)
        {
            this.fixture = fixture;
            this.cpus = cpus;
            this.nic = nic;
            description.append(fixture).append(" cpus=").append(cpus).append(' ').append(nic);
        }

        Host write(final String hostPath, final String content)
        {
            edits.add(root -> Fixtures.write(root, hostPath, content));
            description.append(", ").append(hostPath).append("=").append(content.strip());
            return this;
        }

        Host delete(final String hostPath)
        {
            edits.add(root -> Fixtures.delete(root, hostPath));
            description.append(", no ").append(hostPath);
            return this;
        }

        Host with(final String what, final UnaryOperator<PreflightOptions> more)
        {
            final UnaryOperator<PreflightOptions> before = options;
            options = o -> more.apply(before.apply(o));
            description.append(", ").append(what);
            return this;
        }

        PreflightOptions options(final Path dir)
        {
            final PreflightOptions base = Fixtures.options(fixture, cpus, nic);
            if (!edits.isEmpty())
            {
                final Path root = Fixtures.copy(fixture, dir);
                edits.forEach(edit -> edit.accept(root));
                base.hostRoot(root);
            }
            return options.apply(base);
        }

        public String toString()
        {
            return description.toString();
        }
    }

    private static Host host(final String fixture, final String cpus, final String nic)
    {
        return new Host(fixture, cpus, nic);
    }

    private static Arguments outcome(final String behaviour, final Host host, final String id, final Status status)
    {
        return Arguments.of(behaviour, host, id, status);
    }

    /** Checks whose whole outcome is one status: the behaviour, the host, the check and its status. */
    static Stream<Arguments> outcomes()
    {
        final long memlock = 1L << 30;
        return Stream.of(
            // ---- CPU placement
            outcome("reads the cgroup v1 cpuset", host("tuned-baremetal", "2", "eth1")
                .write("/proc/self/cgroup", "4:memory:/feed\n3:cpuset,cpu:/feed\n")
                .write("/sys/fs/cgroup/cpuset/feed/cpuset.effective_cpus", "0-1\n"), "cpu.pinned", FAIL),
            outcome("judges the hot thread itself once pinned", host("tuned-baremetal", "2", "eth1")
                .with("hot thread on 2", o -> o.hotThreadCpusAllowed(CpuSet.of(2))), "cpu.pinned", PASS),
            outcome("judges the hot thread itself once pinned", host("tuned-baremetal", "2", "eth1")
                .with("hot thread on 2-3", o -> o.hotThreadCpusAllowed(CpuSet.of(2, 3))), "cpu.pinned", FAIL),
            outcome("judges the hot thread itself once pinned", host("tuned-baremetal", "2", "eth1")
                .with("hot thread on 0", o -> o.hotThreadCpusAllowed(CpuSet.of(0))), "cpu.pinned", FAIL),
            outcome("unknown pinned without process status", host("tuned-baremetal", "2", "eth1")
                .delete("/proc/self/status").delete("/proc/self/cgroup"), "cpu.pinned", UNKNOWN),
            outcome("fails online for an offline CPU", host("tuned-baremetal", "7", "eth1"), "cpu.online", FAIL),
            outcome("online is unknown without the file", host("tuned-baremetal", "2", "eth1")
                .delete("/sys/devices/system/cpu/online"), "cpu.online", UNKNOWN),
            outcome("housekeeping is unknown without the online file", host("tuned-baremetal", "2", "eth1")
                .delete("/sys/devices/system/cpu/online"), "cpu.housekeeping", UNKNOWN),
            outcome("counts nohz_full CPUs as RCU-offloaded", host("tuned-baremetal", "2", "eth1")
                .write("/proc/cmdline", "root=/dev/sda1 isolcpus=2-3 nohz_full=2-3\n"), "cpu.rcu_nocbs", PASS),
            // vm: "... -- idle=poll isolcpus=0": init's idle=poll must not pass cpu.cstates
            outcome("stops parsing the cmdline at a lone double dash", host("vm", "1", "eth0"), "cpu.cstates", UNKNOWN),
            outcome("stops parsing the cmdline at a lone double dash", host("vm", "1", "eth0")
                .write("/proc/cmdline", "root=/dev/vda1 isolcpus=1 nohz_full=1 idle=poll -- quiet\n"), "cpu.cstates",
                PASS),
            outcome("judges RT throttling for a realtime hot thread", host("tuned-baremetal", "2", "eth1")
                .with("realtime", o -> o.realtimeScheduling(true)), "kernel.rt_throttle", PASS),
            outcome("judges RT throttling for a realtime hot thread", host("distro-default", "2", "eth0")
                .with("realtime", o -> o.realtimeScheduling(true)), "kernel.rt_throttle", WARN),
            outcome("judges RT throttling for a realtime hot thread", host("distro-default", "2", "eth0")
                .delete("/proc/sys/kernel/sched_rt_runtime_us").with("realtime", o -> o.realtimeScheduling(true)),
                "kernel.rt_throttle", UNKNOWN),
            // ---- power
            outcome("passes the frequency floor with intel_pstate min_perf_pct 100", host("distro-default", "2", "eth0")
                .write("/sys/devices/system/cpu/intel_pstate/min_perf_pct", "100\n"), "cpu.freq_floor", PASS),
            // ---- memory
            outcome("passes THP when the kernel has none", host("distro-default", "2", "eth0")
                .delete("/sys/kernel/mm/transparent_hugepage"), "mem.thp", PASS),
            outcome("passes THP when the kernel has none", host("distro-default", "2", "eth0")
                .delete("/sys/kernel/mm/transparent_hugepage"), "mem.thp_defrag", PASS),
            outcome("judges memlock only when the feed locks memory", host("tuned-baremetal", "2", "eth1")
                .with("memlock 1 GiB", o -> o.memlockBytes(memlock)), "mem.memlock", PASS),
            outcome("judges memlock only when the feed locks memory", host("distro-default", "2", "eth0")
                .with("memlock 1 GiB", o -> o.memlockBytes(memlock)), "mem.memlock", WARN),
            outcome("judges memlock only when the feed locks memory", host("vm", "1", "eth0")
                .delete("/proc/self/limits").with("memlock 1 GiB", o -> o.memlockBytes(memlock)), "mem.memlock", UNKNOWN),
            outcome("passes swap with swappiness 1 even with a swap device", host("distro-default", "2", "eth0")
                .write("/proc/sys/vm/swappiness", "1\n"), "mem.swap", PASS),
            // ---- NUMA
            outcome("reports NIC node -1 as unknown, not a mismatch", host("tuned-baremetal", "2", "eth1")
                .write("/sys/devices/pci0000:3a/0000:3a:00.0/0000:3b:00.0/numa_node", "-1\n"), "numa.nic", UNKNOWN),
            // ---- network
            outcome("fails IGMP with fewer memberships than groups", host("tuned-baremetal", "2", "eth1")
                .write("/proc/sys/net/ipv4/igmp_max_memberships", "1\n").with("1 group", o -> o.multicastGroups(1)),
                "net.igmp", PASS),
            outcome("fails IGMP with fewer memberships than groups", host("tuned-baremetal", "2", "eth1")
                .write("/proc/sys/net/ipv4/igmp_max_memberships", "1\n").with("2 groups", o -> o.multicastGroups(2)),
                "net.igmp", FAIL),
            outcome("fails IGMP with fewer memberships than groups", host("tuned-baremetal", "2", "eth1")
                .write("/proc/sys/net/ipv4/igmp_max_memberships", "1\n").with("no group", o -> o.multicastGroups(0)),
                "net.igmp", NA),
            // ---- clock
            outcome("accepts kvm-clock only in a VM", host("vm", "1", "eth0"), "clock.source", PASS),
            outcome("accepts kvm-clock only in a VM", host("tuned-baremetal", "2", "eth1")
                .write("/sys/devices/system/clocksource/clocksource0/current_clocksource", "kvm-clock\n"),
                "clock.source", WARN),
            outcome("accepts kvm-clock only in a VM", host("tuned-baremetal", "2", "eth1")
                .write("/sys/devices/system/clocksource/clocksource0/current_clocksource", "kvm-clock\n")
                .delete("/sys/devices/system/clocksource"), "clock.source", UNKNOWN));
    }

    @ParameterizedTest(name = "{0}: {2} is {3} on {1}")
    @MethodSource("outcomes")
    void shouldGiveTheCheckItsStatusOnTheHost(final String behaviour, final Host host, final String id, final Status status)
    {
        assertEquals(status, only(audit(host.options(dir)), id).status());
    }

    // ---- CPU placement --------------------------------------------------------------------------

    @Test
    void shouldFailIsolatedWhenCpuNotInIsolatedList()
    {
        final CheckResult result = only(audit(Fixtures.options("distro-default", "2", "eth0")), "cpu.isolated");
        assertEquals(Status.FAIL, result.status());
        assertEquals(Severity.MUST, result.severity());
        assertEquals(2, result.cpu());
        assertTrue(result.observed().startsWith("isolated=(none)"), result.observed());
        assertTrue(result.fix().contains("isolcpus=managed_irq,domain,2"), result.fix());
        assertTrue(result.source().contains("/sys/devices/system/cpu/isolated"));
    }

    @Test
    void shouldJudgeEachFeedCpuSeparately()
    {
        final List<CheckResult> results = audit(Fixtures.options("tuned-baremetal", "1-2", "eth1"))
            .results("cpu.isolated");
        assertEquals(2, results.size());
        assertEquals(1, results.get(0).cpu());
        assertEquals(Status.FAIL, results.get(0).status());
        assertEquals(2, results.get(1).cpu());
        assertEquals(Status.PASS, results.get(1).status());
    }

    @Test
    void shouldFallBackToIsolcpusWhenTheKernelHasNoIsolatedFile()
    {
        final Path root = copyOf("tuned-baremetal");
        Fixtures.delete(root, "/sys/devices/system/cpu/isolated");
        final CheckResult result = only(audit(Fixtures.options("tuned-baremetal", "3", "eth1").hostRoot(root)),
            "cpu.isolated");
        assertEquals(Status.PASS, result.status());
        assertTrue(result.source().contains("isolcpus="), result.source());
    }

    @Test
    void shouldFailPinnedWhenNoFeedCpuIsConfigured()
    {
        final PreflightReport report = audit(Fixtures.options("tuned-baremetal", "", "eth1"));
        final CheckResult pinned = only(report, "cpu.pinned");
        assertEquals(Status.FAIL, pinned.status());
        assertTrue(pinned.fix().contains("feed.receiver.cpu"));
        assertEquals(Status.NA, only(report, "cpu.isolated").status());
        assertEquals(Status.NA, only(report, "cpu.governor").status());
        assertEquals(Verdict.NOT_READY, report.verdict());
    }

    @Test
    void shouldPassPinnedWhenTheJvmRunsOnHousekeepingCpusButTheCpusetAllowsTheFeedCpu()
    {
        final CheckResult result = only(audit(Fixtures.options("tuned-baremetal", "2", "eth1")), "cpu.pinned");
        assertEquals(Status.PASS, result.status());
        assertEquals("process Cpus_allowed_list=0-1, cgroup cpuset=0-5; the hot thread can be pinned to 2",
            result.observed());
        assertTrue(result.source().contains("/sys/fs/cgroup/system.slice/feed-handler.service/cpuset.cpus.effective"));
    }

    @Test
    void shouldFailPinnedWhenTheCgroupCpusetExcludesTheFeedCpu()
    {
        final Path root = copyOf("tuned-baremetal");
        Fixtures.write(root, "/sys/fs/cgroup/system.slice/feed-handler.service/cpuset.cpus.effective", "0-1\n");
        final CheckResult result = only(audit(Fixtures.options("tuned-baremetal", "2", "eth1").hostRoot(root)),
            "cpu.pinned");
        assertEquals(Status.FAIL, result.status());
        assertTrue(result.fix().contains("AllowedCPUs=0-2,4-5"), result.fix());
    }

    @Test
    void shouldFailHousekeepingWhenEveryOnlineCpuIsIsolated()
    {
        final Path root = copyOf("tuned-baremetal");
        Fixtures.write(root, "/sys/devices/system/cpu/isolated", "0-5\n");
        final CheckResult result = only(audit(Fixtures.options("tuned-baremetal", "2", "eth1").hostRoot(root)),
            "cpu.housekeeping");
        assertEquals(Status.FAIL, result.status());
        assertEquals(Severity.MUST, result.severity());
    }

    @Test
    void shouldTreatNohzFullNullAsNoneAndAbsentAsAKernelWithoutIt()
    {
        final CheckResult none = only(audit(Fixtures.options("distro-default", "2", "eth0")), "cpu.nohz_full");
        assertEquals(Status.WARN, none.status());
        assertEquals("nohz_full=(none)", none.observed());

        final Path root = copyOf("tuned-baremetal");
        Fixtures.delete(root, "/sys/devices/system/cpu/nohz_full");
        final CheckResult absent = only(audit(Fixtures.options("tuned-baremetal", "2", "eth1").hostRoot(root)),
            "cpu.nohz_full");
        assertEquals(Status.WARN, absent.status());
        assertTrue(absent.observed().contains("without CONFIG_NO_HZ_FULL"), absent.observed());
    }

    @Test
    void shouldWarnSmtSiblingWhenItIsAnOnlineHousekeepingCpuAndNaWhenSmtIsNotSupported()
    {
        final CheckResult sibling = only(audit(Fixtures.options("distro-default", "2", "eth0")), "cpu.smt_sibling");
        assertEquals(Status.WARN, sibling.status());
        assertTrue(sibling.fix().contains("/sys/devices/system/cpu/cpu0/online"), sibling.fix());
        assertEquals(Status.NA, only(audit(Fixtures.options("vm", "1", "eth0")), "cpu.smt_sibling").status());
    }

    @Test
    void shouldWarnWhenUnboundWorkqueuesOrDefaultIrqsMayRunOnTheFeedCpu()
    {
        final PreflightReport report = audit(Fixtures.options("distro-default", "2", "eth0"));
        final CheckResult workqueue = only(report, "cpu.workqueue");
        assertEquals(Status.WARN, workqueue.status());
        assertTrue(workqueue.fix().startsWith("echo b | sudo tee"), workqueue.fix());
        assertEquals(Status.WARN, only(report, "cpu.default_irq").status());
    }

    @Test
    void shouldPassWatchdogWhenNmiWatchdogIsOff()
    {
        final CheckResult result = only(audit(Fixtures.options("vm", "1", "eth0")), "kernel.watchdog");
        assertEquals(Status.PASS, result.status());
        assertTrue(result.observed().startsWith("nmi_watchdog=0"));
    }

    // ---- power ----------------------------------------------------------------------------------

    @Test
    void shouldFailGovernorOnBareMetalButNotInAVm()
    {
        final CheckResult bare = only(audit(Fixtures.options("distro-default", "2", "eth0")), "cpu.governor");
        assertEquals(Status.FAIL, bare.status());
        assertEquals("powersave", bare.observed());
        assertEquals("echo performance | sudo tee /sys/devices/system/cpu/cpu2/cpufreq/scaling_governor" +
            " (persist: tuned-adm profile latency-performance)", bare.fix());

        final CheckResult vm = only(audit(Fixtures.options("vm", "1", "eth0")), "cpu.governor");
        assertEquals(Status.UNKNOWN, vm.status());
        assertTrue(vm.observed().contains("hypervisor"), vm.observed());

        final Path root = copyOf("vm");
        Fixtures.write(root, "/sys/devices/system/cpu/cpu1/cpufreq/scaling_governor", "schedutil\n");
        assertEquals(Status.UNKNOWN,
            only(audit(Fixtures.options("vm", "1", "eth0").hostRoot(root)), "cpu.governor").status());
    }

    @Test
    void shouldReportGovernorUnknownOnBareMetalWithoutCpufreq()
    {
        final Path root = copyOf("tuned-baremetal");
        Fixtures.delete(root, "/sys/devices/system/cpu/cpu2/cpufreq");
        final PreflightReport report = audit(Fixtures.options("tuned-baremetal", "2", "eth1").hostRoot(root));
        final CheckResult result = only(report, "cpu.governor");
        assertEquals(Status.UNKNOWN, result.status());
        assertTrue(result.observed().contains("no cpufreq driver"), result.observed());
        assertEquals(Status.UNKNOWN, only(report, "cpu.freq_floor").status());
        assertEquals(Verdict.INDETERMINATE, report.verdict());
    }

    @Test
    void shouldWarnCstatesListingEnabledDeepStatesUnlessQosForbidsThem()
    {
        final CheckResult deep = only(audit(Fixtures.options("distro-default", "2", "eth0")), "cpu.cstates");
        assertEquals(Status.WARN, deep.status());
        assertTrue(deep.observed().contains("C6 (170us)") && deep.observed().contains("C10 (890us)"),
            deep.observed());
        assertTrue(deep.fix().contains("/sys/devices/system/cpu/cpu2/cpuidle/state2/disable"), deep.fix());

        final Path root = copyOf("distro-default");
        Fixtures.write(root, "/sys/devices/system/cpu/cpu2/power/pm_qos_resume_latency_us", "5\n");
        assertEquals(Status.PASS,
            only(audit(Fixtures.options("distro-default", "2", "eth0").hostRoot(root)), "cpu.cstates").status());
        Fixtures.write(root, "/sys/devices/system/cpu/cpu2/power/pm_qos_resume_latency_us", "n/a\n");
        assertEquals(Status.PASS,
            only(audit(Fixtures.options("distro-default", "2", "eth0").hostRoot(root)), "cpu.cstates").status());
    }

    // ---- memory ---------------------------------------------------------------------------------

    @Test
    void shouldPassThpMadviseOnlyWhenTheJvmUsesTransparentHugePages()
    {
        final List<String> args = new ArrayList<>(Fixtures.TUNED_JVM);
        final PreflightReport without = audit(Fixtures.options("distro-default", "2", "eth0"));
        assertEquals(Status.FAIL, only(without, "mem.thp").status());
        assertEquals(Status.FAIL, only(without, "mem.thp_defrag").status());
        assertTrue(only(without, "mem.thp_defrag").fix().contains("-XX:+UseTransparentHugePages"));

        args.add("-XX:+UseTransparentHugePages");
        final PreflightReport with = audit(Fixtures.options("distro-default", "2", "eth0")
            .jvm(JvmFacts.fromArguments(args)));
        assertEquals(Status.FAIL, only(with, "mem.thp").status(), "[always] fails even with the flag");
        assertEquals(Status.PASS, only(with, "mem.thp_defrag").status());
    }

    @Test
    void shouldJudgeHugePagesOnlyWhenTheJvmUsesThem()
    {
        final List<String> args = new ArrayList<>(Fixtures.TUNED_JVM);
        args.add("-XX:+UseLargePages");
        final CheckResult enough = only(audit(Fixtures.options("tuned-baremetal", "2", "eth1")
            .jvm(JvmFacts.fromArguments(args))), "mem.hugepages");
        assertEquals(Status.PASS, enough.status());
        assertEquals(">= 2048 for a 4294967296-byte heap", enough.expected());

        final CheckResult none = only(audit(Fixtures.options("distro-default", "2", "eth0")
            .jvm(JvmFacts.fromArguments(args))), "mem.hugepages");
        assertEquals(Status.FAIL, none.status());
        assertEquals(Severity.MUST, none.severity());
        assertTrue(none.fix().contains("nr_hugepages"));

        final CheckResult unknown = only(audit(Fixtures.options("vm", "1", "eth0")
            .jvm(JvmFacts.fromArguments(args))), "mem.hugepages");
        assertEquals(Status.UNKNOWN, unknown.status());
    }

    // ---- NUMA -----------------------------------------------------------------------------------

    @Test
    void shouldWarnWhenFeedCpusNicOrMemoryAreOnDifferentNodes()
    {
        final PreflightReport report = audit(Fixtures.options("tuned-baremetal", "3-4", "eth1"));
        assertEquals(Status.WARN, only(report, "numa.cpus").status());
        assertEquals("3@node0, 4@node1", only(report, "numa.cpus").observed());

        final PreflightReport other = audit(Fixtures.options("tuned-baremetal", "4", "eth1"));
        assertEquals(Status.WARN, only(other, "numa.nic").status());
        assertEquals(Status.WARN, only(other, "numa.membind").status());
        assertTrue(only(other, "numa.membind").fix().contains("numactl --membind=1"));
    }

    // ---- network --------------------------------------------------------------------------------

    @Test
    void shouldFailIrqAffinityWhenANicIrqLandsOnTheFeedCpu()
    {
        final CheckResult result = only(audit(Fixtures.options("distro-default", "2", "eth0")), "net.irq_affinity");
        assertEquals(Status.FAIL, result.status());
        assertEquals("eth0 IRQs 130->0 131->2 132->3", result.observed());
        assertTrue(result.fix().startsWith("for irq in 131; do echo 0-1,3 | sudo tee /proc/irq/$irq/smp_affinity_list"),
            result.fix());
        assertTrue(result.source().contains("effective_affinity_list"));
    }

    @Test
    void shouldReadIrqsOfTheVirtioParentPciFunctionAndFallBackToSmpAffinityList()
    {
        final CheckResult result = only(audit(Fixtures.options("vm", "1", "eth0")), "net.irq_affinity");
        assertEquals(Status.PASS, result.status());
        assertEquals("eth0 IRQs 37->0 38->0 39->0", result.observed());
        assertEquals("/sys/devices/pci0000:00/0000:00:03.0/msi_irqs, /proc/irq/N/smp_affinity_list", result.source());
        assertEquals(Status.FAIL,
            only(audit(Fixtures.options("vm", "0", "eth0")), "net.irq_affinity").status());
    }

    @Test
    void shouldReportIrqAffinityNaForLoopbackAndUnknownForAVethInAContainer()
    {
        assertEquals(Status.NA, only(audit(Fixtures.options("tuned-baremetal", "2", "lo")), "net.irq_affinity")
            .status());
        final CheckResult veth = only(audit(Fixtures.options("container", "2", "eth0")), "net.irq_affinity");
        assertEquals(Status.UNKNOWN, veth.status());
        assertTrue(veth.observed().contains("container"), veth.observed());
    }

    @Test
    void shouldFailIrqAffinityForAMissingInterfaceOutsideAContainer()
    {
        final CheckResult result = only(audit(Fixtures.options("tuned-baremetal", "2", "eth7")), "net.irq_affinity");
        assertEquals(Status.FAIL, result.status());
        assertTrue(result.fix().contains("feed.preflight.interface"));
    }

    @Test
    void shouldPassIrqbalanceWhenNotRunningOrWhenItBansTheFeedCpus()
    {
        final CheckResult banned = only(audit(Fixtures.options("tuned-baremetal", "2-3", "eth1")), "net.irqbalance");
        assertEquals(Status.PASS, banned.status());
        assertTrue(banned.observed().contains("banned=2-3"), banned.observed());
        assertEquals(Status.PASS, only(audit(Fixtures.options("vm", "1", "eth0")), "net.irqbalance").status());
        assertEquals(Status.WARN,
            only(audit(Fixtures.options("distro-default", "2", "eth0")), "net.irqbalance").status());
    }

    @Test
    void shouldJudgeOffloadsAndCoalescingFromEthtoolOutput()
    {
        final CommandRunner tuned = command -> new CommandRunner.Output(0, "-k".equals(command.get(1)) ?
            "Features for eth1:\nrx-checksumming: on\ngeneric-receive-offload: off\nlarge-receive-offload: off [fixed]\n" :
            "Coalesce parameters for eth1:\nAdaptive RX: off  TX: off\nrx-usecs: 0\nrx-frames: 1\n");
        final PreflightReport good = audit(Fixtures.options("tuned-baremetal", "2", "eth1").commandRunner(tuned));
        assertEquals(Status.PASS, only(good, "net.gro_lro").status());
        assertEquals(Status.PASS, only(good, "net.coalescing").status());

        final CommandRunner defaults = command -> new CommandRunner.Output(0, "-k".equals(command.get(1)) ?
            "generic-receive-offload: on\nlarge-receive-offload: off [fixed]\n" :
            "Adaptive RX: on  TX: on\nrx-usecs: 8\n");
        final PreflightReport bad = audit(Fixtures.options("tuned-baremetal", "2", "eth1").commandRunner(defaults));
        assertEquals(Status.WARN, only(bad, "net.gro_lro").status());
        assertEquals("sudo ethtool -K eth1 gro off lro off", only(bad, "net.gro_lro").fix());
        assertEquals(Status.WARN, only(bad, "net.coalescing").status());
        assertEquals("sudo ethtool -C eth1 adaptive-rx off rx-usecs 0", only(bad, "net.coalescing").fix());
    }

    @Test
    void shouldReportEthtoolChecksUnknownWhenNotInstalledAndNaWhenUnsupported()
    {
        final PreflightReport missing = audit(Fixtures.options("tuned-baremetal", "2", "eth1")
            .commandRunner(CommandRunner.none()));
        assertEquals(Status.UNKNOWN, only(missing, "net.gro_lro").status());
        assertTrue(only(missing, "net.gro_lro").fix().contains("install ethtool"));

        final CommandRunner unsupported = command ->
            new CommandRunner.Output(94, "Cannot get device coalesce settings: Operation not supported\n");
        assertEquals(Status.NA, only(audit(Fixtures.options("tuned-baremetal", "2", "eth1")
            .commandRunner(unsupported)), "net.coalescing").status());
    }

    @Test
    void shouldNotRunEthtoolUnderAHostRoot()
    {
        final CheckResult result = only(audit(Fixtures.options("tuned-baremetal", "2", "eth1")), "net.gro_lro");
        assertEquals(Status.UNKNOWN, result.status());
        assertTrue(result.observed().contains("--host-root"), result.observed());
    }

    @Test
    void shouldJudgeRmemAgainstTheConfiguredReceiveBuffer()
    {
        final CheckResult fail = only(audit(Fixtures.options("distro-default", "2", "eth0")), "net.rmem");
        assertEquals(Status.FAIL, fail.status());
        assertEquals(Severity.MUST, fail.severity());
        assertEquals("rmem_max=212992", fail.observed());
        assertTrue(fail.fix().startsWith("sudo sysctl -w net.core.rmem_max=4194304"));
        assertEquals(Status.PASS, only(audit(Fixtures.options("tuned-baremetal", "2", "eth1")), "net.rmem").status());
        assertEquals(Status.NA, only(audit(Fixtures.options("distro-default", "2", "eth0").receiveBufferBytes(0)),
            "net.rmem").status());
        assertEquals(Status.UNKNOWN, only(audit(Fixtures.options("container", "2", "eth0")), "net.rmem").status());
    }

    @Test
    void shouldProbeTheReceiveBufferTheKernelGrants()
    {
        final long granted = NetworkChecks.probeReceiveBuffer(65536);
        if (granted >= 0)
        {
            assertTrue(granted >= 65536 / 2 && granted <= 4 * 65536, "granted " + granted);
        }
    }

    @Test
    void shouldWarnRpFilterInStrictReversePathMode()
    {
        final CheckResult strict = only(audit(Fixtures.options("distro-default", "2", "eth0")), "net.rp_filter");
        assertEquals(Status.WARN, strict.status());
        assertEquals("all=1, eth0=1 (effective 1)", strict.observed());
        final CheckResult loose = only(audit(Fixtures.options("vm", "1", "eth0")), "net.rp_filter");
        assertEquals(Status.PASS, loose.status());
    }

    @Test
    void shouldRecordDropCountersAsABaselineForTheRun()
    {
        final CheckResult result = only(audit(Fixtures.options("distro-default", "2", "eth0")), "net.drops");
        assertEquals(Status.NA, result.status());
        assertEquals("baseline Udp RcvbufErrors=12, eth0 rx_dropped=17 (judged as a delta during the run)",
            result.observed());
    }

    // ---- clock and JVM --------------------------------------------------------------------------

    @Test
    void shouldWarnEveryJvmCheckForAPlainJvmAndPassForATunedOne()
    {
        final Set<String> jvmChecks = Set.of("jvm.heap", "jvm.pretouch", "jvm.safepoints");
        final PreflightReport plain = audit(Fixtures.options("tuned-baremetal", "2", "eth1")
            .jvm(JvmFacts.fromArguments(List.of("-Xmx4g", "-ea", "-agentlib:jdwp=transport=dt_socket"))));
        for (final String id : jvmChecks)
        {
            assertEquals(Status.WARN, only(plain, id).status(), id);
        }
        final CheckResult asserts = only(plain, "jvm.asserts");
        assertEquals(Status.WARN, asserts.status());
        assertTrue(asserts.observed().contains("assertions enabled") && asserts.observed().contains("jdwp"));
        assertEquals("JAVA_OPTS=\"-Xms4g -Xmx4g\"", only(plain, "jvm.heap").fix());
        assertEquals(Verdict.READY, plain.verdict(), "JVM checks are SHOULD");
    }

    @Test
    void shouldTreatALaterDisableAssertionsAsOff()
    {
        assertFalse(JvmFacts.fromArguments(List.of("-ea", "-da")).assertionsEnabled());
        assertTrue(JvmFacts.fromArguments(List.of("-ea", "-da:com.example...")).assertionsEnabled());
        assertTrue(JvmFacts.fromArguments(List.of("-esa")).assertionsEnabled());
        assertNull(JvmFacts.fromArguments(List.of("-Xmx1g")).debuggerAgent());
        assertEquals("1073741824", JvmFacts.fromArguments(List.of("-XX:MaxHeapSize=1g")).option("MaxHeapSize"));
    }

    @Test
    void shouldReadTheRunningJvmThroughItsMxBeans()
    {
        final JvmFacts jvm = JvmFacts.current();
        assertTrue(Long.parseLong(jvm.option("MaxHeapSize")) > 0);
        assertEquals("1000", jvm.option("GuaranteedSafepointInterval"), "diagnostic option hidden: the default");
    }

    // ---- waivers and verdicts -------------------------------------------------------------------

    @Test
    void shouldReportAWaivedCheckAsWaivedAndNotCountIt()
    {
        final PreflightReport report = audit(Fixtures.options("vm", "1", "eth0").waive(Set.of("cpu.governor")));
        final CheckResult governor = only(report, "cpu.governor");
        assertTrue(governor.waived());
        assertEquals(Status.UNKNOWN, governor.status(), "a waiver does not change what was observed");
        assertEquals(Verdict.READY, report.verdict());
        assertEquals(1, report.waivedCount());
        assertTrue(report.toText("").contains("cpu.governor"), "waived checks are still printed");
    }

    @Test
    void shouldFailOnShouldChecksOnlyWhenStrict()
    {
        final PreflightOptions options = Fixtures.options("vm", "1", "eth0").waive(Set.of("cpu.governor"))
            .jvm(JvmFacts.fromArguments(Fixtures.PLAIN_JVM));
        assertEquals(Verdict.READY, audit(options).verdict());
        assertEquals(Verdict.NOT_READY, audit(options.strict(true)).verdict());
        // the VM's DAMON pageout scheme is a SHOULD that warns, so strict fails on it unless waived
        assertEquals(Verdict.NOT_READY, audit(Fixtures.options("vm", "1", "eth0").waive(Set.of("cpu.governor"))
            .strict(true)).verdict());
        assertEquals(Verdict.READY, audit(Fixtures.options("vm", "1", "eth0").waive(Set.of("cpu.governor", "mem.damon"))
            .strict(true)).verdict(), "SHOULD checks that are unknown (ethtool, VM) do not fail strict");
    }

    @Test
    void shouldPreferNotReadyOverIndeterminate()
    {
        final Path root = copyOf("vm");
        Fixtures.write(root, "/sys/kernel/mm/transparent_hugepage/enabled", "[always] madvise never\n");
        final PreflightReport report = audit(Fixtures.options("vm", "1", "eth0").hostRoot(root));
        assertEquals(Verdict.NOT_READY, report.verdict());
        assertEquals(1, report.undeterminedCount());
    }

    @Test
    void shouldRejectUnknownWaiverIds()
    {
        assertThrows(IllegalArgumentException.class, () -> PreflightOptions.parseWaivers("cpu.govenor"));
        assertEquals(Set.of("cpu.governor", "mem.thp"), PreflightOptions.parseWaivers(" cpu.governor, mem.thp ,"));
    }

    @Test
    void shouldDetectVmAndContainerFromTheirMarkers()
    {
        final HostEnvironment vm = HostEnvironment.detect(HostFiles.under(Fixtures.root("vm")));
        assertTrue(vm.isVirtualMachine());
        assertFalse(vm.isContainer());
        assertTrue(vm.vmEvidence().contains("hypervisor") && vm.vmEvidence().contains("QEMU"), vm.vmEvidence());

        final HostEnvironment container = HostEnvironment.detect(HostFiles.under(Fixtures.root("container")));
        assertTrue(container.isContainer());
        assertFalse(container.isVirtualMachine());
        assertTrue(container.containerEvidence().contains("/.dockerenv"));
        assertTrue(container.containerEvidence().contains("cgroup /docker/"));

        final HostEnvironment bare = HostEnvironment.detect(HostFiles.under(Fixtures.root("tuned-baremetal")));
        assertEquals("bare-metal", bare.kind());
        assertEquals("5.14.0-427.13.1.el9_4.x86_64", bare.kernel());
    }
}
