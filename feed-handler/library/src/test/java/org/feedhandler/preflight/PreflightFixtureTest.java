package org.feedhandler.preflight;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.feedhandler.preflight.Status.FAIL;
import static org.feedhandler.preflight.Status.WARN;

/**
 * Every check on the four host snapshots, as a whole table per host, so a change in any check's
 * outcome shows up here.
 */
class PreflightFixtureTest
{
    /**
     * Each check's statuses on each snapshot, in report order; a check judged per feed CPU has one status per
     * CPU, comma-separated.
     */
    private static final String TABLE = """
        check               tuned-baremetal  distro-default  vm       container
        cpu.pinned          PASS             PASS            PASS     PASS
        cpu.online          PASS,PASS        PASS            PASS     PASS,PASS
        cpu.isolated        PASS,PASS        FAIL            PASS     PASS,PASS
        cpu.housekeeping    PASS             PASS            PASS     PASS
        cpu.nohz_full       PASS,PASS        WARN            PASS     PASS,PASS
        cpu.rcu_nocbs       PASS,PASS        WARN            PASS     PASS,PASS
        cpu.smt_sibling     PASS,PASS        WARN            NA       PASS
        cpu.workqueue       PASS             WARN            PASS     PASS
        cpu.default_irq     PASS             WARN            PASS     PASS
        kernel.rt_throttle  NA               NA              NA       NA
        kernel.timers       PASS             WARN            PASS     UNKNOWN
        kernel.watchdog     PASS             WARN            PASS     UNKNOWN
        cpu.governor        PASS,PASS        FAIL            UNKNOWN  PASS,PASS
        cpu.freq_floor      PASS,PASS        WARN            UNKNOWN  PASS,PASS
        cpu.cstates         PASS,PASS        WARN            UNKNOWN  NA,NA
        mem.thp             PASS             FAIL            PASS     PASS
        mem.thp_defrag      PASS             FAIL            PASS     PASS
        mem.swap            PASS             WARN            PASS     PASS
        mem.dirty           PASS             WARN            PASS     UNKNOWN
        mem.numa_balancing  PASS             WARN            NA       NA
        mem.damon           PASS             PASS            WARN     PASS
        mem.hugepages       NA               NA              NA       NA
        mem.memlock         NA               NA              NA       NA
        numa.cpus           PASS             NA              NA       NA
        numa.nic            PASS             NA              NA       NA
        numa.membind        PASS             NA              NA       NA
        net.irq_affinity    PASS             FAIL            PASS     UNKNOWN
        net.irqbalance      PASS             WARN            PASS     UNKNOWN
        net.gro_lro         UNKNOWN          UNKNOWN         UNKNOWN  UNKNOWN
        net.coalescing      UNKNOWN          UNKNOWN         UNKNOWN  UNKNOWN
        net.busy_poll       PASS             WARN            PASS     UNKNOWN
        net.rmem            PASS             FAIL            PASS     UNKNOWN
        net.rp_filter       PASS             WARN            PASS     PASS
        net.igmp            PASS             PASS            PASS     UNKNOWN
        net.drops           NA               NA              NA       NA
        clock.source        PASS             WARN            PASS     PASS
        clock.tsc           PASS             WARN            PASS     PASS
        jvm.heap            PASS             WARN            PASS     PASS
        jvm.pretouch        PASS             WARN            PASS     PASS
        jvm.safepoints      PASS             WARN            PASS     PASS
        jvm.asserts         PASS             PASS            PASS     PASS
        """;

    private static Map<String, List<Status>> statuses(final PreflightReport report)
    {
        final Map<String, List<Status>> statuses = new LinkedHashMap<>();
        for (final CheckResult result : report.results())
        {
            statuses.computeIfAbsent(result.id(), k -> new ArrayList<>()).add(result.status());
        }
        return statuses;
    }

    /** @return one snapshot's column of {@link #TABLE}: each check and its statuses, in order. */
    private static Map<String, List<Status>> expected(final String host)
    {
        final List<String[]> rows = TABLE.lines().map(line -> line.trim().split(" +")).toList();
        final int column = List.of(rows.get(0)).indexOf(host);
        assertTrue(column > 0, "no column for " + host);
        final Map<String, List<Status>> table = new LinkedHashMap<>();
        for (final String[] row : rows.subList(1, rows.size()))
        {
            table.put(row[0], Stream.of(row[column].split(",")).map(Status::valueOf).toList());
        }
        return table;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
        tuned-baremetal | every applicable check passes     | 2-3 | eth1 | tuned | READY         | 0 | bare-metal
        distro-default  | the distro defaults fail or warn  | 2   | eth0 | plain | NOT_READY     | 1 | bare-metal
        vm              | what the hypervisor owns: unknown | 1   | eth0 | tuned | INDETERMINATE | 2 | vm
        container       | what it cannot see: unknown       | 2-3 | eth0 | tuned | INDETERMINATE | 2 | container
        """)
    void shouldGiveEveryCheckItsStatusInTheTableOnEachSnapshot(
        final String host,
        final String behaviour,
        final String cpus,
        final String nic,
        final String jvm,
        final Verdict verdict,
        final int exitCode,
        final String kind)
    {
        final PreflightReport report = Preflight.audit(Fixtures.options(host, cpus, nic)
            .jvm(JvmFacts.fromArguments("plain".equals(jvm) ? Fixtures.PLAIN_JVM : Fixtures.TUNED_JVM)));

        assertEquals(expected(host), statuses(report));
        assertEquals(verdict, report.verdict());
        assertEquals(exitCode, report.exitCode());
        assertEquals(kind, report.environment().kind());
        for (final CheckResult result : report.results())
        {
            if (result.status() == FAIL || result.status() == WARN)
            {
                assertFalse(result.fix().isEmpty(), "a fix for " + result);
            }
        }
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
