package org.feedhandler.preflight;

import org.feedhandler.common.ProcNetSnmp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The feed NIC's interrupts, offloads and coalescing, socket buffers, multicast limits and the
 * reverse-path filter.
 */
final class NetworkChecks
{
    private static final String NET = "/sys/class/net/";

    private NetworkChecks()
    {
    }

    static void run(final Probe p)
    {
        irqAffinity(p);
        irqbalance(p);
        groLro(p);
        coalescing(p);
        busyPoll(p);
        rmem(p);
        rpFilter(p);
        igmp(p);
        drops(p);
    }

    /**
     * @return the feed interface's name: the configured name, or on the live host the interface that
     * holds the configured address; null when none is configured.
     */
    static String resolveInterface(final Probe p)
    {
        final String configured = p.options.interfaceName();
        if (null == configured || p.files.exists(NET + configured))
        {
            return configured;
        }
        if (p.files.isLiveHost() && (configured.indexOf('.') > 0 || configured.indexOf(':') >= 0))
        {
            try
            {
                final NetworkInterface nic = NetworkInterface.getByInetAddress(InetAddress.getByName(configured));
                if (null != nic)
                {
                    return nic.getName();
                }
            }
            catch (final IOException | RuntimeException ex)
            {
                return configured;
            }
        }
        return configured;
    }

    /**
     * @return true when the interface's flags carry IFF_LOOPBACK (0x8), or it is named lo.
     */
    static boolean isLoopback(final Probe p, final String nic)
    {
        final String flags = p.files.readTrimmed(NET + nic + "/flags");
        if (null != flags && flags.startsWith("0x"))
        {
            try
            {
                return (Long.parseLong(flags.substring(2), 16) & 0x8) != 0;
            }
            catch (final NumberFormatException ex)
            {
                return "lo".equals(nic);
            }
        }
        return "lo".equals(nic);
    }

    /**
     * @return the IRQs of the NIC's PCI function (the virtio device's parent for virtio-net), from
     * {@code msi_irqs/}, else the legacy {@code irq} file; null when the interface has no device.
     */
    static List<Integer> irqs(final Probe p, final String nic, final String[] foundIn)
    {
        final String device = p.files.realPath(NET + nic + "/device");
        if (null == device)
        {
            return null;
        }
        final int slash = device.lastIndexOf('/');
        final String parent = slash > 0 ? device.substring(0, slash) : device;
        final List<Integer> irqs = new ArrayList<>();
        for (final String dir : Arrays.asList(device, parent))
        {
            for (final String name : p.files.list(dir + "/msi_irqs"))
            {
                if (name.matches("\\d+"))
                {
                    irqs.add(Integer.parseInt(name));
                }
            }
            if (!irqs.isEmpty())
            {
                irqs.sort(null);
                foundIn[0] = dir + "/msi_irqs";
                return irqs;
            }
        }
        for (final String dir : Arrays.asList(device, parent))
        {
            final Long legacy = p.number(dir + "/irq");
            if (null != legacy && legacy > 0)
            {
                irqs.add(legacy.intValue());
                foundIn[0] = dir + "/irq";
                return irqs;
            }
        }
        return irqs;
    }

