package org.feedhandler.transport;

import org.agrona.BufferUtil;
import org.agrona.CloseHelper;
import org.agrona.LangUtil;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.config.Configuration;
import org.feedhandler.config.ConfigurationException;
import org.feedhandler.config.Settings;
import org.feedhandler.protocol.Lines;
import org.feedhandler.protocol.PacketHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;

/**
 * MoldUDP64 over UDP multicast: one line, or an A and a B line (each on its own group and, if
 * wanted, its own interface), polled round-robin without blocking.
 * <p>
 * Each line is a non-blocking IPv4 {@link DatagramChannel} with {@code SO_REUSEADDR} (several
 * handlers on one host), bound to the group address and port (on Linux, binding to the group
 * rather than the wildcard keeps out datagrams of other groups that share the port), joined on the
 * configured interface, with {@code IP_MULTICAST_IF} set to it and the configured
 * {@code SO_RCVBUF}, whose granted size is read back: see {@link #receiveBufferReports()}.
 * <p>
 * <b>Allocation.</b> Datagrams are received into one direct buffer (wrapped once by an
 * {@link UnsafeBuffer}) with {@link DatagramChannel#receive(ByteBuffer)}. On JDK 17 that method
 * decodes the sender's native address into an {@link InetSocketAddress} only when the sender
 * differs from the previous datagram's (it caches the last one): with one sender per group, as
 * exchanges do, the steady state allocates nothing (0 bytes per packet, tested over 100k packets),
 * whereas a group fed alternately by two senders costs 120 bytes per packet. An empty poll never
 * allocates. {@code read(ByteBuffer)} would avoid the address entirely but needs a connected
 * channel, which would filter out any sender but one known in advance.
 */
public final class UdpMulticastSource implements PacketSource
{
    /** Large enough for any UDP datagram, so nothing is ever truncated. */
    public static final int RECEIVE_BUFFER_LENGTH = 64 * 1024;

    private final Line[] lines;
    private final NanoClock nanoClock;
    private final ByteBuffer byteBuffer;
    private final UnsafeBuffer buffer;
    private final ReceiveBufferReport[] receiveBufferReports;
    private int nextLine;
    private boolean closed;

    private static final class Line
    {
        final int id;
        final DatagramChannel channel;
        final MembershipKey membership;
        final InetSocketAddress group;
        final NetworkInterface networkInterface;
        long packets;
        long bytes;

        Line(
            final int id,
            final DatagramChannel channel,
            final MembershipKey membership,
            final InetSocketAddress group,
            final NetworkInterface networkInterface)
        {
            this.id = id;
            this.channel = channel;
            this.membership = membership;
            this.group = group;
            this.networkInterface = networkInterface;
        }
    }

    /**
     * Where and how to receive. {@link #fromSettings(Settings)} reads the {@code feed.udp.*} keys.
     */
    public static final class Context
    {
        private InetSocketAddress groupA;
        private String interfaceA = Configuration.UDP_INTERFACE_A_DEFAULT;
        private InetSocketAddress groupB;
        private String interfaceB;
        private int receiveBufferLength = Configuration.UDP_RCVBUF_DEFAULT;
        private NanoClock nanoClock = SystemNanoClock.INSTANCE;
        private boolean concluded;

        /**
         * @param settings the configuration.
         * @return a context from {@code feed.udp.group.a}, {@code .interface.a}, {@code .group.b},
         * {@code .interface.b} and {@code feed.udp.rcvbuf}.
         */
        public static Context fromSettings(final Settings settings)
        {
            final Context ctx = new Context()
                .groupA(settings.endpoint(Configuration.UDP_GROUP_A_PROP_NAME, Configuration.UDP_GROUP_A_DEFAULT))
                .interfaceA(settings.string(Configuration.UDP_INTERFACE_A_PROP_NAME,
                    Configuration.UDP_INTERFACE_A_DEFAULT))
                .groupB(settings.endpoint(Configuration.UDP_GROUP_B_PROP_NAME, null))
                .interfaceB(settings.string(Configuration.UDP_INTERFACE_B_PROP_NAME, null))
                .receiveBufferLength(settings.intValue(Configuration.UDP_RCVBUF_PROP_NAME,
                    Configuration.UDP_RCVBUF_DEFAULT, 0, Integer.MAX_VALUE));
            requireMulticast(Configuration.UDP_GROUP_A_PROP_NAME, ctx.groupA);
            requireMulticast(Configuration.UDP_GROUP_B_PROP_NAME, ctx.groupB);
            return ctx;
        }

