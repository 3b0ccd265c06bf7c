package org.feedhandler.preflight;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the process runs, which decides UNKNOWN versus FAIL: controls a hypervisor owns (cpufreq,
 * the C-state driver) are UNKNOWN in a virtual machine; what a container cannot see is UNKNOWN.
 */
public final class HostEnvironment
{
    private final boolean virtualMachine;
    private final String vmEvidence;
    private final boolean container;
    private final String containerEvidence;
    private final String kernel;
    private final String hostname;

    HostEnvironment(
        final boolean virtualMachine,
        final String vmEvidence,
        final boolean container,
        final String containerEvidence,
        final String kernel,
        final String hostname)
    {
        this.virtualMachine = virtualMachine;
        this.vmEvidence = vmEvidence;
        this.container = container;
        this.containerEvidence = containerEvidence;
        this.kernel = kernel;
        this.hostname = hostname;
    }

    /**
     * Detect from: the {@code hypervisor} flag in {@code /proc/cpuinfo} (most reliable from a guest),
     * {@code /sys/hypervisor/type}, {@code /sys/class/dmi/id/sys_vendor}; {@code /.dockerenv},
     * {@code /run/.containerenv}, {@code /proc/self/cgroup} paths other than {@code /},
     * {@code /proc/1/comm} other than {@code systemd} or {@code init}.
     *
     * @param files the host's files.
     * @return the environment.
     */
    public static HostEnvironment detect(final HostFiles files)
    {
        final List<String> vm = new ArrayList<>();
        final String cpuinfo = files.read("/proc/cpuinfo");
        if (null != cpuinfo && hasCpuFlag(cpuinfo, "hypervisor"))
        {
            vm.add("cpuinfo flag hypervisor");
        }
        final String hypervisorType = files.readTrimmed("/sys/hypervisor/type");
        if (null != hypervisorType && !hypervisorType.isEmpty())
        {
            vm.add("/sys/hypervisor/type=" + hypervisorType);
        }
        final String vendor = files.readTrimmed("/sys/class/dmi/id/sys_vendor");
        if (null != vendor && isVmVendor(vendor))
        {
            vm.add("sys_vendor=" + vendor);
        }

        final List<String> container = new ArrayList<>();
        if (files.exists("/.dockerenv"))
        {
            container.add("/.dockerenv");
        }
        if (files.exists("/run/.containerenv"))
        {
            container.add("/run/.containerenv");
        }
        final String cgroup = files.read("/proc/self/cgroup");
        if (null != cgroup)
        {
            for (final String line : cgroup.split("\n"))
            {
                final int colon = line.lastIndexOf(':');
                if (colon >= 0)
                {
                    final String path = line.substring(colon + 1).trim();
                    if (!path.isEmpty() && !"/".equals(path) && !path.startsWith("/init.scope") &&
                        !path.startsWith("/user.slice") && !path.startsWith("/system.slice"))
                    {
                        container.add("cgroup " + path);
                        break;
                    }
                }
            }
        }
        final String init = files.readTrimmed("/proc/1/comm");
        if (null != init && !init.isEmpty() && !"systemd".equals(init) && !"init".equals(init))
        {
            container.add("pid 1 is " + init);
        }

        return new HostEnvironment(
            !vm.isEmpty(),
            String.join(", ", vm),
            !container.isEmpty(),
            String.join(", ", container),
            orEmpty(files.readTrimmed("/proc/sys/kernel/osrelease")),
            orEmpty(files.readTrimmed("/proc/sys/kernel/hostname")));
    }

    static boolean hasCpuFlag(final String cpuinfo, final String flag)
    {
        for (final String line : cpuinfo.split("\n"))
        {
            if (line.startsWith("flags"))
            {
                final int colon = line.indexOf(':');
                for (final String f : line.substring(colon + 1).trim().split("\\s+"))
                {
                    if (f.equals(flag))
                    {
                        return true;
                    }
                }
                return false;
            }
        }
        return false;
    }

    private static boolean isVmVendor(final String vendor)
    {
        final String v = vendor.toLowerCase();
        return v.contains("qemu") || v.contains("kvm") || v.contains("vmware") || v.contains("xen") ||
            v.contains("microsoft") || v.contains("amazon ec2") || v.contains("google") ||
            v.contains("innotek") || v.contains("parallels") || v.contains("bochs");
    }

    private static String orEmpty(final String s)
    {
        return null == s ? "" : s;
    }

    public boolean isVirtualMachine()
    {
        return virtualMachine;
    }

    public String vmEvidence()
    {
        return vmEvidence;
    }

    public boolean isContainer()
    {
        return container;
    }

    public String containerEvidence()
    {
        return containerEvidence;
    }

    public String kernel()
    {
        return kernel;
    }

    public String hostname()
    {
        return hostname;
    }

    /**
     * @return {@code bare-metal}, {@code vm}, {@code container} or {@code vm+container}.
     */
    public String kind()
    {
        if (virtualMachine && container)
        {
            return "vm+container";
        }
        return virtualMachine ? "vm" : container ? "container" : "bare-metal";
    }
}
