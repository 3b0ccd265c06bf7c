package org.feedhandler.handler;

import org.feedhandler.config.Configuration;
import org.feedhandler.config.ConfigurationException;
import org.feedhandler.config.Settings;
import org.feedhandler.protocol.AsciiFields;
import org.feedhandler.protocol.soupbintcp.SoupBinTcp;
import org.feedhandler.transport.soupbintcp.SoupBinTcpClientContext;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The snapshot recovery keys ({@code feed.snapshot.*}), read and validated before anything is opened; a
 * bad one stops start-up, named. Without {@code feed.snapshot.server} nothing else is read: snapshot
 * recovery is off.
 */
public final class SnapshotSettings
{
    /** The SoupBinTCP client heartbeat interval: a second, the protocol's convention. */
    private static final long CLIENT_HEARTBEAT_NS = TimeUnit.SECONDS.toNanos(1);
    /**
     * Longest SoupBinTCP packet taken from a GLIMPSE server: its packets are ITCH messages of at most 50
     * bytes, a Login Accepted or a Debug line; a longer length means a lost stream (the connection is dropped).
     */
    static final int MAX_PACKET_LENGTH = 1024;
    /**
     * What one poll of the session reads at most: about 400 snapshot messages, so that the receiver goes
     * back to its multicast sockets after tens of microseconds once compiled (docs/decisions/0032).
     */
    static final int RECEIVE_BUFFER_BYTES = 16 * 1024;

    private final InetSocketAddress server;
    private final boolean onStart;
    private final boolean onGap;
    private final String username;
    private final String password;
    private final String session;
    private final long connectTimeoutNs;
    private final long heartbeatTimeoutNs;
    private final long timeoutNs;
    private final int bufferPackets;
    private final int bufferBytes;

    private SnapshotSettings(
        final InetSocketAddress server, final boolean onStart, final boolean onGap, final String username,
        final String password, final String session, final long connectTimeoutNs, final long heartbeatTimeoutNs,
        final long timeoutNs, final int bufferPackets, final int bufferBytes)
    {
        this.server = server;
        this.onStart = onStart;
        this.onGap = onGap;
        this.username = username;
        this.password = password;
        this.session = session;
        this.connectTimeoutNs = connectTimeoutNs;
        this.heartbeatTimeoutNs = heartbeatTimeoutNs;
        this.timeoutNs = timeoutNs;
        this.bufferPackets = bufferPackets;
        this.bufferBytes = bufferBytes;
    }

