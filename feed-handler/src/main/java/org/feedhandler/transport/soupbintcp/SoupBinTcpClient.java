package org.feedhandler.transport.soupbintcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.protocol.AsciiFields;
import org.feedhandler.protocol.MessageHandler;
import org.feedhandler.protocol.soupbintcp.LoginAccepted;
import org.feedhandler.protocol.soupbintcp.LoginRejected;
import org.feedhandler.protocol.soupbintcp.SoupBinTcp;
import org.feedhandler.protocol.soupbintcp.SoupBinTcpEncoder;
import org.feedhandler.protocol.soupbintcp.SoupBinTcpFramer;

/**
 * A non-blocking SoupBinTCP 4.0 client, driven by {@link #poll(long)} in the manner of an Agrona
 * {@code Agent}'s {@code doWork()}: each call does a bounded amount of work (one connect step, one read
 * of the socket and the packets it completes, one write) and never blocks. Buffers are allocated at
 * construction; in steady state (logged in, receiving Sequenced Data and heartbeats) it allocates
 * nothing. Opening a socket to (re)connect allocates, once per attempt.
 * <pre>
 *   BACKOFF --due--> CONNECTING --connected--> LOGGING_IN --'A'--> ACTIVE --'Z'--> ENDED
 *      ^                 | timeout / refused        | 'J' --> REJECTED (stops, names the reason)
 *      +-----------------+--------------------------+-- closed, silent server, bad framing
 *   FAILED after maxConsecutiveFailures failed attempts in a row (0: never give up)
 * </pre>
 * <ul>
 *     <li>Sequenced Data goes to a {@link MessageHandler} with its sequence number, counted from the
 *     Login Accepted's.</li>
 *     <li>A Client Heartbeat goes out after {@code heartbeatInterval} without sending; a server silent for
 *     {@code serverTimeout} (no data, no heartbeat) gives the connection up and is counted.</li>
 *     <li>Reconnection waits {@code initialBackoff}, doubled per consecutive failure up to {@code maxBackoff};
 *     the count of consecutive failures is reset by an accepted login, so a session that worked once starts
 *     again from the shortest wait.</li>
 *     <li>On reconnection it asks for the next sequence number not yet delivered, or, with
 *     {@code resumeOnReconnect(false)} (GLIMPSE: every login is a new snapshot from 1), for the first
 *     requested again: the {@link SessionListener#onLoginAccepted} tells the consumer to start over.</li>
 * </ul>
 * Single-threaded: one thread polls; counters are plain fields read by that thread.
 */
public final class SoupBinTcpClient implements AutoCloseable
{
    /**
     * Where the session is.
     */
    public enum State
    {
        /** Waiting before the next connection attempt. */
        BACKOFF,
        /** A non-blocking connect is under way. */
        CONNECTING,
        /** Connected, Login Request sent, waiting for Login Accepted or Rejected. */
        LOGGING_IN,
        /** Logged in: Sequenced Data flows. */
        ACTIVE,
        /** The server refused the login; see {@link #error()}. Final. */
        REJECTED,
        /** The server sent End of Session. Final. */
        ENDED,
        /** Too many failed attempts in a row; see {@link #error()}. Final. */
        FAILED,
        /** Logged out or closed by the owner. Final. */
        CLOSED
    }

    /**
     * Session events; every method has an empty default.
     */
    public interface SessionListener
    {
        /**
         * Logged in. After a reconnection with {@code resumeOnReconnect(false)} the stream starts over.
         *
         * @param nextSequenceNumber of the first Sequenced Data to come.
         */
        default void onLoginAccepted(long nextSequenceNumber)
        {
        }

        /**
         * The server refused the login; the client stops.
         *
         * @param reasonCode the Reject Reason Code.
         * @param message    a sentence naming the reason and what to do.
         */
        default void onLoginRejected(byte reasonCode, String message)
        {
        }

        /**
         * The server ended the session; the client stops.
         */
        default void onEndOfSession()
        {
        }

        /**
         * The connection was given up; the client will try again unless it has failed too often.
         *
         * @param reason why (a constant string).
         */
        default void onDisconnected(String reason)
        {
        }
    }

