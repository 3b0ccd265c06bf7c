/**
 * MoldUDP64: the downstream packet and request layouts ({@link org.feedhandler.protocol.moldudp64.MoldUdp64}),
 * a packet builder for the simulator, and the sequencer that turns packets into an in-order,
 * exactly-once stream of messages while classifying each packet as next, duplicate or gap.
 */
package org.feedhandler.protocol.moldudp64;
