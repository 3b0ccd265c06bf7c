package org.feedhandler.cli;

import picocli.CommandLine.Option;

/**
 * The progress-line options of the long-running verbs ({@code run}, {@code demo}, {@code publish}), for
 * people and for log shippers. Warnings and errors are printed whatever these say.
 */
public final class ProgressOptions
{
    @Option(names = "--quiet", description = "No progress lines (warnings and errors are still printed).")
    boolean quiet;

    @Option(names = "--json-progress",
        description = "Progress lines as one JSON object each, time in ISO-8601 UTC (for log shippers).")
    boolean json;

    /**
     * @return true when progress lines are printed.
     */
    public boolean progress()
    {
        return !quiet;
    }

    /**
     * @return true for JSON progress lines.
     */
    public boolean json()
    {
        return json;
    }
}
