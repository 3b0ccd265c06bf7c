package org.feedhandler.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.protocol.itch.ItchDecoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ITCH 5.0 decoder against arbitrary bytes: as one message, and as a run of length-prefixed blocks
 * (MoldUDP64 message blocks, BinaryFILE records), on the heap and at an unaligned offset. Seeds: the real
 * Nasdaq BinaryFILE samples (see this class's Inputs directory).
 * <p>
 * Properties: nothing escapes; each decode is counted exactly once, as decoded, unknown type or
 * malformed, and only a decoded message reaches the listener, whose every field can be read; a run of
 * blocks consumes no more than it was given and counts what it walked.
 */
class ItchDecoderFuzzTest
{
    private final Bounded bounded = new Bounded();

    @FuzzTest(maxDuration = "5s")
    void decode(final byte[] input)
    {
        bounded.run("ItchDecoder", () ->
        {
            check(input, 0);
            check(input, 3);
            return null;
        });
    }

    private static void check(final byte[] input, final int offset)
    {
        final byte[] bytes = new byte[offset + input.length];
        System.arraycopy(input, 0, bytes, offset, input.length);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);

        final ReadingListener one = new ReadingListener();
        final ItchDecoder single = new ItchDecoder(one.listener());
        final int result = single.decode(buffer, offset, input.length);
        assertEquals(1, single.messages() + single.unknown() + single.malformed(), "one decode, one count");
        assertEquals(result == ItchDecoder.DECODED ? 1 : 0, single.messages());
        assertEquals(result == ItchDecoder.UNKNOWN_TYPE ? 1 : 0, single.unknown());
        assertEquals(single.messages(), one.callbacks(), "only a decoded message reaches the listener");

        final ReadingListener many = new ReadingListener();
        final ItchDecoder blocks = new ItchDecoder(many.listener());
        final int consumed = blocks.onBlocks(buffer, offset, input.length, Integer.MAX_VALUE);
        assertTrue(consumed >= 0 && consumed <= input.length, "consumed " + consumed + " of " + input.length);
        // every block is a 2-byte length and at least one byte of message
        assertTrue(blocks.lastBlockCount() <= consumed / 3, blocks.lastBlockCount() + " blocks in " + consumed);
        assertEquals(blocks.lastBlockCount(), blocks.messages() + blocks.unknown() + blocks.malformed(),
            "each block walked is counted once");
        assertEquals(blocks.messages(), many.callbacks());
    }
}
