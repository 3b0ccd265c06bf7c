/**
 * Host preflight: read-only audit of the tuning of the feed's own CPUs and NIC (isolation,
 * frequency, THP, IRQ affinity, socket buffers, JVM flags) against the catalogue in
 * {@code preflight-checks.md}, and the gate that refuses to start when a MUST check fails.
 * <p>
 * Every /proc and /sys file is read through {@link org.feedhandler.preflight.HostFiles}, rooted at
 * {@code /} or at a snapshot ({@code --host-root}). {@link org.feedhandler.preflight.Preflight#audit}
 * runs the checks; {@link org.feedhandler.preflight.PreflightGate} decides whether {@code run}
 * starts; {@code org.feedhandler.handler.ThreadPlacement} pins the hot thread and verifies where
 * it really runs. Off the hot path: everything here runs at start-up or on a reporter thread.
 */
package org.feedhandler.preflight;
