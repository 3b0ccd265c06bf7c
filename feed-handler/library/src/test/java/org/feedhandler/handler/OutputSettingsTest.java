package org.feedhandler.handler;

import org.feedhandler.config.Configuration;
import org.feedhandler.config.ConfigurationException;
import org.feedhandler.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The output keys ({@code feed.output.*}) are checked when the context concludes, a bad one named;
 * off, or with an empty channel, they are not read further.
 */
class OutputSettingsTest
{
    @TempDir
    Path dir;

    private Properties properties()
    {
        final Properties p = new Properties();
        p.setProperty(Configuration.COUNTERS_FILE_PROP_NAME, dir.resolve("counters.dat").toString());
        p.setProperty(Configuration.RESULTS_DIR_PROP_NAME, dir.resolve("results").toString());
        p.setProperty(Configuration.BOOK_MAX_ORDERS_PROP_NAME, "1024");
        p.setProperty(Configuration.BOOK_MAX_LEVELS_PROP_NAME, "256");
        p.setProperty(Configuration.OUTPUT_ENABLED_PROP_NAME, "true");
        return p;
    }

    private ConfigurationException concludeFails(final Properties p)
    {
        return assertThrows(ConfigurationException.class,
            () -> new FeedHandler.Context().settings(Settings.of(p, "test")).conclude());
    }

    @Test
    void shouldNameABadOutputChannel()
    {
        final Properties p = properties();
        p.setProperty(Configuration.OUTPUT_CHANNEL_PROP_NAME, "aeron:tcp?endpoint=x:1");
        assertEquals(Configuration.OUTPUT_CHANNEL_PROP_NAME, concludeFails(p).key());
    }

    @Test
    void shouldNameAnOutOfRangeOutputStream()
    {
        final Properties p = properties();
        p.setProperty(Configuration.OUTPUT_STREAM_PROP_NAME, "0");
        assertEquals(Configuration.OUTPUT_STREAM_PROP_NAME, concludeFails(p).key());
    }

    @Test
    void shouldNameAnArchiveDirectoryThatIsAFile() throws Exception
    {
        final Properties p = properties();
        final Path file = java.nio.file.Files.createFile(dir.resolve("not-a-dir"));
        p.setProperty(Configuration.OUTPUT_ARCHIVE_DIR_PROP_NAME, file.toString());
        assertEquals(Configuration.OUTPUT_ARCHIVE_DIR_PROP_NAME, concludeFails(p).key());
    }

    @Test
    void shouldLeaveTheOutputOffWithAnEmptyChannel()
    {
        final Properties p = properties();
        p.setProperty(Configuration.OUTPUT_CHANNEL_PROP_NAME, "");
        p.setProperty(Configuration.OUTPUT_STREAM_PROP_NAME, "0"); // not read when off
        assertTrue(new FeedHandler.Context().settings(Settings.of(p, "test")).conclude().isConcluded());
    }
}
