package org.feedhandler.transport.soupbintcp;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.Allocations;
import org.feedhandler.protocol.itch.ItchEncoder;
import org.feedhandler.protocol.itch.Symbols;
import org.feedhandler.protocol.soupbintcp.SoupBinTcpEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Logged in and receiving, the client allocates nothing on its polling thread: reads, framing, the
 * data callback and its own heartbeats, over a real loopback connection that a server thread keeps
 * full of Sequenced Data.
 */
@Tag("integration")
@Timeout(120)
class SoupBinTcpClientAllocationTest
{
    private static final int MESSAGES_PER_PASS = 400_000;

    private ServerSocket serverSocket;
    private Thread server;
    private volatile boolean running = true;
    private SoupBinTcpClient client;
    private long received;
    private long checksum;

    @AfterEach
    void after() throws InterruptedException
    {
        running = false;
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
    void shouldAllocateNothingWhileReceivingSequencedDataAndHeartbeating() throws Exception
    {
        serverSocket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server = new Thread(this::stream, "soup-stream");
        server.setDaemon(true);
        server.start();

        client = new SoupBinTcpClient(new SoupBinTcpClientContext()
            .host("127.0.0.1").port(serverSocket.getLocalPort()).username("feed").password("pw")
            .heartbeatIntervalNs(TimeUnit.MILLISECONDS.toNanos(1)).serverTimeoutNs(TimeUnit.SECONDS.toNanos(30)),
            this::onData, new SoupBinTcpClient.SessionListener()
            {
            });

        receive(2_000_000); // warm up: login, then the steady state until C2 compiles it
        receive(2_000_000);
        assertEquals(SoupBinTcpClient.State.ACTIVE, client.state());

        final long heartbeatsBefore = client.counters().heartbeatsSent();
        final String passes = Allocations.assertAllocationFreeInSteadyState(
            MESSAGES_PER_PASS + " messages received", MESSAGES_PER_PASS, 8, () -> receive(MESSAGES_PER_PASS));
        System.out.println("SoupBinTCP client bytes allocated per pass: " + passes + "; messages " + received +
            ", bytes " + client.counters().bytesReceived() + ", heartbeats sent " + client.counters().heartbeatsSent());

        assertTrue(client.counters().heartbeatsSent() > heartbeatsBefore, "heartbeats went out while measured");
        assertEquals(0, client.counters().disconnects());
        assertEquals(received, client.counters().sequencedMessages());
        assertTrue(checksum != 0);
    }

    private void receive(final long messages)
    {
        final long target = received + messages;
        while (received < target)
        {
            if (0 == client.poll(System.nanoTime()))
            {
                Thread.onSpinWait();
            }
        }
    }

    private void onData(final DirectBuffer buffer, final int offset, final int length, final long sequence)
    {
        received++;
        checksum += buffer.getByte(offset + length - 1) ^ sequence;
    }

    /**
     * Answer the login, then write Sequenced Data Add Orders as fast as the client reads them.
     */
    private void stream()
    {
        try (Socket socket = serverSocket.accept())
        {
            socket.setTcpNoDelay(true);
            final DataInputStream in = new DataInputStream(socket.getInputStream());
            final int loginLength = in.readUnsignedShort();
            in.skipNBytes(loginLength);
            final OutputStream out = socket.getOutputStream();
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64 * 1024]);
            final int accepted = SoupBinTcpEncoder.loginAccepted(buffer, 0, "S1", 1);
            out.write(buffer.byteArray(), 0, accepted);

            final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
            int length = 0;
            for (int i = 0; length + 64 < buffer.capacity(); i++)
            {
                final int messageLength = ItchEncoder.addOrder(
                    message, 0, 1, 0, i, i + 1, (byte)'B', 100, Symbols.fromString("AAPL"), 1_000 + i);
                length += SoupBinTcpEncoder.sequencedData(buffer, length, message, 0, messageLength);
            }
            while (running)
            {
                out.write(buffer.byteArray(), 0, length);
            }
        }
        catch (final IOException ex)
        {
            // the client closed: the test is over
        }
    }
}