    /** {@link #lastDisconnectReason()}: the server closed the connection. */
    public static final String REASON_CLOSED_BY_SERVER = "connection closed by the server";
    /** {@link #lastDisconnectReason()}: nothing received within the server timeout. */
    public static final String REASON_SERVER_TIMEOUT = "no data or heartbeat from the server within the timeout";
    /** {@link #lastDisconnectReason()}: the connect did not complete within the connect timeout. */
    public static final String REASON_CONNECT_TIMEOUT = "connect did not complete within the timeout";
    /** {@link #lastDisconnectReason()}: the connect was refused or failed. */
    public static final String REASON_CONNECT_FAILED = "connect failed";
    /** {@link #lastDisconnectReason()}: reading or writing the socket failed. */
    public static final String REASON_IO_ERROR = "I/O error on the connection";
    /** {@link #lastDisconnectReason()}: a Packet Length of 0 or over the maximum. */
    public static final String REASON_BAD_FRAMING = "bad SoupBinTCP packet length in the stream";
    /** {@link #lastDisconnectReason()}: a packet that breaks the protocol (e.g. data before login). */
    public static final String REASON_PROTOCOL_ERROR = "SoupBinTCP protocol violation by the server";
    /** {@link #lastDisconnectReason()}: the client could not send (its send buffer stayed full). */
    public static final String REASON_SEND_STALLED = "the server does not read what the client sends";

    private static final int MAX_PACKETS_PER_POLL = 4096;
    private static final int SEND_BUFFER_LENGTH = 512;
    private static final int LOGIN_REQUEST_LENGTH =
        SoupBinTcp.HEADER_LENGTH + SoupBinTcp.LOGIN_REQUEST_PAYLOAD_LENGTH;

    private final Context ctx;
    private final MessageHandler dataHandler;
    private final SessionListener sessionListener;
    private final SoupBinTcpFramer framer;
    private final SoupBinTcpFramer.PacketHandler packetHandler = this::onPacket;
    private final ByteBuffer sendByteBuffer = ByteBuffer.allocateDirect(SEND_BUFFER_LENGTH);
    private final UnsafeBuffer sendBuffer = new UnsafeBuffer(sendByteBuffer);
    private final LoginAccepted loginAccepted = new LoginAccepted();
    private final LoginRejected loginRejected = new LoginRejected();
    private final byte[] session = new byte[SoupBinTcp.SESSION_LENGTH];

    private SocketChannel channel;
    private State state = State.BACKOFF;
    private String error;
    private String lastDisconnectReason;
    private long nowNs;
    private long nextAttemptNs;
    private long connectStartNs;
    private long lastReceiveNs;
    private long lastSendNs;
    private long lastDisconnectNs;
    private long lastConnectAttemptNs;
    private int sendLimit;
    private int consecutiveFailures;
    private long nextSequenceNumber;
    private long requestSequenceNumber;
    private boolean started;

    private long connectAttempts;
    private long connectFailures;
    private long loginsAccepted;
    private long loginsRejected;
    private long timeouts;
    private long disconnects;
    private long bytesReceived;
    private long bytesSent;
    private long packetsReceived;
    private long sequencedMessages;
    private long heartbeatsSent;
    private long heartbeatsReceived;
    private long debugPackets;
    private long unknownPackets;
    private long protocolErrors;
    private long framingErrors;
    private long endOfSessions;

    /**
     * @param ctx             concluded here.
     * @param dataHandler     receives each Sequenced Data payload with its sequence number.
     * @param sessionListener receives session events.
     */
    public SoupBinTcpClient(
        final Context ctx, final MessageHandler dataHandler, final SessionListener sessionListener)
    {
        this.ctx = ctx.conclude();
        this.dataHandler = dataHandler;
        this.sessionListener = sessionListener;
        framer = new SoupBinTcpFramer(ctx.maxPacketLength(), ctx.receiveBufferLength());
        requestSequenceNumber = ctx.requestedSequenceNumber();
    }

    /**
     * Do one step of work: connect, log in, read, heartbeat, time out, back off.
     *
     * @param nowNs the time now, from the same clock on every call ({@code System.nanoTime()}).
     * @return work done (0 when idle), for an idle strategy.
     */
    public int poll(final long nowNs)
    {
        this.nowNs = nowNs;
        if (!started)
        {
            started = true; // the first attempt is due at once, whatever the clock's origin
            nextAttemptNs = nowNs;
        }
        switch (state)
        {
            case BACKOFF:
                if (nowNs - nextAttemptNs >= 0)
                {
                    startConnect();
                    return 1;
                }
                return 0;
            case CONNECTING:
                return pollConnect();
            case LOGGING_IN:
            case ACTIVE:
                return pollSession();
            default:
                return 0;
        }
    }

