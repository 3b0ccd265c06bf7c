package org.feedhandler.sim;

import org.agrona.DirectBuffer;

/**
 * Where the publisher sends packets: one or two lines.
 */
interface PacketSink extends AutoCloseable
{
    /**
     * @return 1 or 2.
     */
    int lineCount();

    /**
     * Send one packet on one line, retrying while the transport pushes back.
     *
     * @return true when sent; false when it could not be (no subscriber, closed).
     */
    boolean send(int line, DirectBuffer buffer, int offset, int length);

    /**
     * @return the largest packet the sink carries in one datagram or message.
     */
    int maxPayloadLength();

    /**
     * @return times a send had to be retried because the transport was full.
     */
    long backPressured();

    void close();
}
