/**
 * Latency of each pipeline stage: {@link org.feedhandler.latency.LatencyRecorders} is recorded into by the
 * hot path (one HdrHistogram {@code SingleWriterRecorder} per stage, fixed range, no allocation), and
 * {@link org.feedhandler.latency.LatencyLog} drains it from a non-critical thread into a tagged {@code .hlog}
 * per run and one {@code .hgrm} percentile distribution per stage, in microseconds, under a timestamped
 * results directory ({@link org.feedhandler.latency.ResultsDirectory}). Both file types open in
 * HdrHistogram's own tools (HistogramLogAnalyzer, the online plotter).
 */
package org.feedhandler.latency;
