package org.feedhandler.bench;

import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.protocol.moldudp64.MoldUdp64;
import org.feedhandler.protocol.moldudp64.MoldUdp64PacketBuilder;
import org.feedhandler.sim.MarketGenerator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A deterministic, realistic ITCH 5.0 stream held in memory for benchmarks: the bytes of every
 * message back to back, with each message's offset and length. Both our decoder and the peer read
 * the very same bytes, either one message at a time by offset and length or as one BinaryFILE-framed run
 * ({@link #framed}), the way a replay or a MoldUDP64 packet hands them over.
 */
public final class ItchStream
{
    public final UnsafeBuffer buffer;
    public final ByteBuffer byteBuffer;
    public final int[] offsets;
    public final int[] lengths;
    public final int count;
    public final int stocks;
    /** The generator that wrote the messages, left as it ended: its stocks' mids, its last reference. */
    public final MarketGenerator generator;
    /** The same messages framed as BinaryFILE records (u16 big-endian length, then the message), back to back. */
    public final UnsafeBuffer framed;
    public final ByteBuffer framedByteBuffer;
    public final int framedLength;
    /**
     * The same messages as MoldUDP64 downstream packets of at most {@link MoldUdp64#DEFAULT_MAX_PACKET_LENGTH}
     * bytes, as the live path receives them, back to back; the first message is sequence number 1.
     */
    public final UnsafeBuffer packets;
    public final int[] packetOffsets;
    public final int[] packetLengths;
    public final int packetCount;
    private long firstSequenceOfPackets = 1;

    private ItchStream(final UnsafeBuffer buffer, final ByteBuffer byteBuffer, final int[] offsets, final int[] lengths,
        final int stocks, final MarketGenerator generator)
    {
        this.generator = generator;
        this.buffer = buffer;
        this.byteBuffer = byteBuffer;
        this.offsets = offsets;
        this.lengths = lengths;
        this.count = offsets.length;
        this.stocks = stocks;
        framedByteBuffer = ByteBuffer.allocateDirect((int)totalBytes() + 2 * count);
        framed = new UnsafeBuffer(framedByteBuffer);
        int position = 0;
        for (int i = 0; i < count; i++)
        {
            framed.putShort(position, (short)lengths[i], ByteOrder.BIG_ENDIAN);
            framed.putBytes(position + 2, buffer, offsets[i], lengths[i]);
            position += 2 + lengths[i];
        }
        framedLength = position;

        final UnsafeBuffer packet = new UnsafeBuffer(new byte[MoldUdp64.DEFAULT_MAX_PACKET_LENGTH]);
        final MoldUdp64PacketBuilder builder = new MoldUdp64PacketBuilder(packet, MoldUdp64.DEFAULT_MAX_PACKET_LENGTH)
            .session(MoldUdp64.sessionHigh(SESSION), MoldUdp64.sessionLow(SESSION));
        packets = new UnsafeBuffer(ByteBuffer.allocateDirect(framedLength + count * MoldUdp64.HEADER_LENGTH));
        final int[] starts = new int[count];
        final int[] sizes = new int[count];
        int packetsBuilt = 0;
        position = 0;
        builder.begin(1);
        for (int i = 0; i <= count; i++)
        {
            if (i == count || !builder.append(buffer, offsets[i], lengths[i]))
            {
                packets.putBytes(position, packet, 0, builder.length());
                starts[packetsBuilt] = position;
                sizes[packetsBuilt++] = builder.length();
                position += builder.length();
                if (i < count)
                {
                    builder.begin(i + 1).append(buffer, offsets[i], lengths[i]);
                }
            }
        }
        packetOffsets = java.util.Arrays.copyOf(starts, packetsBuilt);
        packetLengths = java.util.Arrays.copyOf(sizes, packetsBuilt);
        packetCount = packetsBuilt;
    }

    /** The MoldUDP64 session of {@link #packets}. */
    public static final String SESSION = "BENCH00001";

    /**
     * Renumber {@link #packets} so that their first message is {@code firstSequence}: a benchmark
     * replays the same packets pass after pass into one sequencer, which drops what it has seen.
     *
     * @param firstSequence the first message's sequence number.
     */
    public void renumberPackets(final long firstSequence)
    {
        for (int i = 0; i < packetCount; i++)
        {
            final int offset = packetOffsets[i];
            final long sequence = MoldUdp64.sequenceNumber(packets, offset) - firstSequenceOfPackets + firstSequence;
            packets.putLong(offset + MoldUdp64.SEQUENCE_NUMBER_OFFSET, sequence, ByteOrder.BIG_ENDIAN);
        }
        firstSequenceOfPackets = firstSequence;
    }

    /**
     * @param seed     generator seed.
     * @param messages how many messages.
     * @param stocks   how many stocks.
     * @param flow     how the messages follow one another.
     * @return the stream, in an off-heap buffer.
     */
    public static ItchStream generate(
        final long seed, final int messages, final int stocks, final MarketGenerator.Flow flow)
    {
        final MarketGenerator generator = new MarketGenerator(seed, stocks, 200_000, flow);
        final ByteBuffer bytes = ByteBuffer.allocateDirect(messages * 50);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final int[] offsets = new int[messages];
        final int[] lengths = new int[messages];
        int position = 0;
        long timestamp = 34_200_000_000_000L; // 09:30
        for (int i = 0; i < messages; i++)
        {
            final int length = generator.next(buffer, position, timestamp);
            offsets[i] = position;
            lengths[i] = length;
            position += length;
            timestamp += 1_000;
        }
        return new ItchStream(buffer, bytes, offsets, lengths, stocks, generator);
    }

    /**
     * @return the total bytes of all messages.
     */
    public long totalBytes()
    {
        return offsets[count - 1] + lengths[count - 1];
    }
}
