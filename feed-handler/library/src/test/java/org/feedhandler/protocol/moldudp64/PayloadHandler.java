package org.feedhandler.protocol.moldudp64;

import org.agrona.DirectBuffer;
import org.feedhandler.protocol.BlockHandler;
import org.feedhandler.protocol.MessageHandler;

import java.util.ArrayList;
import java.util.List;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A sequencer's handler for tests whose messages carry their own sequence number as a u64 payload:
 * it records each one delivered, taking them one a call or, as a {@link BlockHandler}, in runs.
 */
class PayloadHandler implements MessageHandler
{
    /** How the handler takes its messages. */
    enum Delivery
    {
        /** A plain {@link MessageHandler}: the sequencer calls once per message. */
        ONE_BY_ONE,
        /** A {@link BlockHandler} that takes every whole block it is handed. */
        RUNS,
        /** A {@link BlockHandler} that takes at most two blocks a call, so the sequencer does the rest one by one. */
        RUNS_OF_TWO
    }

    final List<Long> delivered;
    /** The length of each message handed over one a call, in order. */
    final List<Integer> singleLengths = new ArrayList<>();
    int runCalls;

    PayloadHandler(final List<Long> delivered)
    {
        this.delivered = delivered;
    }

    static PayloadHandler of(final Delivery delivery, final List<Long> delivered)
    {
        switch (delivery)
        {
            case RUNS:
                return new Runs(delivered, Integer.MAX_VALUE);
            case RUNS_OF_TWO:
                return new Runs(delivered, 2);
            default:
                return new PayloadHandler(delivered);
        }
    }

    public void onMessage(final DirectBuffer buffer, final int offset, final int length, final long sequenceNumber)
    {
        singleLengths.add(length);
        if (length >= Long.BYTES)
        {
            assertEquals(sequenceNumber, buffer.getLong(offset, BIG_ENDIAN), "payload carries its own sequence number");
        }
        delivered.add(sequenceNumber);
    }

    private static final class Runs extends PayloadHandler implements BlockHandler
    {
        private final int most;
        private int lastBlockCount;

        Runs(final List<Long> delivered, final int most)
        {
            super(delivered);
            this.most = most;
        }

        public int onBlocks(final DirectBuffer buffer, final int offset, final int length, final int maxBlocks)
        {
            runCalls++;
            final int end = offset + length;
            int position = offset;
            int blocks = 0;
            while (blocks < Math.min(most, maxBlocks) && position + LENGTH_PREFIX <= end)
            {
                final int messageLength = buffer.getShort(position, BIG_ENDIAN) & 0xFFFF;
                if (0 == messageLength || position + LENGTH_PREFIX + messageLength > end)
                {
                    break;
                }
                delivered.add(buffer.getLong(position + LENGTH_PREFIX, BIG_ENDIAN));
                position += LENGTH_PREFIX + messageLength;
                blocks++;
            }
            lastBlockCount = blocks;
            return position - offset;
        }

        public int lastBlockCount()
        {
            return lastBlockCount;
        }
    }
}
