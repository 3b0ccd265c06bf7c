package org.feedhandler.transport.soupbintcp;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import org.feedhandler.protocol.AsciiFields;
import org.feedhandler.protocol.soupbintcp.SoupBinTcp;

/**
 * Settings of a {@link SoupBinTcpClient}, concluded once by the client. Defaults follow SoupBinTCP's
 * conventions: a heartbeat after one second without sending, a peer silent for fifteen seconds is gone.
 */
public final class SoupBinTcpClientContext
{
    /** The longest packet the client sends, so the least a Packet Length limit may be. */
    static final int LOGIN_REQUEST_LENGTH = SoupBinTcp.HEADER_LENGTH + SoupBinTcp.LOGIN_REQUEST_PAYLOAD_LENGTH;

    private String host;
    private int port;
    private String username = "";
    private String password = "";
    private String requestedSession = "";
    private long requestedSequenceNumber = 1;
    private boolean resumeOnReconnect = true;
    private long heartbeatIntervalNs = TimeUnit.SECONDS.toNanos(1);
    private long serverTimeoutNs = TimeUnit.SECONDS.toNanos(15);
    private long connectTimeoutNs = TimeUnit.SECONDS.toNanos(5);
    private long initialBackoffNs = TimeUnit.MILLISECONDS.toNanos(100);
    private long maxBackoffNs = TimeUnit.SECONDS.toNanos(10);
    private int maxConsecutiveFailures;
    private int maxPacketLength = SoupBinTcp.MAX_PACKET_LENGTH;
    private int receiveBufferLength = 256 * 1024;
    private InetSocketAddress address;
    private boolean concluded;

    public SoupBinTcpClientContext host(final String host)
    {
        this.host = host;
        return this;
    }

    public SoupBinTcpClientContext port(final int port)
    {
        this.port = port;
        return this;
    }

    /** @param username up to 6 printable ASCII characters. */
    public SoupBinTcpClientContext username(final String username)
    {
        this.username = username;
        return this;
    }

    /** @param password up to 10 printable ASCII characters. */
    public SoupBinTcpClientContext password(final String password)
    {
        this.password = password;
        return this;
    }

    /** @param requestedSession up to 10 characters; empty (the default) for the current session. */
    public SoupBinTcpClientContext requestedSession(final String requestedSession)
    {
        this.requestedSession = requestedSession;
        return this;
    }

    /** @param requestedSequenceNumber the first message wanted, 0 or more (GLIMPSE: 1, the default). */
    public SoupBinTcpClientContext requestedSequenceNumber(final long requestedSequenceNumber)
    {
        this.requestedSequenceNumber = requestedSequenceNumber;
        return this;
    }

    /**
     * @param resumeOnReconnect true (default): a reconnection asks for the next message not yet
     *                          delivered; false: for the first requested again (GLIMPSE).
     */
    public SoupBinTcpClientContext resumeOnReconnect(final boolean resumeOnReconnect)
    {
        this.resumeOnReconnect = resumeOnReconnect;
        return this;
    }

    public SoupBinTcpClientContext heartbeatIntervalNs(final long heartbeatIntervalNs)
    {
        this.heartbeatIntervalNs = heartbeatIntervalNs;
        return this;
    }

    public SoupBinTcpClientContext serverTimeoutNs(final long serverTimeoutNs)
    {
        this.serverTimeoutNs = serverTimeoutNs;
        return this;
    }

    public SoupBinTcpClientContext connectTimeoutNs(final long connectTimeoutNs)
    {
        this.connectTimeoutNs = connectTimeoutNs;
        return this;
    }

    public SoupBinTcpClientContext initialBackoffNs(final long initialBackoffNs)
    {
        this.initialBackoffNs = initialBackoffNs;
        return this;
    }

    public SoupBinTcpClientContext maxBackoffNs(final long maxBackoffNs)
    {
        this.maxBackoffNs = maxBackoffNs;
        return this;
    }

    /** @param maxConsecutiveFailures failed attempts in a row before giving up; 0 (default) never gives up. */
    public SoupBinTcpClientContext maxConsecutiveFailures(final int maxConsecutiveFailures)
    {
        this.maxConsecutiveFailures = maxConsecutiveFailures;
        return this;
    }

    /** @param maxPacketLength largest Packet Length accepted; a larger one drops the connection. */
    public SoupBinTcpClientContext maxPacketLength(final int maxPacketLength)
    {
        this.maxPacketLength = maxPacketLength;
        return this;
    }

