package org.feedhandler.transport;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.Allocations;
import org.feedhandler.config.ConfigurationException;
import org.feedhandler.config.Settings;
import org.feedhandler.protocol.Lines;
import org.feedhandler.protocol.PacketHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class UdpMulticastSourceTest
{
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[1500]);

    @AfterEach
    void after() throws Exception
    {
        for (final AutoCloseable c : closeables)
        {
            c.close();
        }
    }

    private <T extends AutoCloseable> T track(final T c)
    {
        closeables.add(c);
        return c;
    }

    private static int lengthOf(final long i)
    {
        return 20 + (int)(i * 7 % 1380);
    }

    private void fill(final long i)
    {
        final int length = lengthOf(i);
        out.putLong(0, i, ByteOrder.BIG_ENDIAN);
        for (int k = 8; k < length; k++)
        {
            out.putByte(k, (byte)(i + k));
        }
    }

    /** Checks each packet's contents and order; allocation-free. */
    private static final class Checker implements PacketHandler
    {
        final long[] next = new long[3];
        long packets;
        long lastReceiveNanos;
        int errors;

        public void onPacket(
            final DirectBuffer buffer, final int offset, final int length, final long receiveNanos, final int line)
        {
            final long i = buffer.getLong(offset, ByteOrder.BIG_ENDIAN);
            if (i != next[line] || length != lengthOf(i))
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
            next[line] = i + 1;
            packets++;
            lastReceiveNanos = receiveNanos;
        }
    }

    private void exchange(
        final UdpMulticastSender sender, final UdpMulticastSource source, final Checker checker, final long count)
    {
        long sent = 0;
        checker.next[Lines.A] = 0;
        final long start = checker.packets;
        while (checker.packets - start < count)
        {
            // keep at most 64 datagrams in flight so the socket buffer never overflows on a busy host
            while (sent < count && sent - (checker.packets - start) < 64)
            {
                fill(sent);
                if (sender.send(out, 0, lengthOf(sent)))
                {
                    sent++;
                }
            }
            source.poll(checker, 16);
        }
    }

    private UdpMulticastSource single(final InetSocketAddress group)
    {
        return track(UdpMulticastSource.open(new UdpMulticastSource.Context()
            .groupA(group).interfaceA(Loopback.INTERFACE).receiveBufferLength(1024 * 1024)));
    }

    @Test
    @Tag("integration")
    void shouldReceiveEveryPacketIntactAndInOrder()
    {
        final InetSocketAddress group = Loopback.group();
        final UdpMulticastSource source = single(group);
        final UdpMulticastSender sender = track(UdpMulticastSender.open(group, Loopback.INTERFACE, 0));
        final Checker checker = new Checker();

        exchange(sender, source, checker, 20_000);

        assertEquals(0, checker.errors);
        assertEquals(20_000, checker.packets);
        assertEquals(20_000, source.packets(Lines.A));
        assertEquals(0, source.poll(checker, 10));
    }

    @Test
    @Tag("integration")
    void shouldReceiveTwoLinesOnTheirOwnGroupsAndTellThemApart()
    {
        final InetSocketAddress groupA = Loopback.group();
        final InetSocketAddress groupB = new InetSocketAddress(Loopback.group().getAddress(), groupA.getPort());
        final UdpMulticastSource source = track(UdpMulticastSource.open(new UdpMulticastSource.Context()
            .groupA(groupA).interfaceA(Loopback.INTERFACE)
            .groupB(groupB).interfaceB("127.0.0.1")
            .receiveBufferLength(1024 * 1024)));
        final UdpMulticastSender senderA = track(UdpMulticastSender.open(groupA, Loopback.INTERFACE, 0));
        final UdpMulticastSender senderB = track(UdpMulticastSender.open(groupB, "127.0.0.1", 0));
        final Checker checker = new Checker();

        assertEquals(2, source.lineCount());
        for (long i = 0; i < 1000; i++)
        {
            fill(i);
            assertTrue(senderA.send(out, 0, lengthOf(i)));
            assertTrue(senderB.send(out, 0, lengthOf(i)));
            while (checker.next[0] <= i || checker.next[1] <= i)
            {
                source.poll(checker, 10);
            }
        }

        // same port, different groups: bound to the group, each line hears only its own
        assertEquals(0, checker.errors);
        assertEquals(1000, checker.next[Lines.A]);
        assertEquals(1000, checker.next[Lines.B]);
        assertEquals(1000, source.packets(Lines.A));
        assertEquals(1000, source.packets(Lines.B));
        assertEquals(0, source.poll(checker, 10));
    }

    @Test
    @Tag("integration")
    void shouldNotStarveOneLineWhenTheOtherIsBusy()
    {
        final InetSocketAddress groupA = Loopback.group();
        final InetSocketAddress groupB = Loopback.group();
        final UdpMulticastSource source = track(UdpMulticastSource.open(new UdpMulticastSource.Context()
            .groupA(groupA).groupB(groupB).interfaceA(Loopback.INTERFACE).receiveBufferLength(1024 * 1024)));
        final UdpMulticastSender senderA = track(UdpMulticastSender.open(groupA, Loopback.INTERFACE, 0));
        final UdpMulticastSender senderB = track(UdpMulticastSender.open(groupB, Loopback.INTERFACE, 0));
        for (long i = 0; i < 100; i++)
        {
            fill(i);
            assertTrue(senderA.send(out, 0, lengthOf(i)));
        }
        fill(0);
        assertTrue(senderB.send(out, 0, lengthOf(0)));
        final Checker checker = new Checker();
        final long deadline = System.nanoTime() + 5_000_000_000L;
        while (checker.next[Lines.B] == 0 && System.nanoTime() < deadline)
        {
            source.poll(checker, 2);
        }
        assertEquals(1, checker.next[Lines.B]);
        assertTrue(checker.next[Lines.A] <= 4, "B waited behind A: " + checker.next[Lines.A]);
    }

    @Test
    @Tag("integration")
    void shouldStampEachPacketWithTheInjectedClock()
    {
        final InetSocketAddress group = Loopback.group();
        final long[] now = {42};
        final UdpMulticastSource source = track(UdpMulticastSource.open(new UdpMulticastSource.Context()
            .groupA(group).interfaceA(Loopback.INTERFACE).nanoClock(() -> now[0]++)));
        final UdpMulticastSender sender = track(UdpMulticastSender.open(group, Loopback.INTERFACE, 0));
        final Checker checker = new Checker();
        exchange(sender, source, checker, 3);
        assertEquals(44, checker.lastReceiveNanos);
    }

    @Test
    @Tag("integration")
    void shouldReportTheGrantedReceiveBuffer()
    {
        final UdpMulticastSource source = track(UdpMulticastSource.open(new UdpMulticastSource.Context()
            .groupA(Loopback.group()).interfaceA(Loopback.INTERFACE).receiveBufferLength(256 * 1024)));
        final ReceiveBufferReport report = source.receiveBufferReports()[0];
        assertEquals(256 * 1024, report.wanted());
        assertTrue(report.granted() >= 256 * 1024, report.describe());
        assertFalse(report.isShort(), report.describe());
        assertFalse(source.isReceiveBufferShort());
    }

    @Test
    @Tag("integration")
    void shouldFlagAReceiveBufferTheKernelCapped()
    {
        final long rmemMax = NetworkInterfaces.rmemMax();
        final int wanted = (int)Math.min(Integer.MAX_VALUE / 2, Math.max(rmemMax, 1) * 4);
        final UdpMulticastSource source = track(UdpMulticastSource.open(new UdpMulticastSource.Context()
            .groupA(Loopback.group()).interfaceA(Loopback.INTERFACE).receiveBufferLength(wanted)));
        final ReceiveBufferReport report = source.receiveBufferReports()[0];
        assertTrue(report.isShort(), report.describe());
        assertTrue(source.isReceiveBufferShort());
        assertTrue(report.describe().contains("net.core.rmem_max"), report.describe());
        assertTrue(report.describe().contains("feed.udp.rcvbuf"), report.describe());
    }

    @Test
    @Tag("integration")
    void shouldNotAllocateInSteadyState()
    {
        final InetSocketAddress group = Loopback.group();
        final UdpMulticastSource source = single(group);
        final UdpMulticastSender sender = track(UdpMulticastSender.open(group, Loopback.INTERFACE, 0));
        final Checker checker = new Checker();

        exchange(sender, source, checker, 20_000);
        long allocated = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3 && allocated != 0; attempt++)
        {
            final long before = Allocations.currentThread();
            exchange(sender, source, checker, 100_000);
            for (int i = 0; i < 1000; i++)
            {
                source.poll(checker, 10); // empty polls too
            }
            allocated = Allocations.currentThread() - before;
        }

        assertEquals(0, checker.errors);
        assertEquals(0, allocated, "bytes allocated receiving 100,000 packets");
    }

    @Test
    @Tag("integration")
    void shouldAllocateOnlyTheSendersAddressWhenSendersAlternate()
    {
        // Documents the JDK 17 behaviour the class comment relies on: receive() caches the last
        // sender's InetSocketAddress, so only a change of sender costs an allocation.
        final InetSocketAddress group = Loopback.group();
        final UdpMulticastSource source = single(group);
        final UdpMulticastSender first = track(UdpMulticastSender.open(group, Loopback.INTERFACE, 0));
        final UdpMulticastSender second = track(UdpMulticastSender.open(group, Loopback.INTERFACE, 0));
        final Checker checker = new Checker();
        final int packets = 10_000;
        long allocated = 0;
        for (int round = 0; round < 2; round++)
        {
            checker.next[Lines.A] = 0;
            final long before = Allocations.currentThread();
            for (long i = 0; i < packets; i++)
            {
                fill(i);
                assertTrue((i & 1) == 0 ? first.send(out, 0, lengthOf(i)) : second.send(out, 0, lengthOf(i)));
                while (checker.next[Lines.A] <= i)
                {
                    source.poll(checker, 1);
                }
            }
            allocated = Allocations.currentThread() - before;
        }
        assertEquals(0, checker.errors);
        final double perPacket = (double)allocated / packets;
        assertTrue(perPacket > 0 && perPacket <= 256, "bytes per packet with alternating senders: " + perPacket);
    }

    @Test
    void shouldNameTheMissingInterface()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> UdpMulticastSource.open(new UdpMulticastSource.Context()
                .groupA(Loopback.group()).interfaceA("nosuchnic0")));
        assertTrue(ex.getMessage().contains("nosuchnic0"), ex.getMessage());
    }

    @Test
    void shouldRejectAGroupThatIsNotMulticastNamingTheKey()
    {
        final Properties properties = new Properties();
        properties.setProperty("feed.udp.group.a", "127.0.0.1:31001");
        final ConfigurationException ex = assertThrows(ConfigurationException.class,
            () -> UdpMulticastSource.Context.fromSettings(Settings.of(properties, "test")));
        assertEquals("feed.udp.group.a", ex.key());
    }

    @Test
    void shouldReadTheLinesFromSettings()
    {
        final Properties properties = new Properties();
        properties.setProperty("feed.udp.group.a", "239.255.7.1:41001");
        properties.setProperty("feed.udp.group.b", "239.255.7.2:41002");
        properties.setProperty("feed.udp.interface.a", "lo");
        properties.setProperty("feed.udp.rcvbuf", "2m");
        final UdpMulticastSource.Context ctx = UdpMulticastSource.Context.fromSettings(Settings.of(properties, "test"));
        assertEquals(41002, ctx.groupB().getPort());
        assertEquals("lo", ctx.interfaceB());
        assertEquals(2 * 1024 * 1024, ctx.receiveBufferLength());
    }
}
