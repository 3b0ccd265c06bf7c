package org.feedhandler.latency;

/**
 * The distribution of one stage's latency over a run, in nanoseconds, for reports and JSON.
 *
 * @param stage     the stage name, e.g. {@code recv-book}.
 * @param count     values recorded.
 * @param p50       median.
 * @param p90       90th percentile.
 * @param p99       99th percentile.
 * @param p999      99.9th percentile.
 * @param max       largest value (clamped to the recorder's range).
 * @param negatives negative values seen and not recorded.
 * @param clamped   values above the range, recorded as its highest.
 */
public record LatencySummary(
    String stage, long count, long p50, long p90, long p99, long p999, long max, long negatives, long clamped)
{
    /**
     * Append this summary as a JSON object. The stage name is one of ours: plain ASCII, nothing to escape.
     *
     * @param out to append to.
     * @return out.
     */
    public StringBuilder appendJson(final StringBuilder out)
    {
        return out.append("{\"stage\":\"").append(stage)
            .append("\",\"count\":").append(count)
            .append(",\"p50\":").append(p50)
            .append(",\"p90\":").append(p90)
            .append(",\"p99\":").append(p99)
            .append(",\"p999\":").append(p999)
            .append(",\"max\":").append(max)
            .append(",\"negatives\":").append(negatives)
            .append(",\"clamped\":").append(clamped)
            .append('}');
    }
}
