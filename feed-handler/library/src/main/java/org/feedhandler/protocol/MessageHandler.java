package org.feedhandler.protocol;

import org.agrona.DirectBuffer;

/**
 * Receives framed messages, in sequence order, from a framing layer (MoldUDP64, BinaryFILE).
 */
@FunctionalInterface
public interface MessageHandler
{
    /**
     * One message.
     *
     * @param buffer         holding the message; valid only during the call.
     * @param offset         of the message's first byte (for ITCH, its type).
     * @param length         of the message.
     * @param sequenceNumber of the message (BinaryFILE: its 1-based record number).
     */
    void onMessage(DirectBuffer buffer, int offset, int length, long sequenceNumber);
}
