package org.feedhandler.preflight;

import java.util.Objects;

/**
 * The outcome of one check, for one CPU of the feed or for the host as a whole. Immutable.
 */
public final class CheckResult
{
    /** Value of {@link #cpu()} for a check that is not about one CPU. */
    public static final int NO_CPU = -1;

    private final String id;
    private final Severity severity;
    private final Status status;
    private final int cpu;
    private final String observed;
    private final String expected;
    private final String source;
    private final String fix;
    private final boolean waived;

    /**
     * @param id       catalogue id, e.g. {@code cpu.isolated}.
     * @param severity MUST or SHOULD.
     * @param status   the outcome.
     * @param cpu      the CPU judged, or {@link #NO_CPU}.
     * @param observed what was found.
     * @param expected what passes.
     * @param source   the file(s) or command read.
     * @param fix      a command that fixes it; empty when there is nothing to fix.
     * @param waived   true when named in a waiver: still reported, not counted.
     */
    public CheckResult(
        final String id,
        final Severity severity,
        final Status status,
        final int cpu,
        final String observed,
        final String expected,
        final String source,
        final String fix,
        final boolean waived)
    {
        this.id = Objects.requireNonNull(id, "id");
        this.severity = Objects.requireNonNull(severity, "severity");
        this.status = Objects.requireNonNull(status, "status");
        this.cpu = cpu;
        this.observed = null == observed ? "" : observed;
        this.expected = null == expected ? "" : expected;
        this.source = null == source ? "" : source;
        this.fix = null == fix ? "" : fix;
        this.waived = waived;
    }

    public String id()
    {
        return id;
    }

    public Severity severity()
    {
        return severity;
    }

    public Status status()
    {
        return status;
    }

    /**
     * @return the CPU this result is about, or {@link #NO_CPU}.
     */
    public int cpu()
    {
        return cpu;
    }

    public boolean hasCpu()
    {
        return cpu != NO_CPU;
    }

    public String observed()
    {
        return observed;
    }

    public String expected()
    {
        return expected;
    }

    public String source()
    {
        return source;
    }

    public String fix()
    {
        return fix;
    }

    public boolean waived()
    {
        return waived;
    }

    /**
     * @param waived the waiver flag.
     * @return a copy with it set.
     */
    public CheckResult waived(final boolean waived)
    {
        return new CheckResult(id, severity, status, cpu, observed, expected, source, fix, waived);
    }

    /**
     * @param strict true when SHOULD checks count too.
     * @return true when this result, unwaived, stops the feed from starting.
     */
    public boolean blocks(final boolean strict)
    {
        if (waived)
        {
            return false;
        }
        return status == Status.FAIL || (strict && status == Status.WARN);
    }

    /**
     * @return true when this is a MUST check that could not be determined and is not waived.
     */
    public boolean undetermined()
    {
        return !waived && status == Status.UNKNOWN && severity == Severity.MUST;
    }

    public String toString()
    {
        return status.label() + " " + severity.label() + " " + id + (hasCpu() ? " cpu=" + cpu : "") +
            " observed=" + observed + " expected=" + expected + (waived ? " waived" : "");
    }
}
