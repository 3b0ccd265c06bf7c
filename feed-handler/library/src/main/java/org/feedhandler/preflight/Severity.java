package org.feedhandler.preflight;

/**
 * How much a check matters.
 */
public enum Severity
{
    /** Refuses to start when failed; an undetermined MUST makes the verdict indeterminate. */
    MUST,
    /** Warns; fails only with {@code --strict}. */
    SHOULD;

    public String label()
    {
        return name().toLowerCase();
    }
}
