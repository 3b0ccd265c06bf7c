package org.feedhandler.e2e;

import org.feedhandler.sim.PublisherChannel;
import org.feedhandler.transport.Loopback;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Properties;

/**
 * End to end over UDP multicast on loopback (TTL 0, one line).
 */
@Timeout(60)
class UdpMulticastEndToEndTest extends EndToEndTest
{
    private final InetSocketAddress group = Loopback.group();

    Properties handlerProperties(final Path dir)
    {
        final Properties props = E2e.udp(dir, group, null);
        props.setProperty("feed.udp.rcvbuf", "4m");
        return props;
    }

    PublisherChannel channel()
    {
        return E2e.udpChannel(group, null);
    }
}
