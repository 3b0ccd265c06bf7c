package org.feedhandler.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the kernel's UDP statistics from {@code /proc/net/snmp}: a header line naming the fields, then a
 * line of values, both starting {@code Udp:}.
 * <pre>
 * Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors
 * Udp: 2716 12 0 2790 0 0 0 4 0
 * </pre>
 * {@code RcvbufErrors} counts datagrams the kernel dropped because a socket's receive buffer was full: for a
 * feed handler, packets lost before it ever saw them. The figure is host-wide (per network namespace), so
 * {@link #rcvbufErrorsDelta()} reports the growth since this reader was made, i.e. during the run. Off the
 * hot path: reading the file allocates.
 */
public final class ProcNetSnmp
{
    public static final Path DEFAULT_PATH = Path.of("/proc/net/snmp");
    public static final String UDP_PREFIX = "Udp:";
    public static final String RCVBUF_ERRORS = "RcvbufErrors";

    private final Path path;
    private final long baseline;

    /**
     * Read {@code /proc/net/snmp}, taking the current RcvbufErrors as the baseline.
     */
    public ProcNetSnmp()
    {
        this(DEFAULT_PATH);
    }

    /**
     * @param path a file in the {@code /proc/net/snmp} format.
     */
    public ProcNetSnmp(final Path path)
    {
        this.path = path;
        this.baseline = rcvbufErrors();
    }

    /**
     * @return true when the file exists and carries RcvbufErrors (Linux).
     */
    public boolean isAvailable()
    {
        return baseline >= 0;
    }

    /**
     * @return the kernel's RcvbufErrors now, or -1 when it cannot be read.
     */
    public long rcvbufErrors()
    {
        try
        {
            return udpField(Files.readString(path, StandardCharsets.US_ASCII), RCVBUF_ERRORS);
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
    }

    /**
     * @return RcvbufErrors gained since this reader was made, or -1 when unavailable.
     */
    public long rcvbufErrorsDelta()
    {
        if (baseline < 0)
        {
            return -1;
        }
        final long now = rcvbufErrors();
        return now < 0 ? -1 : Math.max(0, now - baseline);
    }

    /**
     * Parse one field of the {@code Udp:} lines.
     *
     * @param snmp  the text of a {@code /proc/net/snmp} file.
     * @param field the field name, e.g. {@code RcvbufErrors}.
     * @return its value, or -1 when the file has no such field.
     */
    public static long udpField(final String snmp, final String field)
    {
        String names = null;
        for (final String line : snmp.split("\n"))
        {
            if (!line.startsWith(UDP_PREFIX + " "))
            {
                continue;
            }
            if (null == names)
            {
                names = line;
                continue;
            }
            final String[] keys = names.trim().split("\\s+");
            final String[] values = line.trim().split("\\s+");
            for (int i = 1; i < keys.length && i < values.length; i++)
            {
                if (keys[i].equals(field))
                {
                    try
                    {
                        return Long.parseLong(values[i]);
                    }
                    catch (final NumberFormatException ex)
                    {
                        return -1;
                    }
                }
            }
            return -1;
        }
        return -1;
    }

    public Path path()
    {
        return path;
    }
}
