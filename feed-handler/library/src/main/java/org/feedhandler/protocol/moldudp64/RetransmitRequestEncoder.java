package org.feedhandler.protocol.moldudp64;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A {@link RetransmitRequester} that encodes each request as a 20-byte MoldUDP64 request packet
 * into a buffer of its own and hands the bytes to a {@link Sender} (the transport's unicast
 * socket), so the wire format stays in the protocol and the transport only moves bytes.
 * Allocation-free; single-threaded.
 */
public final class RetransmitRequestEncoder implements RetransmitRequester
{
    /** Moves one encoded request to the request server. */
    @FunctionalInterface
    public interface Sender
    {
        /**
         * @param buffer holding the request; valid only during the call.
         * @param offset of its first byte.
         * @param length of the request.
         * @return true when the request was handed to the network.
         */
        boolean send(DirectBuffer buffer, int offset, int length);
    }

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MoldUdp64.REQUEST_LENGTH]);
    private final Sender sender;

    /**
     * @param sender moves the encoded bytes.
     */
    public RetransmitRequestEncoder(final Sender sender)
    {
        this.sender = sender;
    }

    /**
     * {@inheritDoc}
     * A count above {@link MoldUdp64#MAX_REQUESTED_COUNT} is cut to it (0xFFFF would read as end of session).
     */
    public boolean request(final long sessionHigh, final int sessionLow, final long fromSequence, final int count)
    {
        final int length = MoldUdp64.putRequest(
            buffer, 0, sessionHigh, sessionLow, fromSequence, Math.min(count, MoldUdp64.MAX_REQUESTED_COUNT));
        return sender.send(buffer, 0, length);
    }
}
