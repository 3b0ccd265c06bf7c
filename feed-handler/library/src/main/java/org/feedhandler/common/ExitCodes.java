package org.feedhandler.common;

/**
 * Exit statuses every verb shares (sysexits.h where one fits), defined below the CLI so that the
 * preflight gate and its verdicts can name them without importing the command line.
 */
public final class ExitCodes
{
    /** Success. */
    public static final int OK = 0;

    /** Refused or failed (for {@code preflight}: not ready). */
    public static final int FAILED = 1;

    /** Indeterminate ({@code preflight} only). */
    public static final int INDETERMINATE = 2;

    /** Input truncated ({@code replay}). */
    public static final int TRUNCATED = 3;

    /** Bad usage (EX_USAGE). */
    public static final int USAGE = 64;

    /** Bad input data (EX_DATAERR). */
    public static final int DATA = 65;

    /** Input file missing or unreadable (EX_NOINPUT). */
    public static final int NO_INPUT = 66;

    /** Internal error (EX_SOFTWARE). */
    public static final int SOFTWARE = 70;

    /** Bad configuration (EX_CONFIG). */
    public static final int CONFIG = 78;

    private ExitCodes()
    {
    }
}
