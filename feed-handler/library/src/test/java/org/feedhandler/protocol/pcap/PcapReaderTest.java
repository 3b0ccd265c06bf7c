package org.feedhandler.protocol.pcap;

import org.feedhandler.TestData;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcapReaderTest
{
    private static final int BATS_GROUP_A = 0xef273ebe; // 239.39.62.190
    private static final int BATS_GROUP_B = 0xef273ebf; // 239.39.62.191
    private static final int BATS_PORT = 32001;

    @TempDir
    Path tempDir;

    /** One delivered datagram, as a value. */
    record Udp(long timestampNanos, int srcIp, int srcPort, int dstIp, int dstPort, byte[] payload)
    {
    }

    static final class Recorder implements PcapListener
    {
        final List<Udp> datagrams = new ArrayList<>();

        public void onUdp(
            final long timestampNanos,
            final int srcIp,
            final int srcPort,
            final int dstIp,
            final int dstPort,
            final DirectBuffer buffer,
            final int offset,
            final int length)
        {
            final byte[] payload = new byte[length];
            buffer.getBytes(offset, payload);
            datagrams.add(new Udp(timestampNanos, srcIp, srcPort, dstIp, dstPort, payload));
        }
    }

    private static Recorder readAll(final Path file) throws IOException
    {
        final Recorder recorder = new Recorder();
        try (PcapReader reader = PcapReader.open(file))
        {
            reader.readAll(recorder);
        }
        return recorder;
    }

    // ---- real captures ------------------------------------------------------------------------------

    @Test
    void shouldReadEveryDatagramOfRealBatsRealtimeCapture() throws IOException
    {
        final Recorder recorder = new Recorder();
        try (PcapReader reader = PcapReader.open(TestData.real("bats_mcastpitch_realtime_useq.pcap")))
        {
            assertEquals(ByteOrder.LITTLE_ENDIAN, reader.byteOrder());
            assertFalse(reader.nanosecondTimestamps());
            assertEquals(PcapReader.LINKTYPE_ETHERNET, reader.linkType());
            assertEquals(65535, reader.snapLength());

            assertEquals(739, reader.readAll(recorder));

            assertEquals(739, reader.packets());
            assertEquals(739, reader.frames().udp());
            assertEquals(739, reader.frames().delivered());
            final UdpFrameDecoder frames = reader.frames();
            assertEquals(0, frames.nonUdp() + frames.nonIpv4() + frames.fragments() + frames.snapLengthCuts() +
                frames.shortFrames() + frames.malformed());
            assertTrue(reader.isDone());
            assertFalse(reader.truncated());
            assertEquals(-1, reader.errorOffset());
            assertNull(reader.errorMessage());
            assertEquals(reader.fileLength(), reader.position());
        }

        final List<Udp> datagrams = recorder.datagrams;
        assertEquals(739, datagrams.size());
        assertEquals(1409537199_282409000L, datagrams.get(0).timestampNanos());
        assertEquals(1409537605_081552000L, datagrams.get(738).timestampNanos());

        long maxMessageSequence = 0;
        long maxSequenceField = 0;
        int heartbeats = 0;
        int messages = 0;
        int toGroupA = 0;
        for (final Udp udp : datagrams)
        {
            assertEquals(0x7f000001, udp.srcIp());
            assertEquals(BATS_PORT, udp.dstPort());
            assertTrue(BATS_GROUP_A == udp.dstIp() || BATS_GROUP_B == udp.dstIp());
            toGroupA += BATS_GROUP_A == udp.dstIp() ? 1 : 0;

            final byte[] p = udp.payload();
            final int hdrLength = (p[0] & 0xFF) | (p[1] & 0xFF) << 8;
            final int count = p[2] & 0xFF;
            final int unit = p[3] & 0xFF;
            final long sequence = (p[4] & 0xFFL) | (p[5] & 0xFFL) << 8 | (p[6] & 0xFFL) << 16 | (p[7] & 0xFFL) << 24;
            assertEquals(p.length, hdrLength, "sequenced-unit header length = UDP payload length");
            assertEquals(1, unit);
            maxSequenceField = Math.max(maxSequenceField, sequence);
            if (0 == count)
            {
                heartbeats++;
            }
            else
            {
                messages += count;
                maxMessageSequence = Math.max(maxMessageSequence, sequence + count - 1);
            }
        }
        assertEquals(720, heartbeats);
        assertEquals(42, maxMessageSequence, "last message sequence");
        assertEquals(43, maxSequenceField, "heartbeats after the last message carry the next sequence");
        assertEquals(40, messages);
        assertEquals(375, toGroupA);
    }

    @Test
    void shouldFilterRealCaptureByDestinationGroup() throws IOException
    {
        final Recorder recorder = new Recorder();
        try (PcapReader reader = PcapReader.open(TestData.real("bats_mcastpitch_realtime_useq.pcap")))
        {
            reader.frames().destinationFilter("239.39.62.191:32001");
            reader.readAll(recorder);
            assertEquals(739, reader.frames().udp());
            assertEquals(364, reader.frames().delivered());
            assertEquals(375, reader.frames().filtered());
        }
        assertEquals(364, recorder.datagrams.size());
        recorder.datagrams.forEach((udp) -> assertEquals(BATS_GROUP_B, udp.dstIp()));

        try (PcapReader reader = PcapReader.open(TestData.real("bats_mcastpitch_realtime_useq.pcap")))
        {
            reader.frames().destinationFilter(BATS_GROUP_A, BATS_PORT + 1);
            reader.readAll(recorder);
            assertEquals(0, reader.frames().delivered());
        }
    }

    @Test
    void shouldCountTcpOfRealGapRequestProxyCaptureAsNonUdp() throws IOException
    {
        try (PcapReader reader = PcapReader.open(TestData.real("bats_mcastpitch_grp_useq.pcap")))
        {
            final Recorder recorder = new Recorder();
            assertEquals(42, reader.readAll(recorder));
            assertEquals(42, reader.frames().nonUdp());
            assertEquals(0, reader.frames().udp());
            assertTrue(recorder.datagrams.isEmpty());
            assertFalse(reader.truncated());
        }
    }

    @Test
    void shouldCountTcpOfRealSpinCaptureAsNonUdp() throws IOException
    {
        try (PcapReader reader = PcapReader.open(TestData.real("bats_mcastpitch_spin_useq.pcap")))
        {
            final Recorder recorder = new Recorder();
            assertEquals(33, reader.readAll(recorder));
            assertEquals(33, reader.frames().nonUdp());
            assertEquals(0, reader.frames().udp());
            assertFalse(reader.truncated());
        }
    }

    @Test
    void shouldPollInBoundedBatches() throws IOException
    {
        try (PcapReader reader = PcapReader.open(TestData.real("bats_mcastpitch_realtime_useq.pcap")))
        {
            final Recorder recorder = new Recorder();
            int polls = 0;
            int read;
            while ((read = reader.poll(recorder)) > 0)
            {
                assertTrue(read <= PcapReader.DEFAULT_POLL_LIMIT);
                polls++;
            }
            assertEquals((739 + PcapReader.DEFAULT_POLL_LIMIT - 1) / PcapReader.DEFAULT_POLL_LIMIT, polls);
            assertEquals(739, recorder.datagrams.size());
            assertEquals(0, reader.poll(recorder));
        }
    }

    // ---- generated captures -------------------------------------------------------------------------

    @Test
    void shouldReadNanosecondTimestamps() throws IOException
    {
        final Path file = new PcapTestWriter(ByteOrder.LITTLE_ENDIAN, true, PcapReader.LINKTYPE_ETHERNET)
            .record(1700000000L, 123456789L, new PcapTestWriter.Frame().payload(PcapTestWriter.payload(5, 1)).ethernet())
            .write(tempDir.resolve("ns.pcap"));

        try (PcapReader reader = PcapReader.open(file))
        {
            assertTrue(reader.nanosecondTimestamps());
            final Recorder recorder = new Recorder();
            reader.readAll(recorder);
            assertEquals(1700000000_123456789L, recorder.datagrams.get(0).timestampNanos());
        }
    }

    @Test
    void shouldReadSwappedByteOrderInMicrosAndNanos() throws IOException
    {
        for (final boolean nanos : new boolean[] {false, true})
        {
            final byte[] payload = PcapTestWriter.payload(33, 7);
            final Path file = new PcapTestWriter(ByteOrder.BIG_ENDIAN, nanos, PcapReader.LINKTYPE_ETHERNET)
                .record(1700000001L, 999L, new PcapTestWriter.Frame().dst(0xef000102, 4000).payload(payload).ethernet())
                .write(tempDir.resolve("be-" + nanos + ".pcap"));

            try (PcapReader reader = PcapReader.open(file))
            {
                assertEquals(ByteOrder.BIG_ENDIAN, reader.byteOrder());
                assertEquals(nanos, reader.nanosecondTimestamps());
                final Recorder recorder = new Recorder();
                reader.readAll(recorder);
                final Udp udp = recorder.datagrams.get(0);
                assertEquals(1700000001_000000000L + (nanos ? 999L : 999_000L), udp.timestampNanos());
                assertEquals(0xef000102, udp.dstIp());
                assertEquals(4000, udp.dstPort());
                assertEquals(0x0a000001, udp.srcIp());
                assertEquals(40000, udp.srcPort());
                assertArrayEquals(payload, udp.payload());
            }
        }
    }

    @Test
    void shouldSkipSingleAndDoubleVlanTags() throws IOException
    {
        final byte[] p1 = PcapTestWriter.payload(10, 1);
        final byte[] p2 = PcapTestWriter.payload(20, 2);
        final byte[] p3 = PcapTestWriter.payload(30, 3);
        final Path file = new PcapTestWriter()
            .record(1, 0, new PcapTestWriter.Frame().vlans(UdpFrameDecoder.ETHERTYPE_VLAN).payload(p1).ethernet())
            .record(2, 0, new PcapTestWriter.Frame()
                .vlans(UdpFrameDecoder.ETHERTYPE_QINQ, UdpFrameDecoder.ETHERTYPE_VLAN).payload(p2).ethernet())
            .record(3, 0, new PcapTestWriter.Frame()
                .vlans(UdpFrameDecoder.ETHERTYPE_VLAN, UdpFrameDecoder.ETHERTYPE_VLAN).payload(p3).ethernet())
            .write(tempDir.resolve("vlan.pcap"));

        final Recorder recorder = readAll(file);
        assertEquals(3, recorder.datagrams.size());
        assertArrayEquals(p1, recorder.datagrams.get(0).payload());
        assertArrayEquals(p2, recorder.datagrams.get(1).payload());
        assertArrayEquals(p3, recorder.datagrams.get(2).payload());
    }

    @Test
    void shouldHonourIpv4HeaderLengthWithOptions() throws IOException
    {
        final PcapTestWriter writer = new PcapTestWriter();
        for (int words = 0; words <= 10; words++)
        {
            writer.record(words, 0, new PcapTestWriter.Frame().options(words)
                .payload(PcapTestWriter.payload(8 + words, words)).ethernet());
        }
        final Recorder recorder = readAll(writer.write(tempDir.resolve("options.pcap")));
        assertEquals(11, recorder.datagrams.size());
        for (int words = 0; words <= 10; words++)
        {
            assertArrayEquals(PcapTestWriter.payload(8 + words, words), recorder.datagrams.get(words).payload());
            assertEquals(31001, recorder.datagrams.get(words).dstPort());
        }
    }

    @Test
    void shouldUseUdpLengthNotEthernetPadding() throws IOException
    {
        final byte[] payload = PcapTestWriter.payload(4, 9);
        final Path file = new PcapTestWriter()
            .record(1, 0, new PcapTestWriter.Frame().payload(payload).padTo(60).ethernet())
            .write(tempDir.resolve("padded.pcap"));
        assertArrayEquals(payload, readAll(file).datagrams.get(0).payload());
    }

    @Test
    void shouldCountAndSkipFragmentsButNotDontFragment() throws IOException
    {
        final Path file = new PcapTestWriter()
            .record(1, 0, new PcapTestWriter.Frame().fragment(0x2000).payload(PcapTestWriter.payload(16, 1)).ethernet())
            .record(2, 0, new PcapTestWriter.Frame().fragment(0x0003).payload(PcapTestWriter.payload(16, 2)).ethernet())
            .record(3, 0, new PcapTestWriter.Frame().fragment(0x4000).payload(PcapTestWriter.payload(16, 3)).ethernet())
            .write(tempDir.resolve("fragments.pcap"));

        try (PcapReader reader = PcapReader.open(file))
        {
            final Recorder recorder = new Recorder();
            reader.readAll(recorder);
            assertEquals(3, reader.packets());
            assertEquals(2, reader.frames().fragments());
            assertEquals(1, reader.frames().delivered());
            assertArrayEquals(PcapTestWriter.payload(16, 3), recorder.datagrams.get(0).payload());
        }
    }

    @Test
    void shouldCountNonIpv4NonUdpShortAndMalformedFrames() throws IOException
    {
        final byte[] arp = new byte[42];
        arp[12] = 0x08;
        arp[13] = 0x06;
        final byte[] udp = new PcapTestWriter.Frame().payload(PcapTestWriter.payload(100, 1)).ethernet();
        final byte[] badVersion = new PcapTestWriter.Frame().payload(PcapTestWriter.payload(10, 1)).ethernet();
        badVersion[14] = 0x65;
        final Path file = new PcapTestWriter()
            .record(1, 0, arp)
            .record(2, 0, new PcapTestWriter.Frame().protocol(6).payload(PcapTestWriter.payload(12, 1)).ethernet())
            .record(3, 0, new byte[10])
            .record(4, 0, udp, 60)                     // snap length cut the datagram
            .record(5, 0, badVersion)
            .record(6, 0, udp)
            .write(tempDir.resolve("mixed.pcap"));

        try (PcapReader reader = PcapReader.open(file))
        {
            final Recorder recorder = new Recorder();
            assertEquals(6, reader.readAll(recorder));
            assertEquals(1, reader.frames().nonIpv4());
            assertEquals(1, reader.frames().nonUdp());
            assertEquals(1, reader.frames().shortFrames());
            assertEquals(1, reader.frames().snapLengthCuts());
            assertEquals(1, reader.frames().malformed());
            assertEquals(1, reader.frames().udp());
            assertEquals(1, recorder.datagrams.size());
            assertFalse(reader.truncated());
        }
    }

    @Test
    void shouldReadLinuxCookedCapture() throws IOException
    {
        final byte[] ethernet = new PcapTestWriter.Frame().payload(PcapTestWriter.payload(21, 4)).ethernet();
        final byte[] sll = new byte[16 + ethernet.length - 14];
        sll[14] = 0x08;
        System.arraycopy(ethernet, 14, sll, 16, ethernet.length - 14);
        final Path file = new PcapTestWriter(ByteOrder.LITTLE_ENDIAN, false, PcapReader.LINKTYPE_LINUX_SLL)
            .record(1, 0, sll)
            .write(tempDir.resolve("sll.pcap"));

        assertArrayEquals(PcapTestWriter.payload(21, 4), readAll(file).datagrams.get(0).payload());
    }

    @Test
    void shouldReportFileCutInsideRecordHeaderAndKeepEverythingBefore() throws IOException
    {
        final PcapTestWriter writer = threeRecords();
        final int thirdRecordOffset = writer.length();
        writer.record(3, 0, new PcapTestWriter.Frame().payload(PcapTestWriter.payload(10, 3)).ethernet());
        final Path file = writer.write(tempDir.resolve("cut-header.pcap"), thirdRecordOffset + 7);

        try (PcapReader reader = PcapReader.open(file))
        {
            final Recorder recorder = new Recorder();
            assertEquals(2, reader.readAll(recorder));
            assertEquals(2, recorder.datagrams.size());
            assertTrue(reader.truncated());
            assertTrue(reader.isDone());
            assertEquals(thirdRecordOffset, reader.errorOffset());
            assertTrue(reader.errorMessage().contains("record header of packet 3 at offset " + thirdRecordOffset),
                reader.errorMessage());
            assertTrue(reader.errorMessage().contains("7 of 16 bytes"), reader.errorMessage());
            assertEquals(0, reader.poll(recorder));
        }
    }

    @Test
    void shouldReportFileCutInsidePacketBodyAndKeepEverythingBefore() throws IOException
    {
        final PcapTestWriter writer = threeRecords();
        final int thirdRecordOffset = writer.length();
        final byte[] frame = new PcapTestWriter.Frame().payload(PcapTestWriter.payload(10, 3)).ethernet();
        writer.record(3, 0, frame);
        final Path file = writer.write(tempDir.resolve("cut-body.pcap"), writer.length() - 5);

        try (PcapReader reader = PcapReader.open(file))
        {
            final Recorder recorder = new Recorder();
            reader.readAll(recorder);
            assertEquals(2, recorder.datagrams.size());
            assertTrue(reader.truncated());
            assertEquals(thirdRecordOffset, reader.errorOffset());
            assertTrue(reader.errorMessage().contains("body of packet 3 at offset " + thirdRecordOffset),
                reader.errorMessage());
            assertTrue(reader.errorMessage().contains("incl_len " + frame.length + ", " + (frame.length - 5)),
                reader.errorMessage());
        }
    }

    @Test
    void shouldReportAbsurdRecordLengthAsCorruption() throws IOException
    {
        final PcapTestWriter writer = threeRecords();
        final int garbageOffset = writer.length();
        final byte[] garbage = new byte[64];
        java.util.Arrays.fill(garbage, (byte)0xFF);
        final Path file = writer.raw(garbage).write(tempDir.resolve("garbage.pcap"));

        try (PcapReader reader = PcapReader.open(file))
        {
            final Recorder recorder = new Recorder();
            reader.readAll(recorder);
            assertEquals(2, recorder.datagrams.size());
            assertTrue(reader.truncated());
            assertEquals(garbageOffset, reader.errorOffset());
            assertTrue(reader.errorMessage().contains("corrupt record header of packet 3 at offset " + garbageOffset),
                reader.errorMessage());
            assertTrue(reader.errorMessage().contains("incl_len 4294967295 exceeds 262144"), reader.errorMessage());
        }
    }

    @Test
    void shouldRejectBadMagicShortFileAndPcapngAtOpen() throws IOException
    {
        final Path garbage = Files.write(tempDir.resolve("garbage.bin"), PcapTestWriter.payload(100, 17));
        final PcapFormatException badMagic = assertThrows(PcapFormatException.class, () -> PcapReader.open(garbage));
        assertEquals(0, badMagic.offset());
        assertTrue(badMagic.getMessage().contains("bad magic 0x11121314 at offset 0"), badMagic.getMessage());

        final Path shortFile = Files.write(tempDir.resolve("short.pcap"), new byte[] {(byte)0xd4, (byte)0xc3});
        final PcapFormatException tooShort = assertThrows(PcapFormatException.class, () -> PcapReader.open(shortFile));
        assertTrue(tooShort.getMessage().contains("global header at offset 2"), tooShort.getMessage());

        final byte[] ng = new byte[28];
        ng[0] = 0x0a;
        ng[1] = 0x0d;
        ng[2] = 0x0d;
        ng[3] = 0x0a;
        final Path pcapng = Files.write(tempDir.resolve("capture.pcapng"), ng);
        final PcapFormatException notClassic = assertThrows(PcapFormatException.class, () -> PcapReader.open(pcapng));
        assertTrue(notClassic.getMessage().contains("pcapng"), notClassic.getMessage());

        final Path wrongLink = new PcapTestWriter(ByteOrder.LITTLE_ENDIAN, false, 105).write(tempDir.resolve("wifi.pcap"));
        final PcapFormatException link = assertThrows(PcapFormatException.class, () -> PcapReader.open(wrongLink));
        assertTrue(link.getMessage().contains("unsupported link type 105"), link.getMessage());
    }

    @Test
    void shouldReadCaptureWithNoPackets() throws IOException
    {
        final Path file = new PcapTestWriter().write(tempDir.resolve("empty.pcap"));
        try (PcapReader reader = PcapReader.open(file))
        {
            assertEquals(0, reader.readAll(new Recorder()));
            assertTrue(reader.isDone());
            assertFalse(reader.truncated());
            assertEquals(PcapReader.GLOBAL_HEADER_LENGTH, reader.position());
        }
    }

    @Test
    void shouldReadAcrossMappedRegionBoundaries() throws IOException
    {
        final PcapTestWriter writer = new PcapTestWriter();
        final int records = 1500;
        for (int i = 0; i < records; i++)
        {
            writer.record(i, 0, new PcapTestWriter.Frame().payload(PcapTestWriter.payload(100 + i % 500, i)).ethernet());
        }
        final Path file = writer.write(tempDir.resolve("big.pcap"));
        assertTrue(Files.size(file) > 2 * PcapReader.MIN_REGION_LENGTH);

        try (PcapReader reader = PcapReader.open(file, PcapReader.MIN_REGION_LENGTH))
        {
            final Recorder recorder = new Recorder();
            assertEquals(records, reader.readAll(recorder));
            for (int i = 0; i < records; i++)
            {
                assertArrayEquals(PcapTestWriter.payload(100 + i % 500, i), recorder.datagrams.get(i).payload());
                assertEquals((long)i * 1_000_000_000L, recorder.datagrams.get(i).timestampNanos());
            }
            assertFalse(reader.truncated());
        }
    }

    @Test
    void shouldNotAllocatePerPacket() throws IOException
    {
        final Path file = TestData.real("bats_mcastpitch_realtime_useq.pcap");
        final long[] sink = new long[1];
        final PcapListener listener = (ts, src, sp, dst, dp, buffer, offset, length) ->
            sink[0] += buffer.getByte(offset) + length;
        for (int i = 0; i < 50; i++)
        {
            try (PcapReader reader = PcapReader.open(file))
            {
                reader.readAll(listener);
            }
        }
        final PcapReader[] reader = new PcapReader[1];
        org.feedhandler.Allocations.assertAllocationFreeInSteadyState("reading 739 packets", 739, 10,
            () ->
            {
                try
                {
                    reader[0] = PcapReader.open(file);
                }
                catch (final IOException ex)
                {
                    throw new java.io.UncheckedIOException(ex);
                }
            },
            () -> reader[0].readAll(listener),
            () ->
            {
                assertEquals(739, reader[0].frames().delivered());
                reader[0].close();
            });
    }

    private static PcapTestWriter threeRecords()
    {
        return new PcapTestWriter()
            .record(1, 0, new PcapTestWriter.Frame().payload(PcapTestWriter.payload(10, 1)).ethernet())
            .record(2, 0, new PcapTestWriter.Frame().payload(PcapTestWriter.payload(10, 2)).ethernet());
    }

    @Test
    void shouldReportAFileTruncatedUnderTheMappingAsShrunkNotAsAnInternalError() throws IOException
    {
        final Path file = tempDir.resolve("shrinking.pcap");
        Files.write(file, TestData.realBytes("bats_mcastpitch_realtime_useq.pcap"));
        try (PcapReader reader = PcapReader.open(file))
        {
            final Recorder recorder = new Recorder();
            assertEquals(1, reader.poll(recorder, 1));
            try (java.nio.channels.FileChannel channel =
                java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE))
            {
                channel.truncate(100);
            }
            final java.io.UncheckedIOException ex =
                assertThrows(java.io.UncheckedIOException.class, () -> reader.readAll(recorder));
            assertTrue(ex.getCause() instanceof org.feedhandler.protocol.FileShrankException, String.valueOf(ex));
        }
    }
}
