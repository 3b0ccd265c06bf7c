package org.feedhandler.preflight;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs every check of the {@link Catalogue} against the feed's CPUs and NIC. Read-only: a preflight
 * never changes the host.
 * <pre>{@code
 * final PreflightReport report = Preflight.audit(PreflightOptions.fromSettings(settings));
 * report.printText(System.err);
 * if (report.verdict() != Verdict.READY) ...
 * }</pre>
 */
public final class Preflight
{
    private Preflight()
    {
    }

    /**
     * @param options what to judge and how.
     * @return the report: one result per check (per CPU for per-CPU checks), waivers applied.
     */
    public static PreflightReport audit(final PreflightOptions options)
    {
        final Probe probe = new Probe(options);
        CpuChecks.run(probe);
        MemoryChecks.run(probe);
        NetworkChecks.run(probe);
        SystemChecks.run(probe);

        final List<CheckResult> results = new ArrayList<>(probe.results.size());
        for (final CheckResult result : probe.results)
        {
            results.add(options.waivers().contains(result.id()) ? result.waived(true) : result);
        }
        results.sort((a, b) -> Integer.compare(order(a.id()), order(b.id())));
        return new PreflightReport(options, probe.env, NetworkChecks.resolveInterface(probe), results);
    }

    private static int order(final String id)
    {
        int i = 0;
        for (final String known : Catalogue.ids())
        {
            if (known.equals(id))
            {
                return i;
            }
            i++;
        }
        return i;
    }
}
