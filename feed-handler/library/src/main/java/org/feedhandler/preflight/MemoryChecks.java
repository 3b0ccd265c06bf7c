package org.feedhandler.preflight;

import java.util.ArrayList;
import java.util.List;

/**
 * Memory (transparent huge pages, swap, writeback, NUMA balancing, huge pages, memlock) and NUMA
 * placement of the feed's CPUs, NIC and memory.
 */
final class MemoryChecks
{
    private static final String THP = "/sys/kernel/mm/transparent_hugepage/";
    private static final String NODE_DIR = "/sys/devices/system/node";
    private static final String DAMON_KDAMONDS = "/sys/kernel/mm/damon/admin/kdamonds";
    /** DAMON's own modules that run a reclaiming or LRU-sorting kdamond when enabled. */
    private static final String[] DAMON_MODULES = {"damon_reclaim", "damon_lru_sort"};

    private MemoryChecks()
    {
    }

    static void run(final Probe p)
    {
        thp(p, "mem.thp", THP + "enabled");
        thp(p, "mem.thp_defrag", THP + "defrag");
        swap(p);
        dirty(p);
        numaBalancing(p);
        damon(p);
        hugepages(p);
        memlock(p);
        final List<CpuSet> nodes = nodes(p);
        numaCpus(p, nodes);
        numaNic(p, nodes);
        numaMembind(p, nodes);
    }

    /**
     * @param text {@code always [madvise] never}.
     * @return the bracketed (active) word, or null.
     */
    static String activeWord(final String text)
    {
        if (null == text)
        {
            return null;
        }
        final int open = text.indexOf('[');
        final int close = text.indexOf(']', open + 1);
        return open < 0 || close < 0 ? text.trim() : text.substring(open + 1, close);
    }

    private static void thp(final Probe p, final String id, final String path)
    {
        final String text = p.files.readTrimmed(path);
        final boolean jvmThp = p.options.jvm().flag("UseTransparentHugePages");
        final String expected = "[never]" + (jvmThp ? " or [madvise] (the JVM runs with -XX:+UseTransparentHugePages)" :
            " ([madvise] only with -XX:+UseTransparentHugePages)");
        if (null == text)
        {
            p.add(id, Status.PASS, CheckResult.NO_CPU, "absent: kernel without THP", expected, path, "");
            return;
        }
        final String active = activeWord(text);
        final Status status;
        if ("never".equals(active))
        {
            status = Status.PASS;
        }
        else if ("madvise".equals(active))
        {
            status = jvmThp ? Status.PASS : Status.FAIL;
        }
        else
        {
            status = Status.FAIL;
        }
        final String observed = "[" + active + "]" + ("madvise".equals(active) ?
            (jvmThp ? ", JVM has -XX:+UseTransparentHugePages" : ", JVM without -XX:+UseTransparentHugePages") : "");
        p.add(id, status, CheckResult.NO_CPU, observed, expected, path,
            "echo never | sudo tee " + path + " (persist: transparent_hugepage=never on the kernel command line)" +
                ("madvise".equals(active) ? "; or run the JVM with -XX:+UseTransparentHugePages" : ""));
    }

    private static void swap(final Probe p)
    {
        final String id = "mem.swap";
        final String swapsPath = "/proc/swaps";
        final String swappinessPath = "/proc/sys/vm/swappiness";
        final String source = swapsPath + ", " + swappinessPath;
        final String swaps = p.files.read(swapsPath);
        final Long swappiness = p.number(swappinessPath);
        final List<String> devices = new ArrayList<>();
        if (null != swaps)
        {
            final String[] lines = swaps.split("\n");
            for (int i = 1; i < lines.length; i++)
            {
                if (!lines[i].isBlank())
                {
                    devices.add(lines[i].trim().split("\\s+")[0]);
                }
            }
        }
        final String observed = (devices.isEmpty() ? "no swap device" : "swap on " + String.join(",", devices)) +
            ", swappiness=" + (null == swappiness ? "(absent)" : swappiness);
        final boolean ok = devices.isEmpty() || (null != swappiness && swappiness <= 1);
        p.add(id, ok ? Status.PASS : Status.WARN, CheckResult.NO_CPU, observed,
            "no swap device, or swappiness <= 1", source, "sudo swapoff -a (or sudo sysctl -w vm.swappiness=1)");
    }

