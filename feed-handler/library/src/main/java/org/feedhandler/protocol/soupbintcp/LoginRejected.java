package org.feedhandler.protocol.soupbintcp;

import org.agrona.DirectBuffer;

import static org.feedhandler.protocol.soupbintcp.SoupBinTcp.*;

/**
 * Flyweight over a Login Rejected 'J' payload. Valid for the duration of the framer's callback only.
 */
public final class LoginRejected
{
    private DirectBuffer buffer;
    private int offset;

    /**
     * @return false, and not wrapped, when the payload is empty.
     */
    public boolean wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < LOGIN_REJECTED_PAYLOAD_LENGTH)
        {
            return false;
        }
        this.buffer = buffer;
        this.offset = offset;
        return true;
    }

    /**
     * @return {@link SoupBinTcp#REJECT_NOT_AUTHORIZED}, {@link SoupBinTcp#REJECT_SESSION_NOT_AVAILABLE}, or
     * whatever else the server sent (see {@link SoupBinTcp#rejectReason}).
     */
    public byte reasonCode()
    {
        return buffer.getByte(offset + LOGIN_REJECTED_REASON_OFFSET);
    }
}
