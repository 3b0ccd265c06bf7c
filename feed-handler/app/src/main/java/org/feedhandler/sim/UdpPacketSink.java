package org.feedhandler.sim;

import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.feedhandler.transport.UdpMulticastSender;

/**
 * A and B multicast lines.
 */
final class UdpPacketSink implements PacketSink
{
    private final UdpMulticastSender[] senders;
    private long backPressured;

    UdpPacketSink(final PublisherChannel channel, final boolean ab)
    {
        senders = new UdpMulticastSender[ab ? 2 : 1];
        try
        {
            senders[0] = UdpMulticastSender.open(channel.groupA(), channel.interfaceA(), 4 * 1024 * 1024);
            if (ab)
            {
                senders[1] = UdpMulticastSender.open(channel.groupB(), channel.interfaceB(), 4 * 1024 * 1024);
            }
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    public int lineCount()
    {
        return senders.length;
    }

    public boolean send(final int line, final DirectBuffer buffer, final int offset, final int length)
    {
        final UdpMulticastSender sender = senders[line];
        while (!sender.send(buffer, offset, length))
        {
            backPressured++;
            Thread.onSpinWait();
        }
        return true;
    }

    public int maxPayloadLength()
    {
        return 65507;
    }

    public long backPressured()
    {
        return backPressured;
    }

    public void close()
    {
        CloseHelper.quietCloseAll((AutoCloseable[])senders);
    }
}