    private static void dirty(final Probe p)
    {
        final String id = "mem.dirty";
        final String ratioPath = "/proc/sys/vm/dirty_ratio";
        final String backgroundPath = "/proc/sys/vm/dirty_background_ratio";
        final String source = ratioPath + ", " + backgroundPath;
        final Long ratio = p.number(ratioPath);
        final Long background = p.number(backgroundPath);
        final String expected = "dirty_ratio <= 10, dirty_background_ratio <= 3";
        if (null == ratio || null == background)
        {
            p.add(id, Status.UNKNOWN, CheckResult.NO_CPU, "(absent)", expected, source, "");
            return;
        }
        final boolean ok = ratio <= 10 && background <= 3;
        p.add(id, ok ? Status.PASS : Status.WARN, CheckResult.NO_CPU,
            "dirty_ratio=" + ratio + ", dirty_background_ratio=" + background, expected, source,
            "sudo sysctl -w vm.dirty_ratio=10 vm.dirty_background_ratio=3");
    }

    /**
     * A DAMON kdamond whose schemes act on memory ({@code pageout}, {@code lru_deprio}, {@code migrate_cold},
     * {@code nohugepage}, ...; anything but {@code stat}) reclaims, demotes or splits pages it finds cold.
     * A feed handler's tables are large and partly idle between bursts: pages paged out come back by a
     * fault on the hot path, and a transparent huge page it splits stays split (a {@code paddr}
     * {@code pageout} scheme can split gigabytes of huge pages within seconds: docs/decisions/0012-huge-pages.md).
     * Not in {@code preflight-checks.md}; a SHOULD.
     */
    private static void damon(final Probe p)
    {
        final String id = "mem.damon";
        final String expected = "no DAMON scheme acting on memory (only stat, or DAMON off)";
        final List<String> active = new ArrayList<>();
        final List<String> fixes = new ArrayList<>();
        for (final String kdamond : p.files.list(DAMON_KDAMONDS))
        {
            final String dir = DAMON_KDAMONDS + "/" + kdamond;
            if (!"on".equals(p.files.readTrimmed(dir + "/state")))
            {
                continue;
            }
            for (final String context : p.files.list(dir + "/contexts"))
            {
                final String contextDir = dir + "/contexts/" + context;
                final String operations = p.files.readTrimmed(contextDir + "/operations");
                for (final String scheme : p.files.list(contextDir + "/schemes"))
                {
                    final String action = p.files.readTrimmed(contextDir + "/schemes/" + scheme + "/action");
                    if (null != action && !"stat".equals(action))
                    {
                        active.add("kdamond " + kdamond + " " + (null == operations ? "?" : operations) + " " + action);
                        final String fix = "echo off | sudo tee " + dir + "/state";
                        if (!fixes.contains(fix))
                        {
                            fixes.add(fix);
                        }
                    }
                }
            }
        }
        for (final String module : DAMON_MODULES)
        {
            final String enabled = "/sys/module/" + module + "/parameters/enabled";
            if ("Y".equals(p.files.readTrimmed(enabled)))
            {
                active.add(module + " enabled");
                fixes.add("echo N | sudo tee " + enabled);
            }
        }
        final String source = DAMON_KDAMONDS + "/*/{state,contexts/*/operations,contexts/*/schemes/*/action}, " +
            "/sys/module/{" + String.join(",", DAMON_MODULES) + "}/parameters/enabled";
        if (active.isEmpty())
        {
            boolean present = p.files.isDirectory(DAMON_KDAMONDS);
            for (final String module : DAMON_MODULES)
            {
                present |= p.files.isDirectory("/sys/module/" + module);
            }
            p.add(id, Status.PASS, CheckResult.NO_CPU, present ? "no scheme acting on memory" : "absent: kernel without DAMON",
                expected, source, "");
            return;
        }
        p.add(id, Status.WARN, CheckResult.NO_CPU, String.join("; ", active), expected, source,
            String.join("; ", fixes) + " (a cloud guest agent that started it may start it again: disable it there)");
    }

    private static void numaBalancing(final Probe p)
    {
        final String id = "mem.numa_balancing";
        final String path = "/proc/sys/kernel/numa_balancing";
        final Long value = p.number(path);
        if (null == value)
        {
            p.add(id, Status.NA, CheckResult.NO_CPU, "absent: kernel without NUMA balancing", "0", path, "");
            return;
        }
        p.add(id, value == 0 ? Status.PASS : Status.WARN, CheckResult.NO_CPU, Long.toString(value), "0", path,
            "sudo sysctl -w kernel.numa_balancing=0");
    }

