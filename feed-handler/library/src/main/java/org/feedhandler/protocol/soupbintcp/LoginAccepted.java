package org.feedhandler.protocol.soupbintcp;

import org.agrona.DirectBuffer;
import org.feedhandler.protocol.AsciiFields;

import static org.feedhandler.protocol.soupbintcp.SoupBinTcp.*;

/**
 * Flyweight over a Login Accepted 'A' payload (layout in {@link SoupBinTcp}). Valid for the duration of
 * the framer's callback only.
 */
public final class LoginAccepted
{
    private DirectBuffer buffer;
    private int offset;

    /**
     * @return false, and not wrapped, when the payload is shorter than the layout.
     */
    public boolean wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < LOGIN_ACCEPTED_PAYLOAD_LENGTH)
        {
            return false;
        }
        this.buffer = buffer;
        this.offset = offset;
        return true;
    }

    /**
     * @return the sequence number of the next Sequenced Data, or {@link AsciiFields#INVALID}.
     */
    public long sequenceNumber()
    {
        return AsciiFields.parseNumber(buffer, offset + LOGIN_ACCEPTED_SEQUENCE_NUMBER_OFFSET, SEQUENCE_NUMBER_LENGTH);
    }

    public boolean sessionEquals(final CharSequence session)
    {
        return AsciiFields.alphaEquals(buffer, offset + LOGIN_ACCEPTED_SESSION_OFFSET, SESSION_LENGTH, session);
    }

    /**
     * Copy the 10 session bytes as sent, padding included.
     *
     * @param into at least {@link SoupBinTcp#SESSION_LENGTH} bytes.
     */
    public void getSession(final byte[] into)
    {
        buffer.getBytes(offset + LOGIN_ACCEPTED_SESSION_OFFSET, into, 0, SESSION_LENGTH);
    }

    /**
     * @return the session without padding (allocates).
     */
    public String session()
    {
        return AsciiFields.alphaToString(buffer, offset + LOGIN_ACCEPTED_SESSION_OFFSET, SESSION_LENGTH);
    }
}
