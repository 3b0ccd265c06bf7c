package org.feedhandler.transport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Look-ups of network interfaces and kernel socket limits, off the hot path.
 */
public final class NetworkInterfaces
{
    /** Where Linux keeps the ceiling of SO_RCVBUF for unprivileged sockets. */
    public static final Path RMEM_MAX = Path.of("/proc/sys/net/core/rmem_max");

    /**
     * Find an interface by name ({@code lo}, {@code eth0}) or by one of its addresses
     * ({@code 127.0.0.1}).
     *
     * @param nameOrAddress the interface's name or an address bound to it.
     * @return the interface.
     * @throws IllegalArgumentException when no such interface exists, listing the ones that do.
     */
    public static NetworkInterface resolve(final String nameOrAddress)
    {
        try
        {
            NetworkInterface nif = NetworkInterface.getByName(nameOrAddress);
            if (null == nif)
            {
                try
                {
                    nif = NetworkInterface.getByInetAddress(InetAddress.getByName(nameOrAddress));
                }
                catch (final UnknownHostException ignore)
                {
                    nif = null;
                }
            }
            if (null == nif)
            {
                final StringBuilder names = new StringBuilder();
                NetworkInterface.networkInterfaces().forEach(n -> names.append(names.length() > 0 ? ", " : "")
                    .append(n.getName()));
                throw new IllegalArgumentException(
                    "no network interface named or addressed '" + nameOrAddress + "' (have: " + names + ")");
            }
            return nif;
        }
        catch (final SocketException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @return Linux's {@code net.core.rmem_max}, or -1 when it cannot be read (not Linux).
     */
    public static long rmemMax()
    {
        try
        {
            // procfs reports a size of 0, so read a line rather than "the whole file"
            try (BufferedReader reader = Files.newBufferedReader(RMEM_MAX))
            {
                return Long.parseLong(reader.readLine().trim());
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
    }

    /**
     * @return true on Linux, which lets a socket bind to a multicast group's address.
     */
    public static boolean isLinux()
    {
        return System.getProperty("os.name", "").toLowerCase().startsWith("linux");
    }

    private NetworkInterfaces()
    {
    }
}
