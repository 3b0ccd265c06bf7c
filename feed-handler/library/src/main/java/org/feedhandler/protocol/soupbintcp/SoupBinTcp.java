package org.feedhandler.protocol.soupbintcp;

/**
 * SoupBinTCP 4.0 packet types and layouts. Every packet is a u16 big-endian Packet Length (the bytes
 * that follow it: the type byte and the payload), a one-byte Packet Type, then the payload.
 * <pre>
 *   0               1               2               3
 *  +-------------------------------+---------------+----------------------
 *  |   Packet Length (u16, BE)     | Packet Type   | payload (Length - 1)
 *  +-------------------------------+---------------+----------------------
 *
 *  Login Request 'L' (client), payload 46:     Login Accepted 'A' (server), payload 30:
 *    0  Username                 6  alpha        0  Session          10  alpha
 *    6  Password                10  alpha       10  Sequence Number  20  numeric (next message)
 *   16  Requested Session       10  alpha (blank = current)
 *   26  Requested Sequence Num  20  numeric     Login Rejected 'J' (server), payload 1:
 *                                                 0  Reject Reason Code  1  'A' or 'S'
 * </pre>
 * Alpha fields are left-justified and space-padded (the session name is written right-justified,
 * as the specification's Login Accepted describes it; readers ignore the padding); numeric fields
 * are ASCII digits, right-justified and space-padded. A payload longer than the layout is accepted and
 * the rest ignored (SoupBinTCP 4.1 appends a Requested Heartbeat Timeout to the Login Request).
 * Sequenced Data 'S', Unsequenced Data 'U' and Debug '+' carry a payload of any length; the heartbeats
 * 'H' and 'R', End of Session 'Z' and Logout Request 'O' carry none.
 */
public final class SoupBinTcp
{
    /** Bytes of the Packet Length field. */
    public static final int LENGTH_FIELD_LENGTH = 2;
    /** Offset of the Packet Type from the packet's start. */
    public static final int TYPE_OFFSET = 2;
    /** Length field and type: the bytes before the payload. */
    public static final int HEADER_LENGTH = 3;
    /** Largest Packet Length a u16 can say. */
    public static final int MAX_PACKET_LENGTH = 0xFFFF;

    // both directions
    public static final byte DEBUG = '+';
    // server to client
    public static final byte LOGIN_ACCEPTED = 'A';
    public static final byte LOGIN_REJECTED = 'J';
    public static final byte SEQUENCED_DATA = 'S';
    public static final byte SERVER_HEARTBEAT = 'H';
    public static final byte END_OF_SESSION = 'Z';
    // client to server
    public static final byte LOGIN_REQUEST = 'L';
    public static final byte UNSEQUENCED_DATA = 'U';
    public static final byte CLIENT_HEARTBEAT = 'R';
    public static final byte LOGOUT_REQUEST = 'O';

    /** Login Rejected: the username and password are not valid. */
    public static final byte REJECT_NOT_AUTHORIZED = 'A';
    /** Login Rejected: the requested session is not valid or not available. */
    public static final byte REJECT_SESSION_NOT_AVAILABLE = 'S';

    public static final int USERNAME_LENGTH = 6;
    public static final int PASSWORD_LENGTH = 10;
    public static final int SESSION_LENGTH = 10;
    public static final int SEQUENCE_NUMBER_LENGTH = 20;

    // Login Request payload
    public static final int LOGIN_REQUEST_USERNAME_OFFSET = 0;
    public static final int LOGIN_REQUEST_PASSWORD_OFFSET = 6;
    public static final int LOGIN_REQUEST_SESSION_OFFSET = 16;
    public static final int LOGIN_REQUEST_SEQUENCE_NUMBER_OFFSET = 26;
    public static final int LOGIN_REQUEST_PAYLOAD_LENGTH = 46;

    // Login Accepted payload
    public static final int LOGIN_ACCEPTED_SESSION_OFFSET = 0;
    public static final int LOGIN_ACCEPTED_SEQUENCE_NUMBER_OFFSET = 10;
    public static final int LOGIN_ACCEPTED_PAYLOAD_LENGTH = 30;

    // Login Rejected payload
    public static final int LOGIN_REJECTED_REASON_OFFSET = 0;
    public static final int LOGIN_REJECTED_PAYLOAD_LENGTH = 1;

    private SoupBinTcp()
    {
    }

    /**
     * @param reasonCode a Login Rejected Reject Reason Code.
     * @return what it means and what to do, for an error message.
     */
    public static String rejectReason(final byte reasonCode)
    {
        switch (reasonCode)
        {
            case REJECT_NOT_AUTHORIZED:
                return "'A' not authorized: the server refused the username and password; check them";
            case REJECT_SESSION_NOT_AVAILABLE:
                return "'S' session not available: the requested session is not valid or not available; " +
                    "request a blank session for the current one";
            default:
                return "unknown reason code " + printable(reasonCode);
        }
    }

    /**
     * @param type a Packet Type.
     * @return the specification's name of the packet, or "unknown".
     */
    public static String packetName(final byte type)
    {
        switch (type)
        {
            case DEBUG:
                return "Debug";
            case LOGIN_ACCEPTED:
                return "Login Accepted";
            case LOGIN_REJECTED:
                return "Login Rejected";
            case SEQUENCED_DATA:
                return "Sequenced Data";
            case SERVER_HEARTBEAT:
                return "Server Heartbeat";
            case END_OF_SESSION:
                return "End of Session";
            case LOGIN_REQUEST:
                return "Login Request";
            case UNSEQUENCED_DATA:
                return "Unsequenced Data";
            case CLIENT_HEARTBEAT:
                return "Client Heartbeat";
            case LOGOUT_REQUEST:
                return "Logout Request";
            default:
                return "unknown";
        }
    }

    private static String printable(final byte b)
    {
        return b >= 0x20 && b < 0x7F ? "'" + (char)b + "'" : "0x" + Integer.toHexString(b & 0xFF);
    }
}
