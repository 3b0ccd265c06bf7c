package org.feedhandler.protocol;

import org.agrona.DirectBuffer;

/**
 * Receives a run of length-prefixed messages at once: each a u16 big-endian length and then that
 * many bytes of message, back to back. It is the framing of MoldUDP64 message blocks and of
 * BinaryFILE records, so a framing layer can hand over everything it holds rather than call once
 * per message; the handler's loop over the run and its dispatch then compile as one method.
 */
public interface BlockHandler
{
    /** Bytes of the u16 big-endian length before each message, in MoldUDP64 and BinaryFILE alike. */
    int LENGTH_PREFIX = 2;

    /**
     * Handle whole blocks from the start of {@code [offset, offset + length)}, at most
     * {@code maxBlocks}. Stop before a block whose length prefix is 0 (BinaryFILE's end of
     * session) or whose message runs past the range; the caller decides what those mean. A first block
     * that is whole and not empty must be handled (as valid, unknown or malformed): callers take
     * "no block" to mean "nothing whole here".
     *
     * @param buffer    holding the blocks; valid only during the call.
     * @param offset    of the first block's length prefix.
     * @param length    of the range.
     * @param maxBlocks the most blocks to handle, at least 1.
     * @return bytes consumed: the prefixes and messages of the blocks handled.
     */
    int onBlocks(DirectBuffer buffer, int offset, int length, int maxBlocks);

    /**
     * @return blocks handled by the last {@link #onBlocks} call.
     */
    int lastBlockCount();
}