    private static void hugepages(final Probe p)
    {
        final String id = "mem.hugepages";
        final JvmFacts jvm = p.options.jvm();
        final boolean used = jvm.flag("UseLargePages") && !jvm.flag("UseTransparentHugePages");
        final long sizeKb = hugepageSizeKb(p.files.read("/proc/meminfo"));
        final String path = "/sys/kernel/mm/hugepages/hugepages-" + sizeKb + "kB/free_hugepages";
        if (!used)
        {
            p.add(id, Status.NA, CheckResult.NO_CPU, "the JVM does not use explicit huge pages (-XX:+UseLargePages)",
                "enough free huge pages for the heap", path, "");
            return;
        }
        long heap = 0;
        try
        {
            heap = Long.parseLong(String.valueOf(jvm.option("MaxHeapSize")));
        }
        catch (final NumberFormatException ex)
        {
            heap = 0;
        }
        final long needed = sizeKb <= 0 ? 0 : (heap + sizeKb * 1024 - 1) / (sizeKb * 1024);
        final Long free = p.number(path);
        if (null == free || needed == 0)
        {
            p.add(id, Status.UNKNOWN, CheckResult.NO_CPU, null == free ? "(absent)" : "heap size unknown",
                "enough free huge pages for the heap", path + ", /proc/meminfo", "");
            return;
        }
        p.add(id, free >= needed ? Status.PASS : Status.FAIL, CheckResult.NO_CPU,
            "free_hugepages=" + free + " of " + sizeKb + "kB", ">= " + needed + " for a " + heap + "-byte heap",
            path + ", /proc/meminfo", "echo " + needed + " | sudo tee /sys/kernel/mm/hugepages/hugepages-" + sizeKb +
                "kB/nr_hugepages (persist: vm.nr_hugepages in /etc/sysctl.d)");
    }

    static long hugepageSizeKb(final String meminfo)
    {
        if (null != meminfo)
        {
            for (final String line : meminfo.split("\n"))
            {
                if (line.startsWith("Hugepagesize:"))
                {
                    try
                    {
                        return Long.parseLong(line.substring("Hugepagesize:".length()).trim().split("\\s+")[0]);
                    }
                    catch (final NumberFormatException ex)
                    {
                        return 2048;
                    }
                }
            }
        }
        return 2048;
    }

    private static void memlock(final Probe p)
    {
        final String id = "mem.memlock";
        final String path = "/proc/self/limits";
        final long wanted = p.options.memlockBytes();
        if (wanted <= 0)
        {
            p.add(id, Status.NA, CheckResult.NO_CPU, "the feed does not lock memory", "enough", path, "");
            return;
        }
        final String limits = p.files.read(path);
        String soft = null;
        if (null != limits)
        {
            for (final String line : limits.split("\n"))
            {
                if (line.startsWith("Max locked memory"))
                {
                    soft = line.substring("Max locked memory".length()).trim().split("\\s+")[0];
                }
            }
        }
        if (null == soft)
        {
            p.add(id, Status.UNKNOWN, CheckResult.NO_CPU, "(absent)", ">= " + wanted + " bytes", path, "");
            return;
        }
        boolean ok;
        try
        {
            ok = "unlimited".equals(soft) || Long.parseLong(soft) >= wanted;
        }
        catch (final NumberFormatException ex)
        {
            ok = false;
        }
        p.add(id, ok ? Status.PASS : Status.WARN, CheckResult.NO_CPU, "Max locked memory (soft)=" + soft,
            ">= " + wanted + " bytes", path,
            "ulimit -l unlimited before launch (systemd: LimitMEMLOCK=infinity; /etc/security/limits.conf memlock)");
    }

    static List<CpuSet> nodes(final Probe p)
    {
        final List<CpuSet> nodes = new ArrayList<>();
        for (final String name : p.files.list(NODE_DIR))
        {
            if (name.matches("node\\d+"))
            {
                final int n = Integer.parseInt(name.substring(4));
                while (nodes.size() <= n)
                {
                    nodes.add(null);
                }
                final CpuSet cpus = p.cpuList(NODE_DIR + "/" + name + "/cpulist");
                nodes.set(n, null == cpus ? CpuSet.EMPTY : cpus);
            }
        }
        return nodes;
    }

    private static int nodeOf(final List<CpuSet> nodes, final int cpu)
    {
        for (int n = 0; n < nodes.size(); n++)
        {
            if (null != nodes.get(n) && nodes.get(n).contains(cpu))
            {
                return n;
            }
        }
        return -1;
    }

    private static int countNodes(final List<CpuSet> nodes)
    {
        int count = 0;
        for (final CpuSet node : nodes)
        {
            if (null != node)
            {
                count++;
            }
        }
        return count;
    }

