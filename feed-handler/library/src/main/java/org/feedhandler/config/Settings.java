package org.feedhandler.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
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
    /** Keys whose value did not come from {@link #origin}: -D system properties and overrides. */
    private final Map<String, String> sources = new HashMap<>();

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
        final Settings settings = new Settings(merged, origin);
        for (final String name : System.getProperties().stringPropertyNames())
        {
            if (name.startsWith(Configuration.PREFIX))
            {
                merged.setProperty(name, System.getProperty(name));
                settings.sources.put(name, "-D" + name);
            }
        }
        return settings;
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
            override(e.getKey(), e.getValue());
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
        return override(key, value, "the command line");
    }

    /**
     * Override one key, saying where the value came from.
     *
     * @param key    the key.
     * @param value  the value, ignored when null.
     * @param source where it came from for messages, e.g. {@code --preflight}.
     * @return this for a fluent API.
     */
    public Settings override(final String key, final String value, final String source)
    {
        if (null != value)
        {
            properties.setProperty(key, value);
            sources.put(key, source);
        }
        return this;
    }

    /**
     * Where a key's value came from, for messages: the file (or "defaults"), {@code -Dfeed.KEY}, or the
     * command line.
     *
     * @param key the key.
     * @return its source; the default when the key is not set.
     */
    public String sourceOf(final String key)
    {
        final String source = sources.get(key);
        if (null != source)
        {
            return source;
        }
        return null == properties.getProperty(key) ? "the default" : origin;
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
     * @param key a key.
     * @return true when the key is given but empty (for keys where empty means "off", not the default).
     */
    public boolean isSetEmpty(final String key)
    {
        final String value = properties.getProperty(key);
        return null != value && value.isBlank();
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
            throw new ConfigurationException(key, "unknown key from " + sourceOf(key) +
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
            throw new ConfigurationException(key, "'" + value + "' is not a whole number (from " + sourceOf(key) + ")");
        }
        if (parsed < min || parsed > max)
        {
            throw new ConfigurationException(key,
                "'" + value + "' is out of range [" + min + ", " + max + "] (from " + sourceOf(key) + ")");
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
            throw new ConfigurationException(key, "'" + value + "' is not a number (from " + sourceOf(key) + ")");
        }
        if (!(parsed >= min && parsed <= max))
        {
            throw new ConfigurationException(key,
                "'" + value + "' is out of range [" + min + ", " + max + "] (from " + sourceOf(key) + ")");
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
                throw new ConfigurationException(key, "'" + value + "' is not true or false (from " + sourceOf(key) + ")");
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
            "'" + value + "' is not one of " + String.join(", ", allowed) + " (from " + sourceOf(key) + ")");
    }

    /**
     * A time zone: a region such as {@code America/New_York}, or an offset such as {@code UTC} or {@code +01:00}.
     *
     * @param key          the key.
     * @param defaultValue the default.
     * @return the zone.
     */
    public ZoneId zone(final String key, final String defaultValue)
    {
        final String value = string(key, defaultValue);
        try
        {
            return ZoneId.of(value);
        }
        catch (final DateTimeException ex)
        {
            throw new ConfigurationException(key, "'" + value + "' is not a time zone such as America/New_York (from " +
                sourceOf(key) + ")");
        }
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
        return parseEndpoint(key, value, sourceOf(key));
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
            throw new ConfigurationException(key, "'" + value + "' is not host:port (from " + origin + ")");
        }
        final int port;
        try
        {
            port = Integer.parseInt(value.substring(colon + 1));
        }
        catch (final NumberFormatException ex)
        {
            throw new ConfigurationException(key, "'" + value + "' has no numeric port (from " + origin + ")");
        }
        if (port < 1 || port > 65535)
        {
            throw new ConfigurationException(key, "port " + port + " is out of range [1, 65535] (from " + origin + ")");
        }
        try
        {
            return new InetSocketAddress(InetAddress.getByName(value.substring(0, colon)), port);
        }
        catch (final UnknownHostException ex)
        {
            throw new ConfigurationException(key, "unknown host in '" + value + "' (from " + origin + ")");
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
