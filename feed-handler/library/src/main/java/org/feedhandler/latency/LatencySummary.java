package org.feedhandler.latency;

import org.feedhandler.common.Json;

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
     * @return this summary as a JSON object, the field names as above.
     */
    public Json.ObjectValue toJson()
    {
        return Json.object()
            .put("stage", stage)
            .put("count", count)
            .put("p50", p50)
            .put("p90", p90)
            .put("p99", p99)
            .put("p999", p999)
            .put("max", max)
            .put("negatives", negatives)
            .put("clamped", clamped);
    }
}
