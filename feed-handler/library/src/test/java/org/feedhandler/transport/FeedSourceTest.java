package org.feedhandler.transport;

import org.feedhandler.config.ConfigurationException;
import org.feedhandler.config.Settings;
import org.feedhandler.protocol.Lines;
import org.feedhandler.protocol.PacketHandler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(30)
class FeedSourceTest
{
    @Test
    @Tag("integration")
    void shouldOpenTheUdpLinesTheSettingsName()
    {
        final InetSocketAddress group = Loopback.group();
        final Properties properties = new Properties();
        properties.setProperty("feed.transport", "udp");
        properties.setProperty("feed.udp.group.a", group.getAddress().getHostAddress() + ":" + group.getPort());
        properties.setProperty("feed.udp.interface.a", "lo");
        try (FeedSource feed = FeedSource.open(FeedSource.Context.fromSettings(Settings.of(properties, "test"))))
        {
            final UdpMulticastSource udp = assertInstanceOf(UdpMulticastSource.class, feed.source());
            assertSame(udp, feed.udp());
            assertNull(feed.aeron());
            assertEquals(group, udp.group(Lines.A));
            assertEquals(1, udp.lineCount());
        }
    }

    @Test
    @Tag("integration")
    void shouldOpenAnAeronSourceThatClosesItsEmbeddedDriver()
    {
        final Properties properties = new Properties();
        properties.setProperty("feed.transport", "aeron");
        properties.setProperty("feed.aeron.channel", "aeron:ipc");
        final Set<String> before = embeddedDirectories();
        final FeedSource feed = FeedSource.open(FeedSource.Context.fromSettings(Settings.of(properties, "test")));
        assertInstanceOf(AeronSource.class, feed.source());
        assertNull(feed.udp());
        final Set<String> during = embeddedDirectories();
        during.removeAll(before);
        assertEquals(1, during.size(), "one embedded driver directory: " + during);
        feed.close();
        final String dir = during.iterator().next();
        assertFalse(new File(dir).exists(), dir);
    }

    private static Set<String> embeddedDirectories()
    {
        final String prefix = "feed-handler-aeron-" + ProcessHandle.current().pid() + "-";
        final Set<String> dirs = new HashSet<>();
        for (final String base : new String[]{"/dev/shm", System.getProperty("java.io.tmpdir")})
        {
            final File[] files = new File(base).listFiles((d, name) -> name.startsWith(prefix));
            if (null != files)
            {
                for (final File f : files)
                {
                    dirs.add(f.getPath());
                }
            }
        }
        return dirs;
    }

    @Test
    void shouldNameAnUnknownTransport()
    {
        final Properties properties = new Properties();
        properties.setProperty("feed.transport", "carrier-pigeon");
        assertEquals("feed.transport", assertThrows(ConfigurationException.class,
            () -> FeedSource.Context.fromSettings(Settings.of(properties, "test"))).key());
    }
}
