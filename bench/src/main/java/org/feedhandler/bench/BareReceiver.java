package org.feedhandler.bench;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.config.Settings;
import org.feedhandler.handler.ThreadPlacement;
import org.feedhandler.latency.MidnightClock;
import org.feedhandler.protocol.itch.ItchMessage;
import org.feedhandler.protocol.moldudp64.MoldUdp64;
import org.feedhandler.transport.NetworkInterfaces;

import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * The {@link LatencyRig}'s baseline: a busy-spinning non-blocking datagram channel, pinned, that reads each
 * datagram, takes the time once, and records {@code now - timestamp} of every message in it. No
 * sequencing, no decode, no book.
 */
final class BareReceiver implements Runnable
{
    private final MidnightClock clock;
    private final String group;
    private final String interfaceName;
    private final int cpu;
    private final long settleNanos;
    private final long phaseNanos;
    private final Histogram histogram;
    volatile Exception failure;
    volatile String placement = "not pinned";
    long negatives;

    BareReceiver(final MidnightClock clock, final String group, final String interfaceName, final int cpu,
        final long settleMillis, final long phaseNanos, final Histogram histogram)
    {
        this.clock = clock;
        this.group = group;
        this.interfaceName = interfaceName;
        this.cpu = cpu;
        this.settleNanos = settleMillis * 1_000_000L;
        this.phaseNanos = phaseNanos;
        this.histogram = histogram;
    }

    public void run()
    {
        if (cpu >= 0)
        {
            placement = ThreadPlacement.pin(cpu).toString();
        }
        final InetSocketAddress address = Settings.parseEndpoint("--group", group, "latency-rig");
        final ByteBuffer byteBuffer = ByteBuffer.allocateDirect(64 * 1024);
        final UnsafeBuffer buffer = new UnsafeBuffer(byteBuffer);
        try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET))
        {
            final NetworkInterface nif = NetworkInterfaces.resolve(interfaceName);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
            channel.bind(NetworkInterfaces.isLinux() ? address : new InetSocketAddress(address.getPort()));
            channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
            channel.join(address.getAddress(), nif);
            channel.configureBlocking(false);

            final long start = System.nanoTime();
            final long recordFrom = start + settleNanos;
            final long end = recordFrom + phaseNanos;
            final Histogram histogram = this.histogram;
            final long highest = LatencyRig.HIGHEST_TRACKABLE_NANOS;
            while (true)
            {
                byteBuffer.clear();
                if (null == channel.receive(byteBuffer))
                {
                    if (System.nanoTime() - end >= 0)
                    {
                        break;
                    }
                    continue;
                }
                final long now = System.nanoTime();
                if (now - recordFrom < 0)
                {
                    continue;
                }
                final long nowSinceMidnight = clock.sinceMidnight(now);
                final int length = byteBuffer.position();
                if (length < MoldUdp64.HEADER_LENGTH)
                {
                    continue;
                }
                final int count = MoldUdp64.messageCount(buffer, 0);
                if (MoldUdp64.END_OF_SESSION_MESSAGE_COUNT == count)
                {
                    continue;
                }
                int position = MoldUdp64.HEADER_LENGTH;
                for (int i = 0; i < count; i++)
                {
                    if (position + MoldUdp64.MESSAGE_LENGTH_FIELD_LENGTH > length)
                    {
                        break;
                    }
                    final int messageLength = buffer.getShort(position, java.nio.ByteOrder.BIG_ENDIAN) & 0xFFFF;
                    final int message = position + MoldUdp64.MESSAGE_LENGTH_FIELD_LENGTH;
                    if (messageLength < ItchMessage.HEADER_LENGTH || message + messageLength > length)
                    {
                        break;
                    }
                    final long latency = nowSinceMidnight - ItchMessage.timestamp(buffer, message);
                    if (latency < 0)
                    {
                        negatives++;
                    }
                    else
                    {
                        histogram.recordValue(Math.min(latency, highest));
                    }
                    position = message + messageLength;
                }
                if (System.nanoTime() - end >= 0)
                {
                    break;
                }
            }
        }
        catch (final Exception ex)
        {
            failure = ex;
        }
    }
}
