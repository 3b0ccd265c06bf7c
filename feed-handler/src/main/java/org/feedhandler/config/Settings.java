package org.feedhandler.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, validated access to configuration properties. Every failure is a
 * {@link ConfigurationException} naming the key. Off the hot path: read once at start-up.
 * <p>
 * Precedence, lowest first: the defaults in {@link Configuration}, the properties file, then JVM
 * system properties with the same key ({@code -Dfeed.cpu.receiver=3}), then explicit overrides
 * (command-line options).
 */
public final class Settings
{
    private final Properties properties;
    private final String origin;

    private Settings(final Properties properties, final String origin)
    {
        this.properties = properties;
        this.origin = origin;
    }

    /**
     * Settings from nothing but overrides and system properties: the defaults apply.
     *
     * @return settings with no file behind them.
     */
    public static Settings defaults()
    {
        return of(new Properties(), "defaults");
    }

    /**
     * Load a properties file, then overlay system properties whose names start with {@code feed.}.
     *
     * @param file the properties file.
     * @return the settings.
     * @throws ConfigurationException naming {@code config} when the file cannot be read.
     */
    public static Settings load(final Path file)
    {
        final Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file))
        {
            properties.load(in);
        }
        catch (final NoSuchFileException ex)
        {
            throw new ConfigurationException("config", "file not found: " + file);
        }
        catch (final IOException ex)
        {
            throw new ConfigurationException("config", "cannot read " + file + ": " + ex.getMessage());
        }
        return of(properties, file.toString());
    }

    /**
     * Wrap existing properties (tests, embedded use), overlaid with {@code feed.*} system properties.
     *
     * @param properties the properties.
     * @param origin     where they came from, for messages.
     * @return the settings.
     */
    public static Settings of(final Properties properties, final String origin)
    {
        final Properties merged = new Properties();
        merged.putAll(properties);
        for (final String name : System.getProperties().stringPropertyNames())
        {
            if (name.startsWith(Configuration.PREFIX))
            {
                merged.setProperty(name, System.getProperty(name));
            }
        }
        return new Settings(merged, origin);
    }

    /**
     * Override keys, e.g. from command-line options. Null values are ignored.
     *
     * @param overrides key to value.
     * @return this for a fluent API.
     */
    public Settings override(final Map<String, String> overrides)
    {
        for (final Map.Entry<String, String> e : overrides.entrySet())
        {
            if (null != e.getValue())
            {
                properties.setProperty(e.getKey(), e.getValue());
            }
        }
        return this;
    }

    /**
     * Override one key.
     *
     * @param key   the key.
     * @param value the value, ignored when null.
     * @return this for a fluent API.
     */
    public Settings override(final String key, final String value)
    {
        if (null != value)
        {
            properties.setProperty(key, value);
        }
        return this;
    }

    public String origin()
    {
        return origin;
    }

    public boolean isSet(final String key)
    {
        final String value = properties.getProperty(key);
        return null != value && !value.isBlank();
    }

    /**
     * Fail on keys with the project's prefix that no one knows: a typo must not silently leave a
     * default in force.
     *
     * @param known the keys the handler understands.
     */
    public void rejectUnknownKeys(final Set<String> known)
    {
        final Set<String> unknown = new TreeSet<>();
        for (final String name : properties.stringPropertyNames())
        {
            if (name.startsWith(Configuration.PREFIX) && !known.contains(name))
            {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty())
        {
            final String key = unknown.iterator().next();
            throw new ConfigurationException(key, "unknown key in " + origin +
                " (misspelt? every key is documented in config/feed-handler.properties)");
        }
    }

    public String string(final String key, final String defaultValue)
    {
        final String value = properties.getProperty(key);
        return null == value || value.isBlank() ? defaultValue : value.trim();
    }

    public String requiredString(final String key)
    {
        final String value = string(key, null);
        if (null == value)
        {
            throw new ConfigurationException(key, "is required but not set in " + origin);
        }
        return value;
    }

    public long longValue(final String key, final long defaultValue, final long min, final long max)
    {
        final String value = string(key, null);
        if (null == value)
        {
            return defaultValue;
        }
        final long parsed;
        try
        {
            parsed = parseSize(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new ConfigurationException(key, "'" + value + "' is not a whole number (in " + origin + ")");
        }
        if (parsed < min || parsed > max)
        {
            throw new ConfigurationException(key,
                "'" + value + "' is out of range [" + min + ", " + max + "] (in " + origin + ")");
        }
        return parsed;
    }

    public int intValue(final String key, final int defaultValue, final int min, final int max)
    {
        return (int)longValue(key, defaultValue, min, max);
    }

    public double doubleValue(final String key, final double defaultValue, final double min, final double max)
    {
        final String value = string(key, null);
        if (null == value)
        {
            return defaultValue;
        }
        final double parsed;
        try
        {
            parsed = Double.parseDouble(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new ConfigurationException(key, "'" + value + "' is not a number (in " + origin + ")");
        }
        if (!(parsed >= min && parsed <= max))
        {
            throw new ConfigurationException(key,
                "'" + value + "' is out of range [" + min + ", " + max + "] (in " + origin + ")");
        }
        return parsed;
    }

    public boolean booleanValue(final String key, final boolean defaultValue)
    {
        final String value = string(key, null);
        if (null == value)
        {
            return defaultValue;
        }
        switch (value.toLowerCase())
        {
            case "true":
            case "yes":
            case "on":
                return true;
            case "false":
            case "no":
            case "off":
                return false;
            default:
                throw new ConfigurationException(key, "'" + value + "' is not true or false (in " + origin + ")");
        }
    }

    /**
     * One of a fixed set of words.
     *
     * @param key          the key.
     * @param defaultValue the default.
     * @param allowed      the allowed values, lower case.
     * @return the value, lower case.
     */
    public String choice(final String key, final String defaultValue, final String... allowed)
    {
        final String value = string(key, defaultValue);
        if (null == value)
        {
            return null;
        }
        final String lower = value.toLowerCase();
        for (final String a : allowed)
        {
            if (a.equals(lower))
            {
                return lower;
            }
        }
        throw new ConfigurationException(key,
            "'" + value + "' is not one of " + String.join(", ", allowed) + " (in " + origin + ")");
    }

    /**
     * A {@code host:port} endpoint.
     *
     * @param key          the key.
     * @param defaultValue the default, may be null.
     * @return the resolved address, or null when unset and no default.
     */
    public InetSocketAddress endpoint(final String key, final String defaultValue)
    {
        final String value = string(key, defaultValue);
        if (null == value)
        {
            return null;
        }
        return parseEndpoint(key, value, origin);
    }

    /**
     * Parse a {@code host:port} endpoint, naming the key on failure.
     *
     * @param key    the key or option name for the message.
     * @param value  the text.
     * @param origin where it came from.
     * @return the address.
     */
    public static InetSocketAddress parseEndpoint(final String key, final String value, final String origin)
    {
        final int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1)
        {
            throw new ConfigurationException(key, "'" + value + "' is not host:port (in " + origin + ")");
        }
        final int port;
        try
        {
            port = Integer.parseInt(value.substring(colon + 1));
        }
        catch (final NumberFormatException ex)
        {
            throw new ConfigurationException(key, "'" + value + "' has no numeric port (in " + origin + ")");
        }
        if (port < 1 || port > 65535)
        {
            throw new ConfigurationException(key, "port " + port + " is out of range [1, 65535] (in " + origin + ")");
        }
        try
        {
            return new InetSocketAddress(InetAddress.getByName(value.substring(0, colon)), port);
        }
        catch (final UnknownHostException ex)
        {
            throw new ConfigurationException(key, "unknown host in '" + value + "' (in " + origin + ")");
        }
    }

    /**
     * Sizes may carry a binary suffix: {@code 4m} = 4 * 1024 * 1024, {@code 64k}, {@code 1g}.
     */
    static long parseSize(final String text)
    {
        final String t = text.trim().toLowerCase().replace("_", "");
        if (t.isEmpty())
        {
            throw new NumberFormatException("empty");
        }
        final char last = t.charAt(t.length() - 1);
        final long multiplier;
        switch (last)
        {
            case 'k':
                multiplier = 1024L;
                break;
            case 'm':
                multiplier = 1024L * 1024;
                break;
            case 'g':
                multiplier = 1024L * 1024 * 1024;
                break;
            default:
                multiplier = 1;
        }
        final String digits = multiplier == 1 ? t : t.substring(0, t.length() - 1);
        return Math.multiplyExact(Long.parseLong(digits), multiplier);
    }

    /**
     * For tests: the raw properties.
     *
     * @return a copy of the merged properties.
     */
    public Properties toProperties()
    {
        final Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }

}
