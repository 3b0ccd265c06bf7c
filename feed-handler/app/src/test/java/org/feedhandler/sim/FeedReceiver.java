package org.feedhandler.sim;

import org.feedhandler.latency.MidnightClock;
import org.agrona.DirectBuffer;
import org.feedhandler.protocol.itch.ItchMessage;
import org.feedhandler.protocol.moldudp64.MoldUdp64;
import org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer;
import org.feedhandler.protocol.moldudp64.SequencerContext;
import org.feedhandler.protocol.moldudp64.SequencerListener;
import org.feedhandler.transport.Loopback;
import org.feedhandler.protocol.PacketHandler;
import org.feedhandler.transport.UdpMulticastSource;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The receive side for simulator tests: a multicast source into a sequencer, recording each
 * message's ITCH timestamp and bytes, each packet's classification, and wire latency against a
 * shared {@link MidnightClock}.
 */
final class FeedReceiver implements PacketHandler, AutoCloseable
{
    final UdpMulticastSource source;
    final MoldUdp64Sequencer sequencer;
    final MidnightClock clock;
    final long[] timestamps;
    final int[] classifications = new int[8];
    final Map<Long, byte[]> messages = new HashMap<>();
    final List<Set<Long>> dataPacketsByLine = List.of(new HashSet<>(), new HashSet<>(), new HashSet<>());
    final boolean keepMessages;
    long minLatencyNanos = Long.MAX_VALUE;
    long maxLatencyNanos = Long.MIN_VALUE;
    private long receiveSinceMidnight;

    FeedReceiver(
        final InetSocketAddress groupA,
        final InetSocketAddress groupB,
        final MidnightClock clock,
        final int capacity,
        final boolean keepMessages)
    {
        this.clock = clock;
        this.timestamps = new long[capacity + 1];
        this.keepMessages = keepMessages;
        source = UdpMulticastSource.open(new UdpMulticastSource.Context()
            .groupA(groupA).groupB(groupB).interfaceA(Loopback.INTERFACE).receiveBufferLength(4 * 1024 * 1024)
            .nanoClock(clock.nanoClock()));
        sequencer = new MoldUdp64Sequencer(this::onMessage, SequencerListener.NO_OP, new SequencerContext().followSessionChange(false));
    }

    private void onMessage(final DirectBuffer buffer, final int offset, final int length, final long sequence)
    {
        final long timestamp = ItchMessage.timestamp(buffer, offset);
        if (sequence < timestamps.length)
        {
            timestamps[(int)sequence] = timestamp;
        }
        final long latency = receiveSinceMidnight - timestamp;
        minLatencyNanos = Math.min(minLatencyNanos, latency);
        maxLatencyNanos = Math.max(maxLatencyNanos, latency);
        if (keepMessages)
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            messages.put(sequence, bytes);
        }
    }

    public void onPacket(
        final DirectBuffer buffer, final int offset, final int length, final long receiveNanos, final int line)
    {
        receiveSinceMidnight = clock.sinceMidnight(receiveNanos);
        final int count = MoldUdp64.messageCount(buffer, offset);
        if (count != MoldUdp64.HEARTBEAT_MESSAGE_COUNT && count != MoldUdp64.END_OF_SESSION_MESSAGE_COUNT)
        {
            dataPacketsByLine.get(line).add(MoldUdp64.sequenceNumber(buffer, offset));
        }
        classifications[sequencer.onPacket(buffer, offset, length, line, receiveNanos)]++;
    }

    /**
     * Poll until the condition holds or the time is up.
     */
    boolean pollUntil(final BooleanSupplier done, final long timeoutMs)
    {
        final long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!done.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                return false;
            }
            source.poll(this, 64);
        }
        return true;
    }

    public void close()
    {
        source.close();
    }
}
