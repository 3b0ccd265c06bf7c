package org.feedhandler.preflight;

import org.feedhandler.common.ExitCodes;
import org.feedhandler.config.Settings;

import java.io.PrintStream;

/**
 * The start-up gate {@code run} calls before it creates anything: audits the host in the mode of
 * {@code feed.preflight} and says whether to start.
 * <ul>
 *     <li>{@code enforce}: not ready or indeterminate refuses to start; the report goes to stderr
 *     with {@code error} on blocking lines.</li>
 *     <li>{@code warn}: the report goes to stderr as warnings; always starts.</li>
 *     <li>{@code off}: no audit; one loud line on stderr; always starts.</li>
 * </ul>
 */
public final class PreflightGate
{
    /** Prefix of every line the gate prints. */
    public static final String PREFIX = "preflight: ";

    /**
     * What the gate decided.
     */
    public static final class Outcome
    {
        private final PreflightMode mode;
        private final PreflightReport report;
        private final boolean start;

        Outcome(final PreflightMode mode, final PreflightReport report, final boolean start)
        {
            this.mode = mode;
            this.report = report;
            this.start = start;
        }

        public PreflightMode mode()
        {
            return mode;
        }

        /**
         * @return the report, or null when the mode is off.
         */
        public PreflightReport report()
        {
            return report;
        }

        /**
         * @return true when {@code run} may start.
         */
        public boolean start()
        {
            return start;
        }

        /**
         * @return the exit status for a refusal (1 not ready, 2 indeterminate), 0 when starting.
         */
        public int exitCode()
        {
            return start ? ExitCodes.OK : report.exitCode();
        }
    }

    private PreflightGate()
    {
    }

    /**
     * Gate with options from the settings alone.
     *
     * @param settings the configuration.
     * @param err      where the report goes.
     * @return the outcome.
     */
    public static Outcome check(final Settings settings, final PrintStream err)
    {
        return check(settings, PreflightOptions.fromSettings(settings), err);
    }

    /**
     * @param settings the configuration (for {@code feed.preflight}).
     * @param options  the options, usually {@link PreflightOptions#fromSettings} with command-line overrides.
     * @param err      where the report goes.
     * @return the outcome.
     */
    public static Outcome check(final Settings settings, final PreflightOptions options, final PrintStream err)
    {
        final PreflightMode mode = PreflightMode.from(settings);
        if (mode == PreflightMode.OFF)
        {
            err.println(PREFIX + "WARNING: host preflight is OFF (feed.preflight=off): the host's tuning is NOT " +
                "checked; latency numbers from this run mean nothing on a production host");
            return new Outcome(mode, null, true);
        }

        final PreflightReport report = Preflight.audit(options);
        final Verdict verdict = report.verdict();
        final boolean start = mode == PreflightMode.WARN || verdict == Verdict.READY;
        for (final CheckResult result : report.results())
        {
            if (result.status() == Status.PASS || result.status() == Status.NA)
            {
                continue;
            }
            final boolean blocking = result.blocks(report.strict()) || result.undetermined();
            final String level = mode == PreflightMode.ENFORCE && blocking ? "error: " : "warning: ";
            err.println(PREFIX + level + PreflightReport.line(result));
        }
        err.println(PREFIX + report.verdictLine());
        if (verdict != Verdict.READY)
        {
            if (mode == PreflightMode.ENFORCE)
            {
                err.println(PREFIX + "refusing to start: the host is " + verdict.label() + "; fix the errors above, " +
                    "waive a check with feed.preflight.waive=ID, or set feed.preflight=warn for a lab host " +
                    "(full report: scripts/feed-handler preflight)");
            }
            else
            {
                err.println(PREFIX + "WARNING: starting anyway (feed.preflight=warn) on a host that is " +
                    verdict.label());
            }
        }
        return new Outcome(mode, report, start);
    }
}
