package org.feedhandler.preflight;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every check id of {@code preflight-checks.md} this implementation runs, in report order, with its
 * severity, plus {@code mem.damon} (DAMON memory schemes that reclaim, demote or split pages).
 * {@code mem.hugepages} and {@code net.rmem} are MUST only when the resource is used
 * (otherwise they report NA).
 */
public final class Catalogue
{
    private static final Map<String, Severity> CHECKS = new LinkedHashMap<>();

    static
    {
        must("cpu.pinned");
        must("cpu.online");
        must("cpu.isolated");
        must("cpu.housekeeping");
        should("cpu.nohz_full");
        should("cpu.rcu_nocbs");
        should("cpu.smt_sibling");
        should("cpu.workqueue");
        should("cpu.default_irq");
        should("kernel.rt_throttle");
        should("kernel.timers");
        should("kernel.watchdog");
        must("cpu.governor");
        should("cpu.freq_floor");
        should("cpu.cstates");
        must("mem.thp");
        must("mem.thp_defrag");
        should("mem.swap");
        should("mem.dirty");
        should("mem.numa_balancing");
        should("mem.damon");
        must("mem.hugepages");
        should("mem.memlock");
        should("numa.cpus");
        should("numa.nic");
        should("numa.membind");
        must("net.irq_affinity");
        should("net.irqbalance");
        should("net.gro_lro");
        should("net.coalescing");
        should("net.busy_poll");
        must("net.rmem");
        should("net.rp_filter");
        must("net.igmp");
        should("net.drops");
        should("clock.source");
        should("clock.tsc");
        should("jvm.heap");
        should("jvm.pretouch");
        should("jvm.safepoints");
        should("jvm.asserts");
    }

    private static void must(final String id)
    {
        CHECKS.put(id, Severity.MUST);
    }

    private static void should(final String id)
    {
        CHECKS.put(id, Severity.SHOULD);
    }

    /**
     * @return every check id, in report order.
     */
    public static Set<String> ids()
    {
        return Collections.unmodifiableSet(CHECKS.keySet());
    }

    /**
     * @param id a check id.
     * @return true when it is a known id (waivers must name one).
     */
    public static boolean isKnown(final String id)
    {
        return CHECKS.containsKey(id);
    }

    /**
     * @param id a known check id.
     * @return its severity.
     */
    public static Severity severity(final String id)
    {
        final Severity severity = CHECKS.get(id);
        if (null == severity)
        {
            throw new IllegalArgumentException("unknown preflight check id: " + id);
        }
        return severity;
    }

    private Catalogue()
    {
    }
}
