package org.feedhandler.preflight;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.feedhandler.preflight.Status.FAIL;
import static org.feedhandler.preflight.Status.NA;
import static org.feedhandler.preflight.Status.PASS;
import static org.feedhandler.preflight.Status.UNKNOWN;
import static org.feedhandler.preflight.Status.WARN;

/**
 * Every check on the four host snapshots, as a whole table per host, so a change in any check's
 * outcome shows up here.
 */
class PreflightFixtureTest
{
    private static Map<String, List<Status>> statuses(final PreflightReport report)
    {
        final Map<String, List<Status>> statuses = new LinkedHashMap<>();
        for (final CheckResult result : report.results())
        {
            statuses.computeIfAbsent(result.id(), k -> new ArrayList<>()).add(result.status());
        }
        return statuses;
    }

    private static Map<String, List<Status>> table(final Object... idsAndStatuses)
    {
        final Map<String, List<Status>> table = new LinkedHashMap<>();
        for (int i = 0; i < idsAndStatuses.length; i += 2)
        {
            final Object s = idsAndStatuses[i + 1];
            table.put((String)idsAndStatuses[i], s instanceof Status ? List.of((Status)s) : toList((Status[])s));
        }
        return table;
    }

    private static List<Status> toList(final Status[] statuses)
    {
        return List.of(statuses);
    }

    private static Status[] each(final Status... statuses)
    {
        return statuses;
    }

    @Test
    void shouldPassEveryApplicableCheckOnTunedBareMetal()
    {
        final PreflightReport report = Preflight.audit(Fixtures.options("tuned-baremetal", "2-3", "eth1"));

        assertEquals(table(
            "cpu.pinned", PASS,
            "cpu.online", each(PASS, PASS),
            "cpu.isolated", each(PASS, PASS),
            "cpu.housekeeping", PASS,
            "cpu.nohz_full", each(PASS, PASS),
            "cpu.rcu_nocbs", each(PASS, PASS),
            "cpu.smt_sibling", each(PASS, PASS),
            "cpu.workqueue", PASS,
            "cpu.default_irq", PASS,
            "kernel.rt_throttle", NA,
            "kernel.timers", PASS,
            "kernel.watchdog", PASS,
            "cpu.governor", each(PASS, PASS),
            "cpu.freq_floor", each(PASS, PASS),
            "cpu.cstates", each(PASS, PASS),
            "mem.thp", PASS,
            "mem.thp_defrag", PASS,
            "mem.swap", PASS,
            "mem.dirty", PASS,
            "mem.numa_balancing", PASS,
            "mem.damon", PASS,
            "mem.hugepages", NA,
            "mem.memlock", NA,
            "numa.cpus", PASS,
            "numa.nic", PASS,
            "numa.membind", PASS,
            "net.irq_affinity", PASS,
            "net.irqbalance", PASS,
            "net.gro_lro", UNKNOWN,
            "net.coalescing", UNKNOWN,
            "net.busy_poll", PASS,
            "net.rmem", PASS,
            "net.rp_filter", PASS,
            "net.igmp", PASS,
            "net.drops", NA,
            "clock.source", PASS,
            "clock.tsc", PASS,
            "jvm.heap", PASS,
            "jvm.pretouch", PASS,
            "jvm.safepoints", PASS,
            "jvm.asserts", PASS), statuses(report));
        assertEquals(Verdict.READY, report.verdict());
        assertEquals(0, report.exitCode());
        assertEquals("bare-metal", report.environment().kind());
    }

