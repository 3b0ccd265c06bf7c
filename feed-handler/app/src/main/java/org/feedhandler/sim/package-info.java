/**
 * The exchange simulator.
 * <ul>
 *     <li>{@link org.feedhandler.sim.MarketGenerator}: a deterministic, realistic ITCH 5.0 stream;</li>
 *     <li>{@link org.feedhandler.sim.Publisher}: sends it (or a BinaryFILE) as MoldUDP64 at a fixed
 *     open-loop rate over UDP multicast or Aeron ({@link org.feedhandler.sim.PublisherChannel}), with
 *     deterministic loss, duplication and reordering, and A/B lines;</li>
 *     <li>{@link org.feedhandler.sim.RetransmissionServer} answering MoldUDP64 requests from a
 *     lock-free off-heap {@link org.feedhandler.sim.MessageHistory};</li>
 *     <li>{@link org.feedhandler.sim.GlimpseServer}: GLIMPSE 5.0 snapshots of its books over SoupBinTCP, for
 *     handlers that join late;</li>
 *     <li>{@link org.feedhandler.latency.MidnightClock}: the one mapping from {@code System.nanoTime()} to
 *     ITCH nanoseconds since midnight that the simulator and the receiver share, so that
 *     {@code now - itchTimestamp} is wire-to-book latency measured from the intended send time.</li>
 * </ul>
 */
package org.feedhandler.sim;
