/**
 * The running handler: {@link org.feedhandler.handler.FeedHandler} assembles the sources, the
 * pipeline, the counters file and the latency log from configuration; the
 * {@link org.feedhandler.handler.ReceiverAgent} runs the hot path on a pinned thread, and the
 * {@link org.feedhandler.handler.ReporterAgent} does everything that may block or allocate
 * (progress line, .hlog, warnings) on a non-critical thread.
 */
package org.feedhandler.handler;
