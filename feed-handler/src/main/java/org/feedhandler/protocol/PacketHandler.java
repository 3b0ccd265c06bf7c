package org.feedhandler.protocol;

import org.agrona.DirectBuffer;

/**
 * Receives raw packets (for this project, MoldUDP64 downstream packets) from a {@code PacketSource} (a socket, an Aeron subscription, a file).
 */
@FunctionalInterface
public interface PacketHandler
{
    /** The A line. */
    int LINE_A = 0;

    /** The B line. */
    int LINE_B = 1;

    /** Unicast answers of the retransmission request server. */
    int LINE_RETRANSMISSION = 2;

    /**
     * One packet.
     *
     * @param buffer       holding the packet; valid only during the call, the source reuses it.
     * @param offset       of the packet's first byte.
     * @param length       of the packet in bytes.
     * @param receiveNanos the source's {@link org.agrona.concurrent.NanoClock} read just after the
     *                     packet was taken from the socket or log buffer.
     * @param line         {@link #LINE_A}, {@link #LINE_B} or {@link #LINE_RETRANSMISSION}.
     */
    void onPacket(DirectBuffer buffer, int offset, int length, long receiveNanos, int line);
}
