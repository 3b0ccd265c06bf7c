/**
 * Receive side of the wire: sources of raw MoldUDP64 packets, each delivered to a
 * {@link org.feedhandler.protocol.PacketHandler} with its receive time and the line it came on.
 * <ul>
 *     <li>{@link org.feedhandler.transport.UdpMulticastSource}: one or two multicast lines (A/B),
 *     non-blocking, allocation-free in steady state;</li>
 *     <li>{@link org.feedhandler.transport.UdpUnicastChannel}: the retransmission request socket
 *     (sends the requests the protocol layer encodes, polls the unicast answers as
 *     {@link org.feedhandler.protocol.Lines#RETRANSMISSION});</li>
 *     <li>{@link org.feedhandler.transport.AeronSource} over a subscription of an
 *     {@link org.feedhandler.transport.AeronTransport}, which owns an embedded media driver unless an
 *     external one is configured.</li>
 * </ul>
 * Every {@code poll} is non-blocking and allocation-free: it is called from the receiver agent's
 * {@code doWork()} on the hot thread.
 */
package org.feedhandler.transport;
