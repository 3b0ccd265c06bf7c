package org.feedhandler.preflight;

/**
 * The kernel's drop counters for the feed ({@code net.drops}): UDP {@code RcvbufErrors} from
 * {@code /proc/net/snmp} (datagrams dropped because a socket buffer was full) and the NIC's
 * {@code rx_dropped}. Absolute values mean nothing; take one at start and compare later snapshots
 * with it. Reads files: call from a reporter thread, never the hot thread.
 */
public final class DropCounters
{
    /** Value of a counter that could not be read. */
    public static final long UNKNOWN = -1;

    private final long udpRcvbufErrors;
    private final long rxDropped;

    private DropCounters(final long udpRcvbufErrors, final long rxDropped)
    {
        this.udpRcvbufErrors = udpRcvbufErrors;
        this.rxDropped = rxDropped;
    }

    /**
     * @param files the host's files ({@link HostFiles#live()}).
     * @param nic   the feed interface, or null.
     * @return the counters now.
     */
    public static DropCounters read(final HostFiles files, final String nic)
    {
        long rcvbuf;
        try
        {
            rcvbuf = NetworkChecks.udpRcvbufErrors(files.read("/proc/net/snmp"));
        }
        catch (final NumberFormatException ex)
        {
            rcvbuf = UNKNOWN;
        }
        long dropped = UNKNOWN;
        if (null != nic)
        {
            final String text = files.readTrimmed("/sys/class/net/" + nic + "/statistics/rx_dropped");
            try
            {
                dropped = null == text ? UNKNOWN : Long.parseLong(text);
            }
            catch (final NumberFormatException ex)
            {
                dropped = UNKNOWN;
            }
        }
        return new DropCounters(rcvbuf, dropped);
    }

    /**
     * @return UDP RcvbufErrors (all sockets of the network namespace), or {@link #UNKNOWN}.
     */
    public long udpRcvbufErrors()
    {
        return udpRcvbufErrors;
    }

    /**
     * @return the NIC's rx_dropped, or {@link #UNKNOWN}.
     */
    public long rxDropped()
    {
        return rxDropped;
    }

    /**
     * @param baseline an earlier snapshot.
     * @return the increase in RcvbufErrors since then, or {@link #UNKNOWN}.
     */
    public long udpRcvbufErrorsSince(final DropCounters baseline)
    {
        return udpRcvbufErrors < 0 || baseline.udpRcvbufErrors < 0 ? UNKNOWN :
            udpRcvbufErrors - baseline.udpRcvbufErrors;
    }

    /**
     * @param baseline an earlier snapshot.
     * @return the increase in rx_dropped since then, or {@link #UNKNOWN}.
     */
    public long rxDroppedSince(final DropCounters baseline)
    {
        return rxDropped < 0 || baseline.rxDropped < 0 ? UNKNOWN : rxDropped - baseline.rxDropped;
    }

    public String toString()
    {
        return "RcvbufErrors=" + udpRcvbufErrors + " rx_dropped=" + rxDropped;
    }
}
