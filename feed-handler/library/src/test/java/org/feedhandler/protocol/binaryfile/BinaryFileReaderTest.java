package org.feedhandler.protocol.binaryfile;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.TestData;
import org.feedhandler.protocol.BlockHandler;
import org.feedhandler.protocol.FileShrankException;
import org.feedhandler.protocol.itch.AddOrder;
import org.feedhandler.protocol.itch.ItchDecoder;
import org.feedhandler.protocol.itch.ItchEncoder;
import org.feedhandler.protocol.itch.ItchListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinaryFileReaderTest
{
    private final List<String> records = new ArrayList<>();

    private void record(final DirectBuffer buffer, final int offset, final int length, final long seq)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        records.add(seq + ":" + (length > 0 && bytes[0] >= 'A' ? (char)bytes[0] + "/" + length : new String(bytes)));
    }

    @Test
    void shouldReadNassauVectorUpToEndOfSession() throws IOException
    {
        try (BinaryFileReader reader = BinaryFileReader.open(TestData.real("nassau_binaryfile.dat")))
        {
            assertEquals(4, reader.readAll(this::record));
            assertTrue(reader.endOfSession());
            assertFalse(reader.truncated());
        }
        assertEquals(List.of("1:f/3", "2:b/3", "3:b/3", "4:q/4"), records);
    }

    @Test
    void shouldReadFirstThreeRealNasdaqRecords() throws IOException
    {
        try (BinaryFileReader reader = BinaryFileReader.open(TestData.real("nasdaq_01302019_first3msgs.binaryfile")))
        {
            assertEquals(3, reader.readAll(this::record));
            assertFalse(reader.truncated());
            assertEquals(96, reader.position());
        }
        assertEquals(List.of("1:S/12", "2:R/39", "3:R/39"), records);
    }

    @Test
    void shouldProcessEverythingBeforeACutRecordAndReportItsOffset() throws IOException
    {
        try (BinaryFileReader reader = BinaryFileReader.open(TestData.real("nasdaq_01302020_first100bytes.binaryfile")))
        {
            assertEquals(3, reader.readAll(this::record));
            assertTrue(reader.truncated());
            assertEquals(96, reader.truncatedOffset());
        }
        assertEquals(List.of("1:S/12", "2:R/39", "3:R/39"), records);
    }

    @Test
    void shouldReportCutInsideTheLengthPrefix(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("cut.bin");
        Files.write(file, new byte[]{0, 3, 'a', 'b', 'c', 0});
        try (BinaryFileReader reader = BinaryFileReader.open(file))
        {
            assertEquals(1, reader.readAll(this::record));
            assertTrue(reader.truncated());
            assertEquals(5, reader.truncatedOffset());
        }
    }

    @Test
    void shouldReadRecordsAcrossMappingWindowsInConstantMemory(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("big.bin");
        final int count = 40_000;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file))))
        {
            for (int i = 0; i < count; i++)
            {
                final int length = 4 + (i % 50);
                out.writeShort(length);
                out.writeInt(i);
                for (int j = 4; j < length; j++)
                {
                    out.writeByte(j);
                }
            }
        }
        final long[] checks = new long[2];
        try (BinaryFileReader reader = BinaryFileReader.open(file, 65_537))
        {
            final long n = reader.readAll((buffer, offset, length, seq) ->
            {
                assertEquals(4 + ((seq - 1) % 50), length);
                if (length >= 5)
                {
                    assertEquals(seq - 1, buffer.getInt(offset, java.nio.ByteOrder.BIG_ENDIAN));
                    checks[0]++;
                }
                checks[1] = seq;
            });
            assertEquals(count, n);
            assertEquals(count, checks[1]);
            assertFalse(reader.truncated());
            assertTrue(reader.fileSize() > 65_537 * 10, "the file spans many windows");
        }
    }

    @Test
    void shouldHandRunsOfRealRecordsToABlockHandlerUpToTheCut() throws IOException
    {
        final ItchDecoder decoder = new ItchDecoder(new ItchListener()
        {
        });
        try (BinaryFileReader reader = BinaryFileReader.open(TestData.real("nasdaq_01302020_first100bytes.binaryfile")))
        {
            assertEquals(3, reader.readAllBlocks(decoder));
            assertTrue(reader.truncated());
            assertEquals(96, reader.truncatedOffset());
            assertEquals(3, reader.records());
        }
        assertEquals(1, decoder.count((byte)'S'));
        assertEquals(2, decoder.count((byte)'R'));
    }

    @Test
    void shouldStopBlocksAtEndOfSession() throws IOException
    {
        final ItchDecoder decoder = new ItchDecoder(new ItchListener()
        {
        });
        try (BinaryFileReader reader = BinaryFileReader.open(TestData.real("nassau_binaryfile.dat")))
        {
            assertEquals(4, reader.readAllBlocks(decoder));
            assertTrue(reader.endOfSession());
            assertFalse(reader.truncated());
        }
        assertEquals(4, decoder.unknown(), "its payload is not ITCH: four unknown types, each skipped");
    }

    @Test
    void shouldRefuseABlockHandlerThatTakesNoWholeRecordRatherThanStopMidFile() throws IOException
    {
        final BlockHandler takesNothing = new BlockHandler()
        {
            public int onBlocks(final DirectBuffer buffer, final int offset, final int length, final int maxBlocks)
            {
                return 0;
            }

            public int lastBlockCount()
            {
                return 0;
            }
        };
        try (BinaryFileReader reader = BinaryFileReader.open(TestData.real("nasdaq_01302019_first3msgs.binaryfile")))
        {
            final IllegalStateException e = assertThrows(IllegalStateException.class, () -> reader.pollBlocks(takesNothing, 10));
            assertTrue(e.getMessage().contains("12-byte record at byte 0"), e.getMessage());
            assertFalse(reader.isDone());
        }
    }

    @Test
    void shouldHandRunsOfBlocksAcrossMappingWindows(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("adds.bin");
        final int count = 40_000;
        final UnsafeBuffer message = new UnsafeBuffer(new byte[AddOrder.LENGTH]);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file))))
        {
            for (int i = 0; i < count; i++)
            {
                final int length = ItchEncoder.addOrder(message, 0, 1, 0, i, i + 1, (byte)'B', 100, 0, 10_000);
                out.writeShort(length);
                out.write(message.byteArray(), 0, length);
            }
            out.writeShort(0);
        }
        final long[] sum = new long[1];
        final ItchDecoder decoder = new ItchDecoder(new ItchListener()
        {
            public void onAddOrder(final AddOrder m)
            {
                sum[0] += m.orderReferenceNumber();
            }
        });
        try (BinaryFileReader reader = BinaryFileReader.open(file, 65_537))
        {
            assertEquals(count, reader.readAllBlocks(decoder));
            assertTrue(reader.endOfSession());
            assertEquals(count, reader.records());
            assertTrue(reader.fileSize() > 65_537 * 10, "the file spans many windows");
        }
        assertEquals((long)count * (count + 1) / 2, sum[0], "every reference once, none twice");
        assertEquals(count, decoder.count((byte)'A'));
        assertEquals(0, decoder.malformed());
    }

    @Test
    void shouldThrowFileShrankWhenTheFileIsTruncatedUnderTheReader(@TempDir final Path dir) throws IOException
    {
        final byte[] day = TestData.realBytes("nasdaq_01302019_first3msgs.binaryfile");
        final Path file = dir.resolve("shrinking.bin");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file))))
        {
            for (int i = 0; i < 10_000; i++)
            {
                out.write(day);
            }
        }
        try (BinaryFileReader reader = BinaryFileReader.open(file, BlockHandler.LENGTH_PREFIX + 0xFFFF))
        {
            assertEquals(3, reader.poll(this::record, 3));
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
            {
                channel.truncate(day.length);
            }
            final FileShrankException ex = assertThrows(FileShrankException.class, () -> reader.readAll(this::record));
            assertEquals(10_000L * day.length, ex.lengthAtOpen());
            assertEquals(day.length, ex.lengthNow());
            assertTrue(ex.getMessage().contains("shrank"), ex.getMessage());
        }
    }

    @Test
    void shouldStepOverAZeroLengthRecordOnlyWhenAnItchRecordFollows(@TempDir final Path dir) throws IOException
    {
        final byte[] day = TestData.realBytes("nasdaq_01302019_first3msgs.binaryfile");
        final Path resync = dir.resolve("resync.bin");
        Files.write(resync,
            concat(java.util.Arrays.copyOf(day, 14), new byte[2], java.util.Arrays.copyOfRange(day, 14, 96)));
        try (BinaryFileReader reader = BinaryFileReader.open(resync))
        {
            assertEquals(3, reader.readAll(this::record));
            assertEquals(1, reader.zeroLengthRecords());
            assertEquals(0, reader.trailingBytes());
            assertFalse(reader.endOfSession());
        }

        final Path stop = dir.resolve("stop.bin");
        Files.write(stop, concat(java.util.Arrays.copyOf(day, 14), new byte[] {0, 0, 0, 3, 'f', 'o', 'o'}));
        try (BinaryFileReader reader = BinaryFileReader.open(stop))
        {
            assertEquals(1, reader.readAll(this::record));
            assertEquals(0, reader.zeroLengthRecords());
            assertEquals(5, reader.trailingBytes());
            assertTrue(reader.endOfSession());
        }
    }

    private static byte[] concat(final byte[]... parts)
    {
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (final byte[] part : parts)
        {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
