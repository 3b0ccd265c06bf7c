package org.feedhandler.config;

/**
 * A configuration value is missing, malformed or out of range. The message always names the key,
 * what was found and what is expected, so start-up can stop with a message an operator can act on.
 */
public final class ConfigurationException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigurationException(final String key, final String message)
    {
        super(key + ": " + message);
        this.key = key;
    }

    /**
     * @return the offending configuration key.
     */
    public String key()
    {
        return key;
    }
}
