package org.feedhandler.handler;

import org.feedhandler.config.Configuration;
import org.feedhandler.config.ConfigurationException;
import org.feedhandler.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotSettingsTest
{
    private static Settings settings(final String... keyValues)
    {
        final Properties props = new Properties();
        for (int i = 0; i < keyValues.length; i += 2)
        {
            props.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return Settings.of(props, "test");
    }

    @Test
    void shouldBeOffWithoutAServerWhateverTheOtherKeysSay()
    {
        final SnapshotSettings s = SnapshotSettings.from(settings(Configuration.SNAPSHOT_ON_PROP_NAME, "start"));
        assertFalse(s.enabled());
    }

    @Test
    void shouldDefaultToStartAndGapWithAServer()
    {
        final SnapshotSettings s = SnapshotSettings.from(settings(Configuration.SNAPSHOT_SERVER_PROP_NAME, "127.0.0.1:9000"));
        assertTrue(s.enabled());
        assertTrue(s.onStart());
        assertTrue(s.onGap());
        assertEquals(Configuration.SNAPSHOT_BUFFER_PACKETS_DEFAULT, s.bufferPackets());
        assertEquals(Configuration.SNAPSHOT_BUFFER_BYTES_DEFAULT, s.bufferBytes());
        assertEquals(Configuration.SNAPSHOT_TIMEOUT_MS_DEFAULT * 1_000_000L, s.timeoutNs());
        assertEquals(9000, s.clientContext().conclude().address().getPort());
    }

    @ParameterizedTest
    @CsvSource({"never,false,false", "start,true,false", "gap,false,true", "'gap, start',true,true"})
    void shouldReadWhenToLoad(final String on, final boolean start, final boolean gap)
    {
        final SnapshotSettings s = SnapshotSettings.from(settings(
            Configuration.SNAPSHOT_SERVER_PROP_NAME, "127.0.0.1:9000", Configuration.SNAPSHOT_ON_PROP_NAME, on));
        assertEquals(start, s.onStart());
        assertEquals(gap, s.onGap());
        assertEquals(start || gap, s.enabled());
    }

    @ParameterizedTest
    @CsvSource({
        "feed.snapshot.on, always",
        "feed.snapshot.on, 'never,gap'",
        "feed.snapshot.username, toolongname",
        "feed.snapshot.password, elevenchars",
        "feed.snapshot.session, 'eleven char'",
        "feed.snapshot.heartbeat.timeout.ms, 10",
        "feed.snapshot.timeout.ms, 0",
        "feed.snapshot.buffer.packets, 0",
        "feed.snapshot.buffer.bytes, 1k",
        "feed.snapshot.connect.timeout.ms, soon"})
    void shouldNameTheKeyOfABadValue(final String key, final String value)
    {
        final ConfigurationException ex = assertThrows(ConfigurationException.class, () -> SnapshotSettings.from(
            settings(Configuration.SNAPSHOT_SERVER_PROP_NAME, "127.0.0.1:9000", key, value)));
        assertEquals(key, ex.key());
    }

    @Test
    void shouldNameTheServerKeyOfABadEndpoint()
    {
        final ConfigurationException ex = assertThrows(ConfigurationException.class,
            () -> SnapshotSettings.from(settings(Configuration.SNAPSHOT_SERVER_PROP_NAME, "nohostport")));
        assertEquals(Configuration.SNAPSHOT_SERVER_PROP_NAME, ex.key());
    }
}
