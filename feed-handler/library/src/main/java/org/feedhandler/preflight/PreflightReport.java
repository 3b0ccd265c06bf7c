package org.feedhandler.preflight;

import org.feedhandler.common.ExitCodes;
import org.feedhandler.common.Json;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The outcome of one audit: every result, the verdict and its exit status, and the text rendering
 * (one stable, greppable line per result, then one verdict line).
 * <p>
 * Text line layout, space separated, values as JSON strings ({@link Json#quote}):
 * <pre>
 * STATUS SEVERITY ID cpu=N|- observed="..." expected="..." source="..." fix="..." waived=true|false
 * verdict=ready|not_ready|indeterminate exit=N failed=N warned=N unknown_must=N waived=N strict=B host=K cpus=L interface=I root=R
 * </pre>
 */
public final class PreflightReport
{
    private final CpuSet cpus;
    private final String interfaceName;
    private final boolean strict;
    private final String root;
    private final HostEnvironment env;
    private final List<CheckResult> results;

    PreflightReport(
        final PreflightOptions options,
        final HostEnvironment env,
        final String interfaceName,
        final List<CheckResult> results)
    {
        this.cpus = options.cpus();
        this.interfaceName = interfaceName;
        this.strict = options.strict();
        this.root = options.files().root().toString();
        this.env = env;
        this.results = Collections.unmodifiableList(results);
    }

    public List<CheckResult> results()
    {
        return results;
    }

    /**
     * @param id a check id.
     * @return its results (several for a per-CPU check), in order.
     */
    public List<CheckResult> results(final String id)
    {
        final List<CheckResult> matching = new ArrayList<>();
        for (final CheckResult result : results)
        {
            if (result.id().equals(id))
            {
                matching.add(result);
            }
        }
        return matching;
    }

    public HostEnvironment environment()
    {
        return env;
    }

    public CpuSet cpus()
    {
        return cpus;
    }

    /**
     * @return the feed interface judged, or null.
     */
    public String interfaceName()
    {
        return interfaceName;
    }

    public boolean strict()
    {
        return strict;
    }

    /**
     * @return the directory /proc and /sys were read under.
     */
    public String root()
    {
        return root;
    }

    /**
     * NOT_READY when an unwaived MUST check failed (or, with strict, a SHOULD check warned); else
     * INDETERMINATE when an unwaived MUST check is UNKNOWN; else READY.
     *
     * @return the verdict.
     */
    public Verdict verdict()
    {
        boolean undetermined = false;
        for (final CheckResult result : results)
        {
            if (result.blocks(strict))
            {
                return Verdict.NOT_READY;
            }
            undetermined |= result.undetermined();
        }
        return undetermined ? Verdict.INDETERMINATE : Verdict.READY;
    }

    /**
     * @return 0 ready, 1 not ready, 2 indeterminate ({@link ExitCodes}).
     */
    public int exitCode()
    {
        return verdict().exitCode();
    }

    public int count(final Status status)
    {
        int n = 0;
        for (final CheckResult result : results)
        {
            if (!result.waived() && result.status() == status)
            {
                n++;
            }
        }
        return n;
    }

    public int undeterminedCount()
    {
        int n = 0;
        for (final CheckResult result : results)
        {
            if (result.undetermined())
            {
                n++;
            }
        }
        return n;
    }

    public int waivedCount()
    {
        int n = 0;
        for (final CheckResult result : results)
        {
            if (result.waived())
            {
                n++;
            }
        }
        return n;
    }

    /**
     * Print every result, one line each, then the verdict line.
     *
     * @param out where to print.
     */
    public void printText(final PrintStream out)
    {
        printText(out, "");
    }

    /**
     * @param out    where to print.
     * @param prefix put before every line (e.g. {@code "preflight: "}).
     */
    public void printText(final PrintStream out, final String prefix)
    {
        out.print(toText(prefix));
        out.flush();
    }

    /**
     * @param prefix put before every line.
     * @return every result line and the verdict line, each ending with a newline.
     */
    public String toText(final String prefix)
    {
        final StringBuilder sb = new StringBuilder();
        for (final CheckResult result : results)
        {
            sb.append(prefix).append(line(result)).append(System.lineSeparator());
        }
        return sb.append(prefix).append(verdictLine()).append(System.lineSeparator()).toString();
    }

    /**
     * @param result a result.
     * @return its stable one-line form.
     */
    public static String line(final CheckResult result)
    {
        return String.format("%-7s %-6s %-18s cpu=%s observed=%s expected=%s source=%s fix=%s waived=%s",
            result.status().label(), result.severity().label(), result.id(),
            result.hasCpu() ? Integer.toString(result.cpu()) : "-",
            Json.quote(result.observed()), Json.quote(result.expected()), Json.quote(result.source()),
            Json.quote(result.fix()),
            result.waived());
    }

    /**
     * @return the one-line verdict.
     */
    public String verdictLine()
    {
        return "verdict=" + verdict().label() + " exit=" + exitCode() + " failed=" + count(Status.FAIL) +
            " warned=" + count(Status.WARN) + " unknown_must=" + undeterminedCount() + " waived=" + waivedCount() +
            " strict=" + strict + " host=" + env.kind() + " cpus=" + (cpus.isEmpty() ? "-" : cpus.toString()) +
            " interface=" + (null == interfaceName ? "-" : interfaceName) + " root=" + root;
    }
}