    private static void irqAffinity(final Probe p)
    {
        final String id = "net.irq_affinity";
        final String nic = resolveInterface(p);
        final String expected = "no IRQ of the feed NIC on " + (p.feed.isEmpty() ? "the feed CPUs" : p.feed);
        if (null == nic)
        {
            p.add(id, Status.NA, CheckResult.NO_CPU, "no feed interface configured", expected, NET, "");
            return;
        }
        if (!p.files.exists(NET))
        {
            // no interface at all: not a host's /sys (an empty or partial --host-root), so nothing is known
            p.add(id, Status.UNKNOWN, CheckResult.NO_CPU, "no " + NET + " to look for " + nic + " in", expected,
                NET + nic, "");
            return;
        }
        if (!p.files.exists(NET + nic))
        {
            p.add(id, p.env.isContainer() ? Status.UNKNOWN : Status.FAIL, CheckResult.NO_CPU,
                "no interface " + nic + (p.env.isContainer() ? " in this container's network namespace" : ""),
                expected, NET + nic, "set feed.preflight.interface (or --interface) to the feed NIC");
            return;
        }
        if (isLoopback(p, nic))
        {
            p.add(id, Status.NA, CheckResult.NO_CPU, nic + " is the loopback interface (no NIC, no IRQs)", expected,
                NET + nic + "/flags", "");
            return;
        }
        final String[] foundIn = new String[1];
        final List<Integer> irqs = irqs(p, nic, foundIn);
        if (null == irqs)
        {
            if (p.env.isContainer())
            {
                p.add(id, Status.UNKNOWN, CheckResult.NO_CPU,
                    nic + " is virtual; the host NIC's IRQs are not visible from a container", expected,
                    NET + nic + "/device", "run the preflight on the host, or --waive net.irq_affinity");
            }
            else
            {
                p.add(id, Status.NA, CheckResult.NO_CPU, nic + " is a virtual interface (no IRQs)", expected,
                    NET + nic + "/device", "");
            }
            return;
        }
        if (p.naWithoutCpus(id, expected, NET + nic + "/device/msi_irqs"))
        {
            return;
        }
        if (irqs.isEmpty())
        {
            p.add(id, Status.UNKNOWN, CheckResult.NO_CPU, nic + ": no msi_irqs and no irq file", expected,
                NET + nic + "/device/msi_irqs", "");
            return;
        }
        final List<String> seen = new ArrayList<>();
        final List<Integer> onFeed = new ArrayList<>();
        final List<String> unknown = new ArrayList<>();
        boolean effective = true;
        for (final int irq : irqs)
        {
            CpuSet cpus = p.cpuList("/proc/irq/" + irq + "/effective_affinity_list");
            if (null == cpus)
            {
                cpus = p.cpuList("/proc/irq/" + irq + "/smp_affinity_list");
                effective = false;
            }
            if (null == cpus)
            {
                unknown.add(Integer.toString(irq));
                continue;
            }
            seen.add(irq + "->" + cpus);
            if (cpus.intersects(p.feed))
            {
                onFeed.add(irq);
            }
        }
        final String source = foundIn[0] + ", /proc/irq/N/" +
            (effective ? "effective_affinity_list" : "smp_affinity_list");
        final String observed = nic + " IRQs " + String.join(" ", seen) +
            (unknown.isEmpty() ? "" : "; unreadable " + String.join(",", unknown));
        final StringBuilder irqList = new StringBuilder();
        for (final int irq : onFeed)
        {
            irqList.append(irqList.length() > 0 ? " " : "").append(irq);
        }
        final String fix = "for irq in " + irqList + "; do echo " + p.housekeeping() +
            " | sudo tee /proc/irq/$irq/smp_affinity_list; done (and ban " + p.feed +
            " in irqbalance: IRQBALANCE_BANNED_CPULIST)";
        final Status status = !onFeed.isEmpty() ? Status.FAIL : seen.isEmpty() ? Status.UNKNOWN : Status.PASS;
        p.add(id, status, CheckResult.NO_CPU, observed, expected, source, fix);
    }

