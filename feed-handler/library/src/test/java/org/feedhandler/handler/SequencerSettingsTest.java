package org.feedhandler.handler;

import org.feedhandler.config.Configuration;
import org.feedhandler.config.ConfigurationException;
import org.feedhandler.config.Settings;
import org.feedhandler.protocol.moldudp64.SequencerContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SequencerSettingsTest
{
    private static Settings settings(final String key, final String value)
    {
        final Properties props = new Properties();
        props.setProperty(key, value);
        return Settings.of(props, "test");
    }

    @Test
    void shouldMapTheDocumentedDefaults()
    {
        final SequencerContext ctx = SequencerSettings.context(Settings.of(new Properties(), "test"));
        assertEquals(Configuration.GAP_MAX_MESSAGES_DEFAULT, ctx.maxGapMessages());
        assertEquals(1_000_000, ctx.maxGapMessages());
        assertEquals(Configuration.GAP_CONFIRM_PACKETS_DEFAULT, ctx.jumpConfirmPackets());
        assertEquals(Configuration.SESSION_CONFIRM_PACKETS_DEFAULT, ctx.sessionConfirmPackets());
        assertEquals(Configuration.SESSION_CONFIRM_MS_DEFAULT * 1_000_000L, ctx.sessionConfirmNs());
    }

    @Test
    void shouldMapConfiguredValues()
    {
        final SequencerContext ctx = SequencerSettings.context(settings(Configuration.GAP_MAX_MESSAGES_PROP_NAME, "5000"));
        assertEquals(5000, ctx.maxGapMessages());
    }

    @ParameterizedTest
    @CsvSource({
        "feed.gap.max.messages, 0",
        "feed.gap.max.messages, 1099511627777",
        "feed.gap.max.messages, lots",
        "feed.gap.confirm.packets, 0",
        "feed.session.confirm.packets, 0",
        "feed.session.confirm.ms, -1"})
    void shouldStopStartUpNamingTheKeyOfAValueOutOfRange(final String key, final String value)
    {
        assertEquals(key, assertThrows(ConfigurationException.class, () -> SequencerSettings.context(settings(key, value)))
            .key());
    }
}
