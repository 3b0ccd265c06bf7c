package org.feedhandler.transport;

import org.agrona.BufferUtil;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.LangUtil;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.protocol.Lines;
import org.feedhandler.protocol.PacketHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * The retransmission path: a unicast UDP socket of its own (so several receivers on one host each
 * get their own answers) that sends request packets (encoded by the protocol layer) to the request
 * server and polls its answers, delivered as {@link Lines#RETRANSMISSION}.
 * <p>
 * The channel is <em>connected</em> to the server: the kernel then drops datagrams from anyone
 * else, and {@link DatagramChannel#write(ByteBuffer)} / {@link DatagramChannel#read(ByteBuffer)}
 * need no socket address at all, so both directions are allocation-free whatever the JDK caches.
 * An ICMP port-unreachable (no server listening) surfaces on the next read or write; it is counted
 * in {@link #unreachable()} and otherwise ignored, as the recovery path retries on its own timeout.
 */
public final class UdpUnicastChannel implements PacketSource
{
    private final DatagramChannel channel;
    private final InetSocketAddress server;
    private final NanoClock nanoClock;
    private final ByteBuffer receiveByteBuffer;
    private final UnsafeBuffer receiveBuffer;
    private final ByteBuffer requestByteBuffer;
    private final UnsafeBuffer requestBuffer;
    private final ReceiveBufferReport receiveBufferReport;
    private long requestsSent;
    private long packetsReceived;
    private long unreachable;
    private boolean closed;

    private UdpUnicastChannel(
        final InetSocketAddress server,
        final InetSocketAddress local,
        final int receiveBufferLength,
        final NanoClock nanoClock)
    {
        this.server = server;
        this.nanoClock = nanoClock;
        DatagramChannel ch = null;
        try
        {
            ch = DatagramChannel.open(StandardProtocolFamily.INET);
            if (receiveBufferLength > 0)
            {
                ch.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferLength);
            }
            ch.bind(local);
            ch.connect(server);
            ch.configureBlocking(false);
            receiveBufferReport = new ReceiveBufferReport(Lines.RETRANSMISSION, receiveBufferLength,
                ch.getOption(StandardSocketOptions.SO_RCVBUF), NetworkInterfaces.rmemMax());
        }
        catch (final IOException ex)
        {
            CloseHelper.quietClose(ch);
            throw new UncheckedIOException("cannot open a request socket to " + server + ": " + ex.getMessage(), ex);
        }
        channel = ch;
        receiveByteBuffer = ByteBuffer.allocateDirect(UdpMulticastSource.RECEIVE_BUFFER_LENGTH);
        receiveBuffer = new UnsafeBuffer(receiveByteBuffer);
        requestByteBuffer = ByteBuffer.allocateDirect(64);
        requestBuffer = new UnsafeBuffer(requestByteBuffer);
    }

    /**
     * @param server the MoldUDP64 request server.
     * @return a channel bound to an ephemeral port on the wildcard address.
     */
    public static UdpUnicastChannel open(final InetSocketAddress server)
    {
        return open(server, new InetSocketAddress(0), 0, SystemNanoClock.INSTANCE);
    }

    /**
     * @param server              the MoldUDP64 request server.
     * @param local               the local address to bind (port 0 for an ephemeral one).
     * @param receiveBufferLength SO_RCVBUF to ask for; 0 keeps the kernel default.
     * @param nanoClock           stamps each answer.
     * @return the channel, connected to the server.
     */
    public static UdpUnicastChannel open(
        final InetSocketAddress server,
        final InetSocketAddress local,
        final int receiveBufferLength,
        final NanoClock nanoClock)
    {
        return new UdpUnicastChannel(server, local, receiveBufferLength, nanoClock);
    }

    /**
     * Send a datagram to the server: the MoldUDP64 requests a
     * {@link org.feedhandler.protocol.moldudp64.RetransmitRequestEncoder} encodes, or anything else.
     * Allocation-free.
     *
     * @param src    the bytes.
     * @param offset where they start.
     * @param length how many.
     * @return true when sent.
     */
    public boolean send(final DirectBuffer src, final int offset, final int length)
    {
        if (src != requestBuffer)
        {
            requestByteBuffer.clear();
            if (length > requestByteBuffer.capacity())
            {
                throw new IllegalArgumentException("request too long: " + length);
            }
            requestBuffer.putBytes(0, src, offset, length);
        }
        requestByteBuffer.clear().limit(length);
        try
        {
            final boolean sent = channel.write(requestByteBuffer) == length;
            if (sent)
            {
                requestsSent++;
            }
            return sent;
        }
        catch (final PortUnreachableException ex)
        {
            unreachable++;
            return false;
        }
        catch (final IOException ex)
        {
            LangUtil.rethrowUnchecked(ex);
            return false;
        }
    }

    public int poll(final PacketHandler handler, final int limit)
    {
        final ByteBuffer byteBuffer = receiveByteBuffer;
        int delivered = 0;
        try
        {
            while (delivered < limit)
            {
                byteBuffer.clear();
                final int length = channel.read(byteBuffer);
                if (length <= 0)
                {
                    // a non-blocking read returns 0 both for "nothing there" and for an empty datagram,
                    // which carries nothing a MoldUDP64 receiver could use: stop either way
                    break;
                }
                final long receiveNanos = nanoClock.nanoTime();
                packetsReceived++;
                delivered++;
                handler.onPacket(receiveBuffer, 0, length, receiveNanos, Lines.RETRANSMISSION);
            }
        }
        catch (final PortUnreachableException ex)
        {
            unreachable++;
        }
        catch (final IOException ex)
        {
            LangUtil.rethrowUnchecked(ex);
        }
        return delivered;
    }

    public InetSocketAddress server()
    {
        return server;
    }

    /**
     * @return the bound local address (the address the server answers to).
     */
    public InetSocketAddress localAddress()
    {
        try
        {
            return (InetSocketAddress)channel.getLocalAddress();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public ReceiveBufferReport receiveBufferReport()
    {
        return receiveBufferReport;
    }

    public long requestsSent()
    {
        return requestsSent;
    }

    public long packetsReceived()
    {
        return packetsReceived;
    }

    /**
     * @return ICMP port-unreachable errors seen: requests sent while no server was listening.
     */
    public long unreachable()
    {
        return unreachable;
    }

    public void close()
    {
        if (!closed)
        {
            closed = true;
            CloseHelper.quietClose(channel);
            BufferUtil.free(receiveByteBuffer);
            BufferUtil.free(requestByteBuffer);
        }
    }
}