    private static void irqbalance(final Probe p)
    {
        final String id = "net.irqbalance";
        final String source = "/proc/[0-9]*/comm";
        if (p.env.isContainer())
        {
            p.add(id, Status.UNKNOWN, CheckResult.NO_CPU, "a container cannot see the host's processes",
                "irqbalance not running, or the feed CPUs banned", source, "");
            return;
        }
        String pid = null;
        for (final String name : p.files.list("/proc"))
        {
            if (name.matches("\\d+") && "irqbalance".equals(p.files.readTrimmed("/proc/" + name + "/comm")))
            {
                pid = name;
                break;
            }
        }
        if (null == pid)
        {
            p.add(id, Status.PASS, CheckResult.NO_CPU, "irqbalance not running",
                "irqbalance not running, or the feed CPUs banned", source, "");
            return;
        }
        if (p.naWithoutCpus(id, "the feed CPUs banned", source))
        {
            return;
        }
        CpuSet banned = CpuSet.EMPTY;
        String bannedFrom = null;
        final String environ = p.files.read("/proc/" + pid + "/environ");
        final List<String> sources = new ArrayList<>();
        if (null != environ)
        {
            sources.add(environ.replace('\0', '\n'));
        }
        for (final String conf : Arrays.asList("/etc/default/irqbalance", "/etc/sysconfig/irqbalance"))
        {
            final String text = p.files.read(conf);
            if (null != text)
            {
                sources.add(text);
            }
        }
        for (final String text : sources)
        {
            for (final String rawLine : text.split("\n"))
            {
                final String line = rawLine.trim();
                if (line.startsWith("IRQBALANCE_BANNED_CPULIST="))
                {
                    banned = banned.or(parseQuotedList(line.substring(line.indexOf('=') + 1)));
                    bannedFrom = "IRQBALANCE_BANNED_CPULIST";
                }
                else if (line.startsWith("IRQBALANCE_BANNED_CPUS="))
                {
                    try
                    {
                        banned = banned.or(CpuSet.parseMask(line.substring(line.indexOf('=') + 1).replace("\"", "")));
                        bannedFrom = "IRQBALANCE_BANNED_CPUS";
                    }
                    catch (final IllegalArgumentException ex)
                    {
                        // ignore a malformed line
                    }
                }
            }
        }
        final CpuSet selfBanned = p.isolated.or(null == p.nohzFull ? CpuSet.EMPTY : p.nohzFull);
        final boolean ok = banned.containsAll(p.feed) || selfBanned.containsAll(p.feed);
        p.add(id, ok ? Status.PASS : Status.WARN, CheckResult.NO_CPU,
            "irqbalance running (pid " + pid + "), banned=" + Probe.show(banned) +
                (null == bannedFrom ? "" : " (" + bannedFrom + ")") + ", isolated/nohz_full=" + Probe.show(selfBanned),
            p.feed + " banned (irqbalance >= 1.0.9 bans isolated and nohz_full CPUs itself)",
            source + ", /proc/PID/environ, /etc/default/irqbalance",
            "add IRQBALANCE_BANNED_CPULIST=" + p.feed + " to /etc/default/irqbalance and " +
                "sudo systemctl restart irqbalance (or sudo systemctl disable --now irqbalance)");
    }

    private static CpuSet parseQuotedList(final String value)
    {
        try
        {
            return CpuSet.parseList(value.replace("\"", "").replace("'", ""));
        }
        catch (final IllegalArgumentException ex)
        {
            return CpuSet.EMPTY;
        }
    }

    /**
     * @return ethtool's output, or null after recording UNKNOWN/NA for the check.
     */
    private static CommandRunner.Output ethtool(final Probe p, final String id, final String nic, final String flag,
        final String expected)
    {
        final String source = "ethtool " + flag + " " + (null == nic ? "IF" : nic);
        if (null == nic)
        {
            p.add(id, Status.NA, CheckResult.NO_CPU, "no feed interface configured", expected, source, "");
            return null;
        }
        final CommandRunner runner = p.options.commandRunner();
        if (null == runner)
        {
            p.add(id, Status.UNKNOWN, CheckResult.NO_CPU, "ethtool is not run under --host-root " + p.files,
                expected, source, "run the preflight on the host itself");
            return null;
        }
        final CommandRunner.Output out = runner.run(List.of("ethtool", flag, nic));
        if (null == out)
        {
            p.add(id, Status.UNKNOWN, CheckResult.NO_CPU, "ethtool not installed (no file in /proc or /sys has this)",
                expected, source, "sudo apt-get install ethtool (or sudo dnf install ethtool)");
            return null;
        }
        if (out.exitCode() != 0)
        {
            final String text = out.text().trim().replace('\n', ' ');
            final boolean unsupported = text.contains("not supported") || text.contains("Operation not supported");
            p.add(id, unsupported ? Status.NA : Status.UNKNOWN, CheckResult.NO_CPU,
                "ethtool exit " + out.exitCode() + ": " + text, expected, source, "");
            return null;
        }
        return out;
    }

    /**
     * @return the value after {@code key:} in ethtool output (first word), or null.
     */
    static String ethtoolValue(final String text, final String key)
    {
        for (final String line : text.split("\n"))
        {
            final String trimmed = line.trim();
            if (trimmed.startsWith(key + ":"))
            {
                final String rest = trimmed.substring(key.length() + 1).trim();
                return rest.isEmpty() ? "" : rest.split("\\s+")[0];
            }
        }
        return null;
    }

