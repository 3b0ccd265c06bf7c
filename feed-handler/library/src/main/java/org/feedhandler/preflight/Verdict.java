package org.feedhandler.preflight;

import org.feedhandler.common.ExitCodes;

/**
 * The one-word answer of a preflight, with the exit status every output format shares.
 */
public enum Verdict
{
    READY(ExitCodes.OK),
    NOT_READY(ExitCodes.FAILED),
    INDETERMINATE(ExitCodes.INDETERMINATE);

    private final int exitCode;

    Verdict(final int exitCode)
    {
        this.exitCode = exitCode;
    }

    public int exitCode()
    {
        return exitCode;
    }

    /**
     * @return {@code ready}, {@code not_ready} or {@code indeterminate}.
     */
    public String label()
    {
        return name().toLowerCase();
    }
}
