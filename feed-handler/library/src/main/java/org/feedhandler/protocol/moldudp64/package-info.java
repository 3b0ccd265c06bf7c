/**
 * MoldUDP64: the downstream packet and request layouts ({@link org.feedhandler.protocol.moldudp64.MoldUdp64}),
 * a packet builder for the simulator, the request encoder, and the sequencer that turns packets into an
 * in-order, exactly-once stream of messages while classifying each packet. The sequencer is built from a
 * concluded {@link org.feedhandler.protocol.moldudp64.SequencerContext} and made of a hold store, a
 * retransmission tracker, a line arbiter, a session tracker, a jump guard (the plausibility bound) and its
 * counters. This package reads no configuration: the handler maps the keys to the context.
 */
package org.feedhandler.protocol.moldudp64;
