package org.feedhandler.sim;

import org.feedhandler.protocol.MessageHandler;

/**
 * Sees what the {@link Publisher} sends, on its send thread, so that something off the simulator's
 * layer (the CLI's GLIMPSE books) can follow the stream without a second copy of it or a lock:
 * <ul>
 *   <li>{@link #onMessage} for every message, in sequence order, as it joins a packet (timestamp
 *       already stamped): a MoldUDP64 sequence number and the ITCH message;</li>
 *   <li>{@link #poll(long)} between packets and while idle: the tap's chance to do work that must see
 *       a state consistent at one sequence number (every message before {@code nextSequence} and
 *       none after);</li>
 *   <li>{@link #onSendEnd(long)} once, when the send loop is done: nothing more will be sent, so from
 *       then on the tap may work on other threads.</li>
 * </ul>
 * Every call is on the send thread and must be cheap: the send loop is open loop, and time spent here
 * is lag charged to the messages behind it.
 */
public interface PublisherTap extends MessageHandler
{
    /**
     * @param nextSequence the sequence number the next message sent will carry.
     * @return work done, 0 when none (one volatile read is all an idle poll should cost).
     */
    int poll(long nextSequence);

    /**
     * @param nextSequence the sequence number a message after the last would carry.
     */
    void onSendEnd(long nextSequence);
}
