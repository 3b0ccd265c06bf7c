package org.feedhandler.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.agrona.DirectBuffer;
import org.feedhandler.protocol.MessageHandler;
import org.feedhandler.protocol.itch.GlimpseDecoder;
import org.feedhandler.protocol.itch.ItchDecoder;
import org.feedhandler.protocol.soupbintcp.SoupBinTcpFileReader;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SoupBinTCP capture reader ({@code replay --format soupbintcp}) against arbitrary files, its
 * Sequenced Data through the GLIMPSE and ITCH decoders. Seed: a GLIMPSE session the simulator saved
 * ({@code publish --messages 400 --stocks 3 --snapshot-save}).
 * <p>
 * Properties: nothing escapes; every message lies inside the buffer and is counted; the bytes left
 * unread (after End of Session, after a Packet Length of 0, a cut packet) are at most the file, and
 * only one kind of stop happens.
 */
class SoupBinTcpFileReaderFuzzTest
{
    private final Bounded bounded = new Bounded();

    @FuzzTest(maxDuration = "5s")
    void read(final byte[] input)
    {
        bounded.run("SoupBinTcpFileReader", () ->
        {
            final Path file = bounded.write(input);
            try (SoupBinTcpFileReader reader = SoupBinTcpFileReader.open(file))
            {
                final Messages messages = new Messages(
                    new GlimpseDecoder(new ItchDecoder(new ReadingListener().listener()), sequence -> { }));
                assertEquals(reader.readAll(messages), reader.sequencedData());
                assertEquals(messages.count, reader.sequencedData());
                assertTrue(reader.sequencedData() + reader.loginsAccepted() + reader.heartbeats() +
                    reader.otherPackets() + reader.unknownPackets() <= reader.packets());
                final long unread = reader.afterEndOfSessionBytes() + reader.garbageBytes() + reader.truncatedBytes();
                assertTrue(unread >= 0 && unread <= input.length, "unread " + unread + " of " + input.length);
                final int stops = (reader.afterEndOfSessionBytes() > 0 ? 1 : 0) + (reader.garbageBytes() > 0 ? 1 : 0) +
                    (reader.truncated() ? 1 : 0);
                assertTrue(stops <= 1, "one way to stop");
            }
            return null;
        });
    }

    /** Checks bounds and numbering, and decodes. */
    private static final class Messages implements MessageHandler
    {
        private final GlimpseDecoder decoder;
        long count;

        Messages(final GlimpseDecoder decoder)
        {
            this.decoder = decoder;
        }

        public void onMessage(final DirectBuffer buffer, final int offset, final int length, final long sequenceNumber)
        {
            assertTrue(length > 0 && offset >= 3 && offset + length <= buffer.capacity(),
                "message [" + offset + ", +" + length + ") outside the buffer of " + buffer.capacity());
            count++;
            decoder.onMessage(buffer, offset, length, sequenceNumber);
        }
    }
}
