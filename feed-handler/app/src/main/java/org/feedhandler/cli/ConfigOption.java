package org.feedhandler.cli;

import org.feedhandler.config.Settings;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --config FILE}, shared by the verbs that read the configuration. Without it the default file
 * is {@code $FEED_HANDLER_HOME/config/feed-handler.properties} (the launcher sets FEED_HANDLER_HOME to
 * the project), else {@code config/feed-handler.properties} under the working directory, when present;
 * {@code -Dfeed.*} system properties overlay either.
 */
final class ConfigOption
{
    static final String DEFAULT_RELATIVE = "config/feed-handler.properties";

    @Option(names = "--config", paramLabel = "FILE",
        description = "properties file (default: config/feed-handler.properties under $FEED_HANDLER_HOME, " +
            "else under the working directory, when present)")
    Path file;

    /**
     * @return the settings of the named file, else of the default file, else the defaults.
     */
    Settings load()
    {
        if (null != file)
        {
            return Settings.load(file);
        }
        final Path defaultFile = defaultFile();
        return null == defaultFile ? Settings.defaults() : Settings.load(defaultFile);
    }

    /**
     * @return the settings of the named file, else the defaults: for verbs whose results must not depend
     * on a host's configuration unless asked ({@code replay}).
     */
    Settings loadNamedOnly()
    {
        return null == file ? Settings.defaults() : Settings.load(file);
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
}
