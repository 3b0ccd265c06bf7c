package org.feedhandler.sim;

import io.aeron.Publication;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.feedhandler.transport.AeronTransport;

/**
 * One MoldUDP64 packet per Aeron message: the A line on the stream id, the B line on stream id + 1.
 */
final class AeronPacketSink implements PacketSink
{
    private final AeronTransport transport;
    private final Publication[] publications;
    private long backPressured;
    private long notConnected;

    AeronPacketSink(
        final PublisherChannel channel,
        final int streamId,
        final String aeronDir,
        final boolean ab,
        final long connectTimeoutNs)
    {
        transport = AeronTransport.connect(aeronDir, null);
        publications = new Publication[ab ? 2 : 1];
        try
        {
            for (int line = 0; line < publications.length; line++)
            {
                publications[line] = transport.addPublication(channel.aeronChannel(), streamId + line);
            }
            final long deadline = System.nanoTime() + connectTimeoutNs;
            for (final Publication publication : publications)
            {
                while (!publication.isConnected())
                {
                    if (System.nanoTime() > deadline)
                    {
                        throw new IllegalStateException("no subscriber on " + channel.aeronChannel() + " stream " +
                            publication.streamId() + " within " + connectTimeoutNs / 1_000_000 + " ms" +
                            (null == aeronDir ? " (an embedded driver: pass --aeron-dir of the subscriber's driver" +
                            " for aeron:ipc)" : ""));
                    }
                    Thread.yield();
                }
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
        return publications.length;
    }

    public boolean send(final int line, final DirectBuffer buffer, final int offset, final int length)
    {
        final Publication publication = publications[line];
        while (true)
        {
            final long result = publication.offer(buffer, offset, length);
            if (result > 0)
            {
                return true;
            }
            if (result == Publication.NOT_CONNECTED || result == Publication.CLOSED ||
                result == Publication.MAX_POSITION_EXCEEDED)
            {
                notConnected++;
                return false;
            }
            backPressured++;
            Thread.onSpinWait();
        }
    }

    /**
     * @return the largest message that is not fragmented: packets are kept to this so that a
     * subscriber never reassembles.
     */
    public int maxPayloadLength()
    {
        int max = Integer.MAX_VALUE;
        for (final Publication publication : publications)
        {
            max = Math.min(max, publication.maxPayloadLength());
        }
        return max;
    }

    public long backPressured()
    {
        return backPressured;
    }

    long notConnected()
    {
        return notConnected;
    }

    public void close()
    {
        if (null != publications)
        {
            CloseHelper.quietCloseAll((AutoCloseable[])publications);
        }
        CloseHelper.quietClose(transport);
    }
}