    /**
     * Send a Logout Request if logged in (best effort, without waiting) and close. Final.
     */
    public void logout()
    {
        if (State.LOGGING_IN == state || State.ACTIVE == state)
        {
            if (queue(SoupBinTcpEncoder.logoutRequest(sendBuffer, sendLimit)))
            {
                flush();
            }
        }
        closeChannel();
        state = State.CLOSED;
    }

    public void close()
    {
        closeChannel();
        if (State.REJECTED != state && State.ENDED != state && State.FAILED != state)
        {
            state = State.CLOSED;
        }
    }

    public State state()
    {
        return state;
    }

    /**
     * @return true in a final state ({@link State#REJECTED}, {@link State#ENDED}, {@link State#FAILED},
     * {@link State#CLOSED}).
     */
    public boolean isDone()
    {
        return State.REJECTED == state || State.ENDED == state || State.FAILED == state || State.CLOSED == state;
    }

    /**
     * @return why the client stopped ({@link State#REJECTED}, {@link State#FAILED}), naming the cause and
     * what to do; null otherwise.
     */
    public String error()
    {
        return error;
    }

    /**
     * @return the reason of the last connection given up, or null.
     */
    public String lastDisconnectReason()
    {
        return lastDisconnectReason;
    }

    /**
     * @return the sequence number the next Sequenced Data will carry.
     */
    public long nextSequenceNumber()
    {
        return nextSequenceNumber;
    }

    /**
     * @return the session name of the last Login Accepted, without padding (allocates).
     */
    public String session()
    {
        return new String(session, java.nio.charset.StandardCharsets.US_ASCII).strip();
    }

    /** @return the time of the last connection given up, from the poll clock. */
    public long lastDisconnectNs()
    {
        return lastDisconnectNs;
    }

    /** @return the time of the last connection attempt, from the poll clock. */
    public long lastConnectAttemptNs()
    {
        return lastConnectAttemptNs;
    }

