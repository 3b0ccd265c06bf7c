package org.feedhandler.protocol.itch;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.feedhandler.protocol.AsciiFields;

/**
 * GLIMPSE 5.0 End of Snapshot ('G'), the last message of a snapshot: the TotalView-ITCH sequence number
 * at which to start processing the real-time feed. It is not a TotalView-ITCH message: it has no Stock
 * Locate, Tracking Number or Timestamp, and its number is ASCII, so it has no {@link ItchMessage} header
 * and the {@link ItchDecoder} does not know it (a {@link GlimpseDecoder} routes it).
 * <pre>
 *  offset field (size, type)
 *     0  Message Type  'G'       (1)
 *     1  ITCH Sequence Number   (20, numeric: ASCII digits, right-justified, space-padded)
 *    21  end; a longer message is accepted and the extra bytes are ignored
 * </pre>
 */
public final class EndOfSnapshot
{
    public static final byte MESSAGE_TYPE = 'G';
    public static final int LENGTH = 21;
    public static final int SEQUENCE_NUMBER_OFFSET = 1;
    public static final int SEQUENCE_NUMBER_LENGTH = 20;

    private DirectBuffer buffer;
    private int offset;

    /**
     * @param buffer holding the message.
     * @param offset of its type byte.
     * @param length as framed.
     * @return false, and not wrapped, when it is not a 'G' of at least {@link #LENGTH} bytes inside the buffer.
     */
    public boolean wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < LENGTH || offset < 0 || offset > buffer.capacity() - length ||
            MESSAGE_TYPE != buffer.getByte(offset))
        {
            return false;
        }
        this.buffer = buffer;
        this.offset = offset;
        return true;
    }

    /**
     * @return the ITCH sequence number at which the live feed continues, or {@link AsciiFields#INVALID}
     * when the field is not a number.
     */
    public long sequenceNumber()
    {
        return AsciiFields.parseNumber(buffer, offset + SEQUENCE_NUMBER_OFFSET, SEQUENCE_NUMBER_LENGTH);
    }

    /**
     * Encode an End of Snapshot.
     *
     * @param sequenceNumber the ITCH sequence number at which the live feed continues, 0 or more.
     * @return {@link #LENGTH}.
     */
    public static int encode(final MutableDirectBuffer buffer, final int offset, final long sequenceNumber)
    {
        buffer.putByte(offset, MESSAGE_TYPE);
        AsciiFields.putNumber(buffer, offset + SEQUENCE_NUMBER_OFFSET, SEQUENCE_NUMBER_LENGTH, sequenceNumber);
        return LENGTH;
    }
}