    public SoupBinTcpClientContext receiveBufferLength(final int receiveBufferLength)
    {
        this.receiveBufferLength = receiveBufferLength;
        return this;
    }

    public String host()
    {
        return host;
    }

    public int port()
    {
        return port;
    }

    public String username()
    {
        return username;
    }

    public String password()
    {
        return password;
    }

    public String requestedSession()
    {
        return requestedSession;
    }

    public long requestedSequenceNumber()
    {
        return requestedSequenceNumber;
    }

    public boolean resumeOnReconnect()
    {
        return resumeOnReconnect;
    }

    public long heartbeatIntervalNs()
    {
        return heartbeatIntervalNs;
    }

    public long serverTimeoutNs()
    {
        return serverTimeoutNs;
    }

    public long connectTimeoutNs()
    {
        return connectTimeoutNs;
    }

    public long initialBackoffNs()
    {
        return initialBackoffNs;
    }

    public long maxBackoffNs()
    {
        return maxBackoffNs;
    }

    public int maxConsecutiveFailures()
    {
        return maxConsecutiveFailures;
    }

    public int maxPacketLength()
    {
        return maxPacketLength;
    }

    public int receiveBufferLength()
    {
        return receiveBufferLength;
    }

    /** @return the server's address, resolved by {@link #conclude()}. */
    public InetSocketAddress address()
    {
        return address;
    }

    /**
     * Validate every setting, naming the bad one, and resolve the address. Once only.
     *
     * @return this.
     * @throws IllegalArgumentException naming the setting at fault.
     * @throws IllegalStateException    when concluded twice.
     */
    public SoupBinTcpClientContext conclude()
    {
        if (concluded)
        {
            throw new IllegalStateException("SoupBinTcpClientContext is already concluded");
        }
        if (null == host || host.isEmpty())
        {
            throw new IllegalArgumentException("host is not set");
        }
        if (port < 1 || port > 65535)
        {
            throw new IllegalArgumentException("port " + port + " is out of range [1, 65535]");
        }
        AsciiFields.requireAlpha("username", username, SoupBinTcp.USERNAME_LENGTH);
        AsciiFields.requireAlpha("password", password, SoupBinTcp.PASSWORD_LENGTH);
        AsciiFields.requireAlpha("requestedSession", requestedSession, SoupBinTcp.SESSION_LENGTH);
        if (requestedSequenceNumber < 0)
        {
            throw new IllegalArgumentException("requestedSequenceNumber " + requestedSequenceNumber + " is negative");
        }
        checkPositive("heartbeatIntervalNs", heartbeatIntervalNs);
        checkPositive("serverTimeoutNs", serverTimeoutNs);
        checkPositive("connectTimeoutNs", connectTimeoutNs);
        checkPositive("initialBackoffNs", initialBackoffNs);
        if (maxBackoffNs < initialBackoffNs)
        {
            throw new IllegalArgumentException(
                "maxBackoffNs " + maxBackoffNs + " is less than initialBackoffNs " + initialBackoffNs);
        }
        if (serverTimeoutNs <= heartbeatIntervalNs)
        {
            throw new IllegalArgumentException("serverTimeoutNs " + serverTimeoutNs +
                " must exceed heartbeatIntervalNs " + heartbeatIntervalNs + " (a server heartbeats about as often)");
        }
        if (maxConsecutiveFailures < 0)
        {
            throw new IllegalArgumentException("maxConsecutiveFailures " + maxConsecutiveFailures + " is negative");
        }
        if (maxPacketLength < LOGIN_REQUEST_LENGTH || maxPacketLength > SoupBinTcp.MAX_PACKET_LENGTH)
        {
            throw new IllegalArgumentException("maxPacketLength " + maxPacketLength + " is out of range [" +
                LOGIN_REQUEST_LENGTH + ", " + SoupBinTcp.MAX_PACKET_LENGTH + "]");
        }
        if (receiveBufferLength < maxPacketLength + SoupBinTcp.LENGTH_FIELD_LENGTH)
        {
            throw new IllegalArgumentException("receiveBufferLength " + receiveBufferLength +
                " must hold the largest packet, " + (maxPacketLength + SoupBinTcp.LENGTH_FIELD_LENGTH) + " bytes");
        }
        address = new InetSocketAddress(host, port);
        if (address.isUnresolved())
        {
            throw new IllegalArgumentException("host \"" + host + "\" does not resolve");
        }
        concluded = true;
        return this;
    }

    private static void checkPositive(final String name, final long value)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(name + " " + value + " must be positive");
        }
    }
}