    private static void numaCpus(final Probe p, final List<CpuSet> nodes)
    {
        final String id = "numa.cpus";
        final String source = NODE_DIR + "/nodeN/cpulist";
        if (countNodes(nodes) <= 1)
        {
            p.add(id, Status.NA, CheckResult.NO_CPU, countNodes(nodes) + " NUMA node(s)", "feed CPUs on one node",
                source, "");
            return;
        }
        if (p.naWithoutCpus(id, "feed CPUs on one node", source))
        {
            return;
        }
        final List<String> where = new ArrayList<>();
        int first = -2;
        boolean one = true;
        for (final int cpu : p.feed.toArray())
        {
            final int node = nodeOf(nodes, cpu);
            where.add(cpu + "@node" + node);
            if (first == -2)
            {
                first = node;
            }
            else if (node != first)
            {
                one = false;
            }
        }
        p.add(id, one ? Status.PASS : Status.WARN, CheckResult.NO_CPU, String.join(", ", where),
            "feed CPUs on one node", source, "choose feed CPUs from one node's cpulist (" + source + ")");
    }

    /**
     * @return the NUMA node of the feed NIC's PCI function (the parent's for virtio), or null when not
     * knowable; -1 when the firmware gives none.
     */
    private static Integer nicNode(final Probe p, final String nic)
    {
        final String device = p.files.realPath("/sys/class/net/" + nic + "/device");
        if (null == device)
        {
            return null;
        }
        Long node = p.number(device + "/numa_node");
        if (null == node)
        {
            final int slash = device.lastIndexOf('/');
            node = slash > 0 ? p.number(device.substring(0, slash) + "/numa_node") : null;
        }
        return null == node ? null : node.intValue();
    }

    private static void numaNic(final Probe p, final List<CpuSet> nodes)
    {
        final String id = "numa.nic";
        final String nic = NetworkChecks.resolveInterface(p);
        final String path = "/sys/class/net/" + nic + "/device/numa_node";
        if (null == nic)
        {
            p.add(id, Status.NA, CheckResult.NO_CPU, "no feed interface configured", "NIC on the feed CPUs' node",
                "/sys/class/net", "");
            return;
        }
        if (countNodes(nodes) <= 1)
        {
            p.add(id, Status.NA, CheckResult.NO_CPU, countNodes(nodes) + " NUMA node(s)",
                "NIC on the feed CPUs' node", path, "");
            return;
        }
        if (p.naWithoutCpus(id, "NIC on the feed CPUs' node", path))
        {
            return;
        }
        final Integer node = nicNode(p, nic);
        if (null == node)
        {
            p.add(id, Status.NA, CheckResult.NO_CPU, nic + " has no device (virtual interface)",
                "NIC on the feed CPUs' node", path, "");
            return;
        }
        if (node < 0)
        {
            p.add(id, Status.UNKNOWN, CheckResult.NO_CPU, "numa_node=-1: the firmware gives no NUMA information",
                "NIC on the feed CPUs' node", path, "");
            return;
        }
        final int cpuNode = nodeOf(nodes, p.feed.first());
        p.add(id, node == cpuNode ? Status.PASS : Status.WARN, CheckResult.NO_CPU,
            nic + " on node " + node + ", feed CPU " + p.feed.first() + " on node " + cpuNode,
            "NIC on the feed CPUs' node", path,
            "pin the feed to CPUs of node " + node + ": --cpus from " + NODE_DIR + "/node" + node + "/cpulist");
    }

    private static void numaMembind(final Probe p, final List<CpuSet> nodes)
    {
        final String id = "numa.membind";
        final String path = "/proc/self/numa_maps";
        if (countNodes(nodes) <= 1)
        {
            p.add(id, Status.NA, CheckResult.NO_CPU, countNodes(nodes) + " NUMA node(s)",
                "memory bound to the feed CPUs' node", path, "");
            return;
        }
        if (p.naWithoutCpus(id, "memory bound to the feed CPUs' node", path))
        {
            return;
        }
        final String maps = p.files.read(path);
        if (null == maps)
        {
            p.add(id, Status.UNKNOWN, CheckResult.NO_CPU, "(absent)", "memory bound to the feed CPUs' node", path, "");
            return;
        }
        final int node = nodeOf(nodes, p.feed.first());
        String policy = "default";
        boolean bound = false;
        for (final String line : maps.split("\n"))
        {
            final String[] fields = line.trim().split("\\s+");
            if (fields.length > 1 && (fields[1].startsWith("bind:") || fields[1].startsWith("prefer:") ||
                fields[1].startsWith("preferred:")))
            {
                policy = fields[1];
                try
                {
                    bound = CpuSet.parseList(fields[1].substring(fields[1].indexOf(':') + 1)).contains(node);
                }
                catch (final IllegalArgumentException ex)
                {
                    bound = false;
                }
                break;
            }
        }
        p.add(id, bound ? Status.PASS : Status.WARN, CheckResult.NO_CPU, "policy " + policy,
            "bind:" + node + " or prefer:" + node, path,
            "launch with numactl --membind=" + node + " (scripts/launch-pinned does)");
    }
}
