package org.feedhandler.sim;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.protocol.AsciiFields;
import org.feedhandler.protocol.itch.GlimpseSnapshot;
import org.feedhandler.protocol.soupbintcp.LoginRequest;
import org.feedhandler.protocol.soupbintcp.SoupBinTcp;
import org.feedhandler.protocol.soupbintcp.SoupBinTcpEncoder;

/**
 * The simulator's GLIMPSE 5.0 server: SoupBinTCP over TCP, one thread per connection (the simulator
 * serves a handful of handlers, not a market). On each login it checks the credentials (a wrong one is
 * refused with {@code 'A'} not authorized; a session other than its own, or blank, with {@code 'S'}
 * session not available), takes a snapshot from its {@link SnapshotSource}, sends Login Accepted and
 * the snapshot's messages as Sequenced Data, the End of Snapshot last; then either End of Session (the
 * default) or Server Heartbeats until the client logs out or falls silent.
 * <p>
 * Faults for tests, by configuration: no heartbeats ({@code heartbeatIntervalMs(0)}), and dropping the
 * connection after a number of messages on the first logins ({@code dropAfterMessages}).
 */
public final class GlimpseServer implements AutoCloseable
{
    /**
     * Supplies a snapshot for each login, consistent at one ITCH sequence number. Called on the
     * connection's thread; an unchecked exception closes the connection before Login Accepted.
     */
    @FunctionalInterface
    public interface SnapshotSource
    {
        GlimpseSnapshot snapshot();
    }

    private static final int SEND_BUFFER_LENGTH = 64 * 1024;

    private final Context ctx;
    private final ServerSocket serverSocket;
    private final Thread acceptor;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger dropsLeft;
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong loginsAccepted = new AtomicLong();
    private final AtomicLong loginsRejected = new AtomicLong();
    private final AtomicLong snapshotsCompleted = new AtomicLong();
    private final AtomicLong messagesSent = new AtomicLong();
    private final AtomicLong heartbeatsSent = new AtomicLong();
    private final AtomicLong drops = new AtomicLong();
    private final AtomicLong logouts = new AtomicLong();
    private final AtomicLong snapshotFailures = new AtomicLong();
    private volatile boolean running = true;

