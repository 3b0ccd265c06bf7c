package org.feedhandler.sim;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.protocol.moldudp64.MoldUdp64;

import java.nio.ByteBuffer;

/**
 * Sends the {@link Publisher}'s packets to every line of a {@link PacketSink}, with faults that are
 * deterministic for a seed (see {@link #roll}): {@code loss} never sends a packet (on each line
 * independently); {@code duplicate} sends a packet twice; {@code reorder} holds a packet back and sends
 * it after the next one.
 */
public final class FaultInjector
{
    /** {@link #roll} kinds. */
    public static final int LOSS = 0;
    public static final int DUPLICATE = 1;
    public static final int REORDER = 2;

    private final PacketSink sink;
    private final int lineCount;
    private final long seed;
    private final double loss;
    private final double duplicate;
    private final double reorder;
    private final UnsafeBuffer held;
    private int heldLength;
    private long dropped;
    private long duplicated;
    private long reordered;

    FaultInjector(final PublisherContext ctx, final PacketSink sink, final int maxPacketLength)
    {
        this.sink = sink;
        this.lineCount = sink.lineCount();
        this.seed = ctx.seed();
        this.loss = ctx.loss();
        this.duplicate = ctx.duplicate();
        this.reorder = ctx.reorder();
        this.held = new UnsafeBuffer(ByteBuffer.allocateDirect(maxPacketLength));
    }

    /**
     * The dice: a pure function of the seed, the packet's first sequence number, the line and the kind
     * of fault (a SplitMix64 finaliser over their mix), so the same packet meets the same fate in every
     * run with that seed, and a test can predict it. Which messages share a packet depends on timing
     * (batching after a stall), so exact replays need a rate low enough for one message per packet, or
     * the same stalls.
     *
     * @param seed          the run's seed.
     * @param firstSequence the packet's first sequence number.
     * @param line          0 (A) or 1 (B); loss is rolled per line, the rest on line 0.
     * @param kind          {@link #LOSS}, {@link #DUPLICATE} or {@link #REORDER}.
     * @return a number in [0, 1); the fault happens when it is below the fault's probability.
     */
    public static double roll(final long seed, final long firstSequence, final int line, final int kind)
    {
        long z = seed * 0x9E37_79B9_7F4A_7C15L + firstSequence * 0xBF58_476D_1CE4_E5B9L +
            (line * 4L + kind + 1) * 0x94D0_49BB_1331_11EBL;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }

    /**
     * Send a MoldUDP64 packet, or hold it back to send after the next one.
     *
     * @param buffer holding the packet at offset 0.
     * @param length of the packet.
     */
    void emit(final MutableDirectBuffer buffer, final int length)
    {
        if (heldLength == 0 && reorder > 0 &&
            roll(seed, MoldUdp64.sequenceNumber(buffer, 0), 0, REORDER) < reorder)
        {
            held.putBytes(0, buffer, 0, length);
            heldLength = length;
            reordered++;
            return;
        }
        send(buffer, length);
        flush();
    }

    /**
     * Send the packet held back for reordering, if any.
     */
    void flush()
    {
        if (heldLength > 0)
        {
            final int length = heldLength;
            heldLength = 0;
            send(held, length);
        }
    }

    /**
     * Send a packet on every line, without faults (heartbeats, end of session).
     *
     * @param buffer holding the packet at offset 0.
     * @param length of the packet.
     * @return the number of lines it went out on.
     */
    int sendToAllLines(final DirectBuffer buffer, final int length)
    {
        for (int line = 0; line < lineCount; line++)
        {
            sink.send(line, buffer, 0, length);
        }
        return lineCount;
    }

    private void send(final DirectBuffer buffer, final int length)
    {
        final long firstSequence = MoldUdp64.sequenceNumber(buffer, 0);
        final boolean twice = duplicate > 0 && roll(seed, firstSequence, 0, DUPLICATE) < duplicate;
        if (twice)
        {
            duplicated++;
        }
        for (int line = 0; line < lineCount; line++)
        {
            if (loss > 0 && roll(seed, firstSequence, line, LOSS) < loss)
            {
                dropped++;
                continue;
            }
            sink.send(line, buffer, 0, length);
            if (twice)
            {
                sink.send(line, buffer, 0, length);
            }
        }
    }

    long dropped()
    {
        return dropped;
    }

    long duplicated()
    {
        return duplicated;
    }

    long reordered()
    {
        return reordered;
    }
}
