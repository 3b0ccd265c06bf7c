package org.feedhandler.cli;

import org.feedhandler.config.Settings;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the default configuration lives: {@code $FEED_HANDLER_HOME/config/feed-handler.properties}
 * (the launcher sets FEED_HANDLER_HOME to the project), else {@code config/feed-handler.properties}
 * under the working directory.
 */
final class ConfigFiles
{
    static final String DEFAULT_RELATIVE = "config/feed-handler.properties";

    private ConfigFiles()
    {
    }

    /**
     * @return the default configuration file, or null when there is none.
     */
    static Path defaultFile()
    {
        final String home = System.getenv("FEED_HANDLER_HOME");
        if (null != home)
        {
            final Path candidate = Path.of(home).resolve(DEFAULT_RELATIVE);
            if (Files.isRegularFile(candidate))
            {
                return candidate;
            }
        }
        final Path local = Path.of(DEFAULT_RELATIVE);
        return Files.isRegularFile(local) ? local : null;
    }

    /**
     * @param explicit a file named on the command line, or null for the default.
     * @return the settings (defaults only when no file exists and none was named).
     */
    static Settings load(final Path explicit)
    {
        if (null != explicit)
        {
            return Settings.load(explicit);
        }
        final Path file = defaultFile();
        return null == file ? Settings.defaults() : Settings.load(file);
    }
}
