package org.feedhandler.preflight;

import org.feedhandler.config.Configuration;
import org.feedhandler.config.Settings;

/**
 * What {@code run} does with the preflight ({@code feed.preflight}).
 */
public enum PreflightMode
{
    /** Refuse to start unless ready. */
    ENFORCE,
    /** Print the report as warnings and start. */
    WARN,
    /** Skip the audit, loudly (tests only). */
    OFF;

    /**
     * @param settings the configuration.
     * @return the mode of {@code feed.preflight}.
     */
    public static PreflightMode from(final Settings settings)
    {
        return valueOf(settings.choice(
            Configuration.PREFLIGHT_MODE_PROP_NAME, Configuration.PREFLIGHT_MODE_DEFAULT, "enforce", "warn", "off")
            .toUpperCase());
    }
}
