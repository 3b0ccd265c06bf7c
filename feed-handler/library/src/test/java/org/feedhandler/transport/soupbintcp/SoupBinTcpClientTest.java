package org.feedhandler.transport.soupbintcp;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.protocol.soupbintcp.SoupBinTcpEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client against servers that misbehave, over loopback TCP.
 */
@Tag("integration")
@Timeout(60)
class SoupBinTcpClientTest
{
    private ServerSocket serverSocket;
    private Thread server;
    private SoupBinTcpClient client;

    @AfterEach
    void after() throws InterruptedException
    {
        if (null != client)
        {
            client.close();
        }
        CloseHelper.quietClose(serverSocket);
        if (null != server)
        {
            server.join(10_000);
        }
    }

    @Test
    void shouldDropTheConnectionOnAZeroPacketLengthCountItAndReconnect() throws Exception
    {
        serve(socket ->
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
            int length = SoupBinTcpEncoder.loginAccepted(buffer, 0, "S1", 1);
            buffer.putShort(length, (short)0, BIG_ENDIAN);
            length += 2;
            return java.util.Arrays.copyOf(buffer.byteArray(), length);
        });
        client = new SoupBinTcpClient(context(), (b, o, l, s) ->
        {
        }, new SoupBinTcpClient.SessionListener()
        {
        });

        pollUntil(() -> client.counters().connectAttempts() >= 2);

