package org.feedhandler.protocol.itch;

import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.TestData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ItchDecoderTest
{
    private final List<String> events = new ArrayList<>();
    private final ItchListener recorder = new ItchListener()
    {
        public void onSystemEvent(final SystemEvent m)
        {
            events.add("S " + m.stockLocate() + " " + m.timestamp() + " " + (char)m.eventCode());
        }

        public void onStockDirectory(final StockDirectory m)
        {
            events.add("R " + m.stockLocate() + " " + m.timestamp() + " " + Symbols.toString(m.stock()) + " " +
                (char)m.marketCategory() + " lot=" + m.roundLotSize() + " " + (char)m.issueClassification() +
                " " + (char)m.luldReferencePriceTier() + " " + (char)m.inverseIndicator());
        }

        public void onAddOrder(final AddOrder m)
        {
            events.add("A " + Long.toUnsignedString(m.orderReferenceNumber()) + " " + m.shares());
        }
    };
    private final ItchDecoder decoder = new ItchDecoder(recorder);
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);

    @Test
    void shouldDecodeFirstThreeRealNasdaqMessagesOf30January2019()
    {
        final UnsafeBuffer file = new UnsafeBuffer(TestData.realBytes("nasdaq_01302019_first3msgs.binaryfile"));
        int position = 0;
        while (position < file.capacity())
        {
            final int length = file.getShort(position, java.nio.ByteOrder.BIG_ENDIAN) & 0xFFFF;
            assertEquals(ItchDecoder.DECODED, decoder.decode(file, position + 2, length));
            position += 2 + length;
        }

        assertEquals(List.of(
            "S 0 11039687760787 O",
            "R 1 11314234545561 A N lot=100 C 1 N",
            "R 2 11314236108077 AA N lot=100 C 1 N"), events);
        assertEquals(3, decoder.messages());
        assertEquals(1, decoder.count((byte)'S'));
        assertEquals(2, decoder.count((byte)'R'));
    }

    @Test
    void shouldDecodeTheRealRecordsAsOneRunOfBlocksAndStopBeforeTheCutRecord()
    {
        // 100 bytes: three whole records (96 bytes) and the start of a fourth
        final UnsafeBuffer file = new UnsafeBuffer(TestData.realBytes("nasdaq_01302020_first100bytes.binaryfile"));
        assertEquals(96, decoder.onBlocks(file, 0, file.capacity(), Integer.MAX_VALUE));
        assertEquals(3, decoder.lastBlockCount());
        assertEquals(3, decoder.messages());
        assertEquals(1, decoder.count((byte)'S'));
        assertEquals(2, decoder.count((byte)'R'));
        assertEquals(0, decoder.malformed(), "a cut record is the framing's to report, not a malformed message");
        assertEquals(3, events.size());
    }

    @Test
    void shouldStopBlocksBeforeAZeroLengthPrefixAndAfterMaxBlocks()
    {
        int position = 0;
        for (int i = 1; i <= 2; i++)
        {
            final int length = ItchEncoder.addOrder(buffer, position + 2, 5, 0, 1000, i, (byte)'B', 100, 0, 1);
            buffer.putShort(position, (short)length, java.nio.ByteOrder.BIG_ENDIAN);
            position += 2 + length;
        }
        buffer.putShort(position, (short)0); // BinaryFILE end of session
        ItchEncoder.addOrder(buffer, position + 4, 5, 0, 1000, 3, (byte)'B', 100, 0, 1);
        buffer.putShort(position + 2, (short)36, java.nio.ByteOrder.BIG_ENDIAN);

        assertEquals(38, decoder.onBlocks(buffer, 0, 200, 1));
        assertEquals(1, decoder.lastBlockCount());
        assertEquals(38, decoder.onBlocks(buffer, 38, 200 - 38, Integer.MAX_VALUE));
        assertEquals(1, decoder.lastBlockCount());
        assertEquals(0, decoder.onBlocks(buffer, 76, 200 - 76, Integer.MAX_VALUE));
        assertEquals(0, decoder.lastBlockCount());
        assertEquals(List.of("A 1 100", "A 2 100"), events);
    }

    @Test
    void shouldCountUnknownAndShortBlocksAndGoOnToTheNext()
    {
        buffer.putShort(0, (short)5, java.nio.ByteOrder.BIG_ENDIAN);
        buffer.putByte(2, (byte)'Z');
        final int length = ItchEncoder.addOrder(buffer, 9, 5, 0, 1000, 7, (byte)'B', 100, 0, 1);
        buffer.putShort(7, (short)(length - 1), java.nio.ByteOrder.BIG_ENDIAN); // one byte short of an 'A'
        ItchEncoder.addOrder(buffer, 9 + length + 1, 5, 0, 1000, 8, (byte)'S', 200, 0, 1);
        buffer.putShort(9 + length - 1, (short)length, java.nio.ByteOrder.BIG_ENDIAN);

        final int end = 9 + length - 1 + 2 + length;
        assertEquals(end, decoder.onBlocks(buffer, 0, end, Integer.MAX_VALUE));
        assertEquals(3, decoder.lastBlockCount());
        assertEquals(1, decoder.unknownCount((byte)'Z'));
        assertEquals(1, decoder.malformed());
        assertEquals(List.of("A 8 200"), events);
    }

    @Test
    void shouldCountARunOutsideTheBufferAsMalformedWithoutReadingIt()
    {
        assertEquals(0, decoder.onBlocks(buffer, 200, 57, Integer.MAX_VALUE));
        assertEquals(0, decoder.onBlocks(buffer, -2, 10, Integer.MAX_VALUE));
        assertEquals(0, decoder.lastBlockCount());
        assertEquals(2, decoder.malformed());
    }

    @Test
    void shouldNeverThrowOnRandomBlocksAndAccountForEveryBlock()
    {
        final SplittableRandom random = new SplittableRandom(43);
        final byte[] bytes = new byte[4096];
        final UnsafeBuffer garbage = new UnsafeBuffer(bytes);
        long blocks = 0;
        for (int i = 0; i < 20_000; i++)
        {
            random.nextBytes(bytes);
            // mostly short, plausible lengths, so runs go on for a while; the rest as random as it comes
            for (int p = 0; p + 1 < 4096 && random.nextInt(4) != 0; p += 2 + (bytes[p + 1] & 0xFF))
            {
                bytes[p] = 0;
            }
            final int offset = random.nextBoolean() ? 0 : random.nextInt(0, 512);
            final int length = random.nextInt(0, 4096 - offset + 1);
            final int consumed = decoder.onBlocks(garbage, offset, length, Integer.MAX_VALUE);
            assertTrue(consumed >= 0 && consumed <= length);
            blocks += decoder.lastBlockCount();
        }
        assertTrue(blocks > 10_000, "runs of several blocks were decoded: " + blocks);
        assertEquals(blocks, decoder.messages() + decoder.unknown() + decoder.malformed());
    }

    @Test
    void shouldDecodeEndOfMessagesFromTheRealTailOf30July2019()
    {
        final UnsafeBuffer tail = new UnsafeBuffer(TestData.realBytes("nasdaq_07302019_last16bytes.bin"));
        // the first two bytes close the previous record; then the last record: length 12, 'S' event 'C'
        assertEquals(12, tail.getShort(2, java.nio.ByteOrder.BIG_ENDIAN));
        assertEquals(ItchDecoder.DECODED, decoder.decode(tail, 4, 12));
        assertEquals(List.of("S 0 72300000037782 C"), events); // 20:05:00.000037782
    }

    @Test
    void shouldSkipAndCountUnknownMessageTypeByItsFramedLength()
    {
        buffer.putByte(0, (byte)'Z');
        assertEquals(ItchDecoder.UNKNOWN_TYPE, decoder.decode(buffer, 0, 77));
        assertEquals(1, decoder.unknown());
        assertEquals(1, decoder.unknownCount((byte)'Z'));
        assertEquals(0, decoder.messages());
        assertEquals(0, decoder.malformed());
    }

    @Test
    void shouldAcceptMessageLongerThanItsTypeAndReadTheKnownFields()
    {
        final int length = ItchEncoder.addOrder(buffer, 0, 5, 0, 1000, 0x1_0000_0001L, (byte)'B', 100,
            Symbols.fromString("MSFT"), 1_234_500);
        assertEquals(ItchDecoder.DECODED, decoder.decode(buffer, 0, length + 9));
        assertEquals(List.of("A 4294967297 100"), events);
        assertEquals(0, decoder.malformed());
    }

    @Test
    void shouldReadTheNewArrayWhenTheSameBufferIsRewrappedBetweenMessages()
    {
        // the flyweights keep the buffer's array between messages: a buffer re-wrapped over another
        // array (heap or direct) must be read there, never in the array it held before
        final byte[] first = new byte[64];
        final byte[] second = new byte[40];
        final java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(64);
        final UnsafeBuffer reused = new UnsafeBuffer(first);
        final int length = ItchEncoder.addOrder(reused, 0, 5, 0, 1000, 111, (byte)'B', 100, 0, 1);
        ItchEncoder.addOrder(new UnsafeBuffer(second), 0, 5, 0, 1000, 222, (byte)'S', 200, 0, 1);
        ItchEncoder.addOrder(new UnsafeBuffer(direct), 0, 5, 0, 1000, 333, (byte)'S', 300, 0, 1);

        assertEquals(ItchDecoder.DECODED, decoder.decode(reused, 0, length));
        reused.wrap(second);
        assertEquals(ItchDecoder.DECODED, decoder.decode(reused, 0, length));
        reused.wrap(direct);
        assertEquals(ItchDecoder.DECODED, decoder.decode(reused, 0, length));
        reused.wrap(first);
        assertEquals(ItchDecoder.DECODED, decoder.decode(reused, 0, length));
        assertEquals(List.of("A 111 100", "A 222 200", "A 333 300", "A 111 100"), events);
    }

    @Test
    void shouldCountMessageShorterThanItsTypeAsMalformed()
    {
        final int length = ItchEncoder.addOrder(buffer, 0, 5, 0, 1000, 1, (byte)'B', 100, 0, 1);
        assertEquals(ItchDecoder.MALFORMED, decoder.decode(buffer, 0, length - 1));
        assertEquals(ItchDecoder.MALFORMED, decoder.decode(buffer, 0, 0));
        assertEquals(2, decoder.malformed());
        assertEquals(0, decoder.messages());
        assertEquals(List.of(), events);
    }

    @Test
    void shouldCountMessageRunningOutsideTheBufferAsMalformedWithoutReadingIt()
    {
        final UnsafeBuffer small = new UnsafeBuffer(new byte[40]);
        final int length = ItchEncoder.addOrder(small, 0, 5, 0, 1000, 1, (byte)'B', 100, 0, 1);
        // the framing claims more bytes than the buffer holds: the fields would fit, the message does not
        assertEquals(ItchDecoder.MALFORMED, decoder.decode(small, 4, length + 1));
        assertEquals(ItchDecoder.MALFORMED, decoder.decode(small, 39, length));
        assertEquals(ItchDecoder.MALFORMED, decoder.decode(small, 40, 1));
        assertEquals(ItchDecoder.MALFORMED, decoder.decode(small, -1, length));
        assertEquals(ItchDecoder.MALFORMED, decoder.decode(small, Integer.MAX_VALUE, length));
        assertEquals(ItchDecoder.DECODED, decoder.decode(small, 0, length));
        assertEquals(5, decoder.malformed());
        assertEquals(List.of("A 1 100"), events);
    }

    @Test
    void shouldRefuseToWrapFlyweightOutsideTheBuffer()
    {
        final UnsafeBuffer small = new UnsafeBuffer(new byte[40]);
        final AddOrder addOrder = new AddOrder();
        assertThrows(IndexOutOfBoundsException.class, () -> addOrder.wrap(small, 5, AddOrder.LENGTH));
        assertThrows(IndexOutOfBoundsException.class, () -> addOrder.wrap(small, 0, AddOrder.LENGTH - 1));
        assertThrows(IndexOutOfBoundsException.class, () -> addOrder.wrap(small, -1, AddOrder.LENGTH));
        addOrder.wrap(small, 4, AddOrder.LENGTH);
        assertEquals(4, addOrder.offset());
    }

    @Test
    void shouldReadCrossTradeSharesAsEightBytesAtLengthForty()
    {
        // the trap: one widely used Java decoder reads Q shares as 4 bytes (length 36)
        final long shares = 5_000_000_000L;
        final int length = ItchEncoder.crossTrade(buffer, 0, 1, 0, 0, shares, Symbols.fromString("ZVZZT"),
            100_0000, 77, (byte)'O');
        assertEquals(40, length);
        final long[] seen = new long[3];
        final ItchDecoder q = new ItchDecoder(new ItchListener()
        {
            public void onCrossTrade(final CrossTrade m)
            {
                seen[0] = m.shares();
                seen[1] = m.crossPrice();
                seen[2] = m.matchNumber();
            }
        });
        assertEquals(ItchDecoder.MALFORMED, q.decode(buffer, 0, 36));
        assertEquals(ItchDecoder.DECODED, q.decode(buffer, 0, 40));
        assertEquals(shares, seen[0]);
        assertEquals(100_0000, seen[1]);
        assertEquals(77, seen[2]);
    }

    @Test
    void shouldNeverThrowOnRandomGarbageAndCountEveryMessage()
    {
        final SplittableRandom random = new SplittableRandom(42);
        final byte[] bytes = new byte[256];
        final UnsafeBuffer garbage = new UnsafeBuffer(bytes);
        long decoded = 0;
        final int iterations = 200_000;
        for (int i = 0; i < iterations; i++)
        {
            random.nextBytes(bytes);
            final int length = random.nextInt(0, 129);
            final int result = decoder.decode(garbage, random.nextInt(0, 128), length);
            if (result == ItchDecoder.DECODED)
            {
                decoded++;
            }
        }
        assertEquals(iterations, decoder.messages() + decoder.unknown() + decoder.malformed());
        assertEquals(decoded, decoder.messages());
    }

    @Test
    void shouldKnowTheTwentyThreeTypesOfTheSpecification()
    {
        assertEquals(23, ItchMessageTypes.knownTypes().length);
        assertEquals(23, ItchMessageTypes.KNOWN_TYPES);
        for (final byte type : ItchMessageTypes.knownTypes())
        {
            org.junit.jupiter.api.Assertions.assertTrue(ItchMessageTypes.length(type) >= 12);
        }
        assertEquals(0, ItchMessageTypes.length((byte)'Z'));
    }

    @Test
    void shouldConvertSymbolsBothWays()
    {
        assertEquals("AAPL", Symbols.toString(Symbols.fromString("AAPL")));
        assertEquals("ABCDEFGH", Symbols.toString(Symbols.fromString("ABCDEFGH")));
        assertEquals("", Symbols.toString(Symbols.fromString("")));
        assertEquals("NSDQ", Symbols.alpha4ToString(0x4E534451));
        // symbols as longs order like text
        org.junit.jupiter.api.Assertions.assertTrue(
            Long.compareUnsigned(Symbols.fromString("AA"), Symbols.fromString("AAPL")) < 0);
    }
}
