package org.feedhandler.transport;

import io.aeron.Publication;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.Allocations;
import org.feedhandler.protocol.Lines;
import org.feedhandler.protocol.PacketHandler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("integration")
@Timeout(60)
class AeronTransportTest
{
    private static final int STREAM_ID = 1001;
    private final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocateDirect(2048));

    private static int lengthOf(final long i)
    {
        return 20 + (int)(i * 7 % 1381); // up to 1400: fragmented at the default MTU
    }

    private void fill(final long i)
    {
        out.putLong(0, i, ByteOrder.BIG_ENDIAN);
        for (int k = 8; k < lengthOf(i); k++)
        {
            out.putByte(k, (byte)(i + k));
        }
    }

    private static final class Checker implements PacketHandler
    {
        long next;
        int errors;
        int lastLine = -1;

        public void onPacket(
            final DirectBuffer buffer, final int offset, final int length, final long receiveNanos, final int line)
        {
            final long i = buffer.getLong(offset, ByteOrder.BIG_ENDIAN);
            if (i != next || length != lengthOf(i))
            {
                errors++;
            }
            for (int k = 8; k < length; k++)
            {
                if (buffer.getByte(offset + k) != (byte)(i + k))
                {
                    errors++;
                    break;
                }
            }
            next = i + 1;
            lastLine = line;
        }
    }

    private void exchange(final Publication publication, final AeronSource source, final Checker checker, final long count)
    {
        final long first = checker.next;
        long sent = first;
        while (checker.next < first + count)
        {
            while (sent < first + count && sent - checker.next < 4096)
            {
                fill(sent);
                if (publication.offer(out, 0, lengthOf(sent)) > 0)
                {
                    sent++;
                }
                else
                {
                    break;
                }
            }
            source.poll(checker, 32);
        }
    }

    private static void awaitConnected(final AeronSource source, final Publication publication)
    {
        while (!source.isConnected() || !publication.isConnected())
        {
            Thread.yield();
        }
    }

    /**
     * @return the source's channel with the port its ephemeral endpoint (port 0) was bound to, for the publication.
     */
    private static String boundChannel(final AeronSource source)
    {
        String channel;
        while (null == (channel = source.subscription().tryResolveChannelEndpointPort()))
        {
            Thread.yield();
        }
        return channel;
    }

    private void shouldDeliverEveryMessageIntactInOrderWithoutAllocating(final String channel)
    {
        try (AeronTransport transport = AeronTransport.launchEmbedded();
            AeronSource source = transport.addSource(channel, STREAM_ID);
            Publication publication = transport.addPublication(boundChannel(source), STREAM_ID))
        {
            awaitConnected(source, publication);
            final Checker checker = new Checker();
            exchange(publication, source, checker, 20_000);

            long allocated = Long.MAX_VALUE;
            for (int attempt = 0; attempt < 3 && allocated != 0; attempt++)
            {
                final long before = Allocations.currentThread();
                exchange(publication, source, checker, 100_000);
                for (int i = 0; i < 1000; i++)
                {
                    source.poll(checker, 10);
                }
                allocated = Allocations.currentThread() - before;
                System.out.println(channel + " attempt " + attempt + " allocated " + allocated);
            }

            assertEquals(0, checker.errors);
            assertEquals(Lines.A, checker.lastLine);
            assertEquals(checker.next, source.packets());
            assertEquals(0, allocated, "bytes allocated polling 100,000 messages on " + channel);
        }
    }

    @Test
    void shouldDeliverOverIpc()
    {
        shouldDeliverEveryMessageIntactInOrderWithoutAllocating("aeron:ipc");
    }

    @Test
    void shouldDeliverOverUdpIncludingFragmentedPackets()
    {
        shouldDeliverEveryMessageIntactInOrderWithoutAllocating("aeron:udp?endpoint=localhost:0");
    }

    @Test
    void shouldDeliverOverUdpWithAnMtuThatFitsAPacketInOneFrame()
    {
        shouldDeliverEveryMessageIntactInOrderWithoutAllocating(
            "aeron:udp?endpoint=localhost:0|mtu=1440");
    }

    @Test
    void shouldLeaveNoThreadsOrFilesAfterClose()
    {
        final Set<String> threadsBefore = threadNames();
        final String dir;
        try (AeronTransport transport = AeronTransport.launchEmbedded())
        {
            dir = transport.aeronDirectoryName();
            assertTrue(transport.isEmbedded());
            assertTrue(new File(dir).isDirectory(), dir);
            final AeronSource source = transport.addSource("aeron:ipc", STREAM_ID);
            final Publication publication = transport.addPublication("aeron:ipc", STREAM_ID);
            awaitConnected(source, publication);
            assertTrue(threadNames().size() > threadsBefore.size(), "the driver and client run threads");
        }

        assertFalse(new File(dir).exists(), dir + " left behind");
        final Set<String> left = threadNames();
        left.removeAll(threadsBefore);
        assertTrue(left.isEmpty(), "threads left running: " + left);
    }

    @Test
    void shouldReachAnotherTransportsEmbeddedDriverThroughItsDirectory()
    {
        try (AeronTransport handler = AeronTransport.launchEmbedded();
            AeronTransport publisher = AeronTransport.connect(handler.aeronDirectoryName(), null);
            AeronSource source = handler.addSource("aeron:ipc", STREAM_ID, Lines.B, System::nanoTime);
            Publication publication = publisher.addPublication("aeron:ipc", STREAM_ID))
        {
            assertFalse(publisher.isEmbedded());
            awaitConnected(source, publication);
            final Checker checker = new Checker();
            exchange(publication, source, checker, 1000);
            assertEquals(0, checker.errors);
            assertEquals(Lines.B, checker.lastLine);
        }
    }

    private static Set<String> threadNames()
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .map(Thread::getName)
            .collect(Collectors.toSet());
    }
}
