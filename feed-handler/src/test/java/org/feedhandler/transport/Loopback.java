package org.feedhandler.transport;

import java.net.InetSocketAddress;
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

    private Loopback()
    {
    }
}
