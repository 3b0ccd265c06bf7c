package org.feedhandler.config;

import io.aeron.ChannelUri;
import io.aeron.CommonContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Checks of configured paths and channels that need more than parsing: each is made before anything is
 * opened, so a value that cannot work stops start-up naming its key and where it came from, not a
 * stack trace halfway through opening resources.
 */
public final class ConfigChecks
{
    private ConfigChecks()
    {
    }

    /**
     * A directory the handler will create files in: it exists and is writable, or the nearest existing
     * directory above it is (it will be created).
     *
     * @param settings     the configuration.
     * @param key          the key.
     * @param defaultValue the default.
     * @return the path.
     */
    public static Path writableDirectory(final Settings settings, final String key, final String defaultValue)
    {
        final Path dir = path(settings, key, defaultValue);
        if (Files.exists(dir) && !Files.isDirectory(dir))
        {
            throw fail(settings, key, dir + " exists and is not a directory");
        }
        requireCreatable(settings, key, dir);
        return dir;
    }

    /**
     * A file the handler will create (or replace): not a directory, and its directory is writable or can
     * be created.
     *
     * @param settings     the configuration.
     * @param key          the key.
     * @param defaultValue the default.
     * @return the path.
     */
    public static Path writableFile(final Settings settings, final String key, final String defaultValue)
    {
        final Path file = path(settings, key, defaultValue);
        if (Files.isDirectory(file))
        {
            throw fail(settings, key, file + " is a directory; name a file");
        }
        if (Files.exists(file) && !Files.isWritable(file))
        {
            throw fail(settings, key, file + " is not writable");
        }
        final Path parent = file.toAbsolutePath().getParent();
        if (null != parent)
        {
            requireCreatable(settings, key, parent);
        }
        return file;
    }

    /**
     * @param settings the configuration.
     * @param key      the key.
     * @param channel  an Aeron channel URI.
     */
    public static void aeronChannel(final Settings settings, final String key, final String channel)
    {
        try
        {
            final ChannelUri uri = ChannelUri.parse(channel);
            if (!CommonContext.IPC_MEDIA.equals(uri.media()) && !CommonContext.UDP_MEDIA.equals(uri.media()))
            {
                throw fail(settings, key, "'" + channel + "': media must be ipc or udp");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            throw fail(settings, key, "'" + channel + "' is not an Aeron channel such as aeron:ipc or " +
                "aeron:udp?endpoint=HOST:PORT (" + ex.getMessage() + ")");
        }
    }

    /**
     * An external media driver's directory, when set: it must hold the driver's {@code cnc.dat}.
     *
     * @param settings the configuration.
     * @param key      the key.
     */
    public static void aeronDirectory(final Settings settings, final String key)
    {
        if (!settings.isSet(key))
        {
            return;
        }
        final Path dir = path(settings, key, null);
        if (!Files.isDirectory(dir) || !Files.isRegularFile(dir.resolve(io.aeron.CncFileDescriptor.CNC_FILE)))
        {
            throw fail(settings, key, "no media driver at " + dir + " (no " + io.aeron.CncFileDescriptor.CNC_FILE +
                "): start the driver first, or leave " + key + " empty for an embedded one");
        }
    }

    private static Path path(final Settings settings, final String key, final String defaultValue)
    {
        final String value = settings.string(key, defaultValue);
        if (null == value)
        {
            throw fail(settings, key, "is empty");
        }
        try
        {
            return Path.of(value);
        }
        catch (final InvalidPathException ex)
        {
            throw fail(settings, key, "'" + value + "' is not a path: " + ex.getMessage());
        }
    }

    private static void requireCreatable(final Settings settings, final String key, final Path target)
    {
        Path existing = target.toAbsolutePath();
        while (null != existing && !Files.exists(existing))
        {
            existing = existing.getParent();
        }
        if (null == existing || !Files.isDirectory(existing))
        {
            throw fail(settings, key, "cannot create " + target + ": " +
                (null == existing ? "no existing parent" : existing + " is not a directory"));
        }
        // a real write, not permission bits: root passes every permission check, yet cannot write /proc or a
        // read-only mount
        try
        {
            Files.delete(Files.createTempFile(existing, ".feed-handler-probe", ".tmp"));
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            throw fail(settings, key, "cannot create or write " + target + ": " + existing + " is not writable (" +
                ex.getClass().getSimpleName() + ": " + ex.getMessage() + ")");
        }
    }

    private static ConfigurationException fail(final Settings settings, final String key, final String message)
    {
        return new ConfigurationException(key, message + " (from " + settings.sourceOf(key) + ")");
    }
}
