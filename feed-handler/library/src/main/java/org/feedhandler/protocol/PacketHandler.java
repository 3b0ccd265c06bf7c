package org.feedhandler.protocol;

import org.agrona.DirectBuffer;
import org.feedhandler.protocol.Lines;

/**
 * Receives raw packets (for this project, MoldUDP64 downstream packets) from a {@code PacketSource} (a socket, an Aeron subscription, a file).
 */
@FunctionalInterface
public interface PacketHandler
{
    /**
     * One packet.
     *
     * @param buffer       holding the packet; valid only during the call, the source reuses it.
     * @param offset       of the packet's first byte.
     * @param length       of the packet in bytes.
     * @param receiveNanos the source's {@link org.agrona.concurrent.NanoClock} read just after the
     *                     packet was taken from the socket or log buffer.
     * @param line         a {@link Lines} id: A, B or the retransmission line.
     */
    void onPacket(DirectBuffer buffer, int offset, int length, long receiveNanos, int line);
}
