package org.feedhandler.preflight;

import org.feedhandler.config.Configuration;
import org.feedhandler.config.ConfigurationException;
import org.feedhandler.config.Settings;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a preflight judges and how: the feed's CPUs and NIC, where to read the host's files, the
 * waivers, strictness, and the resources the configuration will ask for. Fluent, like an Aeron
 * {@code Context}: start from {@link #fromSettings(Settings)} and override what the command line gives.
 */
public final class PreflightOptions
{
    private CpuSet cpus = CpuSet.EMPTY;
    private String cpusOrigin = Configuration.RECEIVER_CPU_PROP_NAME;
    private String interfaceName;
    private HostFiles files = HostFiles.live();
    private final Set<String> waivers = new TreeSet<>();
    private boolean strict;
    private long receiveBufferBytes;
    private int multicastGroups;
    private boolean realtimeScheduling;
    private long memlockBytes;
    private JvmFacts jvm;
    private CommandRunner commandRunner;
    private CpuSet hotThreadCpusAllowed;

    /**
     * Options from configuration: {@code feed.receiver.cpu}, {@code feed.preflight.interface} (else
     * {@code feed.udp.interface.a}), {@code feed.preflight.waive}, {@code feed.preflight.strict},
     * {@code feed.udp.rcvbuf}, and the multicast groups to be joined.
     *
     * @param settings the configuration.
     * @return options for the live host and this JVM.
     * @throws ConfigurationException naming the key of a bad value.
     */
    public static PreflightOptions fromSettings(final Settings settings)
    {
        final PreflightOptions options = new PreflightOptions();
        final int cpu = settings.intValue(
            Configuration.RECEIVER_CPU_PROP_NAME, Configuration.RECEIVER_CPU_DEFAULT, -1, 4095);
        options.cpus(cpu < 0 ? CpuSet.EMPTY : CpuSet.of(cpu), Configuration.RECEIVER_CPU_PROP_NAME);
        options.interfaceName(settings.string(
            Configuration.PREFLIGHT_INTERFACE_PROP_NAME,
            settings.string(Configuration.UDP_INTERFACE_A_PROP_NAME, Configuration.UDP_INTERFACE_A_DEFAULT)));
        final String waive = settings.string(Configuration.PREFLIGHT_WAIVE_PROP_NAME, "");
        try
        {
            options.waive(parseWaivers(waive));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigurationException(Configuration.PREFLIGHT_WAIVE_PROP_NAME, ex.getMessage());
        }
        options.strict(settings.booleanValue(
            Configuration.PREFLIGHT_STRICT_PROP_NAME, Configuration.PREFLIGHT_STRICT_DEFAULT));
        options.receiveBufferBytes(settings.longValue(
            Configuration.UDP_RCVBUF_PROP_NAME, Configuration.UDP_RCVBUF_DEFAULT, 0, Integer.MAX_VALUE));
        final String transport = settings.string(Configuration.TRANSPORT_PROP_NAME, Configuration.TRANSPORT_DEFAULT);
        if ("udp".equalsIgnoreCase(transport))
        {
            options.multicastGroups(settings.isSet(Configuration.UDP_GROUP_B_PROP_NAME) ? 2 : 1);
        }
        return options;
    }

    /**
     * @param text comma-separated check ids; blank for none.
     * @return the ids.
     * @throws IllegalArgumentException naming an id that is not in the catalogue.
     */
    public static Set<String> parseWaivers(final String text)
    {
        final Set<String> ids = new TreeSet<>();
        if (null == text)
        {
            return ids;
        }
        for (final String raw : text.split(","))
        {
            final String id = raw.trim();
            if (id.isEmpty())
            {
                continue;
            }
            if (!Catalogue.isKnown(id))
            {
                throw new IllegalArgumentException("unknown preflight check id '" + id + "' (known: " +
                    String.join(",", Catalogue.ids()) + ")");
            }
            ids.add(id);
        }
        return ids;
    }

    public CpuSet cpus()
    {
        return cpus;
    }

    /**
     * @return where the CPUs came from ({@code feed.receiver.cpu} or {@code --cpus}), for messages.
     */
    public String cpusOrigin()
    {
        return cpusOrigin;
    }

    /**
     * @param cpus   the CPUs the feed's hot threads are pinned to (F); empty = unpinned.
     * @param origin where they came from, for messages.
     * @return this.
     */
    public PreflightOptions cpus(final CpuSet cpus, final String origin)
    {
        this.cpus = null == cpus ? CpuSet.EMPTY : cpus;
        this.cpusOrigin = origin;
        return this;
    }

    public String interfaceName()
    {
        return interfaceName;
    }

    /**
     * @param interfaceName the feed NIC, by name (or an address of it on the live host); null for none.
     * @return this.
     */
    public PreflightOptions interfaceName(final String interfaceName)
    {
        this.interfaceName = null == interfaceName || interfaceName.isBlank() ? null : interfaceName.trim();
        return this;
    }

    public HostFiles files()
    {
        return files;
    }

    /**
     * @param hostRoot a directory holding a host's {@code /proc} and {@code /sys}; external commands are
     *                 not run and sockets are not probed then.
     * @return this.
     */
    public PreflightOptions hostRoot(final Path hostRoot)
    {
        this.files = HostFiles.under(hostRoot);
        return this;
    }

    public Set<String> waivers()
    {
        return Collections.unmodifiableSet(waivers);
    }

    /**
     * @param ids check ids to waive, added to those already waived; each must be in the {@link Catalogue}.
     * @return this.
     */
    public PreflightOptions waive(final Collection<String> ids)
    {
        for (final String id : ids)
        {
            if (!Catalogue.isKnown(id))
            {
                throw new IllegalArgumentException("unknown preflight check id '" + id + "'");
            }
            waivers.add(id);
        }
        return this;
    }

    public boolean strict()
    {
        return strict;
    }

    /**
     * @param strict true to fail on SHOULD checks (WARN) as well.
     * @return this.
     */
    public PreflightOptions strict(final boolean strict)
    {
        this.strict = strict;
        return this;
    }

    public long receiveBufferBytes()
    {
        return receiveBufferBytes;
    }

    /**
     * @param bytes the SO_RCVBUF the feed will ask for; 0 = the kernel default (net.rmem is then NA).
     * @return this.
     */
    public PreflightOptions receiveBufferBytes(final long bytes)
    {
        this.receiveBufferBytes = bytes;
        return this;
    }

    public int multicastGroups()
    {
        return multicastGroups;
    }

    /**
     * @param groups multicast groups the feed joins; 0 makes net.igmp NA.
     * @return this.
     */
    public PreflightOptions multicastGroups(final int groups)
    {
        this.multicastGroups = groups;
        return this;
    }

    public boolean realtimeScheduling()
    {
        return realtimeScheduling;
    }

    /**
     * @param realtime true when the hot thread runs SCHED_FIFO/RR (kernel.rt_throttle applies).
     * @return this.
     */
    public PreflightOptions realtimeScheduling(final boolean realtime)
    {
        this.realtimeScheduling = realtime;
        return this;
    }

    public long memlockBytes()
    {
        return memlockBytes;
    }

    /**
     * @param bytes memory the feed will lock (mlock); 0 = none (mem.memlock is then NA).
     * @return this.
     */
    public PreflightOptions memlockBytes(final long bytes)
    {
        this.memlockBytes = bytes;
        return this;
    }

    /**
     * @return the JVM judged; this JVM unless one was injected.
     */
    public JvmFacts jvm()
    {
        if (null == jvm)
        {
            jvm = JvmFacts.current();
        }
        return jvm;
    }

    /**
     * @param jvm the JVM facts to judge (tests inject an argument list).
     * @return this.
     */
    public PreflightOptions jvm(final JvmFacts jvm)
    {
        this.jvm = jvm;
        return this;
    }

    /**
     * @return the runner for {@code ethtool}; none under a host root, the system's otherwise.
     */
    public CommandRunner commandRunner()
    {
        if (null != commandRunner)
        {
            return commandRunner;
        }
        return files.isLiveHost() ? CommandRunner.system() : null;
    }

    /**
     * @param runner runs external commands (tests inject canned output); null = default.
     * @return this.
     */
    public PreflightOptions commandRunner(final CommandRunner runner)
    {
        this.commandRunner = runner;
        return this;
    }

    public CpuSet hotThreadCpusAllowed()
    {
        return hotThreadCpusAllowed;
    }

    /**
     * @param allowed the hot thread's {@code Cpus_allowed_list} after pinning (from
     *                {@code handler.ThreadPlacement}); cpu.pinned then judges that thread, not the process.
     * @return this.
     */
    public PreflightOptions hotThreadCpusAllowed(final CpuSet allowed)
    {
        this.hotThreadCpusAllowed = allowed;
        return this;
    }
}