        private static void requireMulticast(final String key, final InetSocketAddress group)
        {
            if (null != group && !group.getAddress().isMulticastAddress())
            {
                throw new ConfigurationException(key, group.getAddress().getHostAddress() +
                    " is not a multicast group (224.0.0.0/4)");
            }
        }

        public Context groupA(final InetSocketAddress groupA)
        {
            this.groupA = groupA;
            return this;
        }

        public Context interfaceA(final String interfaceA)
        {
            this.interfaceA = interfaceA;
            return this;
        }

        /**
         * @param groupB the B line's group, or null for a single line.
         * @return this.
         */
        public Context groupB(final InetSocketAddress groupB)
        {
            this.groupB = groupB;
            return this;
        }

        /**
         * @param interfaceB the B line's interface; null to use the A line's.
         * @return this.
         */
        public Context interfaceB(final String interfaceB)
        {
            this.interfaceB = interfaceB;
            return this;
        }

        /**
         * @param receiveBufferLength SO_RCVBUF to ask for, bytes; 0 keeps the kernel default.
         * @return this.
         */
        public Context receiveBufferLength(final int receiveBufferLength)
        {
            this.receiveBufferLength = receiveBufferLength;
            return this;
        }

        public Context nanoClock(final NanoClock nanoClock)
        {
            this.nanoClock = nanoClock;
            return this;
        }

        public InetSocketAddress groupA()
        {
            return groupA;
        }

        public InetSocketAddress groupB()
        {
            return groupB;
        }

        public String interfaceA()
        {
            return interfaceA;
        }

        public String interfaceB()
        {
            return null == interfaceB ? interfaceA : interfaceB;
        }

        public int receiveBufferLength()
        {
            return receiveBufferLength;
        }

        /**
         * Check the context once, before any socket is opened.
         *
         * @return this.
         * @throws IllegalStateException when concluded twice.
         * @throws IllegalArgumentException when the A line's group is missing.
         */
        public Context conclude()
        {
            if (concluded)
            {
                throw new IllegalStateException("UdpMulticastSource.Context already concluded");
            }
            if (null == groupA)
            {
                throw new IllegalArgumentException("the A line's group is required");
            }
            concluded = true;
            return this;
        }
    }

