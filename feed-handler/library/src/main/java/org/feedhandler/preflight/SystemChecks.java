package org.feedhandler.preflight;

/**
 * The clock and the JVM's own flags.
 */
final class SystemChecks
{
    private static final String JVM_SOURCE = "RuntimeMXBean input arguments, HotSpotDiagnosticMXBean";

    private SystemChecks()
    {
    }

    static void run(final Probe p)
    {
        clockSource(p);
        tsc(p);
        final JvmFacts jvm = p.options.jvm();
        heap(p, jvm);
        pretouch(p, jvm);
        safepoints(p, jvm);
        asserts(p, jvm);
    }

    private static void clockSource(final Probe p)
    {
        final String id = "clock.source";
        final String path = "/sys/devices/system/clocksource/clocksource0/current_clocksource";
        final String source = p.files.readTrimmed(path);
        if (null == source)
        {
            p.add(id, Status.UNKNOWN, CheckResult.NO_CPU, "(absent)", "tsc", path, "");
            return;
        }
        final boolean paravirtual = "kvm-clock".equals(source) || "hyperv_clocksource_tsc_page".equals(source) ||
            "xen".equals(source);
        final boolean ok = "tsc".equals(source) || (p.env.isVirtualMachine() && paravirtual);
        p.add(id, ok ? Status.PASS : Status.WARN, CheckResult.NO_CPU,
            source + (ok && !"tsc".equals(source) ? " (paravirtual clock in a VM)" : ""),
            "tsc (a VM may show kvm-clock)", path,
            "echo tsc | sudo tee " + path + " (if listed in available_clocksource; persist: clocksource=tsc)");
    }

    private static void tsc(final Probe p)
    {
        final String id = "clock.tsc";
        final String path = "/proc/cpuinfo";
        final String cpuinfo = p.files.read(path);
        if (null == cpuinfo)
        {
            p.add(id, Status.UNKNOWN, CheckResult.NO_CPU, "(absent)", "constant_tsc nonstop_tsc", path, "");
            return;
        }
        final boolean constant = HostEnvironment.hasCpuFlag(cpuinfo, "constant_tsc");
        final boolean nonstop = HostEnvironment.hasCpuFlag(cpuinfo, "nonstop_tsc");
        p.add(id, constant && nonstop ? Status.PASS : Status.WARN, CheckResult.NO_CPU,
            (constant ? "constant_tsc" : "no constant_tsc") + ", " + (nonstop ? "nonstop_tsc" : "no nonstop_tsc"),
            "constant_tsc nonstop_tsc", path, "no software fix: use hardware (or a VM type) with an invariant TSC");
    }

    private static void heap(final Probe p, final JvmFacts jvm)
    {
        final String id = "jvm.heap";
        final String initial = jvm.option("InitialHeapSize");
        final String max = jvm.option("MaxHeapSize");
        final boolean ok = null != initial && initial.equals(max);
        final String shownMax = null == max ? "4g" : humanSize(max);
        p.add(id, ok ? Status.PASS : Status.WARN, CheckResult.NO_CPU,
            "InitialHeapSize=" + (null == initial ? "(not set)" : initial) + ", MaxHeapSize=" +
                (null == max ? "(not set)" : max),
            "-Xms = -Xmx", JVM_SOURCE, "JAVA_OPTS=\"-Xms" + shownMax + " -Xmx" + shownMax + "\"");
    }

    static String humanSize(final String bytes)
    {
        try
        {
            final long value = Long.parseLong(bytes);
            if (value > 0 && value % (1L << 30) == 0)
            {
                return (value >> 30) + "g";
            }
            if (value > 0 && value % (1L << 20) == 0)
            {
                return (value >> 20) + "m";
            }
            return value >= 1L << 20 ? (value >> 20) + "m" : bytes;
        }
        catch (final NumberFormatException ex)
        {
            return bytes;
        }
    }

    private static void pretouch(final Probe p, final JvmFacts jvm)
    {
        final boolean ok = jvm.flag("AlwaysPreTouch");
        p.add("jvm.pretouch", ok ? Status.PASS : Status.WARN, CheckResult.NO_CPU,
            "AlwaysPreTouch=" + ok, "-XX:+AlwaysPreTouch", JVM_SOURCE, "add -XX:+AlwaysPreTouch to JAVA_OPTS");
    }

    private static void safepoints(final Probe p, final JvmFacts jvm)
    {
        final String value = jvm.option("GuaranteedSafepointInterval");
        final boolean ok = "0".equals(value);
        p.add("jvm.safepoints", ok ? Status.PASS : Status.WARN, CheckResult.NO_CPU,
            "GuaranteedSafepointInterval=" + value, "-XX:GuaranteedSafepointInterval=0", JVM_SOURCE,
            "add -XX:+UnlockDiagnosticVMOptions -XX:GuaranteedSafepointInterval=0 to JAVA_OPTS");
    }

    private static void asserts(final Probe p, final JvmFacts jvm)
    {
        final boolean assertions = jvm.assertionsEnabled();
        final String agent = jvm.debuggerAgent();
        final boolean ok = !assertions && null == agent;
        p.add("jvm.asserts", ok ? Status.PASS : Status.WARN, CheckResult.NO_CPU,
            (assertions ? "assertions enabled" : "assertions disabled") +
                (null == agent ? ", no debugger agent" : ", debugger agent " + agent),
            "assertions disabled, no debugger agent", JVM_SOURCE,
            "remove -ea/-esa and -agentlib:jdwp from JAVA_OPTS");
    }
}