    @Test
    void shouldFailOrWarnTheDistroDefaults()
    {
        final PreflightReport report = Preflight.audit(
            Fixtures.options("distro-default", "2", "eth0").jvm(JvmFacts.fromArguments(Fixtures.PLAIN_JVM)));

        assertEquals(table(
            "cpu.pinned", PASS,
            "cpu.online", PASS,
            "cpu.isolated", FAIL,
            "cpu.housekeeping", PASS,
            "cpu.nohz_full", WARN,
            "cpu.rcu_nocbs", WARN,
            "cpu.smt_sibling", WARN,
            "cpu.workqueue", WARN,
            "cpu.default_irq", WARN,
            "kernel.rt_throttle", NA,
            "kernel.timers", WARN,
            "kernel.watchdog", WARN,
            "cpu.governor", FAIL,
            "cpu.freq_floor", WARN,
            "cpu.cstates", WARN,
            "mem.thp", FAIL,
            "mem.thp_defrag", FAIL,
            "mem.swap", WARN,
            "mem.dirty", WARN,
            "mem.numa_balancing", WARN,
            "mem.damon", PASS,
            "mem.hugepages", NA,
            "mem.memlock", NA,
            "numa.cpus", NA,
            "numa.nic", NA,
            "numa.membind", NA,
            "net.irq_affinity", FAIL,
            "net.irqbalance", WARN,
            "net.gro_lro", UNKNOWN,
            "net.coalescing", UNKNOWN,
            "net.busy_poll", WARN,
            "net.rmem", FAIL,
            "net.rp_filter", WARN,
            "net.igmp", PASS,
            "net.drops", NA,
            "clock.source", WARN,
            "clock.tsc", WARN,
            "jvm.heap", WARN,
            "jvm.pretouch", WARN,
            "jvm.safepoints", WARN,
            "jvm.asserts", PASS), statuses(report));
        assertEquals(Verdict.NOT_READY, report.verdict());
        assertEquals(1, report.exitCode());
        for (final CheckResult result : report.results())
        {
            if (result.status() == FAIL || result.status() == WARN)
            {
                assertFalse(result.fix().isEmpty(), "a fix for " + result);
            }
        }
    }

    @Test
    void shouldReportHypervisorOwnedControlsUnknownInAVm()
    {
        final PreflightReport report = Preflight.audit(Fixtures.options("vm", "1", "eth0"));

        assertEquals(table(
            "cpu.pinned", PASS,
            "cpu.online", PASS,
            "cpu.isolated", PASS,
            "cpu.housekeeping", PASS,
            "cpu.nohz_full", PASS,
            "cpu.rcu_nocbs", PASS,
            "cpu.smt_sibling", NA,
            "cpu.workqueue", PASS,
            "cpu.default_irq", PASS,
            "kernel.rt_throttle", NA,
            "kernel.timers", PASS,
            "kernel.watchdog", PASS,
            "cpu.governor", UNKNOWN,
            "cpu.freq_floor", UNKNOWN,
            "cpu.cstates", UNKNOWN,
            "mem.thp", PASS,
            "mem.thp_defrag", PASS,
            "mem.swap", PASS,
            "mem.dirty", PASS,
            "mem.numa_balancing", NA,
            "mem.damon", WARN,
            "mem.hugepages", NA,
            "mem.memlock", NA,
            "numa.cpus", NA,
            "numa.nic", NA,
            "numa.membind", NA,
            "net.irq_affinity", PASS,
            "net.irqbalance", PASS,
            "net.gro_lro", UNKNOWN,
            "net.coalescing", UNKNOWN,
            "net.busy_poll", PASS,
            "net.rmem", PASS,
            "net.rp_filter", PASS,
            "net.igmp", PASS,
            "net.drops", NA,
            "clock.source", PASS,
            "clock.tsc", PASS,
            "jvm.heap", PASS,
            "jvm.pretouch", PASS,
            "jvm.safepoints", PASS,
            "jvm.asserts", PASS), statuses(report));
        assertEquals(Verdict.INDETERMINATE, report.verdict());
        assertEquals(2, report.exitCode());
        assertTrue(report.environment().isVirtualMachine());
    }

    @Test
    void shouldReportWhatAContainerCannotSeeAsUnknown()
    {
        final PreflightReport report = Preflight.audit(Fixtures.options("container", "2-3", "eth0"));

        assertEquals(table(
            "cpu.pinned", PASS,
            "cpu.online", each(PASS, PASS),
            "cpu.isolated", each(PASS, PASS),
            "cpu.housekeeping", PASS,
            "cpu.nohz_full", each(PASS, PASS),
            "cpu.rcu_nocbs", each(PASS, PASS),
            "cpu.smt_sibling", PASS,
            "cpu.workqueue", PASS,
            "cpu.default_irq", PASS,
            "kernel.rt_throttle", NA,
            "kernel.timers", UNKNOWN,
            "kernel.watchdog", UNKNOWN,
            "cpu.governor", each(PASS, PASS),
            "cpu.freq_floor", each(PASS, PASS),
            "cpu.cstates", each(NA, NA),
            "mem.thp", PASS,
            "mem.thp_defrag", PASS,
            "mem.swap", PASS,
            "mem.dirty", UNKNOWN,
            "mem.numa_balancing", NA,
            "mem.damon", PASS,
            "mem.hugepages", NA,
            "mem.memlock", NA,
            "numa.cpus", NA,
            "numa.nic", NA,
            "numa.membind", NA,
            "net.irq_affinity", UNKNOWN,
            "net.irqbalance", UNKNOWN,
            "net.gro_lro", UNKNOWN,
            "net.coalescing", UNKNOWN,
            "net.busy_poll", UNKNOWN,
            "net.rmem", UNKNOWN,
            "net.rp_filter", PASS,
            "net.igmp", UNKNOWN,
            "net.drops", NA,
            "clock.source", PASS,
            "clock.tsc", PASS,
            "jvm.heap", PASS,
            "jvm.pretouch", PASS,
            "jvm.safepoints", PASS,
            "jvm.asserts", PASS), statuses(report));
        assertEquals(Verdict.INDETERMINATE, report.verdict());
        assertEquals("container", report.environment().kind());
    }

