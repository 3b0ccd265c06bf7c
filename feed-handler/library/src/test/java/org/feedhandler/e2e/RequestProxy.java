package org.feedhandler.e2e;

import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.protocol.moldudp64.MoldUdp64;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UDP relay between the handler and the request server that sees both ways: it records every
 * request (first sequence, count) and every answer, and can drop the first requests, as a lossy
 * network would. Its thread blocks in a selector: it never spins.
 */
final class RequestProxy implements AutoCloseable
{
    record Packet(long sequence, int count)
    {
    }

    private final DatagramChannel front;
    private final DatagramChannel back;
    private final Selector selector;
    private final Thread thread;
    private final AtomicInteger requestsToDrop;
    private final List<Packet> requests = new ArrayList<>();
    private final List<Packet> answers = new ArrayList<>();
    private final List<Packet> dropped = new ArrayList<>();
    private volatile boolean running = true;
    private volatile SocketAddress client;

    RequestProxy(final InetSocketAddress server, final int dropFirstRequests) throws IOException
    {
        requestsToDrop = new AtomicInteger(dropFirstRequests);
        front = DatagramChannel.open();
        front.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        front.configureBlocking(false);
        back = DatagramChannel.open();
        back.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        back.connect(server);
        back.configureBlocking(false);
        selector = Selector.open();
        front.register(selector, SelectionKey.OP_READ);
        back.register(selector, SelectionKey.OP_READ);
        thread = new Thread(this::run, "test-request-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address() throws IOException
    {
        return (InetSocketAddress)front.getLocalAddress();
    }

    private void run()
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
        final UnsafeBuffer view = new UnsafeBuffer(buffer);
        try
        {
            while (running)
            {
                selector.select(10);
                selector.selectedKeys().clear();
                SocketAddress from;
                buffer.clear();
                while (null != (from = front.receive(buffer)))
                {
                    client = from;
                    buffer.flip();
                    final Packet request = new Packet(
                        MoldUdp64.sequenceNumber(view, 0), view.getShort(MoldUdp64.REQUESTED_COUNT_OFFSET,
                        java.nio.ByteOrder.BIG_ENDIAN) & 0xFFFF);
                    if (requestsToDrop.getAndDecrement() > 0)
                    {
                        synchronized (this)
                        {
                            dropped.add(request);
                        }
                    }
                    else
                    {
                        synchronized (this)
                        {
                            requests.add(request);
                        }
                        back.write(buffer);
                    }
                    buffer.clear();
                }
                while (back.read(buffer) > 0)
                {
                    buffer.flip();
                    synchronized (this)
                    {
                        answers.add(new Packet(MoldUdp64.sequenceNumber(view, 0), MoldUdp64.messageCount(view, 0)));
                    }
                    if (null != client)
                    {
                        front.send(buffer, client);
                    }
                    buffer.clear();
                }
            }
        }
        catch (final IOException ex)
        {
            if (running)
            {
                throw new java.io.UncheckedIOException(ex);
            }
        }
    }

    synchronized List<Packet> requests()
    {
        return new ArrayList<>(requests);
    }

    synchronized List<Packet> answers()
    {
        return new ArrayList<>(answers);
    }

    synchronized List<Packet> dropped()
    {
        return new ArrayList<>(dropped);
    }

    public void close() throws java.io.IOException
    {
        running = false;
        selector.wakeup();
        try
        {
            thread.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        selector.close();
        front.close();
        back.close();
    }
}