    /**
     * @param settings the configuration.
     * @return the snapshot settings; {@link #enabled()} false without a server or with {@code never}.
     * @throws ConfigurationException naming the key at fault.
     */
    public static SnapshotSettings from(final Settings settings)
    {
        final InetSocketAddress server = settings.endpoint(Configuration.SNAPSHOT_SERVER_PROP_NAME, null);
        if (null == server)
        {
            return new SnapshotSettings(null, false, false, "", "", "", 0, 0, 0, 0, 0);
        }
        final String on = settings.string(Configuration.SNAPSHOT_ON_PROP_NAME, Configuration.SNAPSHOT_ON_DEFAULT);
        boolean onStart = false;
        boolean onGap = false;
        boolean never = false;
        for (final String word : on.toLowerCase().split(",", -1))
        {
            switch (word.trim())
            {
                case "start" -> onStart = true;
                case "gap" -> onGap = true;
                case "never" -> never = true;
                default -> throw new ConfigurationException(Configuration.SNAPSHOT_ON_PROP_NAME, "'" + on +
                    "' is not never, start, gap or start,gap (from " +
                    settings.sourceOf(Configuration.SNAPSHOT_ON_PROP_NAME) + ")");
            }
        }
        if (never && (onStart || onGap))
        {
            throw new ConfigurationException(Configuration.SNAPSHOT_ON_PROP_NAME, "'" + on +
                "' mixes never with start or gap (from " + settings.sourceOf(Configuration.SNAPSHOT_ON_PROP_NAME) + ")");
        }
        final String username = alpha(settings, Configuration.SNAPSHOT_USERNAME_PROP_NAME, SoupBinTcp.USERNAME_LENGTH);
        final String password = alpha(settings, Configuration.SNAPSHOT_PASSWORD_PROP_NAME, SoupBinTcp.PASSWORD_LENGTH);
        final String session = alpha(settings, Configuration.SNAPSHOT_SESSION_PROP_NAME, SoupBinTcp.SESSION_LENGTH);
        final long connectMs = settings.longValue(Configuration.SNAPSHOT_CONNECT_TIMEOUT_MS_PROP_NAME,
            Configuration.SNAPSHOT_CONNECT_TIMEOUT_MS_DEFAULT, 1, 3_600_000);
        final long heartbeatMs = settings.longValue(Configuration.SNAPSHOT_HEARTBEAT_TIMEOUT_MS_PROP_NAME,
            Configuration.SNAPSHOT_HEARTBEAT_TIMEOUT_MS_DEFAULT, 100, 3_600_000);
        final long timeoutMs = settings.longValue(Configuration.SNAPSHOT_TIMEOUT_MS_PROP_NAME,
            Configuration.SNAPSHOT_TIMEOUT_MS_DEFAULT, 1, 86_400_000);
        final int packets = settings.intValue(Configuration.SNAPSHOT_BUFFER_PACKETS_PROP_NAME,
            Configuration.SNAPSHOT_BUFFER_PACKETS_DEFAULT, 1, 1 << 30);
        final int bytes = settings.intValue(Configuration.SNAPSHOT_BUFFER_BYTES_PROP_NAME,
            Configuration.SNAPSHOT_BUFFER_BYTES_DEFAULT, 64 * 1024, 1 << 30);
        return new SnapshotSettings(server, onStart, onGap, username, password, session,
            TimeUnit.MILLISECONDS.toNanos(connectMs), TimeUnit.MILLISECONDS.toNanos(heartbeatMs),
            TimeUnit.MILLISECONDS.toNanos(timeoutMs), packets, bytes);
    }

    private static String alpha(final Settings settings, final String key, final int width)
    {
        final String value = settings.string(key, "");
        final String problem = AsciiFields.checkAlpha(value, width);
        if (null != problem)
        {
            throw new ConfigurationException(key, "is " + problem + " (a SoupBinTCP field of " + width +
                " characters; from " + settings.sourceOf(key) + ")");
        }
        return value;
    }

    /**
     * @return true when a server is set and {@code feed.snapshot.on} is not {@code never}.
     */
    public boolean enabled()
    {
        return null != server && (onStart || onGap);
    }

    /**
     * @return a SoupBinTCP client context for the GLIMPSE server: log in for sequence 1, and again for 1
     * after a lost connection (every login is a new snapshot), the configured timeouts.
     */
    public SoupBinTcpClientContext clientContext()
    {
        return new SoupBinTcpClientContext()
            .host(server.getAddress().getHostAddress())
            .port(server.getPort())
            .username(username)
            .password(password)
            .requestedSession(session)
            .requestedSequenceNumber(1)
            .resumeOnReconnect(false)
            .connectTimeoutNs(connectTimeoutNs)
            .serverTimeoutNs(heartbeatTimeoutNs)
            .heartbeatIntervalNs(Math.min(CLIENT_HEARTBEAT_NS, heartbeatTimeoutNs / 2))
            .maxPacketLength(MAX_PACKET_LENGTH)
            .receiveBufferLength(RECEIVE_BUFFER_BYTES);
    }

    public InetSocketAddress server()
    {
        return server;
    }

    public boolean onStart()
    {
        return onStart;
    }

    public boolean onGap()
    {
        return onGap;
    }

    public long timeoutNs()
    {
        return timeoutNs;
    }

    public int bufferPackets()
    {
        return bufferPackets;
    }

    public int bufferBytes()
    {
        return bufferBytes;
    }
}