    /**
     * Bind and start accepting.
     *
     * @param ctx concluded here.
     * @throws IOException when the port cannot be bound.
     */
    public GlimpseServer(final Context ctx) throws IOException
    {
        this.ctx = ctx.conclude();
        dropsLeft = new AtomicInteger(ctx.dropTimes);
        serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(InetAddress.getByName(ctx.bindAddress), ctx.port));
        acceptor = new Thread(this::acceptLoop, "glimpse-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * @return the port bound (the ephemeral one when 0 was asked).
     */
    public int port()
    {
        return serverSocket.getLocalPort();
    }

    public long connections()
    {
        return connections.get();
    }

    public long loginsAccepted()
    {
        return loginsAccepted.get();
    }

    public long loginsRejected()
    {
        return loginsRejected.get();
    }

    /** @return snapshots sent whole, End of Snapshot included. */
    public long snapshotsCompleted()
    {
        return snapshotsCompleted.get();
    }

    /** @return Sequenced Data packets sent. */
    public long messagesSent()
    {
        return messagesSent.get();
    }

    public long heartbeatsSent()
    {
        return heartbeatsSent.get();
    }

    /** @return connections dropped on purpose mid-snapshot ({@code dropAfterMessages}). */
    public long drops()
    {
        return drops.get();
    }

    public long logouts()
    {
        return logouts.get();
    }

    /** @return logins closed without a snapshot because the {@link SnapshotSource} failed. */
    public long snapshotFailures()
    {
        return snapshotFailures.get();
    }

    /**
     * Write the bytes a login would receive with the default settings (Login Accepted with sequence 1,
     * the snapshot's messages as Sequenced Data, End of Session), as they go on the wire: a GLIMPSE
     * capture that {@code replay --format soupbintcp} reads.
     *
     * @param snapshot to write.
     * @param session  the session name in Login Accepted, up to 10 characters.
     * @param out      receives the packets; not closed.
     * @throws IOException when {@code out} fails.
     */
    public static void writeSession(final GlimpseSnapshot snapshot, final String session, final OutputStream out)
        throws IOException
    {
        final byte[] bytes = new byte[SoupBinTcp.HEADER_LENGTH + SoupBinTcp.MAX_PACKET_LENGTH];
        final UnsafeBuffer packet = new UnsafeBuffer(bytes);
        out.write(bytes, 0, SoupBinTcpEncoder.loginAccepted(packet, 0, session, 1));
        final IOException[] failure = {null};
        snapshot.forEach((buffer, offset, length, sequence) ->
        {
            try
            {
                if (null == failure[0])
                {
                    out.write(bytes, 0, SoupBinTcpEncoder.sequencedData(packet, 0, buffer, offset, length));
                }
            }
            catch (final IOException ex)
            {
                failure[0] = ex;
            }
        });
        if (null != failure[0])
        {
            throw failure[0];
        }
        out.write(bytes, 0, SoupBinTcpEncoder.endOfSession(packet, 0));
    }

    public void close()
    {
        running = false;
        CloseHelper.quietClose(serverSocket);
        for (final Socket socket : sockets)
        {
            CloseHelper.quietClose(socket);
        }
        try
        {
            acceptor.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop()
    {
        while (running)
        {
            try
            {
                final Socket socket = serverSocket.accept();
                connections.incrementAndGet();
                sockets.add(socket);
                final Thread thread = new Thread(() -> serve(socket), "glimpse-session");
                thread.setDaemon(true);
                thread.start();
            }
            catch (final IOException ex)
            {
                if (running)
                {
                    System.err.println("glimpse server: accept failed: " + ex);
                }
            }
        }
    }

    private void serve(final Socket socket)
    {
        try (socket)
        {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(0 == ctx.heartbeatIntervalMs ? ctx.clientTimeoutMs : ctx.heartbeatIntervalMs);
            final DataInputStream in = new DataInputStream(socket.getInputStream());
            final OutputStream out = new BufferedOutputStream(socket.getOutputStream(), SEND_BUFFER_LENGTH);
            final Session session = new Session(in, out);
            session.run();
        }
        catch (final IOException ex)
        {
            // the client went away or the server is closing: nothing to serve
        }
        finally
        {
            sockets.remove(socket);
        }
    }

    private final class Session
    {
        private final DataInputStream in;
        private final OutputStream out;
        private final byte[] receive = new byte[SoupBinTcp.MAX_PACKET_LENGTH];
        private final UnsafeBuffer receiveBuffer = new UnsafeBuffer(receive);
        private final byte[] send = new byte[SoupBinTcp.HEADER_LENGTH + SoupBinTcp.MAX_PACKET_LENGTH];
        private final UnsafeBuffer sendBuffer = new UnsafeBuffer(send);
        private final LoginRequest loginRequest = new LoginRequest();
        private long lastReceiveMs = System.currentTimeMillis();
        private byte lastType;
        private int lastPayloadLength;

        Session(final DataInputStream in, final OutputStream out)
        {
            this.in = in;
            this.out = out;
        }

        void run() throws IOException
        {
            if (!readPacket(ctx.clientTimeoutMs) || SoupBinTcp.LOGIN_REQUEST != lastType ||
                !loginRequest.wrap(receiveBuffer, 0, lastPayloadLength))
            {
                return;
            }
            if (!loginRequest.usernameEquals(ctx.username) || !loginRequest.passwordEquals(ctx.password))
            {
                reject(SoupBinTcp.REJECT_NOT_AUTHORIZED);
                return;
            }
            if (!loginRequest.isCurrentSessionRequested() && !loginRequest.requestedSessionEquals(ctx.session))
            {
                reject(SoupBinTcp.REJECT_SESSION_NOT_AVAILABLE);
                return;
            }
            final long requested = loginRequest.requestedSequenceNumber();
            final long first = requested < 1 ? 1 : requested;
            final GlimpseSnapshot snapshot;
            try
            {
                snapshot = ctx.snapshotSource.snapshot();
            }
            catch (final RuntimeException ex)
            {
                snapshotFailures.incrementAndGet();
                System.err.println("glimpse server: no snapshot to serve, connection closed: " + ex.getMessage());
                return;
            }
            write(SoupBinTcpEncoder.loginAccepted(sendBuffer, 0, ctx.session, first));
            loginsAccepted.incrementAndGet();
            if (!sendSnapshot(snapshot, first))
            {
                return;
            }
            out.flush();
            snapshotsCompleted.incrementAndGet();
            if (ctx.endSessionAfterSnapshot)
            {
                write(SoupBinTcpEncoder.endOfSession(sendBuffer, 0));
                out.flush();
                return;
            }
            heartbeatUntilLogout();
        }

        private boolean sendSnapshot(final GlimpseSnapshot snapshot, final long first) throws IOException
        {
            final boolean drop = ctx.dropAfterMessages >= 0 && dropsLeft.getAndDecrement() > 0;
            final long[] sent = {0};
            final IOException[] failure = {null};
            final boolean[] dropped = {false};
            snapshot.forEach((buffer, offset, length, sequence) ->
            {
                if (null != failure[0] || dropped[0] || sequence < first)
                {
                    return;
                }
                if (drop && sent[0] == ctx.dropAfterMessages)
                {
                    dropped[0] = true;
                    return;
                }
                try
                {
                    writeData(buffer, offset, length);
                    sent[0]++;
                }
                catch (final IOException ex)
                {
                    failure[0] = ex;
                }
            });
            if (null != failure[0])
            {
                throw failure[0];
            }
            if (dropped[0])
            {
                out.flush();
                drops.incrementAndGet();
                return false;
            }
            return true;
        }

        private void heartbeatUntilLogout() throws IOException
        {
            long lastSendMs = System.currentTimeMillis();
            while (running)
            {
                final boolean received = readPacket(ctx.heartbeatIntervalMs > 0 ? ctx.heartbeatIntervalMs : 1);
                final long nowMs = System.currentTimeMillis();
                if (received && SoupBinTcp.LOGOUT_REQUEST == lastType)
                {
                    logouts.incrementAndGet();
                    return;
                }
                if (nowMs - lastReceiveMs >= ctx.clientTimeoutMs)
                {
                    return; // the client is gone
                }
                if (ctx.heartbeatIntervalMs > 0 && nowMs - lastSendMs >= ctx.heartbeatIntervalMs)
                {
                    write(SoupBinTcpEncoder.serverHeartbeat(sendBuffer, 0));
                    out.flush();
                    heartbeatsSent.incrementAndGet();
                    lastSendMs = nowMs;
                }
            }
        }

        private void reject(final byte reasonCode) throws IOException
        {
            write(SoupBinTcpEncoder.loginRejected(sendBuffer, 0, reasonCode));
            out.flush();
            loginsRejected.incrementAndGet();
        }

        private void writeData(final DirectBuffer buffer, final int offset, final int length) throws IOException
        {
            write(SoupBinTcpEncoder.sequencedData(sendBuffer, 0, buffer, offset, length));
            messagesSent.incrementAndGet();
        }

        private void write(final int length) throws IOException
        {
            out.write(send, 0, length);
        }

        /**
         * Read one packet into {@link #receive}: its type in {@link #lastType}, its payload from 0.
         *
         * @return false when nothing came within {@code timeoutMs} (a packet started is read whole).
         */
        private boolean readPacket(final int timeoutMs) throws IOException
        {
            int length = -1;
            while (length < 0)
            {
                try
                {
                    length = in.readUnsignedShort();
                }
                catch (final SocketTimeoutException ex)
                {
                    if (!running || System.currentTimeMillis() - lastReceiveMs >= timeoutMs)
                    {
                        return false;
                    }
                }
            }
            if (0 == length)
            {
                throw new EOFException("bad SoupBinTCP packet length 0 from the client");
            }
            lastType = in.readByte();
            lastPayloadLength = length - 1;
            in.readFully(receive, 0, lastPayloadLength);
            lastReceiveMs = System.currentTimeMillis();
            return true;
        }
    }

    /**
     * Server settings.
     */
    public static final class Context
    {
        private String bindAddress = "127.0.0.1";
        private int port;
        private String username = "";
        private String password = "";
        private String session = "GLIMPSE";
        private int heartbeatIntervalMs = 1_000;
        private int clientTimeoutMs = 15_000;
        private boolean endSessionAfterSnapshot = true;
        private int dropAfterMessages = -1;
        private int dropTimes;
        private SnapshotSource snapshotSource;

        public Context bindAddress(final String bindAddress)
        {
            this.bindAddress = bindAddress;
            return this;
        }

        /** @param port to listen on; 0 (default) for an ephemeral one. */
        public Context port(final int port)
        {
            this.port = port;
            return this;
        }

        public Context username(final String username)
        {
            this.username = username;
            return this;
        }

        public Context password(final String password)
        {
            this.password = password;
            return this;
        }

        /** @param session the session name, up to 10 characters. */
        public Context session(final String session)
        {
            this.session = session;
            return this;
        }

        /** @param heartbeatIntervalMs Server Heartbeat after this long without sending; 0 sends none. */
        public Context heartbeatIntervalMs(final int heartbeatIntervalMs)
        {
            this.heartbeatIntervalMs = heartbeatIntervalMs;
            return this;
        }

        /** @param clientTimeoutMs a client silent this long is gone. */
        public Context clientTimeoutMs(final int clientTimeoutMs)
        {
            this.clientTimeoutMs = clientTimeoutMs;
            return this;
        }

        /** @param endSessionAfterSnapshot true (default): End of Session after the snapshot; false: heartbeat. */
        public Context endSessionAfterSnapshot(final boolean endSessionAfterSnapshot)
        {
            this.endSessionAfterSnapshot = endSessionAfterSnapshot;
            return this;
        }

        /**
         * Drop the connection after sending {@code messages} snapshot messages, on each of the first
         * {@code times} logins.
         */
        public Context dropAfterMessages(final int messages, final int times)
        {
            this.dropAfterMessages = messages;
            this.dropTimes = times;
            return this;
        }

        public Context snapshotSource(final SnapshotSource snapshotSource)
        {
            this.snapshotSource = snapshotSource;
            return this;
        }

        public Context conclude()
        {
            AsciiFields.requireAlpha("username", username, SoupBinTcp.USERNAME_LENGTH);
            AsciiFields.requireAlpha("password", password, SoupBinTcp.PASSWORD_LENGTH);
            AsciiFields.requireAlpha("session", session, SoupBinTcp.SESSION_LENGTH);
            if (port < 0 || port > 65535)
            {
                throw new IllegalArgumentException("port " + port + " is out of range [0, 65535]");
            }
            if (heartbeatIntervalMs < 0)
            {
                throw new IllegalArgumentException("heartbeatIntervalMs " + heartbeatIntervalMs + " is negative");
            }
            if (clientTimeoutMs <= 0)
            {
                throw new IllegalArgumentException("clientTimeoutMs " + clientTimeoutMs + " must be positive");
            }
            if (null == snapshotSource)
            {
                throw new IllegalArgumentException("snapshotSource is not set");
            }
            return this;
        }
    }
}
