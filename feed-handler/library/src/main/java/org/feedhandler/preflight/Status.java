package org.feedhandler.preflight;

/**
 * Outcome of one check.
 */
public enum Status
{
    /** Meets what the catalogue asks. */
    PASS,
    /** A MUST check does not meet it: the feed must not start. */
    FAIL,
    /** A SHOULD check does not meet it: a warning, a failure only with {@code --strict}. */
    WARN,
    /** Could not be determined here (absent file, VM-owned control, hidden from a container). */
    UNKNOWN,
    /** Does not apply to this host or configuration. */
    NA;

    /**
     * @return the lower-case word used in text and JSON output.
     */
    public String label()
    {
        return name().toLowerCase();
    }
}
