/**
 * MoldUDP64: the downstream packet and request layouts ({@link org.feedhandler.protocol.moldudp64.MoldUdp64}),
 * a packet builder for the simulator, the request encoder, and the sequencer that turns packets into an
 * in-order, exactly-once stream of messages while classifying each packet. The sequencer is built from a
 * concluded {@link org.feedhandler.protocol.moldudp64.SequencerContext} and made of a hold store, a
 * retransmission tracker, a line arbiter, a session tracker, a jump guard (the plausibility bound) and its
 * counters. This package reads no configuration: the handler maps the keys to the context.
 *
 * <h2>The sequencer</h2>
 * {@link org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer} works as follows.
 *
 * <h2>Arbitration</h2>
 * Every packet carries the sequence number of its first message, so the first copy of each
 * sequence number wins, whichever line brings it; a later copy is a duplicate. Per line: packets,
 * first arrivals (packets that brought at least one new message) and duplicates. A line that
 * receives nothing for the silence interval is reported silent.
 *
 * <h2>Gaps</h2>
 * A message ahead of the next expected one is held in the store while the missing run stays
 * <em>open</em>. An open run becomes a <em>gap</em> (reported, counted) when every live line has
 * passed it (so a gap on one line that the other fills is no gap), or after the gap wait (time for
 * a reordered packet to arrive, or for a lagging line). Then:
 * <ul>
 *     <li>with a {@link org.feedhandler.protocol.moldudp64.RetransmitRequester}: the missing runs are requested; retransmitted
 *     messages fill the store; held messages are delivered in order as soon as the run is whole.
 *     A partial answer is followed at once by a request for the rest. Whatever is still missing
 *     after the request timeout (driven by {@link org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer#doWork(long)}'s clock, not by packet arrival)
 *     is asked for again, and given up after the configured attempts (all declared runs at once if
 *     the server has answered nothing at all);</li>
 *     <li>without one (replay, or recovery off): the run is given up at once.</li>
 * </ul>
 * A run given up is reported through {@link org.feedhandler.protocol.moldudp64.SequencerListener#onUnrecoverable}; the books are then
 * possibly wrong, and are flagged stale (an open gap flags them stale too, until it is whole).
 * If the store would overflow, the oldest missing run is given up to make room.
 *
 * Every step of that is bounded by the store's runs of held messages, never by the size of a gap:
 * declaring, requesting and giving up walk runs ({@link org.feedhandler.protocol.moldudp64.HoldStore#forEachMissing}), so a gap of
 * 2^62 costs what a gap of 2 does. Sequence numbers are u64 and compare as serial numbers
 * ({@code a - b < 0}): every number the sequencer keeps lies within the plausibility bound of the
 * next expected one, far inside a signed long, so the comparison is exact and nothing wraps.
 *
 * <h2>Implausible sequence numbers</h2>
 * A packet (message, heartbeat or end of session) of the current session more than
 * {@link org.feedhandler.protocol.moldudp64.SequencerContext#maxGapMessages} beyond the next expected message is implausible: counted,
 * reported to {@link org.feedhandler.protocol.moldudp64.SequencerListener#onImplausibleSequence} for the first of a burst, and otherwise
 * ignored (nothing held, declared or requested; the next expected sequence does not move), so the
 * genuine packets after it are delivered without a gap. {@link org.feedhandler.protocol.moldudp64.SequencerContext#jumpConfirmPackets}
 * of them in a row, well formed and contiguous, with no plausible packet between, confirm a real
 * jump ({@link org.feedhandler.protocol.moldudp64.JumpGuard}): everything before the confirming packet is then one gap, given up at once
 * ({@link org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer#LOST_JUMP}; the books go stale), and that packet is processed normally.
 *
 * <h2>Sessions</h2>
 * Heartbeats (count 0) carry the next sequence number: one that is ahead reveals messages lost at
 * the tail; sequence 0 is not a rewind. End of session (count 0xFFFF) is reported and counted; new
 * messages of the session after it cancel it. A packet of another session changes nothing by itself:
 * it is counted as foreign and the first of a burst is reported. {@link org.feedhandler.protocol.moldudp64.SessionTracker} decides when a
 * new session is followed (after the current one's end, or once it persists); following it resets the
 * sequence, clears the store and tells the listener to clear the books.
 *
 * <h2>Malformed packets</h2>
 * A packet shorter than a header, or whose message block runs past its end, is counted malformed.
 * The whole blocks before the cut are used; the cut ones and those after them are not delivered,
 * passed, answered or counted as a duplicate: a later packet must bring them.
 *
 * <h2>Delivery</h2>
 * A handler that is also a {@link org.feedhandler.protocol.BlockHandler} is handed the message blocks of a packet that is
 * exactly the next one, with nothing held beyond it (the steady state), as one run: its loop over the
 * blocks and its dispatch then compile as one method, as on replay. Everything else (the rest of a packet
 * the run stopped short of, a packet that overlaps or runs ahead, held messages released) goes one
 * message a call through {@link org.feedhandler.protocol.MessageHandler#onMessage}, with its sequence number.
 */
package org.feedhandler.protocol.moldudp64;
