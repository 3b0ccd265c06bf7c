package org.feedhandler.bench;

import org.agrona.concurrent.UnsafeBuffer;
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
