package org.feedhandler.transport;

import org.feedhandler.protocol.PacketHandler;

/**
 * A non-blocking source of packets, polled from an agent's duty cycle.
 * <p>
 * Implementations never block and never allocate in {@link #poll(PacketHandler, int)}; they are
 * single-threaded: poll and close from the thread that owns the source.
 */
public interface PacketSource extends AutoCloseable
{
    /**
     * Deliver the packets that are ready, up to a limit.
     *
     * @param handler receives each packet.
     * @param limit   the most packets to deliver in this call.
     * @return the number of packets delivered, 0 when none was ready.
     */
    int poll(PacketHandler handler, int limit);

    /**
     * Release the sockets, subscriptions and buffers. Idempotent; never throws checked exceptions.
     */
    void close();
}
