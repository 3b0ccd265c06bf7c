package org.feedhandler.sim;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class MessageHistoryTest
{
    private final UnsafeBuffer src = new UnsafeBuffer(new byte[128]);
    private final UnsafeBuffer dst = new UnsafeBuffer(new byte[128]);

    private static int fill(final UnsafeBuffer buffer, final long sequence)
    {
        final int length = 8 + (int)(sequence % 43);
        buffer.putLong(0, sequence);
        for (int i = 8; i < length; i++)
        {
            buffer.putByte(i, (byte)(sequence * 31 + i));
        }
        return length;
    }

    private static boolean matches(final UnsafeBuffer buffer, final int length, final long sequence)
    {
        if (length != 8 + (int)(sequence % 43) || buffer.getLong(0) != sequence)
        {
            return false;
        }
        for (int i = 8; i < length; i++)
        {
            if (buffer.getByte(i) != (byte)(sequence * 31 + i))
            {
                return false;
            }
        }
        return true;
    }

    @Test
    void shouldKeepTheLastCapacityMessages()
    {
        try (MessageHistory history = new MessageHistory(100))
        {
            assertEquals(128, history.capacity());
            for (long sequence = 1; sequence <= 1000; sequence++)
            {
                history.append(sequence, src, 0, fill(src, sequence));
            }
            assertEquals(1000, history.highest());
            assertEquals(873, history.lowest());
            assertEquals(-1, history.read(872, dst, 0));
            assertEquals(-1, history.read(1001, dst, 0));
            assertEquals(-1, history.read(0, dst, 0));
            for (long sequence = 873; sequence <= 1000; sequence++)
            {
                assertTrue(matches(dst, history.read(sequence, dst, 0), sequence), "at " + sequence);
            }
        }
    }

    @Test
    void shouldNotKeepAMessageLongerThanASlot()
    {
        try (MessageHistory history = new MessageHistory(16))
        {
            history.append(1, src, 0, MessageHistory.MAX_MESSAGE_LENGTH + 1);
            history.append(2, src, 0, MessageHistory.MAX_MESSAGE_LENGTH);
            assertEquals(-1, history.read(1, dst, 0));
            assertEquals(MessageHistory.MAX_MESSAGE_LENGTH, history.read(2, dst, 0));
            assertEquals(1, history.tooLong());
        }
    }

    @Test
    void shouldNeverHandAReaderATornMessageWhileTheWriterLapsIt() throws InterruptedException
    {
        try (MessageHistory history = new MessageHistory(64))
        {
            final AtomicBoolean done = new AtomicBoolean();
            final AtomicLong reads = new AtomicLong();
            final AtomicLong torn = new AtomicLong();
            final Thread reader = new Thread(() ->
            {
                final UnsafeBuffer out = new UnsafeBuffer(new byte[128]);
                final ThreadLocalRandom random = ThreadLocalRandom.current();
                int i = 0;
                while (!done.get())
                {
                    final long high = history.highest();
                    if (high > 64)
                    {
                        final long sequence = high - random.nextInt(64);
                        final int length = history.read(sequence, out, 0);
                        if (length >= 0)
                        {
                            reads.incrementAndGet();
                            if (!matches(out, length, sequence))
                            {
                                torn.incrementAndGet();
                            }
                        }
                    }
                    if (++i % 64 == 0)
                    {
                        Thread.yield(); // the writer is this test's busy thread
                    }
                }
            });
            reader.start();
            for (long sequence = 1; sequence <= 3_000_000; sequence++)
            {
                history.append(sequence, src, 0, fill(src, sequence));
            }
            done.set(true);
            reader.join();
            assertTrue(reads.get() > 0);
            assertEquals(0, torn.get(), "torn reads out of " + reads.get());
        }
    }
}
