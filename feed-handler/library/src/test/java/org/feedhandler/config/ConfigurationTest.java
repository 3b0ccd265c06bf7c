package org.feedhandler.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigurationTest
{
    private static Path propertiesFile()
    {
        Path dir = Path.of("").toAbsolutePath();
        while (null != dir)
        {
            final Path candidate = dir.resolve("config").resolve("feed-handler.properties");
            if (Files.isRegularFile(candidate))
            {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("config/feed-handler.properties not found");
    }

    @Test
    void shouldDocumentEveryKeyInThePropertiesFileAndNoOthers() throws IOException
    {
        final List<String> lines = Files.readAllLines(propertiesFile());
        final Set<String> documented = new TreeSet<>();
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i);
            if (line.startsWith("feed."))
            {
                final String key = line.substring(0, line.indexOf('='));
                documented.add(key);
                int j = i - 1;
                while (j >= 0 && lines.get(j).startsWith("feed."))
                {
                    j--; // keys may share one comment block
                }
                assertTrue(j >= 0 && lines.get(j).startsWith("#"), key + " has no comment above it");
            }
        }
        assertEquals(Configuration.knownKeys(), documented);
    }

    @Test
    void shouldLoadTheShippedPropertiesFileWithoutUnknownKeys()
    {
        final Settings settings = Settings.load(propertiesFile());
        settings.rejectUnknownKeys(Configuration.knownKeys());
        assertEquals("udp", settings.choice(Configuration.TRANSPORT_PROP_NAME, "x", "udp", "aeron"));
    }

    @Test
    void shouldNameTheKeyOfAMisspeltSetting()
    {
        final Properties p = new Properties();
        p.setProperty("feed.udp.rcvbuff", "1m");
        final ConfigurationException ex = assertThrows(ConfigurationException.class,
            () -> Settings.of(p, "test").rejectUnknownKeys(Configuration.knownKeys()));
        assertEquals("feed.udp.rcvbuff", ex.key());
    }

    @Test
    void shouldNameTheKeyOfAMalformedOrOutOfRangeValue()
    {
        final Properties p = new Properties();
        p.setProperty(Configuration.UDP_RCVBUF_PROP_NAME, "lots");
        p.setProperty(Configuration.RECEIVER_CPU_PROP_NAME, "-7");
        p.setProperty(Configuration.UDP_GROUP_A_PROP_NAME, "239.1.1.1");
        p.setProperty(Configuration.TRANSPORT_PROP_NAME, "carrier-pigeon");
        final Settings s = Settings.of(p, "test");
        assertEquals(Configuration.UDP_RCVBUF_PROP_NAME, assertThrows(ConfigurationException.class,
            () -> s.intValue(Configuration.UDP_RCVBUF_PROP_NAME, 0, 0, Integer.MAX_VALUE)).key());
        assertEquals(Configuration.RECEIVER_CPU_PROP_NAME, assertThrows(ConfigurationException.class,
            () -> s.intValue(Configuration.RECEIVER_CPU_PROP_NAME, -1, -1, 4095)).key());
        assertEquals(Configuration.UDP_GROUP_A_PROP_NAME, assertThrows(ConfigurationException.class,
            () -> s.endpoint(Configuration.UDP_GROUP_A_PROP_NAME, null)).key());
        final ConfigurationException transport = assertThrows(ConfigurationException.class,
            () -> s.choice(Configuration.TRANSPORT_PROP_NAME, "udp", "udp", "aeron"));
        assertTrue(transport.getMessage().contains("carrier-pigeon") && transport.getMessage().contains("udp, aeron"));
    }

    @Test
    void shouldParseSizesWithBinarySuffixes()
    {
        assertEquals(4L * 1024 * 1024, Settings.parseSize("4m"));
        assertEquals(64L * 1024, Settings.parseSize("64k"));
        assertEquals(1L << 30, Settings.parseSize("1g"));
        assertEquals(1_000_000L, Settings.parseSize("1_000_000"));
    }

    @Test
    void shouldLetSystemPropertiesOverrideTheFile()
    {
        System.setProperty(Configuration.REPORT_INTERVAL_MS_PROP_NAME, "250");
        try
        {
            final Properties p = new Properties();
            p.setProperty(Configuration.REPORT_INTERVAL_MS_PROP_NAME, "1000");
            assertEquals(250, Settings.of(p, "test").intValue(Configuration.REPORT_INTERVAL_MS_PROP_NAME, 0, 0, 10_000));
        }
        finally
        {
            System.clearProperty(Configuration.REPORT_INTERVAL_MS_PROP_NAME);
        }
    }
}
