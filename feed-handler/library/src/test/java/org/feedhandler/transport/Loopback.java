package org.feedhandler.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Multicast groups for tests on loopback, random so that concurrent test runs on one host do not hear
 * each other. Unicast sockets in tests bind port 0 and let the kernel choose.
 */
public final class Loopback
{
    public static final String INTERFACE = "lo";

    public static InetSocketAddress group()
    {
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        // below Linux's ephemeral range (32768-60999), so that no port the kernel hands out can hold it, and
        // below the project's defaults (31001, 31100) that a demo on the same host binds
        return new InetSocketAddress(
            "239.255." + random.nextInt(1, 255) + "." + random.nextInt(1, 255), random.nextInt(20_000, 31_000));
    }

    /**
     * A loopback UDP port the kernel just handed out and took back: nothing listens there, and the kernel
     * will not hand it out again soon. For a server whose address must be configured before it binds.
     */
    public static InetSocketAddress unusedPort()
    {
        try (DatagramChannel channel = DatagramChannel.open())
        {
            return (InetSocketAddress)channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .getLocalAddress();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private Loopback()
    {
    }
}
