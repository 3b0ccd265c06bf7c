package org.feedhandler.transport;

import org.agrona.BufferUtil;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.LangUtil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * The send side of one multicast line, for the simulator and tests: a non-blocking IPv4 channel
 * with {@code IP_MULTICAST_IF} on the configured interface, {@code IP_MULTICAST_LOOP} on (receivers
 * on the same host) and {@code IP_MULTICAST_TTL} 0 always, so a datagram never leaves the host
 * whatever the routing: a simulator must not spray a real network. The channel is connected to the
 * group, so {@link #send} uses {@code write} and needs no address: allocation-free.
 */
public final class UdpMulticastSender implements AutoCloseable
{
    private final DatagramChannel channel;
    private final InetSocketAddress group;
    private final ByteBuffer byteBuffer;
    private long packets;
    private long bytes;
    private long shortWrites;
    private boolean closed;

    private UdpMulticastSender(final InetSocketAddress group, final NetworkInterface nif, final int sendBufferLength)
    {
        if (!group.getAddress().isMulticastAddress())
        {
            throw new IllegalArgumentException(group.getAddress().getHostAddress() + " is not a multicast group");
        }
        this.group = group;
        DatagramChannel ch = null;
        try
        {
            ch = DatagramChannel.open(StandardProtocolFamily.INET);
            ch.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
            ch.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 0);
            ch.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            if (sendBufferLength > 0)
            {
                ch.setOption(StandardSocketOptions.SO_SNDBUF, sendBufferLength);
            }
            ch.connect(group);
            ch.configureBlocking(false);
        }
        catch (final IOException ex)
        {
            CloseHelper.quietClose(ch);
            throw new UncheckedIOException("cannot send to " + group + " on " + nif.getName() + ": " + ex.getMessage(), ex);
        }
        channel = ch;
        byteBuffer = ByteBuffer.allocateDirect(UdpMulticastSource.RECEIVE_BUFFER_LENGTH);
    }

    /**
     * @param group            the multicast group and port.
     * @param networkInterface name or address of the interface to send on.
     * @param sendBufferLength SO_SNDBUF, 0 for the kernel default.
     * @return the sender.
     */
    public static UdpMulticastSender open(
        final InetSocketAddress group, final String networkInterface, final int sendBufferLength)
    {
        return new UdpMulticastSender(group, NetworkInterfaces.resolve(networkInterface), sendBufferLength);
    }

    /**
     * Send one datagram without blocking.
     *
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     * @return true when the kernel took it; false when the send buffer was full (nothing sent).
     */
    public boolean send(final DirectBuffer buffer, final int offset, final int length)
    {
        final ByteBuffer byteBuffer = this.byteBuffer;
        byteBuffer.clear();
        buffer.getBytes(offset, byteBuffer, 0, length);
        byteBuffer.limit(length);
        try
        {
            final int written = channel.write(byteBuffer);
            if (written == length)
            {
                packets++;
                bytes += length;
                return true;
            }
            shortWrites++;
        }
        catch (final IOException ex)
        {
            LangUtil.rethrowUnchecked(ex);
        }
        return false;
    }

    public InetSocketAddress group()
    {
        return group;
    }

    public long packets()
    {
        return packets;
    }

    public long bytes()
    {
        return bytes;
    }

    /**
     * @return sends refused because the socket's send buffer was full.
     */
    public long sendBufferFull()
    {
        return shortWrites;
    }

    public void close()
    {
        if (!closed)
        {
            closed = true;
            CloseHelper.quietClose(channel);
            BufferUtil.free(byteBuffer);
        }
    }
}
