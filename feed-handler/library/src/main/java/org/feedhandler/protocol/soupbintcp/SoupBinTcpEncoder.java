package org.feedhandler.protocol.soupbintcp;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.feedhandler.protocol.AsciiFields;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.feedhandler.protocol.soupbintcp.SoupBinTcp.*;

/**
 * Encodes every SoupBinTCP packet at {@code offset}, Packet Length included. Each method returns the
 * bytes written. No allocation (an invalid argument throws, naming it).
 */
public final class SoupBinTcpEncoder
{
    private SoupBinTcpEncoder()
    {
    }

    /**
     * Write the three-byte header of a packet whose payload is written separately.
     *
     * @param payloadLength 0..{@link SoupBinTcp#MAX_PACKET_LENGTH} - 1.
     * @return {@link SoupBinTcp#HEADER_LENGTH}.
     */
    public static int header(
        final MutableDirectBuffer buffer, final int offset, final byte type, final int payloadLength)
    {
        if (payloadLength < 0 || payloadLength >= MAX_PACKET_LENGTH)
        {
            throw new IllegalArgumentException("SoupBinTCP payload length " + payloadLength + " is out of range [0, " +
                (MAX_PACKET_LENGTH - 1) + "]");
        }
        buffer.putShort(offset, (short)(payloadLength + 1), BIG_ENDIAN);
        buffer.putByte(offset + TYPE_OFFSET, type);
        return HEADER_LENGTH;
    }

    /**
     * Login Request 'L'.
     *
     * @param username                up to 6 characters.
     * @param password                up to 10 characters.
     * @param requestedSession        up to 10 characters; empty for the current session.
     * @param requestedSequenceNumber the next message wanted (GLIMPSE: 1).
     * @return 49.
     */
    public static int loginRequest(
        final MutableDirectBuffer buffer,
        final int offset,
        final CharSequence username,
        final CharSequence password,
        final CharSequence requestedSession,
        final long requestedSequenceNumber)
    {
        final int payload = offset + HEADER_LENGTH;
        header(buffer, offset, LOGIN_REQUEST, LOGIN_REQUEST_PAYLOAD_LENGTH);
        AsciiFields.putAlpha(buffer, payload + LOGIN_REQUEST_USERNAME_OFFSET, USERNAME_LENGTH, username);
        AsciiFields.putAlpha(buffer, payload + LOGIN_REQUEST_PASSWORD_OFFSET, PASSWORD_LENGTH, password);
        AsciiFields.putAlphaRight(buffer, payload + LOGIN_REQUEST_SESSION_OFFSET, SESSION_LENGTH, requestedSession);
        AsciiFields.putNumber(
            buffer, payload + LOGIN_REQUEST_SEQUENCE_NUMBER_OFFSET, SEQUENCE_NUMBER_LENGTH, requestedSequenceNumber);
        return HEADER_LENGTH + LOGIN_REQUEST_PAYLOAD_LENGTH;
    }

    /**
     * Login Accepted 'A'.
     *
     * @param session        up to 10 characters.
     * @param sequenceNumber of the next Sequenced Data the server will send.
     * @return 33.
     */
    public static int loginAccepted(
        final MutableDirectBuffer buffer, final int offset, final CharSequence session, final long sequenceNumber)
    {
        final int payload = offset + HEADER_LENGTH;
        header(buffer, offset, LOGIN_ACCEPTED, LOGIN_ACCEPTED_PAYLOAD_LENGTH);
        AsciiFields.putAlphaRight(buffer, payload + LOGIN_ACCEPTED_SESSION_OFFSET, SESSION_LENGTH, session);
        AsciiFields.putNumber(
            buffer, payload + LOGIN_ACCEPTED_SEQUENCE_NUMBER_OFFSET, SEQUENCE_NUMBER_LENGTH, sequenceNumber);
        return HEADER_LENGTH + LOGIN_ACCEPTED_PAYLOAD_LENGTH;
    }

    /**
     * Login Rejected 'J'.
     *
     * @param reasonCode {@link SoupBinTcp#REJECT_NOT_AUTHORIZED} or {@link SoupBinTcp#REJECT_SESSION_NOT_AVAILABLE}.
     * @return 4.
     */
    public static int loginRejected(final MutableDirectBuffer buffer, final int offset, final byte reasonCode)
    {
        header(buffer, offset, LOGIN_REJECTED, LOGIN_REJECTED_PAYLOAD_LENGTH);
        buffer.putByte(offset + HEADER_LENGTH + LOGIN_REJECTED_REASON_OFFSET, reasonCode);
        return HEADER_LENGTH + LOGIN_REJECTED_PAYLOAD_LENGTH;
    }

    /**
     * Sequenced Data 'S' carrying one message copied from {@code message}.
     *
     * @return 3 + length.
     */
    public static int sequencedData(
        final MutableDirectBuffer buffer,
        final int offset,
        final DirectBuffer message,
        final int messageOffset,
        final int length)
    {
        return data(buffer, offset, SEQUENCED_DATA, message, messageOffset, length);
    }

    /**
     * Unsequenced Data 'U' carrying one message copied from {@code message}.
     *
     * @return 3 + length.
     */
    public static int unsequencedData(
        final MutableDirectBuffer buffer,
        final int offset,
        final DirectBuffer message,
        final int messageOffset,
        final int length)
    {
        return data(buffer, offset, UNSEQUENCED_DATA, message, messageOffset, length);
    }

    /**
     * Debug '+' carrying printable text.
     *
     * @return 3 + text length.
     */
    public static int debug(final MutableDirectBuffer buffer, final int offset, final CharSequence text)
    {
        header(buffer, offset, DEBUG, text.length());
        for (int i = 0; i < text.length(); i++)
        {
            buffer.putByte(offset + HEADER_LENGTH + i, (byte)text.charAt(i));
        }
        return HEADER_LENGTH + text.length();
    }

    /** Server Heartbeat 'H'. @return 3. */
    public static int serverHeartbeat(final MutableDirectBuffer buffer, final int offset)
    {
        return header(buffer, offset, SERVER_HEARTBEAT, 0);
    }

    /** Client Heartbeat 'R'. @return 3. */
    public static int clientHeartbeat(final MutableDirectBuffer buffer, final int offset)
    {
        return header(buffer, offset, CLIENT_HEARTBEAT, 0);
    }

    /** End of Session 'Z'. @return 3. */
    public static int endOfSession(final MutableDirectBuffer buffer, final int offset)
    {
        return header(buffer, offset, END_OF_SESSION, 0);
    }

    /** Logout Request 'O'. @return 3. */
    public static int logoutRequest(final MutableDirectBuffer buffer, final int offset)
    {
        return header(buffer, offset, LOGOUT_REQUEST, 0);
    }

    private static int data(
        final MutableDirectBuffer buffer,
        final int offset,
        final byte type,
        final DirectBuffer message,
        final int messageOffset,
        final int length)
    {
        header(buffer, offset, type, length);
        buffer.putBytes(offset + HEADER_LENGTH, message, messageOffset, length);
        return HEADER_LENGTH + length;
    }
}
