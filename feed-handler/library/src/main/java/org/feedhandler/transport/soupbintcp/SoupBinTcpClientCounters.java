package org.feedhandler.transport.soupbintcp;

/**
 * What a {@link SoupBinTcpClient} has seen and done since it was built, across reconnections. Plain fields
 * written by the client's polling thread and read by it (or after it has stopped); no allocation.
 */
public final class SoupBinTcpClientCounters
{
    long connectAttempts;
    long connectFailures;
    long loginsAccepted;
    long loginsRejected;
    long timeouts;
    long disconnects;
    long bytesReceived;
    long bytesSent;
    long packetsReceived;
    long sequencedMessages;
    long heartbeatsSent;
    long heartbeatsReceived;
    long debugPackets;
    long unknownPackets;
    long protocolErrors;
    long framingErrors;
    long endOfSessions;

    SoupBinTcpClientCounters()
    {
    }

    /** @return connections attempted. */
    public long connectAttempts()
    {
        return connectAttempts;
    }

    /** @return connects refused, failed or timed out. */
    public long connectFailures()
    {
        return connectFailures;
    }

    public long loginsAccepted()
    {
        return loginsAccepted;
    }

    public long loginsRejected()
    {
        return loginsRejected;
    }

    /** @return connects and sessions given up for silence (connect, login or server heartbeat timeout). */
    public long timeouts()
    {
        return timeouts;
    }

    /** @return connections given up, for any reason but a final state. */
    public long disconnects()
    {
        return disconnects;
    }

    public long bytesReceived()
    {
        return bytesReceived;
    }

    public long bytesSent()
    {
        return bytesSent;
    }

    public long packetsReceived()
    {
        return packetsReceived;
    }

    public long sequencedMessages()
    {
        return sequencedMessages;
    }

    public long heartbeatsSent()
    {
        return heartbeatsSent;
    }

    public long heartbeatsReceived()
    {
        return heartbeatsReceived;
    }

    public long debugPackets()
    {
        return debugPackets;
    }

    /** @return packets of a type SoupBinTCP does not define, skipped. */
    public long unknownPackets()
    {
        return unknownPackets;
    }

    /** @return packets out of place (data before login, a second login answer, a short login answer). */
    public long protocolErrors()
    {
        return protocolErrors;
    }

    /** @return streams given up for a bad Packet Length. */
    public long framingErrors()
    {
        return framingErrors;
    }

    public long endOfSessions()
    {
        return endOfSessions;
    }
}
