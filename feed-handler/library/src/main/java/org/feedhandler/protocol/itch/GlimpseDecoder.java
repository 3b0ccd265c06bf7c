package org.feedhandler.protocol.itch;

import org.agrona.DirectBuffer;
import org.feedhandler.protocol.AsciiFields;
import org.feedhandler.protocol.MessageHandler;

/**
 * Decodes the messages of a GLIMPSE 5.0 snapshot: an End of Snapshot ('G') goes to the {@link Listener},
 * every other message to the {@link ItchDecoder} unchanged, so the snapshot builds the books through
 * the same decoder and listener as the live feed. The ITCH decoder's hot path is not touched: 'G' is
 * looked at here, once per snapshot message, and the live feed never passes through this class.
 * A 'G' too short or without a number is counted ({@link #malformedEndOfSnapshots()}) and not reported.
 */
public final class GlimpseDecoder implements MessageHandler
{
    /**
     * Told when the snapshot ends.
     */
    @FunctionalInterface
    public interface Listener
    {
        /**
         * @param itchSequenceNumber the TotalView-ITCH sequence number at which to start processing
         *                           the real-time feed.
         */
        void onEndOfSnapshot(long itchSequenceNumber);
    }

    private final ItchDecoder itchDecoder;
    private final Listener listener;
    private final EndOfSnapshot endOfSnapshot = new EndOfSnapshot();
    private long endOfSnapshots;
    private long malformedEndOfSnapshots;

    public GlimpseDecoder(final ItchDecoder itchDecoder, final Listener listener)
    {
        this.itchDecoder = itchDecoder;
        this.listener = listener;
    }

    public void onMessage(final DirectBuffer buffer, final int offset, final int length, final long sequenceNumber)
    {
        decode(buffer, offset, length);
    }

    /**
     * @return {@link ItchDecoder#DECODED}, {@link ItchDecoder#UNKNOWN_TYPE} or {@link ItchDecoder#MALFORMED}.
     */
    public int decode(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > 0 && offset >= 0 && offset < buffer.capacity() &&
            EndOfSnapshot.MESSAGE_TYPE == buffer.getByte(offset))
        {
            final long sequenceNumber;
            if (!endOfSnapshot.wrap(buffer, offset, length) ||
                AsciiFields.INVALID == (sequenceNumber = endOfSnapshot.sequenceNumber()))
            {
                malformedEndOfSnapshots++;
                return ItchDecoder.MALFORMED;
            }
            endOfSnapshots++;
            listener.onEndOfSnapshot(sequenceNumber);
            return ItchDecoder.DECODED;
        }
        return itchDecoder.decode(buffer, offset, length);
    }

    public ItchDecoder itchDecoder()
    {
        return itchDecoder;
    }

    /** @return End of Snapshot messages reported. */
    public long endOfSnapshots()
    {
        return endOfSnapshots;
    }

    /** @return 'G' messages too short or without a sequence number. */
    public long malformedEndOfSnapshots()
    {
        return malformedEndOfSnapshots;
    }
}
