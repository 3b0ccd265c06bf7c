package org.feedhandler.protocol.moldudp64;

/**
 * Sends MoldUDP64 retransmission requests to a request server (unicast, from a socket of the
 * receiver's own). Implementations must not block or allocate.
 */
@FunctionalInterface
public interface RetransmitRequester
{
    /**
     * @param sessionHigh    first 8 bytes of the session.
     * @param sessionLow     last 2 bytes of the session.
     * @param fromSequence   first sequence number wanted.
     * @param count          messages wanted, at most {@link MoldUdp64#MAX_REQUESTED_COUNT}.
     * @return true when the request was handed to the network.
     */
    boolean request(long sessionHigh, int sessionLow, long fromSequence, int count);
}
