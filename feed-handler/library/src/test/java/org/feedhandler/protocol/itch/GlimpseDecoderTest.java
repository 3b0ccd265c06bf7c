package org.feedhandler.protocol.itch;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GlimpseDecoderTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final ItchDecoder itchDecoder = new ItchDecoder(new ItchListener()
    {
    });
    private long endOfSnapshot = -1;
    private final GlimpseDecoder decoder = new GlimpseDecoder(itchDecoder, sequence -> endOfSnapshot = sequence);

    @Test
    void shouldReportTheEndOfSnapshotWithItsItchSequenceNumber()
    {
        assertEquals(EndOfSnapshot.LENGTH, EndOfSnapshot.encode(buffer, 0, 123_456_789_012L));
        assertEquals("G        123456789012", buffer.getStringWithoutLengthAscii(0, EndOfSnapshot.LENGTH));

        assertEquals(ItchDecoder.DECODED, decoder.decode(buffer, 0, EndOfSnapshot.LENGTH));

        assertEquals(123_456_789_012L, endOfSnapshot);
        assertEquals(1, decoder.endOfSnapshots());
        assertEquals(0, itchDecoder.unknown(), "the ITCH decoder never saw it");
    }

    @Test
    void shouldCountAShortOrNonNumericEndOfSnapshotAndNotReportIt()
    {
        EndOfSnapshot.encode(buffer, 0, 5);
        assertEquals(ItchDecoder.MALFORMED, decoder.decode(buffer, 0, EndOfSnapshot.LENGTH - 1));
        buffer.putStringWithoutLengthAscii(1, "      not a number  ");
        assertEquals(ItchDecoder.MALFORMED, decoder.decode(buffer, 0, EndOfSnapshot.LENGTH));
        assertEquals(ItchDecoder.MALFORMED, decoder.decode(buffer, 250, EndOfSnapshot.LENGTH), "outside the buffer");

        assertEquals(-1, endOfSnapshot);
        assertEquals(0, decoder.endOfSnapshots());
        assertEquals(2, decoder.malformedEndOfSnapshots());
    }

    @Test
    void shouldPassEveryOtherMessageToTheItchDecoderUnchanged()
    {
        final int length = ItchEncoder.addOrder(buffer, 0, 1, 0, 0, 99, (byte)'B', 100, Symbols.fromString("AAPL"), 1_000);
        assertEquals(ItchDecoder.DECODED, decoder.decode(buffer, 0, length));
        assertEquals(ItchDecoder.MALFORMED, decoder.decode(buffer, 0, 0));

        assertEquals(1, itchDecoder.count(AddOrder.MESSAGE_TYPE));
        assertEquals(1, itchDecoder.malformed());
        assertEquals(-1, endOfSnapshot);
    }
}
