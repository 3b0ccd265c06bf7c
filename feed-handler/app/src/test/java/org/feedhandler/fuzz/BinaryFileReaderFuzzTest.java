package org.feedhandler.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.agrona.DirectBuffer;
import org.feedhandler.protocol.MessageHandler;
import org.feedhandler.protocol.binaryfile.BinaryFileReader;
import org.feedhandler.protocol.itch.ItchDecoder;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The BinaryFILE reader against arbitrary files, read record by record and as runs of blocks into the
 * ITCH decoder. Seeds: the real Nasdaq and nassau BinaryFILE samples (see this class's Inputs directory).
 * <p>
 * Properties: nothing escapes; records are numbered 1, 2, 3... and lie inside the mapped window; the
 * bytes account exactly: records and their prefixes (and the prefixes of zero-length records stepped
 * over), then an end-of-session marker and the bytes after
 * it, or a cut record at {@code truncatedOffset}, or the end of the file; both ways of reading agree.
 */
class BinaryFileReaderFuzzTest
{
    private final Bounded bounded = new Bounded();

    @FuzzTest(maxDuration = "5s")
    void read(final byte[] input)
    {
        bounded.run("BinaryFileReader", () ->
        {
            final Path file = bounded.write(input);
            final Records records = new Records();
            try (BinaryFileReader reader = BinaryFileReader.open(file))
            {
                assertEquals(reader.readAll(records), reader.records());
                assertEquals(records.count, reader.records());
                // a zero-length record followed by an ITCH record is stepped over: its 2-byte prefix is read too
                final long recordBytes = records.bytes + 2 * reader.zeroLengthRecords();
                assertTrue(reader.isDone());
                if (reader.endOfSession())
                {
                    assertEquals(recordBytes + 2, reader.position(), "records, then the end marker");
                    assertEquals(input.length, reader.position() + reader.trailingBytes(), "then the bytes after it");
                }
                else if (reader.truncated())
                {
                    assertEquals(recordBytes, reader.position(), "records, then the cut one");
                    assertEquals(reader.position(), reader.truncatedOffset());
                    assertTrue(reader.truncatedOffset() < input.length);
                }
                else
                {
                    assertEquals(input.length, recordBytes, "records to the end of the file");
                }
            }
            try (BinaryFileReader reader = BinaryFileReader.open(file))
            {
                final ItchDecoder decoder = new ItchDecoder(new ReadingListener().listener());
                assertEquals(records.count, reader.readAllBlocks(decoder), "runs of blocks read what records do");
                assertEquals(records.count, decoder.messages() + decoder.unknown() + decoder.malformed());
            }
            return null;
        });
    }

    /** Checks the records' numbering and bounds, and adds up their bytes. */
    private static final class Records implements MessageHandler
    {
        long count;
        long bytes;

        public void onMessage(final DirectBuffer buffer, final int offset, final int length, final long sequenceNumber)
        {
            count++;
            assertEquals(count, sequenceNumber, "records numbered from 1");
            assertTrue(length > 0 && offset >= 2 && offset + length <= buffer.capacity(),
                "record [" + offset + ", +" + length + ") outside the window of " + buffer.capacity());
            bytes += 2 + length;
        }
    }
}