    private UdpMulticastSource(final Context ctx)
    {
        ctx.conclude();
        nanoClock = ctx.nanoClock;
        byteBuffer = ByteBuffer.allocateDirect(RECEIVE_BUFFER_LENGTH);
        buffer = new UnsafeBuffer(byteBuffer);
        final int lineCount = null == ctx.groupB ? 1 : 2;
        lines = new Line[lineCount];
        receiveBufferReports = new ReceiveBufferReport[lineCount];
        try
        {
            lines[0] = openLine(Lines.A, ctx.groupA, ctx.interfaceA, ctx.receiveBufferLength);
            if (lineCount == 2)
            {
                lines[1] = openLine(Lines.B, ctx.groupB, ctx.interfaceB(), ctx.receiveBufferLength);
            }
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    /**
     * Open the lines: bind, join, size the buffers.
     *
     * @param ctx where and how.
     * @return the source, ready to poll.
     * @throws UncheckedIOException     when a socket cannot be opened, bound or joined.
     * @throws IllegalArgumentException when an interface does not exist or a group is not multicast.
     */
    public static UdpMulticastSource open(final Context ctx)
    {
        return new UdpMulticastSource(ctx);
    }

    private Line openLine(final int id, final InetSocketAddress group, final String interfaceName, final int rcvBuf)
    {
        if (!group.getAddress().isMulticastAddress())
        {
            throw new IllegalArgumentException(group.getAddress().getHostAddress() + " is not a multicast group");
        }
        final NetworkInterface nif = NetworkInterfaces.resolve(interfaceName);
        DatagramChannel channel = null;
        try
        {
            channel = DatagramChannel.open(StandardProtocolFamily.INET);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (rcvBuf > 0)
            {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, rcvBuf);
            }
            channel.bind(bindAddress(group));
            channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
            final MembershipKey membership = channel.join(group.getAddress(), nif);
            channel.configureBlocking(false);

            receiveBufferReports[id] = new ReceiveBufferReport(
                id, rcvBuf, channel.getOption(StandardSocketOptions.SO_RCVBUF), NetworkInterfaces.rmemMax());
            return new Line(id, channel, membership, group, nif);
        }
        catch (final IOException ex)
        {
            CloseHelper.quietClose(channel);
            throw new UncheckedIOException("cannot receive " + group + " on " + interfaceName + ": " + ex.getMessage(), ex);
        }
    }

    private static InetSocketAddress bindAddress(final InetSocketAddress group)
    {
        // Linux delivers to a socket bound to the group only datagrams sent to that group; elsewhere
        // (macOS, Windows) binding to a multicast address fails, so bind the wildcard there.
        return NetworkInterfaces.isLinux() ?
            group : new InetSocketAddress(group.getPort());
    }

    /**
     * {@inheritDoc}
     * <p>
     * Lines are taken in turn, one datagram each, starting with the line after the one that started
     * the previous call, so a busy line cannot starve the other.
     */
    public int poll(final PacketHandler handler, final int limit)
    {
        final Line[] lines = this.lines;
        final int lineCount = lines.length;
        final ByteBuffer byteBuffer = this.byteBuffer;
        int delivered = 0;
        int idleLines = 0;
        int index = nextLine;
        nextLine = lineCount == 1 ? 0 : (nextLine + 1) % lineCount;
        try
        {
            while (delivered < limit && idleLines < lineCount)
            {
                final Line line = lines[index];
                byteBuffer.clear();
                if (null != line.channel.receive(byteBuffer))
                {
                    final long receiveNanos = nanoClock.nanoTime();
                    final int length = byteBuffer.position();
                    line.packets++;
                    line.bytes += length;
                    delivered++;
                    idleLines = 0;
                    handler.onPacket(buffer, 0, length, receiveNanos, line.id);
                }
                else
                {
                    idleLines++;
                }
                if (++index == lineCount)
                {
                    index = 0;
                }
            }
        }
        catch (final IOException ex)
        {
            LangUtil.rethrowUnchecked(ex);
        }
        return delivered;
    }

    /**
     * @return 1 or 2.
     */
    public int lineCount()
    {
        return lines.length;
    }

    /**
     * @param line {@link Lines#A} or {@link Lines#B}.
     * @return datagrams received on the line.
     */
    public long packets(final int line)
    {
        return lines[line].packets;
    }

    /**
     * @param line {@link Lines#A} or {@link Lines#B}.
     * @return payload bytes received on the line.
     */
    public long bytes(final int line)
    {
        return lines[line].bytes;
    }

    /**
     * @param line {@link Lines#A} or {@link Lines#B}.
     * @return the line's group and port.
     */
    public InetSocketAddress group(final int line)
    {
        return lines[line].group;
    }

    /**
     * @param line {@link Lines#A} or {@link Lines#B}.
     * @return the interface the line is joined on.
     */
    public NetworkInterface networkInterface(final int line)
    {
        return lines[line].networkInterface;
    }

    /**
     * @return per line, SO_RCVBUF wanted and granted.
     */
    public ReceiveBufferReport[] receiveBufferReports()
    {
        return receiveBufferReports.clone();
    }

    /**
     * @return true when any line got a smaller receive buffer than asked for.
     */
    public boolean isReceiveBufferShort()
    {
        for (final ReceiveBufferReport report : receiveBufferReports)
        {
            if (null != report && report.isShort())
            {
                return true;
            }
        }
        return false;
    }

    public void close()
    {
        if (!closed)
        {
            closed = true;
            for (final Line line : lines)
            {
                if (null != line)
                {
                    if (line.membership.isValid())
                    {
                        line.membership.drop();
                    }
                    CloseHelper.quietClose(line.channel);
                }
            }
            BufferUtil.free(byteBuffer);
        }
    }
}
