package org.feedhandler.transport;

import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Multicast groups and ports for tests on loopback, random so that concurrent test runs on one
 * host do not hear each other.
 */
public final class Loopback
{
    public static final String INTERFACE = "lo";

    public static InetSocketAddress group()
    {
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        return new InetSocketAddress(
            "239.255." + random.nextInt(1, 255) + "." + random.nextInt(1, 255), random.nextInt(40_000, 60_000));
    }

    public static int port()
    {
        return ThreadLocalRandom.current().nextInt(40_000, 60_000);
    }

    private Loopback()
    {
    }
}