    private static void groLro(final Probe p)
    {
        final String id = "net.gro_lro";
        final String nic = resolveInterface(p);
        final String expected = "generic-receive-offload: off, large-receive-offload: off";
        final CommandRunner.Output out = ethtool(p, id, nic, "-k", expected);
        if (null == out)
        {
            return;
        }
        final String gro = ethtoolValue(out.text(), "generic-receive-offload");
        final String lro = ethtoolValue(out.text(), "large-receive-offload");
        if (null == gro && null == lro)
        {
            p.add(id, Status.UNKNOWN, CheckResult.NO_CPU, "no offload lines in ethtool output", expected,
                "ethtool -k " + nic, "");
            return;
        }
        final boolean ok = !"on".equals(gro) && !"on".equals(lro);
        p.add(id, ok ? Status.PASS : Status.WARN, CheckResult.NO_CPU,
            "generic-receive-offload: " + gro + ", large-receive-offload: " + lro, expected, "ethtool -k " + nic,
            "sudo ethtool -K " + nic + " gro off lro off");
    }

    private static void coalescing(final Probe p)
    {
        final String id = "net.coalescing";
        final String nic = resolveInterface(p);
        final String expected = "rx-usecs 0, adaptive-rx off";
        final CommandRunner.Output out = ethtool(p, id, nic, "-c", expected);
        if (null == out)
        {
            return;
        }
        final String adaptive = ethtoolValue(out.text(), "Adaptive RX");
        final String usecs = ethtoolValue(out.text(), "rx-usecs");
        if (null == adaptive && null == usecs)
        {
            p.add(id, Status.UNKNOWN, CheckResult.NO_CPU, "no coalescing lines in ethtool output", expected,
                "ethtool -c " + nic, "");
            return;
        }
        final boolean adaptiveOff = null == adaptive || !"on".equals(adaptive);
        final boolean usecsZero = null == usecs || "0".equals(usecs) || "n/a".equals(usecs);
        p.add(id, adaptiveOff && usecsZero ? Status.PASS : Status.WARN, CheckResult.NO_CPU,
            "adaptive-rx " + adaptive + ", rx-usecs " + usecs, expected, "ethtool -c " + nic,
            "sudo ethtool -C " + nic + " adaptive-rx off rx-usecs 0");
    }

    private static void busyPoll(final Probe p)
    {
        final String id = "net.busy_poll";
        final String readPath = "/proc/sys/net/core/busy_read";
        final String pollPath = "/proc/sys/net/core/busy_poll";
        final Long read = p.number(readPath);
        final Long poll = p.number(pollPath);
        final String source = readPath + ", " + pollPath;
        if (null == read || null == poll)
        {
            p.add(id, Status.UNKNOWN, CheckResult.NO_CPU, "(absent)", "busy_read >= 50, busy_poll >= 50", source, "");
            return;
        }
        final boolean ok = read >= 50 && poll >= 50;
        p.add(id, ok ? Status.PASS : Status.WARN, CheckResult.NO_CPU, "busy_read=" + read + ", busy_poll=" + poll,
            "busy_read >= 50, busy_poll >= 50 (TuneD network-latency)", source,
            "sudo sysctl -w net.core.busy_read=50 net.core.busy_poll=50");
    }

    private static void rmem(final Probe p)
    {
        final String id = "net.rmem";
        final String path = "/proc/sys/net/core/rmem_max";
        final long wanted = p.options.receiveBufferBytes();
        if (wanted <= 0)
        {
            p.add(id, Status.NA, CheckResult.NO_CPU, "no receive buffer size configured (feed.udp.rcvbuf=0)",
                "rmem_max >= feed.udp.rcvbuf", path, "");
            return;
        }
        final Long max = p.number(path);
        final long granted = p.files.isLiveHost() ? probeReceiveBuffer(wanted) : -1;
        final String fix = "sudo sysctl -w net.core.rmem_max=" + wanted +
            " (persist: /etc/sysctl.d/90-feed-handler.conf)";
        final String expected = ">= " + wanted + " (feed.udp.rcvbuf)";
        if (granted >= 0)
        {
            p.add(id, granted >= wanted ? Status.PASS : Status.FAIL, CheckResult.NO_CPU,
                "SO_RCVBUF probe granted " + granted + ", rmem_max=" + (null == max ? "(absent)" : max), expected,
                path + ", SO_RCVBUF probe socket", fix);
            return;
        }
        if (null == max)
        {
            p.add(id, Status.UNKNOWN, CheckResult.NO_CPU, "(absent)", expected, path, "");
            return;
        }
        p.add(id, max >= wanted ? Status.PASS : Status.FAIL, CheckResult.NO_CPU, "rmem_max=" + max, expected, path, fix);
    }