        assertEquals(1, client.counters().framingErrors());
        assertEquals(SoupBinTcpClient.REASON_BAD_FRAMING, client.lastDisconnectReason());
        assertEquals(1, client.counters().loginsAccepted(), "the packet before the bad length was taken");
    }

    @Test
    void shouldCountDataBeforeLoginAsAProtocolError() throws Exception
    {
        serve(socket ->
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
            final int length = SoupBinTcpEncoder.sequencedData(buffer, 0, new UnsafeBuffer(new byte[4]), 0, 4);
            return java.util.Arrays.copyOf(buffer.byteArray(), length);
        });
        client = new SoupBinTcpClient(context(), (b, o, l, s) ->
        {
            throw new AssertionError("no data may be delivered before login");
        }, new SoupBinTcpClient.SessionListener()
        {
        });

        pollUntil(() -> client.counters().disconnects() >= 1);

        assertEquals(1, client.counters().protocolErrors());
        assertEquals(SoupBinTcpClient.REASON_PROTOCOL_ERROR, client.lastDisconnectReason());
        assertEquals(0, client.counters().sequencedMessages());
    }

    @Test
    void shouldGiveUpAfterTheConfiguredFailuresWhenNothingListensAndSaySo() throws Exception
    {
        final int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            port = closed.getLocalPort();
        }
        client = new SoupBinTcpClient(new SoupBinTcpClientContext().host("127.0.0.1").port(port)
            .initialBackoffNs(TimeUnit.MILLISECONDS.toNanos(1)).maxBackoffNs(TimeUnit.MILLISECONDS.toNanos(4))
            .maxConsecutiveFailures(3), (b, o, l, s) ->
            {
            }, new SoupBinTcpClient.SessionListener()
            {
            });

        pollUntil(() -> client.isDone());

        assertEquals(SoupBinTcpClient.State.FAILED, client.state());
        assertEquals(3, client.counters().connectAttempts());
        assertEquals(3, client.counters().connectFailures());
        assertTrue(client.error().contains("after 3 failed attempts"), client.error());
        assertTrue(client.error().contains(SoupBinTcpClient.REASON_CONNECT_FAILED), client.error());
    }

    @Test
    void shouldDropAConnectionForTheOwnersReasonAndStartAgainFromAFinalState() throws Exception
    {
        serve(socket ->
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
            final int accepted = SoupBinTcpEncoder.loginAccepted(buffer, 0, "S1", 1);
            return java.util.Arrays.copyOf(buffer.byteArray(), accepted);
        });
        final java.util.List<String> reasons = new java.util.ArrayList<>();
        client = new SoupBinTcpClient(context(), (b, o, l, s) ->
        {
        }, new SoupBinTcpClient.SessionListener()
        {
            public void onDisconnected(final String reason)
            {
                reasons.add(reason);
            }
        });

        pollUntil(() -> client.state() == SoupBinTcpClient.State.ACTIVE);
        assertTrue(client.drop("too slow"));
        assertEquals(SoupBinTcpClient.State.BACKOFF, client.state());
        assertEquals(java.util.List.of("too slow"), reasons);
        assertEquals("too slow", client.lastDisconnectReason());
        assertFalse(client.drop("again"), "nothing to drop while waiting to reconnect");

        pollUntil(() -> client.counters().loginsAccepted() == 2);
        client.logout();
        assertEquals(SoupBinTcpClient.State.CLOSED, client.state());
        assertFalse(client.drop("closed"));

        client.restart(System.nanoTime());
        assertEquals(SoupBinTcpClient.State.BACKOFF, client.state());
        pollUntil(() -> client.counters().loginsAccepted() == 3);
        assertEquals(SoupBinTcpClient.State.ACTIVE, client.state());
        assertEquals(3, client.counters().connectAttempts());
    }

    @Test
    void shouldDoubleTheBackoffPerFailureUpToTheCap()
    {
        final Backoff backoff = new Backoff(100, 1_000);

        assertEquals(100, backoff.delayNs(1));
        assertEquals(200, backoff.delayNs(2));
        assertEquals(800, backoff.delayNs(4));
        assertEquals(1_000, backoff.delayNs(5));
        assertEquals(1_000, backoff.delayNs(1_000_000), "no overflow past the cap");
    }

    @Test
    void shouldWaitTheShortestTimeAgainAfterASuccess()
    {
        final Backoff backoff = new Backoff(100, 1_000);
        backoff.onFailure();
        backoff.onFailure();
        assertEquals(200, backoff.delayNs());

        backoff.reset();

        assertEquals(1, backoff.onFailure());
        assertEquals(100, backoff.delayNs());
    }

    @Test
    void shouldNameTheSettingThatDoesNotFit()
    {
        final IllegalArgumentException username = assertThrows(IllegalArgumentException.class,
            () -> new SoupBinTcpClientContext().host("127.0.0.1").port(1).username("toolonguser").conclude());
        assertTrue(username.getMessage().startsWith("username is longer than 6"), username.getMessage());

        final IllegalArgumentException timeout = assertThrows(IllegalArgumentException.class,
            () -> new SoupBinTcpClientContext().host("127.0.0.1").port(1).serverTimeoutNs(10).heartbeatIntervalNs(10)
                .conclude());
        assertTrue(timeout.getMessage().startsWith("serverTimeoutNs"), timeout.getMessage());
    }

    private SoupBinTcpClientContext context()
    {
        return new SoupBinTcpClientContext().host("127.0.0.1").port(serverSocket.getLocalPort())
            .username("feed").password("pw").initialBackoffNs(TimeUnit.MILLISECONDS.toNanos(1));
    }

    private interface Reply
    {
        byte[] bytes(Socket socket);
    }

    /**
     * Accept connections; on each, read the Login Request and answer with {@code reply}, then wait for
     * the client to close.
     */
    private void serve(final Reply reply) throws IOException
    {
        serverSocket = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        server = new Thread(() ->
        {
            while (!serverSocket.isClosed())
            {
                try (Socket socket = serverSocket.accept())
                {
                    final DataInputStream in = new DataInputStream(socket.getInputStream());
                    in.skipNBytes(in.readUnsignedShort());
                    socket.getOutputStream().write(reply.bytes(socket));
                    while (in.read() >= 0)
                    {
                        // until the client closes
                    }
                }
                catch (final IOException ex)
                {
                    // the client closed, or the test is over
                }
            }
        }, "soup-misbehave");
        server.setDaemon(true);
        server.start();
    }

    private void pollUntil(final BooleanSupplier done)
    {
        final IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 100_000);
        while (!done.getAsBoolean())
        {
            idle.idle(client.poll(System.nanoTime()));
        }
    }
}