    public Context context()
    {
        return ctx;
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

    private void startConnect()
    {
        connectAttempts++;
        lastConnectAttemptNs = nowNs;
        connectStartNs = nowNs;
        framer.reset();
        sendLimit = 0;
        sendByteBuffer.clear();
        try
        {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            state = State.CONNECTING;
            if (channel.connect(ctx.address()))
            {
                onConnected();
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            connectFailures++;
            giveUp(REASON_CONNECT_FAILED);
        }
    }

    private int pollConnect()
    {
        try
        {
            if (channel.finishConnect())
            {
                onConnected();
                return 1;
            }
        }
        catch (final IOException ex)
        {
            connectFailures++;
            giveUp(REASON_CONNECT_FAILED);
            return 1;
        }
        if (nowNs - connectStartNs >= ctx.connectTimeoutNs())
        {
            connectFailures++;
            timeouts++;
            giveUp(REASON_CONNECT_TIMEOUT);
            return 1;
        }
        return 0;
    }

    private void onConnected()
    {
        state = State.LOGGING_IN;
        lastReceiveNs = nowNs;
        queue(SoupBinTcpEncoder.loginRequest(sendBuffer, sendLimit, ctx.username(), ctx.password(),
            ctx.requestedSession(), requestSequenceNumber));
        flush();
    }

    private int pollSession()
    {
        int work = 0;
        final int read;
        try
        {
            read = channel.read(framer.receiveBuffer());
        }
        catch (final IOException ex)
        {
            giveUp(REASON_IO_ERROR);
            return 1;
        }
        if (read < 0)
        {
            giveUp(REASON_CLOSED_BY_SERVER);
            return 1;
        }
        if (read > 0 || framer.pendingBytes() > 0)
        {
            if (read > 0)
            {
                bytesReceived += read;
                lastReceiveNs = nowNs;
            }
            final int packets = framer.poll(packetHandler, MAX_PACKETS_PER_POLL);
            if (SoupBinTcpFramer.FRAMING_ERROR == packets)
            {
                framingErrors++;
                giveUp(REASON_BAD_FRAMING);
                return 1;
            }
            work += packets + (read > 0 ? 1 : 0);
            if (State.LOGGING_IN != state && State.ACTIVE != state)
            {
                return work; // the packets ended or broke the session
            }
        }

        if (nowNs - lastReceiveNs >= ctx.serverTimeoutNs())
        {
            timeouts++;
            giveUp(REASON_SERVER_TIMEOUT);
            return work + 1;
        }
        if (State.ACTIVE == state && nowNs - lastSendNs >= ctx.heartbeatIntervalNs() && 0 == pendingSend())
        {
            if (queue(SoupBinTcpEncoder.clientHeartbeat(sendBuffer, sendLimit)))
            {
                heartbeatsSent++;
                work++;
            }
        }
        if (pendingSend() > 0)
        {
            work += flush();
        }
        return work;
    }

    private boolean onPacket(final byte type, final DirectBuffer buffer, final int offset, final int length)
    {
        packetsReceived++;
        switch (type)
        {
            case SoupBinTcp.SEQUENCED_DATA:
                if (State.ACTIVE != state)
                {
                    return protocolError();
                }
                sequencedMessages++;
                dataHandler.onMessage(buffer, offset, length, nextSequenceNumber++);
                return State.ACTIVE == state;
            case SoupBinTcp.SERVER_HEARTBEAT:
                heartbeatsReceived++;
                return true;
            case SoupBinTcp.LOGIN_ACCEPTED:
                return onLoginAccepted(buffer, offset, length);
            case SoupBinTcp.LOGIN_REJECTED:
                return onLoginRejected(buffer, offset, length);
            case SoupBinTcp.END_OF_SESSION:
                endOfSessions++;
                closeChannel();
                state = State.ENDED;
                sessionListener.onEndOfSession();
                return false;
            case SoupBinTcp.DEBUG:
                debugPackets++;
                return true;
            default:
                unknownPackets++;
                return true;
        }
    }

    private boolean onLoginAccepted(final DirectBuffer buffer, final int offset, final int length)
    {
        final long sequence;
        if (State.LOGGING_IN != state || !loginAccepted.wrap(buffer, offset, length) ||
            (sequence = loginAccepted.sequenceNumber()) < 0)
        {
            return protocolError();
        }
        loginAccepted.getSession(session);
        nextSequenceNumber = sequence;
        loginsAccepted++;
        consecutiveFailures = 0;
        state = State.ACTIVE;
        sessionListener.onLoginAccepted(sequence);
        return State.ACTIVE == state;
    }

    private boolean onLoginRejected(final DirectBuffer buffer, final int offset, final int length)
    {
        if (State.LOGGING_IN != state || !loginRejected.wrap(buffer, offset, length))
        {
            return protocolError();
        }
        final byte reason = loginRejected.reasonCode();
        loginsRejected++;
        closeChannel();
        state = State.REJECTED;
        error = "SoupBinTCP login as \"" + ctx.username() + "\" to " + ctx.address() + " rejected: " +
            SoupBinTcp.rejectReason(reason);
        sessionListener.onLoginRejected(reason, error);
        return false;
    }

    private boolean protocolError()
    {
        protocolErrors++;
        giveUp(REASON_PROTOCOL_ERROR);
        return false;
    }

    private boolean queue(final int length)
    {
        // the encoder wrote at sendLimit, and is called with room for a login or a few bare packets at
        // least; a buffer near full means the server has not read what was sent for a long time
        if (sendLimit + length > SEND_BUFFER_LENGTH - LOGIN_REQUEST_LENGTH)
        {
            giveUp(REASON_SEND_STALLED);
            return false;
        }
        sendLimit += length;
        lastSendNs = nowNs;
        return true;
    }

    private int pendingSend()
    {
        return sendLimit - sendByteBuffer.position();
    }

    private int flush()
    {
        if (null == channel)
        {
            return 0;
        }
        sendByteBuffer.limit(sendLimit);
        try
        {
            final int written = channel.write(sendByteBuffer);
            bytesSent += written;
        }
        catch (final IOException ex)
        {
            giveUp(REASON_IO_ERROR);
            return 1;
        }
        if (!sendByteBuffer.hasRemaining())
        {
            sendByteBuffer.clear();
            sendLimit = 0;
        }
        return 1;
    }

    private void giveUp(final String reason)
    {
        closeChannel();
        disconnects++;
        consecutiveFailures++;
        lastDisconnectReason = reason;
        lastDisconnectNs = nowNs;
        if (State.LOGGING_IN == state || State.ACTIVE == state || State.CONNECTING == state || State.BACKOFF == state)
        {
            if (ctx.resumeOnReconnect() && loginsAccepted > 0)
            {
                requestSequenceNumber = nextSequenceNumber;
            }
            if (ctx.maxConsecutiveFailures() > 0 && consecutiveFailures >= ctx.maxConsecutiveFailures())
            {
                state = State.FAILED;
                error = "SoupBinTCP session with " + ctx.address() + " given up after " + consecutiveFailures +
                    " failed attempts in a row; last: " + reason + " (check that the server runs, or raise " +
                    "maxConsecutiveFailures)";
            }
            else
            {
                state = State.BACKOFF;
                nextAttemptNs = nowNs + backoffNs(consecutiveFailures);
            }
        }
        sessionListener.onDisconnected(reason);
    }

    /**
     * @param failures consecutive failures so far, 1 or more.
     * @return the wait before the next attempt: initial, doubled per failure, capped.
     */
    long backoffNs(final int failures)
    {
        final int doublings = Math.min(Math.max(failures - 1, 0), 30);
        final long wait = ctx.initialBackoffNs() << doublings;
        return wait <= 0 || wait > ctx.maxBackoffNs() ? ctx.maxBackoffNs() : wait;
    }

    private void closeChannel()
    {
        if (null != channel)
        {
            CloseHelper.quietClose(channel);
            channel = null;
        }
    }

    /**
     * Settings, concluded once by the client. Defaults follow SoupBinTCP's conventions: a heartbeat after
     * one second without sending, a peer silent for fifteen seconds is gone.
     */
    public static final class Context
    {
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

        public Context host(final String host)
        {
            this.host = host;
            return this;
        }

        public Context port(final int port)
        {
            this.port = port;
            return this;
        }

        /** @param username up to 6 printable ASCII characters. */
        public Context username(final String username)
        {
            this.username = username;
            return this;
        }

        /** @param password up to 10 printable ASCII characters. */
        public Context password(final String password)
        {
            this.password = password;
            return this;
        }

        /** @param requestedSession up to 10 characters; empty (the default) for the current session. */
        public Context requestedSession(final String requestedSession)
        {
            this.requestedSession = requestedSession;
            return this;
        }

        /** @param requestedSequenceNumber the first message wanted, 0 or more (GLIMPSE: 1, the default). */
        public Context requestedSequenceNumber(final long requestedSequenceNumber)
        {
            this.requestedSequenceNumber = requestedSequenceNumber;
            return this;
        }

        /**
         * @param resumeOnReconnect true (default): a reconnection asks for the next message not yet
         *                          delivered; false: for the first requested again (GLIMPSE).
         */
        public Context resumeOnReconnect(final boolean resumeOnReconnect)
        {
            this.resumeOnReconnect = resumeOnReconnect;
            return this;
        }

        public Context heartbeatIntervalNs(final long heartbeatIntervalNs)
        {
            this.heartbeatIntervalNs = heartbeatIntervalNs;
            return this;
        }

        public Context serverTimeoutNs(final long serverTimeoutNs)
        {
            this.serverTimeoutNs = serverTimeoutNs;
            return this;
        }

        public Context connectTimeoutNs(final long connectTimeoutNs)
        {
            this.connectTimeoutNs = connectTimeoutNs;
            return this;
        }

        public Context initialBackoffNs(final long initialBackoffNs)
        {
            this.initialBackoffNs = initialBackoffNs;
            return this;
        }

        public Context maxBackoffNs(final long maxBackoffNs)
        {
            this.maxBackoffNs = maxBackoffNs;
            return this;
        }

        /** @param maxConsecutiveFailures failed attempts in a row before giving up; 0 (default) never gives up. */
        public Context maxConsecutiveFailures(final int maxConsecutiveFailures)
        {
            this.maxConsecutiveFailures = maxConsecutiveFailures;
            return this;
        }

        /** @param maxPacketLength largest Packet Length accepted; a larger one drops the connection. */
        public Context maxPacketLength(final int maxPacketLength)
        {
            this.maxPacketLength = maxPacketLength;
            return this;
        }

        public Context receiveBufferLength(final int receiveBufferLength)
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
        public Context conclude()
        {
            if (concluded)
            {
                throw new IllegalStateException("SoupBinTcpClient.Context is already concluded");
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
}
