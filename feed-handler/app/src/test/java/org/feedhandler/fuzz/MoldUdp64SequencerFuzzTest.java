package org.feedhandler.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.protocol.Lines;
import org.feedhandler.protocol.MessageHandler;
import org.feedhandler.protocol.moldudp64.MoldUdp64Sequencer;
import org.feedhandler.protocol.moldudp64.SequencerContext;
import org.feedhandler.protocol.moldudp64.SequencerListener;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MoldUDP64 sequencer against arbitrary datagrams on two lines and a retransmission line, with time
 * passing between them so gaps are declared, requested and given up. Seeds: the real MoldUDP64 stream
 * (moldudp-unwrap's three packets) framed as below (see this class's Inputs directory).
 * <p>
 * An input is one configuration byte, then datagrams, each a control byte (bits 0-1: line A, B or
 * retransmission; bits 2-7: milliseconds to let pass first) and a u16 big-endian length.
 * <p>
 * Properties: nothing escapes; each input finishes within {@link Bounded#DEADLINE_SECONDS} (its final
 * {@code finish()} too); every datagram is counted as a packet; every message handed on lies inside its
 * buffer, in rising sequence order (serial-number arithmetic over u64, as the sequencer's) within a session (so at most
 * once); the handler's count is the sequencer's.
 */
class MoldUdp64SequencerFuzzTest
{
    /**
     * Inputs that hung the sequencer before its gap arithmetic became O(1) per packet: the first sample
     * packet then a heartbeat at 2^63-1 (written by hand), and what this target found within seconds: a
     * heartbeat 844,424,930,131,968 (about 2^49.6) ahead, with recovery on.
     */
    static final String[] KNOWN_HANG_INPUTS = {
        "/org/feedhandler/fuzz/known-hang/far-ahead-2e63-1",
        "/org/feedhandler/fuzz/known-hang/found-heartbeat-2e49-ahead",
    };

    private static final int STORE_CELLS = 256;
    private static final int CELL_BYTES = 64;

    private final Bounded bounded = new Bounded();

    @FuzzTest(maxDuration = "5s")
    void sequence(final byte[] input)
    {
        bounded.run("MoldUdp64Sequencer", () -> replay(input));
    }

    @Test
    void shouldFinishAFarAheadSequenceNumberPromptly() throws IOException
    {
        for (final String name : KNOWN_HANG_INPUTS)
        {
            try (InputStream in = MoldUdp64SequencerFuzzTest.class.getResourceAsStream(name))
            {
                assertNotNull(in, name);
                final byte[] input = in.readAllBytes();
                bounded.run("MoldUdp64Sequencer " + name, () -> replay(input));
            }
        }
    }

    /**
     * @param input the fuzz input.
     * @return nothing.
     */
    static Void replay(final byte[] input)
    {
        if (input.length < 1)
        {
            return null;
        }
        final int flags = input[0];
        final long start = 0 != (flags & 8) ? SequencerContext.START_AT_FIRST_SEEN : 1;
        final Delivery delivery = new Delivery();
        final SequencerContext config = new SequencerContext()
            .startSequence(start)
            .lines(0 != (flags & 1) ? 2 : 1)
            .followSessionChange(0 != (flags & 2))
            .store(STORE_CELLS, CELL_BYTES)
            .gapWaitNs(200_000)
            .lineSilenceNs(1_000_000_000L);
        if (0 != (flags & 4))
        {
            config.recovery((high, low, from, count) ->
            {
                delivery.requests++;
                return true;
            }, 50_000_000L, 3);
        }
        final MoldUdp64Sequencer sequencer = new MoldUdp64Sequencer(delivery, delivery, config);
        delivery.sequencer = sequencer;

        final UnsafeBuffer buffer = new UnsafeBuffer(input);
        final int lines = sequencer.lines();
        long nowNs = 1_000_000_000L;
        long fed = 0;
        int position = 1;
        while (position + 3 <= input.length)
        {
            final int control = input[position] & 0xFF;
            final int length = Math.min(buffer.getShort(position + 1, ByteOrder.BIG_ENDIAN) & 0xFFFF,
                input.length - position - 3);
            final int offset = position + 3;
            position = offset + length;
            nowNs += (control >>> 2) * 1_000_000L;
            int line = control & 3;
            if (line == 3 || (line == Lines.B && lines == 1))
            {
                line = Lines.A;
            }
            sequencer.onPacket(buffer, offset, length, line, nowNs);
            fed++;
            sequencer.doWork(nowNs);
            assertEquals(fed, sequencer.counters().packets(), "every datagram counted as a packet");
        }
        sequencer.doWork(nowNs + 10_000_000_000L);
        sequencer.finish();
        assertEquals(delivery.messages, sequencer.counters().messagesDelivered(), "the handler's count is the sequencer's");
        return null;
    }

    /** Checks each delivery against the datagram being processed. */
    private static final class Delivery implements MessageHandler, SequencerListener
    {
        MoldUdp64Sequencer sequencer;
        long messages;
        long requests;
        private boolean deliveredInSession;
        private long lastSequence;

        public void onMessage(final DirectBuffer buffer, final int offset, final int length, final long sequenceNumber)
        {
            messages++;
            assertTrue(length >= 0 && offset >= 0 && offset + length <= buffer.capacity(),
                "message [" + offset + ", +" + length + ") outside its buffer of " + buffer.capacity());
            // the sequencer orders u64 sequence numbers in serial-number arithmetic (RFC 1982: a is after
            // b when a - b > 0 as a signed long), so 2^63 follows 2^63-1 and 0 follows 2^64-1
            assertTrue(!deliveredInSession || sequenceNumber - lastSequence > 0,
                "message " + Long.toUnsignedString(sequenceNumber) + " delivered after " +
                Long.toUnsignedString(lastSequence) + " in one session");
            deliveredInSession = true;
            lastSequence = sequenceNumber;
        }

        public void onSessionChange(
            final long oldHigh, final int oldLow, final long newHigh, final int newLow, final boolean following)
        {
            deliveredInSession = false;
        }
    }
}
