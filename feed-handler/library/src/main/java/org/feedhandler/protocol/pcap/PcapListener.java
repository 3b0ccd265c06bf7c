package org.feedhandler.protocol.pcap;

import org.agrona.DirectBuffer;

/**
 * Receives the UDP datagrams of a capture, one call per datagram, in file order.
 * <p>
 * The buffer is a view of the mapped file: it is valid only for the duration of the call; copy what must
 * outlive it. Addresses are IPv4 in network order held in an {@code int} (127.0.0.1 is {@code 0x7f000001}),
 * ports are unsigned 16-bit values.
 */
@FunctionalInterface
public interface PcapListener
{
    /**
     * One UDP datagram.
     *
     * @param timestampNanos capture time, nanoseconds since the epoch.
     * @param srcIp          source IPv4 address.
     * @param srcPort        source port.
     * @param dstIp          destination IPv4 address.
     * @param dstPort        destination port.
     * @param buffer         holding the UDP payload.
     * @param offset         of the payload in the buffer.
     * @param length         of the payload in bytes.
     */
    void onUdp(
        long timestampNanos,
        int srcIp,
        int srcPort,
        int dstIp,
        int dstPort,
        DirectBuffer buffer,
        int offset,
        int length);
}