    @Test
    void shouldReportEveryCatalogueCheck()
    {
        final PreflightReport report = Preflight.audit(Fixtures.options("tuned-baremetal", "2", "eth1"));
        final List<String> ids = new ArrayList<>();
        for (final CheckResult result : report.results())
        {
            if (!ids.contains(result.id()))
            {
                ids.add(result.id());
            }
        }
        assertEquals(new ArrayList<>(Catalogue.ids()), ids);
    }

    @Test
    void shouldFailWhenNoHousekeepingCpuIsLeftOrIgmpMembershipsRunOut(@TempDir final Path dir)
    {
        // the MUST checks' fail paths not in the whole-host tables
        final Path root = Fixtures.copy("tuned-baremetal", dir);
        Fixtures.write(root, "/sys/devices/system/cpu/isolated", "0-5\n");
        Fixtures.write(root, "/proc/sys/net/ipv4/igmp_max_memberships", "1\n");
        final PreflightReport report = Preflight.audit(Fixtures.options("tuned-baremetal", "2", "eth1")
            .hostRoot(root).multicastGroups(2));
        assertEquals(FAIL, report.results("cpu.housekeeping").get(0).status());
        assertEquals(FAIL, report.results("net.igmp").get(0).status());
        assertEquals(Verdict.NOT_READY, report.verdict());
    }

    @Test
    void shouldWarnOfADamonSchemeReclaimingMemoryAndNameHowToStopIt(@TempDir final Path dir)
    {
        // the development VMs run a kdamond paging out physical memory; DAMON's reclaim module does the same
        final PreflightReport vm = Preflight.audit(Fixtures.options("vm", "1", "eth0"));
        final CheckResult kdamond = vm.results("mem.damon").get(0);
        assertEquals("kdamond 0 paddr pageout", kdamond.observed());
        assertTrue(kdamond.fix().contains("echo off | sudo tee /sys/kernel/mm/damon/admin/kdamonds/0/state"), kdamond.fix());

        final Path root = Fixtures.copy("tuned-baremetal", dir);
        Fixtures.write(root, "/sys/module/damon_reclaim/parameters/enabled", "Y\n");
        final CheckResult module = Preflight.audit(Fixtures.options("tuned-baremetal", "2", "eth1").hostRoot(root))
            .results("mem.damon").get(0);
        assertEquals(WARN, module.status());
        assertEquals("damon_reclaim enabled", module.observed());
        assertTrue(module.fix().contains("echo N | sudo tee /sys/module/damon_reclaim/parameters/enabled"), module.fix());

        // DAMON's LRU-sorting module, present and off, is DAMON present and idle; none at all is absent
        final Path lruSort = Fixtures.copy("container", dir.resolve("lru"));
        Fixtures.write(lruSort, "/sys/module/damon_lru_sort/parameters/enabled", "N\n");
        assertEquals("no scheme acting on memory", Preflight.audit(Fixtures.options("container", "2-3", "eth0")
            .hostRoot(lruSort)).results("mem.damon").get(0).observed());
        assertEquals("absent: kernel without DAMON",
            Preflight.audit(Fixtures.options("container", "2-3", "eth0")).results("mem.damon").get(0).observed());

        // a scheme that only counts (stat) acts on nothing: the bare-metal snapshot runs one
        assertEquals("no scheme acting on memory",
            Preflight.audit(Fixtures.options("tuned-baremetal", "2", "eth1")).results("mem.damon").get(0).observed());
    }
}
