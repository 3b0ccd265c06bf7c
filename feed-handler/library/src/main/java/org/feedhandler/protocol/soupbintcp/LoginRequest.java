package org.feedhandler.protocol.soupbintcp;

import org.agrona.DirectBuffer;
import org.feedhandler.protocol.AsciiFields;

import static org.feedhandler.protocol.soupbintcp.SoupBinTcp.*;

/**
 * Flyweight over a Login Request 'L' payload (layout in {@link SoupBinTcp}). Valid for the duration of
 * the framer's callback only.
 */
public final class LoginRequest
{
    private DirectBuffer buffer;
    private int offset;

    /**
     * @param buffer holding the payload.
     * @param offset of the payload (after the type byte).
     * @param length of the payload.
     * @return false, and not wrapped, when the payload is shorter than the layout.
     */
    public boolean wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < LOGIN_REQUEST_PAYLOAD_LENGTH)
        {
            return false;
        }
        this.buffer = buffer;
        this.offset = offset;
        return true;
    }

    public boolean usernameEquals(final CharSequence username)
    {
        return AsciiFields.alphaEquals(buffer, offset + LOGIN_REQUEST_USERNAME_OFFSET, USERNAME_LENGTH, username);
    }

    public boolean passwordEquals(final CharSequence password)
    {
        return AsciiFields.alphaEquals(buffer, offset + LOGIN_REQUEST_PASSWORD_OFFSET, PASSWORD_LENGTH, password);
    }

    /**
     * @return true when the Requested Session is blank: the current session.
     */
    public boolean isCurrentSessionRequested()
    {
        return AsciiFields.isBlank(buffer, offset + LOGIN_REQUEST_SESSION_OFFSET, SESSION_LENGTH);
    }

    public boolean requestedSessionEquals(final CharSequence session)
    {
        return AsciiFields.alphaEquals(buffer, offset + LOGIN_REQUEST_SESSION_OFFSET, SESSION_LENGTH, session);
    }

    /**
     * @return the Requested Sequence Number, or {@link AsciiFields#INVALID}.
     */
    public long requestedSequenceNumber()
    {
        return AsciiFields.parseNumber(buffer, offset + LOGIN_REQUEST_SEQUENCE_NUMBER_OFFSET, SEQUENCE_NUMBER_LENGTH);
    }

    /**
     * @return the username without padding (allocates).
     */
    public String username()
    {
        return AsciiFields.alphaToString(buffer, offset + LOGIN_REQUEST_USERNAME_OFFSET, USERNAME_LENGTH);
    }
}
