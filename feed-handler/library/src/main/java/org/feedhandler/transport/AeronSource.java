package org.feedhandler.transport;

import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;
import org.feedhandler.protocol.Lines;
import org.feedhandler.protocol.PacketHandler;

/**
 * MoldUDP64 packets carried as Aeron messages, one packet per message, from a {@link Subscription}
 * on any channel and stream.
 * <p>
 * <b>Fragmentation.</b> A MoldUDP64 packet is at most 1400 bytes, but an Aeron frame carries at
 * most MTU - 32 (data header) bytes: with the default MTU of 1408 that is 1376, so a full
 * 1400-byte packet <em>is</em> split in two fragments unless the publication's channel sets
 * {@code mtu=1440} or more (the simulator's {@code publish} does). Because the subscriber cannot
 * know the publisher's MTU, the poll goes through a {@link FragmentAssembler}: an unfragmented
 * message (the usual case) is passed straight through with no copy, a fragmented one is reassembled
 * in a buffer that grows once to the largest message and is then reused, so the steady state
 * allocates nothing either way. The receive time is taken per delivered message.
 */
public final class AeronSource implements PacketSource, FragmentHandler
{
    private final Subscription subscription;
    private final int line;
    private final NanoClock nanoClock;
    private final FragmentAssembler assembler;
    private final boolean closeSubscription;
    private PacketHandler handler;
    private int delivered;
    private long packets;
    private long bytes;

    /**
     * @param subscription      to poll.
     * @param line              reported with each packet, usually {@link Lines#A}.
     * @param nanoClock         stamps each packet.
     * @param closeSubscription true to close the subscription with this source.
     */
    public AeronSource(
        final Subscription subscription, final int line, final NanoClock nanoClock, final boolean closeSubscription)
    {
        this.subscription = subscription;
        this.line = line;
        this.nanoClock = nanoClock;
        this.closeSubscription = closeSubscription;
        this.assembler = new FragmentAssembler(this, 2048);
    }

    /**
     * {@inheritDoc}
     * <p>
     * The limit counts Aeron fragments, so a reassembled packet may count for two.
     */
    public int poll(final PacketHandler handler, final int limit)
    {
        this.handler = handler;
        delivered = 0;
        subscription.poll(assembler, limit);
        return delivered;
    }

    /**
     * Called by the assembler with each whole message.
     */
    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final long receiveNanos = nanoClock.nanoTime();
        delivered++;
        packets++;
        bytes += length;
        handler.onPacket(buffer, offset, length, receiveNanos, line);
    }

    public Subscription subscription()
    {
        return subscription;
    }

    /**
     * @return true once at least one publisher's image is connected.
     */
    public boolean isConnected()
    {
        return subscription.isConnected();
    }

    public long packets()
    {
        return packets;
    }

    public long bytes()
    {
        return bytes;
    }

    public void close()
    {
        if (closeSubscription)
        {
            CloseHelper.quietClose(subscription);
        }
    }
}
