/**
 * Observability through counters in a memory-mapped file, after Aeron's {@code CountersManager} and
 * {@code AeronStat}: {@link org.feedhandler.status.CountersFile} creates the file (a small header with the
 * writer's PID, start time and heartbeat, then Agrona counter metadata and values),
 * {@link org.feedhandler.status.FeedCounters} allocates the handler's counters in it, the hot path publishes
 * plain local counts through {@link org.feedhandler.status.LocalCounter}, and
 * {@link org.feedhandler.status.CountersFileReader} reads it from another process ({@code feed-handler stat}).
 * {@link org.feedhandler.status.StatusAgent} keeps the heartbeat and the kernel's UDP receive-buffer drops
 * ({@link org.feedhandler.common.ProcNetSnmp}) current, off the hot path.
 */
package org.feedhandler.status;
