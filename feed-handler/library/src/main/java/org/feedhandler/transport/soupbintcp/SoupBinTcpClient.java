package org.feedhandler.transport.soupbintcp;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
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
 * Single-threaded: one thread polls; settings are a {@link SoupBinTcpClientContext}, counts a
 * {@link SoupBinTcpClientCounters} read by that thread, and the reconnection wait a {@link Backoff}.
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

    private final SoupBinTcpClientContext ctx;
    private final SoupBinTcpClientCounters counters = new SoupBinTcpClientCounters();
    private final Backoff backoff;
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
    private long nextSequenceNumber;
    private long requestSequenceNumber;
    private boolean started;

    /**
     * @param ctx             concluded here.
     * @param dataHandler     receives each Sequenced Data payload with its sequence number.
     * @param sessionListener receives session events.
     */
    public SoupBinTcpClient(
        final SoupBinTcpClientContext ctx, final MessageHandler dataHandler, final SessionListener sessionListener)
    {
        this.ctx = ctx.conclude();
        this.dataHandler = dataHandler;
        this.sessionListener = sessionListener;
        framer = new SoupBinTcpFramer(ctx.maxPacketLength(), ctx.receiveBufferLength());
        requestSequenceNumber = ctx.requestedSequenceNumber();
        backoff = new Backoff(ctx.initialBackoffNs(), ctx.maxBackoffNs());
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
     * Start again from any state, a final one included (GLIMPSE: one session per snapshot): close what is
     * open, forget the error, and connect at the next {@link #poll} asking for the first sequence number
     * configured. The counters carry on.
     *
     * @param nowNs the poll clock.
     */
    public void restart(final long nowNs)
    {
        closeChannel();
        state = State.BACKOFF;
        error = null;
        backoff.reset();
        requestSequenceNumber = ctx.requestedSequenceNumber();
        started = true;
        nextAttemptNs = nowNs;
    }

    /**
     * Give the connection up for a reason of the owner's (e.g. no End of Snapshot in time), as for a
     * silent server: counted, the listener told, and a reconnection after the backoff. Nothing happens
     * in a final state or while already waiting to reconnect.
     *
     * @param reason why, for {@link #lastDisconnectReason()} and the listener (a constant string).
     * @return true when a connection or attempt was given up.
     */
    public boolean drop(final String reason)
    {
        if (State.CONNECTING != state && State.LOGGING_IN != state && State.ACTIVE != state)
        {
            return false;
        }
        giveUp(reason);
        return true;
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
        return new String(session, StandardCharsets.US_ASCII).strip();
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

    public SoupBinTcpClientContext context()
    {
        return ctx;
    }

    /** @return what the client has seen and done, across reconnections. */
    public SoupBinTcpClientCounters counters()
    {
        return counters;
    }

    private void startConnect()
    {
        counters.connectAttempts++;
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
            counters.connectFailures++;
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
            counters.connectFailures++;
            giveUp(REASON_CONNECT_FAILED);
            return 1;
        }
        if (nowNs - connectStartNs >= ctx.connectTimeoutNs())
        {
            counters.connectFailures++;
            counters.timeouts++;
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
                counters.bytesReceived += read;
                lastReceiveNs = nowNs;
            }
            final int packets = framer.poll(packetHandler, MAX_PACKETS_PER_POLL);
            if (SoupBinTcpFramer.FRAMING_ERROR == packets)
            {
                counters.framingErrors++;
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
            counters.timeouts++;
            giveUp(REASON_SERVER_TIMEOUT);
            return work + 1;
        }
        if (State.ACTIVE == state && nowNs - lastSendNs >= ctx.heartbeatIntervalNs() && 0 == pendingSend())
        {
            if (queue(SoupBinTcpEncoder.clientHeartbeat(sendBuffer, sendLimit)))
            {
                counters.heartbeatsSent++;
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
        counters.packetsReceived++;
        switch (type)
        {
            case SoupBinTcp.SEQUENCED_DATA:
                if (State.ACTIVE != state)
                {
                    return protocolError();
                }
                counters.sequencedMessages++;
                dataHandler.onMessage(buffer, offset, length, nextSequenceNumber++);
                return State.ACTIVE == state;
            case SoupBinTcp.SERVER_HEARTBEAT:
                counters.heartbeatsReceived++;
                return true;
            case SoupBinTcp.LOGIN_ACCEPTED:
                return onLoginAccepted(buffer, offset, length);
            case SoupBinTcp.LOGIN_REJECTED:
                return onLoginRejected(buffer, offset, length);
            case SoupBinTcp.END_OF_SESSION:
                counters.endOfSessions++;
                closeChannel();
                state = State.ENDED;
                sessionListener.onEndOfSession();
                return false;
            case SoupBinTcp.DEBUG:
                counters.debugPackets++;
                return true;
            default:
                counters.unknownPackets++;
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
        counters.loginsAccepted++;
        backoff.reset();
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
        counters.loginsRejected++;
        closeChannel();
        state = State.REJECTED;
        error = "SoupBinTCP login as \"" + ctx.username() + "\" to " + ctx.address() + " rejected: " +
            SoupBinTcp.rejectReason(reason);
        sessionListener.onLoginRejected(reason, error);
        return false;
    }

    private boolean protocolError()
    {
        counters.protocolErrors++;
        giveUp(REASON_PROTOCOL_ERROR);
        return false;
    }

    private boolean queue(final int length)
    {
        // the encoder wrote at sendLimit, and is called with room for a login or a few bare packets at
        // least; a buffer near full means the server has not read what was sent for a long time
        if (sendLimit + length > SEND_BUFFER_LENGTH - SoupBinTcpClientContext.LOGIN_REQUEST_LENGTH)
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
            counters.bytesSent += written;
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
        counters.disconnects++;
        final int consecutiveFailures = backoff.onFailure();
        lastDisconnectReason = reason;
        lastDisconnectNs = nowNs;
        if (State.LOGGING_IN == state || State.ACTIVE == state || State.CONNECTING == state || State.BACKOFF == state)
        {
            if (ctx.resumeOnReconnect() && counters.loginsAccepted > 0)
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
                nextAttemptNs = nowNs + backoff.delayNs();
            }
        }
        sessionListener.onDisconnected(reason);
    }

    private void closeChannel()
    {
        if (null != channel)
        {
            CloseHelper.quietClose(channel);
            channel = null;
        }
    }
}
