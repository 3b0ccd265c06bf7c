package org.feedhandler.transport;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.Allocations;
import org.feedhandler.protocol.Lines;
import org.feedhandler.protocol.PacketHandler;
import org.feedhandler.protocol.moldudp64.MoldUdp64;
import org.feedhandler.protocol.moldudp64.RetransmitRequestEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("integration")
@Timeout(30)
class UdpUnicastChannelTest
{
    private static final long SESSION_HIGH = MoldUdp64.sessionHigh("SESSION01");
    private static final int SESSION_LOW = MoldUdp64.sessionLow("SESSION01");

    private DatagramChannel server;
    private UdpUnicastChannel client;
    private RetransmitRequestEncoder requests;
    private final ByteBuffer serverBuffer = ByteBuffer.allocateDirect(2048);
    private final UnsafeBuffer serverView = new UnsafeBuffer(serverBuffer);

    @BeforeEach
    void before() throws IOException
    {
        server = DatagramChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        client = UdpUnicastChannel.open((InetSocketAddress)server.getLocalAddress());
        requests = new RetransmitRequestEncoder(client::send);
    }

    @AfterEach
    void after() throws IOException
    {
        client.close();
        server.close();
    }

    /** Answers one request with count packets of one message each, echoing the sequence numbers. */
    private InetSocketAddress answer(final int packets) throws IOException
    {
        serverBuffer.clear();
        final InetSocketAddress requester = (InetSocketAddress)server.receive(serverBuffer);
        assertEquals(MoldUdp64.REQUEST_LENGTH, serverBuffer.position());
        final long sequence = MoldUdp64.sequenceNumber(serverView, 0);
        for (int i = 0; i < packets; i++)
        {
            MoldUdp64.putHeader(serverView, 0, SESSION_HIGH, SESSION_LOW, sequence + i, 1);
            serverView.putShort(20, (short)1, java.nio.ByteOrder.BIG_ENDIAN);
            serverView.putByte(22, (byte)'Z');
            serverBuffer.clear().limit(23);
            server.send(serverBuffer, requester);
        }
        return requester;
    }

    private static final class Recorder implements PacketHandler
    {
        long lastSequence;
        int lastLine = -1;
        int packets;

        public void onPacket(
            final DirectBuffer buffer, final int offset, final int length, final long receiveNanos, final int line)
        {
            lastSequence = MoldUdp64.sequenceNumber(buffer, offset);
            lastLine = line;
            packets++;
        }
    }

    @Test
    void shouldSendARequestAndDeliverTheAnswersAsTheRetransmissionLine() throws IOException
    {
        assertTrue(requests.request(SESSION_HIGH, SESSION_LOW, 1000, 3));
        final InetSocketAddress requester = answer(3);
        assertEquals(client.localAddress().getPort(), requester.getPort());

        final Recorder recorder = new Recorder();
        while (recorder.packets < 3)
        {
            client.poll(recorder, 10);
        }
        assertEquals(1002, recorder.lastSequence);
        assertEquals(Lines.RETRANSMISSION, recorder.lastLine);
        assertEquals(1, client.requestsSent());
        assertEquals(3, client.packetsReceived());
    }

    @Test
    void shouldIgnoreDatagramsFromAnyoneButTheServer() throws IOException
    {
        try (DatagramChannel stranger = DatagramChannel.open())
        {
            stranger.send(ByteBuffer.wrap(new byte[30]), client.localAddress().getAddress().isAnyLocalAddress() ?
                new InetSocketAddress(InetAddress.getLoopbackAddress(), client.localAddress().getPort()) :
                client.localAddress());
        }
        // then the server's answer: once it is read, the stranger's datagram, sent first, would have been too
        assertTrue(requests.request(SESSION_HIGH, SESSION_LOW, 1000, 1));
        answer(1);
        final Recorder recorder = new Recorder();
        while (recorder.packets == 0)
        {
            client.poll(recorder, 10);
        }
        assertEquals(1, recorder.packets);
        assertEquals(1000, recorder.lastSequence);
        assertEquals(1, client.packetsReceived());
    }

    @Test
    void shouldCountAnUnreachableServerWithoutThrowing() throws IOException
    {
        server.close();
        final Recorder recorder = new Recorder();
        requests.request(SESSION_HIGH, SESSION_LOW, 1, 1);
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (client.unreachable() == 0 && System.nanoTime() < deadline)
        {
            client.poll(recorder, 10);
            requests.request(SESSION_HIGH, SESSION_LOW, 1, 1);
            Thread.onSpinWait();
        }
        assertTrue(client.unreachable() > 0);
    }

    @Test
    void shouldNotAllocateWhenRequestingAndPolling() throws IOException
    {
        final Recorder recorder = new Recorder();
        server.connect(client.localAddress().getAddress().isAnyLocalAddress() ?
            new InetSocketAddress(InetAddress.getLoopbackAddress(), client.localAddress().getPort()) :
            client.localAddress());
        long allocated = Long.MAX_VALUE;
        for (int round = 0; round < 3 && allocated != 0; round++)
        {
            final int roundTrips = round == 0 ? 20_000 : 100_000; // the first round warms up
            final long before = Allocations.currentThread();
            for (int i = 0; i < roundTrips; i++)
            {
                requests.request(SESSION_HIGH, SESSION_LOW, i, 1);
                serverBuffer.clear();
                while (server.read(serverBuffer) <= 0)
                {
                    Thread.onSpinWait();
                }
                serverBuffer.flip();
                server.write(serverBuffer);
                final int expected = recorder.packets + 1;
                while (recorder.packets < expected)
                {
                    client.poll(recorder, 10);
                }
            }
            allocated = round == 0 ? Long.MAX_VALUE : Allocations.currentThread() - before;
        }
        assertEquals(0, allocated, "bytes allocated over 100,000 request/answer round trips");
    }
}
