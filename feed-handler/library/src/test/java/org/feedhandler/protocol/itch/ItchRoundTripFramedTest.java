package org.feedhandler.protocol.itch;

import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every round trip of {@link ItchRoundTripTest} again, with the message decoded as a MoldUDP64 message
 * block / BinaryFILE record (u16 length prefix, then the message) through {@link ItchDecoder#onBlocks}:
 * its switch is a copy of {@link ItchDecoder#decode}'s, so each type's case is proved in both.
 */
class ItchRoundTripFramedTest extends ItchRoundTripTest
{
    @Override
    int decode(final int length)
    {
        final int prefix = OFFSET - 2;
        buffer.putShort(prefix, (short)length, ByteOrder.BIG_ENDIAN);
        final long unknown = decoder.unknown();
        final long malformed = decoder.malformed();
        final int consumed = decoder.onBlocks(buffer, prefix, 2 + length, Integer.MAX_VALUE);
        assertEquals(1, decoder.lastBlockCount(), "one block");
        assertEquals(2 + length, consumed, "bytes consumed");
        return decoder.malformed() != malformed ? ItchDecoder.MALFORMED :
            decoder.unknown() != unknown ? ItchDecoder.UNKNOWN_TYPE : ItchDecoder.DECODED;
    }
}