    /**
     * Ask for {@code wanted} bytes of SO_RCVBUF on a probe socket and read back what was granted.
     * Linux reports double the size it grants (the extra half is bookkeeping) while other kernels
     * (gVisor, for one) report it as is, so the probe first calibrates with a small size every kernel
     * grants. Authoritative inside a network namespace.
     *
     * @return the granted size, or -1 when the probe fails.
     */
    static long probeReceiveBuffer(final long wanted)
    {
        try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET))
        {
            final int calibration = 65536;
            channel.setOption(StandardSocketOptions.SO_RCVBUF, calibration);
            final long reported = channel.getOption(StandardSocketOptions.SO_RCVBUF);
            final long factor = Math.max(1, Math.round((double)reported / calibration));
            channel.setOption(StandardSocketOptions.SO_RCVBUF, (int)Math.min(wanted, Integer.MAX_VALUE));
            return channel.getOption(StandardSocketOptions.SO_RCVBUF) / factor;
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
    }

    private static void rpFilter(final Probe p)
    {
        final String id = "net.rp_filter";
        final String nic = resolveInterface(p);
        final String allPath = "/proc/sys/net/ipv4/conf/all/rp_filter";
        if (null == nic)
        {
            p.add(id, Status.NA, CheckResult.NO_CPU, "no feed interface configured", "0 or 2", allPath, "");
            return;
        }
        final String nicPath = "/proc/sys/net/ipv4/conf/" + nic + "/rp_filter";
        final Long all = p.number(allPath);
        final Long own = p.number(nicPath);
        final String source = allPath + ", " + nicPath;
        if (null == all && null == own)
        {
            p.add(id, Status.UNKNOWN, CheckResult.NO_CPU, "(absent)", "0 or 2", source, "");
            return;
        }
        final long effective = Math.max(null == all ? 0 : all, null == own ? 0 : own);
        final String sysctlName = nic.replace('.', '/');
        p.add(id, effective == 1 ? Status.WARN : Status.PASS, CheckResult.NO_CPU,
            "all=" + all + ", " + nic + "=" + own + " (effective " + effective + ")",
            "0 or 2 (strict mode 1 drops multicast arriving on a secondary NIC)", source,
            "sudo sysctl -w net.ipv4.conf.all.rp_filter=2 net.ipv4.conf." + sysctlName + ".rp_filter=2");
    }

    private static void igmp(final Probe p)
    {
        final String id = "net.igmp";
        final String path = "/proc/sys/net/ipv4/igmp_max_memberships";
        final int groups = p.options.multicastGroups();
        if (groups <= 0)
        {
            p.add(id, Status.NA, CheckResult.NO_CPU, "no multicast groups joined", ">= groups joined", path, "");
            return;
        }
        final Long max = p.number(path);
        if (null == max)
        {
            p.add(id, Status.UNKNOWN, CheckResult.NO_CPU, "(absent)", ">= " + groups, path, "");
            return;
        }
        p.add(id, max >= groups ? Status.PASS : Status.FAIL, CheckResult.NO_CPU, "igmp_max_memberships=" + max,
            ">= " + groups + " (groups joined)", path, "sudo sysctl -w net.ipv4.igmp_max_memberships=" + groups);
    }

    /**
     * @param snmp the content of {@code /proc/net/snmp}.
     * @return Udp RcvbufErrors, or -1 when absent.
     */
    static long udpRcvbufErrors(final String snmp)
    {
        return null == snmp ? -1 : ProcNetSnmp.udpField(snmp, ProcNetSnmp.RCVBUF_ERRORS);
    }

    private static void drops(final Probe p)
    {
        final String id = "net.drops";
        final String nic = resolveInterface(p);
        final String dropPath = "/sys/class/net/" + nic + "/statistics/rx_dropped";
        final String source = "/proc/net/snmp, " + dropPath;
        final long rcvbuf = udpRcvbufErrors(p.files.read("/proc/net/snmp"));
        final Long dropped = null == nic ? null : p.number(dropPath);
        p.add(id, Status.NA, CheckResult.NO_CPU,
            "baseline Udp RcvbufErrors=" + (rcvbuf < 0 ? "(absent)" : Long.toString(rcvbuf)) + ", " + nic +
                " rx_dropped=" + (null == dropped ? "(absent)" : dropped) + " (judged as a delta during the run)",
            "no increase during a run", source, "");
    }
}
